"""A tagged, accessible PDF of the inspector's document, with the pack attached inside it.

LibreOffice renders the Word export (the same document, so the two cannot differ) as a tagged PDF in PDF/UA
mode: headings, tables and alternative text become the PDF's structure, the language is kept. The pack is then
attached as an embedded file (``formats.pdf.ATTACHMENT``), so that ``evidencepack verify`` and ``load`` read the
PDF as they read the .docx.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from evidencepack.export.embed import pack_json
from evidencepack.export.errors import ExportError
from evidencepack.formats.pdf import ATTACHMENT

SOFFICE_TIMEOUT = 300
# LibreOffice's PDF export options (JSON form, LibreOffice 7.4 and later): tagged, PDF/UA, bookmarks from headings.
_FILTER = "pdf:writer_pdf_Export:" + json.dumps({
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
    "ExportBookmarks": {"type": "boolean", "value": "true"},
}, separators=(",", ":"))
INSTALL_HINT = "install LibreOffice (on Debian: apt-get install libreoffice-writer-nogui) or export to Word only"


def libreoffice() -> str | None:
    """The LibreOffice program, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, *, timeout: float = SOFFICE_TIMEOUT) -> bytes:
    """Render a Word document to a tagged PDF with LibreOffice (in a profile folder of its own)."""
    program = libreoffice()
    if program is None:
        raise ExportError(f"a PDF needs LibreOffice, which is not installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="evidencepack-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                 "--convert-to", _FILTER, "--outdir", str(work / "out"), str(source)],
                capture_output=True, text=True, timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:
            raise ExportError(f"LibreOffice did not finish the PDF within {timeout:g} seconds") from None
        pdf = work / "out" / "document.pdf"
        if not pdf.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise ExportError(f"LibreOffice made no PDF (exit {done.returncode}): {detail[-1] if detail else ''}")
        return pdf.read_bytes()


def attach_pack(pdf: bytes, data: dict[str, Any]) -> bytes:
    """The PDF with the pack attached as an embedded file (any earlier pack attachment replaced)."""
    from pypdf import PdfReader, PdfWriter  # lazy: pypdf loads only when a PDF is made (CLI start-up)

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(ATTACHMENT, pack_json(data).encode("ascii"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def export_pdf(docx: bytes, data: dict[str, Any]) -> bytes:
    """The PDF of an exported Word document, carrying ``data`` (the pack the document was made from)."""
    return attach_pack(docx_to_pdf(docx), data)
