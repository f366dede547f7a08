"""verify: an untouched export agrees with itself; an edit to the data inside, or to the words on the page,
is caught."""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from packs import full_pack

from evidencepack.canonical import content_sha256
from evidencepack.export.embed import item_xml
from evidencepack.export.verify import verify_bytes
from evidencepack.load import load


def rewrite(source: Path, target: Path, member_filter: Callable[[str], bool], change: Callable[[bytes], bytes]) -> Path:
    """A copy of a ZIP package with ``change`` applied to the members ``member_filter`` selects."""
    changed = 0
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if member_filter(info.filename):
                new = change(data)
                changed += new != data
                data = new
            zout.writestr(info, data)
    assert changed, "the test meant to change something"
    return target


def DOCUMENT(name: str) -> bool:  # noqa: N802 - reads as the member it selects
    return name == "word/document.xml"


def pack_part(name: str) -> bool:
    return name.startswith("customXml/item") and "Props" not in name


def verify(path: Path) -> Any:
    return verify_bytes(path.read_bytes(), path.name)


@pytest.fixture
def exported(export_to: Any) -> tuple[Path, dict[str, Any]]:
    data = full_pack()
    return export_to(data, "pack.docx"), data


def test_an_untouched_export_verifies(exported: tuple[Path, dict[str, Any]]) -> None:
    path, data = exported
    report = verify(path)
    assert report.ok, report.to_text()
    assert report.pack_sha256 == report.printed_sha256 == content_sha256(data)
    assert report.printed_score == report.score == "100%"
    assert "document and data agree" in report.to_text()


def test_a_changed_embedded_pack_is_caught(exported: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    path, _ = exported
    tampered = rewrite(path, tmp_path / "t.docx", pack_part, lambda b: b.replace(b"Night-time", b"Day-time"))
    report = verify(tampered)
    assert not report.ok
    assert [c.name for c in report.checks if not c.ok] == ["printed-hash", "text"]
    text = report.to_text()
    assert "DO NOT agree" in text and "the data inside the document was changed after the document was made" in text
    assert any("Night-time" in d.document_says and "Day-time" in d.data_says for d in report.differences)


def test_a_changed_printed_hash_is_caught(exported: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    path, data = exported
    digest = content_sha256(data).encode()
    forged = (b"0" if digest[:1] != b"0" else b"1") + digest[1:]
    tampered = rewrite(path, tmp_path / "t.docx", DOCUMENT, lambda b: b.replace(digest, forged))
    report = verify(tampered)
    assert not report.ok
    assert report.printed_sha256 == forged.decode()


def test_a_removed_printed_hash_is_caught(exported: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    path, _ = exported
    tampered = rewrite(path, tmp_path / "t.docx", DOCUMENT,
                       lambda b: b.replace(b"Pack content SHA-256", b"Pack content hash"))
    report = verify(tampered)
    assert not report.ok and "prints no Pack content SHA-256" in report.to_text()


def test_a_changed_printed_score_is_caught(export_to: Any, tmp_path: Path) -> None:
    data = full_pack()
    path = export_to(data)
    tampered = rewrite(path, tmp_path / "t.docx", DOCUMENT,
                       lambda b: b.replace(b">100% of the form", b">99.5% of the form", 1))
    report = verify(tampered)
    assert not report.ok
    assert [c.name for c in report.checks if not c.ok] == ["printed-score", "text"]
    [difference] = report.differences
    assert difference.section == "Inspector summary, The six principles at a glance"
    assert difference.document_says.startswith("Answered: 99.5% of the form")
    assert difference.data_says.startswith("Answered: 100% of the form")


def test_a_pack_and_hash_changed_together_are_caught_by_the_words(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Data and printed hash forged together: the words the changed data gives are not the words on the page."""
    path, data = exported
    changed = full_pack()
    changed["principles"][next(iter(changed["principles"]))]["criteria"] = {}

    def swap_pack(part: bytes) -> bytes:
        if b"urn:evidencepack" not in part:
            return part
        record = re.search(rb'ep:render="([^"]*)"', part)
        assert record, "an export records how it was made"
        return item_xml(changed, html.unescape(record.group(1).decode()))

    step = rewrite(path, tmp_path / "a.docx", pack_part, swap_pack)
    forged = rewrite(step, tmp_path / "b.docx", DOCUMENT,
                     lambda b: b.replace(content_sha256(data).encode(), content_sha256(changed).encode()))
    report = verify(forged)
    assert [c.name for c in report.checks if not c.ok] == ["printed-score", "text"]
    assert report.differences


def test_a_document_without_a_record_of_how_it_was_made_is_not_verified_and_says_why(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Without the record the words cannot be compared, so the document does not pass: otherwise deleting the
    record and then editing the text would pass. Its fingerprint and score are still checked and reported."""
    path, _ = exported
    older = rewrite(path, tmp_path / "old.docx", pack_part, lambda b: re.sub(rb' ep:render="[^"]*"', b"", b))
    report = verify(older)
    assert not report.ok and not report.text_compared
    assert [c.name for c in report.checks if not c.ok] == ["text"]
    text = report.to_text()
    assert "NOT VERIFIED" in text and "could not be compared" in text and "fresh copy" in text


def test_removing_the_record_and_editing_the_words_does_not_pass(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    path, _ = exported
    step = rewrite(path, tmp_path / "a.docx", pack_part, lambda b: re.sub(rb' ep:render="[^"]*"', b"", b))
    edited = rewrite(step, tmp_path / "b.docx", DOCUMENT,  # one word of the body's longest run of text changed
                     lambda b: b.replace(max(re.findall(rb"<w:t[^>]*>([^<]{40,})</w:t>", b), key=len),
                                         b"We did none of this; the figures above were made up.", 1))
    report = verify(edited)
    assert not report.ok and "DO NOT agree" not in report.to_text() and "NOT VERIFIED" in report.to_text()


def test_a_word_file_without_a_pack_does_not_verify(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Just a letter")
    document.save(tmp_path / "letter.docx")
    report = verify(tmp_path / "letter.docx")
    assert not report.ok and "holds no evidencepack data" in report.to_text()


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04garbage"])
def test_a_file_that_is_not_a_package_does_not_verify(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    report = verify(path)
    assert not report.ok and "not a readable ZIP package" in report.to_text()


def test_the_json_report_carries_every_check(exported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = exported
    report = verify(path).to_json()
    assert report["ok"] is True and report["kind"] == "docx"
    assert {c["name"] for c in report["checks"]} == {"embedded-pack", "printed-hash", "printed-score", "text"}
    assert report["text_compared"] is True and report["differences"] == []
    assert report["proves"] and report["does_not_prove"]


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


_RUN = b'</w:t></w:r><w:r><w:t xml:space="preserve">'  # where a bold label's run ends and its value's begins


@pytest.mark.parametrize(
    ("example", "before", "after", "section", "says", "data_says"),
    [
        ("gp-online-triage.yaml", b">Partly met<", b">Met<", "Inspector summary, Risks and gaps", "Met",
         "Partly met"),
        ("gp-online-triage.yaml", b">Some shortfalls<", b">Good standard<", "Inspector summary, The six principles",
         "Good standard", "Some shortfalls"),
        ("care-home-digital-care-planning.json", b"none causing harm", b"two causing harm", "Section 5.",
         "two causing harm", "none causing harm"),
        ("care-home-digital-care-planning.json", b"to 1.6 errors", b"to 0.6 errors", "Inspector summary, Key outcomes",
         "0.6 errors", "1.6 errors"),
        ("gp-online-triage.yaml", b"Status: " + _RUN + b"Partly met.", b"Status: " + _RUN + b"Met.", "Section 1.2",
         "Status: Met.", "Status: Partly met."),
        ("care-home-digital-care-planning.json", b">Principle 4: Adopt", b">Principle 4: Adapt", "Contents",
         "Principle 4: Adapt", "Principle 4: Adopt"),
    ],
)
def test_an_edit_an_inspector_made_on_the_page_is_caught_and_named(
    export_to: Any, tmp_path: Path, example: str, before: bytes, after: bytes, section: str, says: str,
    data_says: str
) -> None:
    """The edits of issue 11 that verify used to miss: each fails, naming the section and both texts."""
    data = load(EXAMPLES / example).data
    path = export_to(data, "example.docx", base_dir=EXAMPLES, validate=False)
    tampered = rewrite(path, tmp_path / "t.docx", DOCUMENT, lambda b: b.replace(before, after, 1))
    report = verify(tampered)
    assert not report.ok and [c.name for c in report.checks if not c.ok] == ["text"]
    [difference] = report.differences
    assert difference.section.startswith(section)
    assert says in difference.document_says and data_says in difference.data_says
    text = report.to_text()
    assert "This document was changed after it was made. Ask the provider for a fresh copy." in text
    assert f"says '{difference.document_says}', its data says '{difference.data_says}'" in text


@pytest.mark.parametrize("example", ["gp-online-triage.yaml", "care-home-digital-care-planning.json"])
def test_an_untouched_example_verifies_with_its_words_compared(export_to: Any, example: str) -> None:
    data = load(EXAMPLES / example).data
    report = verify(export_to(data, "example.docx", base_dir=EXAMPLES, validate=False))
    assert report.ok, report.to_text()
    assert report.text_compared and report.differences == []


_PAGE_NUMBER_RESULT = re.compile(  # where the first contents entry's page number goes
    rb'(PAGEREF _Toc_ep1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)')


@pytest.mark.parametrize(("result", "agrees"), [(b"<w:r><w:t>7</w:t></w:r>", True),
                                                (b"<w:r><w:t>We met every criterion</w:t></w:r>", False)])
def test_a_contents_page_number_is_not_pack_data_but_words_in_its_place_are_caught(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path, result: bytes, agrees: bool
) -> None:
    """Word writes the page numbers into the contents when it updates fields: a number there is no edit. Anything
    else written where a page number goes is compared like every other word."""
    path, _ = exported
    tampered = rewrite(path, tmp_path / "t.docx", DOCUMENT,
                       lambda b: _PAGE_NUMBER_RESULT.sub(lambda m: m.group(1) + result, b, count=1))
    report = verify(tampered)
    assert report.ok is agrees, report.to_text()
    if not agrees:
        [difference] = report.differences
        assert difference.section == "Contents" and "We met every criterion" in difference.document_says


def test_a_document_of_the_earlier_layout_gets_the_plain_words_and_its_printed_figure_is_still_read(
    exported: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A document made with layout 1 (a "Completeness" section printing "Overall completeness: 100%. Readiness:
    Ready.") cannot be made again by this release: verify says so in words, and still checks its printed figure."""
    path, _ = exported
    step = rewrite(path, tmp_path / "a.docx", pack_part,
                   lambda b: b.replace(b"&quot;layout&quot;:2,", b"&quot;layout&quot;:1,"))
    older = rewrite(step, tmp_path / "b.docx", DOCUMENT, lambda b: re.sub(
        rb"Answered: (</w:t></w:r><w:r><w:t[^>]*>)100% of the form[^<]*",
        rb"Overall completeness: \g<1>100%. Readiness: Ready.", b, count=1))
    report = verify(older)
    assert not report.ok and not report.text_compared
    assert [c.name for c in report.checks if not c.ok] == ["text"]
    assert report.printed_score == "100%"
    text = report.to_text()
    assert "in a layout this release cannot make again (layout 1)" in text and "fresh copy" in text
