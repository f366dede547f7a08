"""The document as an inspector reads it: LibreOffice-rendered pages of the examples (issue 11, items 1, 3, 4)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from harness import pdf_text
from pypdf import PdfReader
from wordml import Docx, w

from evidencepack.export.provider_share import provider_words, strings
from evidencepack.load import load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CARE_HOME = "care-home-digital-care-planning.json"
GP = "gp-online-triage.yaml"
RUNNING_HEAD = re.compile(r"^(DRAFT|Approved by|SUPERSEDED)")
LABEL_ALONE = re.compile(r"^[A-Z][A-Za-z ,()]{0,40}:$")


def pages(pdf: Path) -> list[list[str]]:
    """The non-empty lines of each page, the running head and the page number left out."""
    out = []
    for page in pdf_text(pdf).split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        out.append([line for line in lines if not RUNNING_HEAD.match(line) and not line.startswith("Page ")])
    return [page for page in out if page]


def page_of(all_pages: list[list[str]], line: str) -> int:
    return next(number for number, page in enumerate(all_pages, start=1) if line in page)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[list[str]], Path]]:
    """Both examples exported and rendered once for the module: (docx, lines of each page, pdf)."""
    from harness import convert_to_pdf, export_options

    from evidencepack.export.document import export_docx

    folder = tmp_path_factory.mktemp("layout")
    out = {}
    for name in (CARE_HOME, GP, APPROVED):
        docx = folder / f"{Path(name).stem}.docx"
        docx.write_bytes(export_docx(example_data(name), options=export_options(EXAMPLES)))
        pdf = convert_to_pdf(docx, folder / Path(name).stem)
        out[name] = (docx, pages(pdf), pdf)
    return out


APPROVED = "care-home-approved"  # the care home as approved by its only editor, with a reason: what an inspector gets


def example_data(name: str) -> dict[str, Any]:
    """An example's pack; APPROVED is the care home as approved (the approval's lines lengthen the summary)."""
    if name != APPROVED:
        return load(EXAMPLES / name).data
    data = load(EXAMPLES / CARE_HOME).data
    data["metadata"]["status"] = "approved"
    data["metadata"]["approval"] = {
        "name": "A. Example", "role": "Registered manager", "date": "2026-11-20", "self_approved": True,
        "reason": "Approved for the assessment with the open gaps in principles 1, 4 and 5 in the action plan.",
    }
    return data


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, APPROVED])
def test_the_care_home_example_fits_on_fifteen_a4_pages_with_all_its_content(rendered: Any, example: str) -> None:
    """Issue 11: at most 15 A4 pages, and nothing of the provider's left out to get there."""
    _, all_pages, pdf = rendered[example]
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 15
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)
    data = load(EXAMPLES / CARE_HOME).data

    def bare(words: str) -> str:  # a line wraps at a hyphen, which pdftotext then drops: compare without either
        return "".join(words.split()).replace("-", "")

    frame = re.compile(r"Page [0-9]+ of [0-9]+|DRAFT: not approved \(in review\)|Approved by A\. Example, Registered "
                       r"manager on 20 November 2026")  # the running head and footer: a page break inside a text
    text = bare(frame.sub("", pdf_text(pdf, layout=False)))
    for item in data["evidence"]:
        assert bare(item["description"]) in text, item["id"]
    for principle in data["principles"].values():
        for response in principle["criteria"].values():
            for paragraph in response["narrative"].split("\n\n"):
                assert bare(paragraph) in text, paragraph[:40]


@pytest.mark.libreoffice
def test_the_provider_s_words_are_at_least_half_of_the_care_home_document(rendered: Any) -> None:
    """Counted as bench/document_pages.py counts (one shared helper)."""
    _, _, pdf = rendered[CARE_HOME]
    total, provider = provider_words(load(EXAMPLES / CARE_HOME).data, pdf_text(pdf, layout=False))
    assert provider / total >= 0.5, f"the provider's words are {100 * provider / total:.0f}% of {total}"


_ENTRY = re.compile(r"^(?P<title>\S.*?)\s*\.{4,}\s*(?P<page>[0-9]+)$")  # "Action plan ........ 12"


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_the_contents_give_the_page_each_section_begins_on(rendered: Any, example: str) -> None:
    _, all_pages, _ = rendered[example]
    entries = [(m["title"], int(m["page"])) for page in all_pages for line in page if (m := _ENTRY.match(line))]
    sections = [h for h in ("Inspector summary", "Document control", "Outcome measures", "Action plan",
                            "Appendix A: Evidence register", "Appendix C: Findings for the provider")]
    assert [title for title, _ in entries if title in sections] == sections  # every section, in order
    assert len([t for t, _ in entries if t.startswith("Principle ")]) == 6
    for title, number in entries:  # the first page whose lines (the contents' own left out) begin the heading
        found = next(n for n, page in enumerate(all_pages, start=1)
                     if any(not _ENTRY.match(line) and len(line) >= 10 and title.startswith(line) or line == title
                            for line in page))
        assert found == number, f"the contents say {title!r} is on page {number}; it begins on page {found}"


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP, APPROVED])
def test_the_inspector_summary_comes_first_and_fits_on_two_pages(rendered: Any, example: str) -> None:
    _, all_pages, _ = rendered[example]
    numbered = [(number, line) for number, page in enumerate(all_pages, start=1) for line in page]
    start = page_of(all_pages, "Inspector summary")
    after = next(index for index, (_, line) in enumerate(numbered) if line == "Document control")
    last = numbered[after - 1][0]  # the page of the summary's last line (the next section may share it)
    assert start == 2  # straight after the cover
    assert last - start + 1 <= 2, f"the inspector summary runs over {last - start + 1} pages"


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_no_page_begins_or_ends_with_a_label_stranded_from_its_text(rendered: Any, example: str) -> None:
    _, all_pages, _ = rendered[example]
    stranded = [(number, line) for number, page in enumerate(all_pages, start=1) for line in (page[0], page[-1])
                if LABEL_ALONE.match(line)]
    assert stranded == []


def test_the_stranded_label_check_can_fail() -> None:
    assert LABEL_ALONE.match("Evidence:") and LABEL_ALONE.match("Quality statements:")
    assert not LABEL_ALONE.match("Evidence: E1 Co-design workshop notes")


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_no_sign_wraps_away_from_its_number(rendered: Any, example: str) -> None:
    _, all_pages, _ = rendered[example]
    lines = [line for page in all_pages for line in page]
    assert [line for line in lines if re.search(r"(\(|^|\s)[-\u2212+]$", line)] == []


@pytest.mark.libreoffice
def test_body_table_rows_are_kept_whole_on_a_page(rendered: Any) -> None:
    docx_path, _, _ = rendered[CARE_HOME]
    rows = list(Docx.open(docx_path).document.iter(w("tr")))
    assert rows and all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_the_body_holds_no_internal_keys_codes_points_or_paths(rendered: Any, example: str) -> None:
    """Codes may appear only in the provider's appendix (C); the rest of the document speaks plainly. The provider's
    own words are left out of this check: they are shown as written (the care home's notes on a measure name a
    criterion by its key, "people.inclusion")."""
    _, all_pages, pdf = rendered[example]
    text = "\n".join(line for page in all_pages for line in page)
    assert text.count("\nAppendix C: Findings for the provider\n") == 1  # the heading (its contents line has dots)
    body = " ".join(text.split("\nAppendix C: Findings for the provider\n")[0].split())  # the provider's is last
    for value in sorted(set(strings(load(EXAMPLES / example).data)), key=len, reverse=True):
        body = body.replace(" ".join(value.split()), " ") if len(value.split()) > 1 else body
    assert re.findall(r"\bEP[0-9]{3}\b", body) == []
    assert re.findall(r"/principles/|/evidence/|/measures/", body) == []
    assert "points)" not in body and "docs/rules.md" not in body
    assert re.findall(r"\b(people|culture|support|adopt|outcomes|change)\.[a-z_]+\b", body) == []
    assert "None" not in body.split()
