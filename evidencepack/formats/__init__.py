"""Readers of the formats a pack can come in: JSON, YAML, and a .docx, bundle .zip or PDF that carries one.

``load`` reaches them through ``reader(fmt)``, a table from format name to reader. A reader takes the raw bytes
and a name for messages and returns the parsed data, or raises ``LoadError`` with a finding that says what is
wrong and where. Formats are leaves of the import graph: nothing here imports the export, a face, or ``load``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Literal

from evidencepack.formats.errors import ArchiveError, LoadError

Format = Literal["json", "yaml", "docx", "pdf"]
Reader = Callable[[bytes, str], Any]
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"

# Modules are imported on first use, so that checking a JSON pack never loads the ZIP and XML readers.
_READERS: dict[str, tuple[str, str]] = {
    "json": ("evidencepack.formats.json_format", "read_json"),
    "yaml": ("evidencepack.formats.yaml_format", "read_yaml"),
    "docx": ("evidencepack.formats.docx", "read_docx"),
    "pdf": ("evidencepack.formats.pdf", "read_pdf"),
}


def reader(fmt: Format) -> Reader:
    """The reader of format ``fmt``."""
    module, name = _READERS[fmt]
    return getattr(importlib.import_module(module), name)


def guess_format(raw: bytes, name: str) -> Format:
    """The format of a file from its first bytes and its name."""
    lower = name.lower()
    if raw.startswith(PDF_MAGIC) or lower.endswith(".pdf"):
        return "pdf"
    if raw.startswith(ZIP_MAGIC) or lower.endswith((".docx", ".zip")):
        return "docx"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".json"):
        return "json"
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "yaml"


__all__ = ["ArchiveError", "Format", "LoadError", "Reader", "ZIP_MAGIC", "guess_format", "reader"]
