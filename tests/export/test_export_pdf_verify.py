"""export --pdf writes a tagged PDF carrying the pack and how it was made; verify reads it like a .docx and
catches a PDF whose words or data were changed (issue 11, items 7 and 8)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from harness import EXAMPLES, TODAY, export_options
from pypdf import PdfReader

from evidencepack.exit_codes import ExitCode
from evidencepack.export.document import export_pack
from evidencepack.export.embed import pack_json
from evidencepack.export.pdf import export_pdf
from evidencepack.export.verify import verify_bytes
from evidencepack.formats.pdf import ATTACHMENT
from evidencepack.load import load

pytestmark = pytest.mark.libreoffice
EXAMPLE = EXAMPLES / "care-home-digital-care-planning.json"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidencepack", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def with_text_changed(docx: bytes, before: bytes, after: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                assert before in data
                data = data.replace(before, after, 1)
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def exported() -> Any:
    data = load(EXAMPLE).data
    return export_pack(data, options=export_options(EXAMPLES))


def test_export_pdf_writes_a_pdf_that_verify_accepts(tmp_path: Path) -> None:
    done = run("export", EXAMPLE, "--pdf", "-o", tmp_path / "pack.pdf")
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert (tmp_path / "pack.pdf").read_bytes()[:5] == b"%PDF-"
    done = run("verify", tmp_path / "pack.pdf", "--format", "json")
    assert done.returncode == ExitCode.PASSED, done.stdout
    report = json.loads(done.stdout)
    assert report["ok"] is True and report["kind"] == "pdf" and report["text_compared"] is True


def test_a_pdf_made_from_a_changed_document_is_caught_and_named(exported: Any) -> None:
    changed = with_text_changed(exported.content, b">Partly met<", b">Met<")
    report = verify_bytes(export_pdf(changed, exported.data, exported.render), "changed.pdf")
    assert not report.ok and [c.name for c in report.checks if not c.ok] == ["text"]
    assert any("Met" in d.document_says and "Partly met" in d.data_says for d in report.differences)
    assert "This document was changed after it was made" in report.to_text()


def test_a_pdf_whose_contents_were_changed_is_caught_though_its_page_numbers_are_not_data(exported: Any) -> None:
    """The contents' page numbers (computed by LibreOffice) are let be; their words are compared like any others."""
    changed = with_text_changed(exported.content, b">Principle 4: Adopt", b">Principle 4: Adapt")
    report = verify_bytes(export_pdf(changed, exported.data, exported.render), "changed.pdf")
    assert not report.ok and [c.name for c in report.checks if not c.ok] == ["text"]
    [difference] = report.differences
    assert difference.section == "Contents" and "Adapt" in difference.document_says
    assert "Adopt" in difference.data_says


def test_a_pdf_whose_attached_pack_was_changed_is_caught(exported: Any) -> None:
    changed = json.loads(pack_json(exported.data))
    changed["innovation"]["supplier"] = "Another Supplier Ltd"
    pdf = export_pdf(exported.content, changed, exported.render)  # the pages of the original, other data attached
    assert PdfReader(io.BytesIO(pdf)).attachments[ATTACHMENT] == [pack_json(changed).encode("ascii")]
    report = verify_bytes(pdf, "changed.pdf")
    assert not report.ok
    assert {"printed-hash", "text"} <= {c.name for c in report.checks if not c.ok}
    assert any("Another Supplier Ltd" in d.data_says for d in report.differences)


def _structure_types(node: Any, seen: set[str]) -> set[str]:
    node = node.get_object()
    if isinstance(node, dict) or hasattr(node, "get"):
        kind = node.get("/S")
        if kind is not None:
            seen.add(str(kind))
        kids = node.get("/K")
        if kids is not None:
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object"):
                    _structure_types(kid, seen)
    return seen


def test_the_pdf_tags_the_inspector_summary_headings_and_tables(exported: Any) -> None:
    """Accessibility of the PDF: language, headings and tables are in its structure tree, not only drawn."""
    reader = PdfReader(io.BytesIO(export_pdf(exported.content, exported.data, exported.render)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and bool(root["/MarkInfo"]["/Marked"])
    kinds = _structure_types(root["/StructTreeRoot"], set())
    assert {"/H1", "/H2", "/Table", "/TR", "/TH", "/TD"} <= kinds, kinds
    assert "Inspector summary" in reader.pages[1].extract_text()
    assert TODAY.year  # the export is made as of the tests' fixed date
