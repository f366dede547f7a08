"""Evidence files for the personal-data gate's tests: Word documents, PDFs (written by hand) and packs."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal, valid PDF: one page per list of lines, Helvetica text, a correct cross-reference table."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    page_count = len(pages)
    first_page = 4  # objects: 1 catalog, 2 pages, 3 font, then a page and its content stream for each page
    kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(page_count))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, lines in enumerate(pages):
        content = ("BT /F1 11 Tf 72 740 Td 14 TL " + " ".join(f"({escape(x)}) Tj T*" for x in lines) + " ET").encode(
            "latin-1"
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {first_page + 2 * index + 1} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def docx_file(path: Path, paragraphs: list[str], *, table: list[list[str]] | None = None,
              header: str | None = None) -> Path:
    """A Word document written with python-docx."""
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def attach(data: dict[str, Any], folder: Path, relative: str, content: bytes | None = None, index: int = 0) -> None:
    """Evidence item ``index`` points at ``relative`` in ``folder`` (written with ``content`` when given)."""
    target = folder / relative
    if content is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    item = data["evidence"][index]
    item["source"] = {"path": relative}
    if target.is_file():
        item["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
