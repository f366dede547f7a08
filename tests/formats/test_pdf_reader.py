"""Reading the pack attached to a PDF (``evidencepack.load``), and refusing other or broken PDFs clearly.

The PDFs here are made with pypdf alone (a blank page and an attachment), so these tests need no LibreOffice;
tests/export/test_export_pdf.py checks the real export.
"""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfWriter

from evidencepack.formats import guess_format
from evidencepack.formats.pdf import ATTACHMENT
from evidencepack.load import LoadError, parse_bytes


def pdf_with(attachments: dict[str, bytes]) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    for name, data in attachments.items():
        writer.add_attachment(name, data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def refused(raw: bytes, *expected: str, code: str = "EP007") -> None:
    with pytest.raises(LoadError) as caught:
        parse_bytes(raw, "inspector.pdf")
    assert caught.value.finding.code == code
    message = caught.value.finding.message
    assert message.startswith("inspector.pdf"), message
    for part in expected:
        assert part in message, message


def test_a_pdf_is_recognised_by_its_first_bytes_whatever_its_name() -> None:
    assert guess_format(pdf_with({}), "upload") == "pdf"
    assert guess_format(b"{}", "pack.pdf") == "pdf"


def test_the_attached_pack_is_read_back() -> None:
    pack = {"metadata": {"title": "Électronic records – Larkfield"}, "evidence": []}
    document = parse_bytes(pdf_with({ATTACHMENT: json.dumps(pack).encode()}), "pack.pdf")
    assert document.format == "pdf"
    assert document.data == pack


def test_a_pdf_without_the_pack_says_it_was_not_made_by_the_export() -> None:
    refused(pdf_with({"minutes.txt": b"Board minutes"}), "holds no evidencepack data", "--pdf")


def test_a_truncated_pdf_is_refused_with_a_reason() -> None:
    refused(pdf_with({})[:200], "not a readable PDF")


def test_an_attached_pack_with_a_repeated_key_is_refused_at_its_place() -> None:
    refused(pdf_with({ATTACHMENT: b'{"metadata": {}, "metadata": {}}'}), ATTACHMENT, "appears twice", code="EP003")


def test_an_attached_value_that_is_not_an_object_is_refused() -> None:
    refused(pdf_with({ATTACHMENT: b"[1, 2]"}), "not an object")
