"""Text extraction from attached files (evidencepack.privacy.extract), one behaviour per test."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from privacy_files import docx_file, pdf_bytes

from evidencepack.privacy.extract import MAX_COMPRESSION_RATIO, Extracted, ExtractionError, extract_text

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def raw_docx(path: Path, document_xml: str, compression: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("word/document.xml", document_xml)
    return path


def test_text_file_is_read_as_utf8(tmp_path):
    assert extract_text(write(tmp_path / "a.txt", "Café notes\n".encode())).text == "Café notes\n"


def test_byte_order_marks_are_honoured(tmp_path):
    assert extract_text(write(tmp_path / "a.txt", "\ufeffnotes".encode())).text == "notes"
    assert extract_text(write(tmp_path / "b.txt", "notes".encode("utf-16"))).text == "notes"


def test_undecodable_bytes_do_not_stop_the_read(tmp_path):
    assert extract_text(write(tmp_path / "a.txt", b"caf\xe9 07700 900123")).text.endswith("07700 900123")


def test_text_beyond_the_limit_is_cut_and_flagged(tmp_path):
    extracted = extract_text(write(tmp_path / "a.txt", b"x" * 50), max_chars=10)
    assert (extracted.text, extracted.truncated) == ("x" * 10, True)


def test_csv_rows_carry_their_column_names(tmp_path):
    extracted = extract_text(write(tmp_path / "a.csv", b"name,dob\nA,14/02/1939\n"))
    assert extracted.text.splitlines() == ["name; dob", "name: A; dob: 14/02/1939"]


def test_csv_delimiter_is_guessed_from_the_header(tmp_path):
    extracted = extract_text(write(tmp_path / "a.csv", b"name;dob\nA;14/02/1939\n"))
    assert extracted.text.splitlines()[1] == "name: A; dob: 14/02/1939"


def test_csv_line_numbers_follow_the_file_across_quoted_line_breaks(tmp_path):
    extracted = extract_text(write(tmp_path / "a.csv", b'note,phone\n"two\nlines",x\nthird,07700 900123\n'))
    assert extracted.where(extracted.text.index("07700")) == "line 4"


def test_tsv_is_read_as_a_table(tmp_path):
    extracted = extract_text(write(tmp_path / "a.tsv", b"mrn\tward\nRX123456\t4\n"))
    assert "mrn: RX123456" in extracted.text


def test_docx_paragraphs_are_lines(tmp_path):
    path = docx_file(tmp_path / "a.docx", ["First", "Second"])
    extracted = extract_text(path)
    assert extracted.where(extracted.text.index("Second")) == "paragraph 2"


def test_docx_text_box_paragraph_is_read_once(tmp_path):
    xml = (f"<w:document {W}><w:body><w:p><w:r><w:t>Outer</w:t></w:r><w:r><w:txbxContent><w:p><w:r>"
           "<w:t>MRN RX123456</w:t></w:r></w:p></w:txbxContent></w:r></w:p></w:body></w:document>")
    assert extract_text(raw_docx(tmp_path / "a.docx", xml)).text.count("RX123456") == 1


def test_docx_without_a_document_part_is_refused(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    with pytest.raises(ExtractionError, match="not a Word document"):
        extract_text(path)


def test_docx_with_an_entity_is_refused_before_parsing(tmp_path):
    xml = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]><w:document ' + W + "><w:body/></w:document>"
    with pytest.raises(ExtractionError, match="DOCTYPE or entities"):
        extract_text(raw_docx(tmp_path / "a.docx", xml))


def test_docx_part_that_expands_too_much_is_refused(tmp_path):
    xml = f"<w:document {W}><w:body>" + " " * (MAX_COMPRESSION_RATIO * 5000) + "</w:body></w:document>"
    with pytest.raises(ExtractionError, match="fold"):
        extract_text(raw_docx(tmp_path / "a.docx", xml, zipfile.ZIP_DEFLATED))


def test_not_a_zip_is_refused(tmp_path):
    with pytest.raises(ExtractionError, match="not a readable Word document"):
        extract_text(write(tmp_path / "a.docx", b"just text"))


def test_pdf_pages_are_split_and_named(tmp_path):
    extracted = extract_text(write(tmp_path / "a.pdf", pdf_bytes([["one"], ["two", "three"]])))
    assert extracted.where(extracted.text.index("three")) == "page 2, line 2"


def test_unknown_kinds_are_not_read(tmp_path):
    assert extract_text(write(tmp_path / "a.png", b"\x89PNG")) is None
    assert extract_text(write(tmp_path / "a.xlsx", b"PK")) is None


def test_where_counts_lines_from_one():
    extracted = Extracted("a\nb\nc")
    assert [extracted.where(i) for i in (0, 2, 4)] == ["line 1", "line 2", "line 3"]
