"""The PDF for inspectors who want one: tagged, in English (UK), with the pack attached and read back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import tiers
from harness import EXAMPLES, export_options
from pypdf import PdfReader

from evidencepack.canonical import content_sha256
from evidencepack.export.document import export_docx
from evidencepack.export.errors import ExportError
from evidencepack.export.pdf import export_pdf
from evidencepack.load import load, parse_bytes

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def example_pdf() -> tuple[dict, bytes]:
    data = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text(encoding="utf-8"))
    return data, export_pdf(export_docx(data, options=export_options()), data)


def test_the_pdf_is_tagged_with_its_language_and_structure(example_pdf: tuple[dict, bytes]) -> None:
    tiers.require("libreoffice")
    root = PdfReader(io.BytesIO(example_pdf[1])).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"


def test_the_pdf_shows_the_document_and_carries_the_pack(example_pdf: tuple[dict, bytes], tmp_path: Path) -> None:
    tiers.require("libreoffice")
    data, pdf = example_pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    assert data["metadata"]["title"].split()[0] in reader.pages[0].extract_text()
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    loaded = load(path)
    assert loaded.format == "pdf"
    assert content_sha256(loaded.data) == content_sha256(data)


def test_without_libreoffice_the_pdf_is_refused_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ExportError, match="needs LibreOffice.*apt-get install"):
        export_pdf(b"not used", {})


def test_a_pdf_exported_from_a_pack_reads_back_through_parse_bytes(example_pdf: tuple[dict, bytes]) -> None:
    tiers.require("libreoffice")
    assert parse_bytes(example_pdf[1], "upload").data == example_pdf[0]
