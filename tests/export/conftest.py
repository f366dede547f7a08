"""Fixtures for the Word export tests: real tools only (see harness.py).

- ``export_to(data, name, ...)``: export a pack to a file in the test's folder and validate it with the Open
  XML SDK validator, so that every document a test makes is checked. A pack with error-level findings needs
  ``override=OVERRIDE`` (harness.py): the export gate refuses it otherwise.
- ``to_pdf(docx)``: LibreOffice's PDF of a document, and the PDF's text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness import assert_valid_ooxml, convert_to_pdf, export_options, pdf_text

from evidencepack.export.document import export_docx
from evidencepack.export.gate import ExportOverride


@pytest.fixture
def export_to(tmp_path: Path) -> Callable[..., Path]:
    """Export ``data`` to ``tmp_path/name`` (validated by the OOXML validator) and return the path."""

    def export(data: dict[str, Any], name: str = "pack.docx", *, template: Any = None,
               base_dir: Path | None = None, validate: bool = True, override: ExportOverride | None = None) -> Path:
        path = tmp_path / name
        path.write_bytes(export_docx(data, template=template, options=export_options(base_dir, override)))
        if validate:
            assert_valid_ooxml(path)
        return path

    return export


@pytest.fixture
def to_pdf(tmp_path: Path) -> Callable[[Path], tuple[Path, str]]:
    """Convert a .docx to PDF; returns the PDF and its text."""

    def convert(docx: Path) -> tuple[Path, str]:
        pdf = convert_to_pdf(docx, tmp_path / f"pdf-{docx.stem}")
        return pdf, pdf_text(pdf)

    return convert
