"""A provider's own template: its styles, header and page set-up are used; gaps in it are filled or named."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor
from packs import full_pack
from wordml import Docx, Styles, accessibility_problems, heading_problems, text_problems, w

from evidencepack.export.document import export_docx
from evidencepack.export.errors import TemplateError
from evidencepack.formats.docx import NAMESPACE


def save(document: Any, path: Path) -> Path:
    document.save(path)
    return path


def branded(tmp_path: Path) -> Path:
    """A template with its own body font, a letterhead in the header and some body text to be replaced."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Verdana"
    normal.font.size = Pt(12)
    document.sections[0].header.paragraphs[0].text = "Larkfield Care Ltd letterhead"
    document.add_paragraph("Template body text that the export replaces")
    return save(document, tmp_path / "branded.docx")


def without_style(tmp_path: Path, style_id: str) -> Path:
    """A template whose styles part lacks ``style_id`` altogether."""
    source = branded(tmp_path)
    out = tmp_path / f"without-{style_id}.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/styles.xml":
                data, count = re.subn(
                    rb'<w:style [^>]*w:styleId="%s".*?</w:style>' % style_id.encode(), b"", data, flags=re.S
                )
                assert count == 1
            zout.writestr(info, data)
    return out


def normal_font(docx_file: Docx) -> tuple[str | None, str | None]:
    styles = Styles(docx_file)
    normal = styles.by_id["Normal"]
    fonts = normal.find(f"{w('rPr')}/{w('rFonts')}")
    size = normal.find(f"{w('rPr')}/{w('sz')}")
    return (fonts.get(w("ascii")) if fonts is not None else None, size.get(w("val")) if size is not None else None)


def test_the_template_font_header_and_page_are_used_and_its_body_replaced(tmp_path: Path, export_to: Any) -> None:
    path = export_to(full_pack(), template=branded(tmp_path))
    result = Docx.open(path)
    assert normal_font(result) == ("Verdana", "24")
    headers = " ".join("".join(t.text or "" for t in x.iter(w("t"))) for n, x in result.stories() if "header" in n)
    assert "Larkfield Care Ltd letterhead" in headers and "DRAFT" in headers
    assert "Template body text" not in result.text()
    assert accessibility_problems(result) == []


@pytest.mark.parametrize("style_id", ["Heading2", "Title", "Caption", "Normal"])
def test_a_template_missing_a_style_still_gives_a_good_document(tmp_path: Path, export_to: Any, style_id: str) -> None:
    path = export_to(full_pack(), template=without_style(tmp_path, style_id))
    result = Docx.open(path)
    assert heading_problems(result) == []
    assert text_problems(result) == []


def test_a_style_of_the_wrong_kind_is_named_in_the_error(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles["Heading 1"].element.getparent().remove(document.styles["Heading 1"].element)
    document.styles.add_style("Heading 1", WD_STYLE_TYPE.CHARACTER)
    with pytest.raises(TemplateError, match="'Heading 1' is a character style"):
        export_docx(full_pack(), template=save(document, tmp_path / "odd.docx"))


def test_small_pale_template_text_is_raised_to_11pt_and_darkened(tmp_path: Path, export_to: Any) -> None:
    document = docx.Document()  # its serif theme font is the template's choice, kept as it is
    document.styles["Normal"].font.size = Pt(8)
    document.styles["Normal"].font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)  # 2.3:1 on white
    path = export_to(full_pack(), template=save(document, tmp_path / "pale.docx"))
    assert text_problems(Docx.open(path), sans_serif=False) == []


def test_a_different_first_page_header_is_marked_too(tmp_path: Path, export_to: Any) -> None:
    document = docx.Document(branded(tmp_path))
    document.sections[0].different_first_page_header_footer = True
    document.sections[0].first_page_header.paragraphs[0].text = "Cover letterhead"
    path = export_to(full_pack(), template=save(document, tmp_path / "first-page.docx"))
    result = Docx.open(path)
    header_texts = ["".join(t.text or "" for t in x.iter(w("t"))) for n, x in result.stories() if "header" in n]
    assert len(header_texts) == 2 and all("DRAFT" in text for text in header_texts)
    assert accessibility_problems(result) == []


def test_a_word_template_dotx_is_accepted(tmp_path: Path, export_to: Any) -> None:
    source = branded(tmp_path)
    dotx = tmp_path / "branded.dotx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dotx, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            zout.writestr(info, data)
    result = Docx.open(export_to(full_pack(), template=dotx))
    assert normal_font(result) == ("Verdana", "24")


def test_a_template_given_as_bytes_works(tmp_path: Path, export_to: Any) -> None:
    result = Docx.open(export_to(full_pack(), template=branded(tmp_path).read_bytes()))
    assert normal_font(result) == ("Verdana", "24")


def test_an_earlier_export_as_template_carries_only_the_new_pack(tmp_path: Path, export_to: Any) -> None:
    old = {"metadata": {"title": "Old pack"}}
    template = export_to(old, "old.docx")
    new = full_pack()
    result = Docx.open(export_to(new, "new.docx", template=template))
    parts = [name for name, data in result.parts.items() if name.startswith("customXml/item")
             and NAMESPACE.encode() in data and "Props" not in name]
    assert len(parts) == 1
    from evidencepack.load import load

    assert load(tmp_path / "new.docx").data == new


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text", "not a readable ZIP package"),
        (b"PK\x03\x04 broken zip", "not a readable ZIP package"),
    ],
)
def test_a_template_that_is_not_a_word_file_gives_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "template.docx"
    path.write_bytes(content)
    with pytest.raises(TemplateError, match=message):
        export_docx(full_pack(), template=path)


def test_a_zip_that_is_not_word_gives_a_clear_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("hello.txt", "hello")
    with pytest.raises(TemplateError, match="not a Word document"):
        export_docx(full_pack(), template=buffer.getvalue())


def test_a_missing_template_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="cannot read the template"):
        export_docx(full_pack(), template=tmp_path / "nowhere.docx")
