"""Word export: an accessible .docx that carries the pack it was made from, and the checks that verify it.

The heavy imports (python-docx) stay inside the modules that need them. Reading a pack back out of a .docx or a
bundle is not the export's job: ``evidencepack.formats`` does it, with the standard library only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidencepack.export.bundle import build_bundle
    from evidencepack.export.document import Exported, ExportOptions, export_docx, export_pack
    from evidencepack.export.errors import ExportError
    from evidencepack.export.gate import ExportOverride, ExportRefused, OverrideError
    from evidencepack.export.verify import VerifyReport, verify_bytes

__all__ = [
    "ExportError",
    "ExportOptions",
    "ExportOverride",
    "ExportRefused",
    "Exported",
    "OverrideError",
    "VerifyReport",
    "build_bundle",
    "export_docx",
    "export_pack",
    "verify_bytes",
]

_HOMES = {
    "ExportError": "evidencepack.export.errors",
    "ExportOptions": "evidencepack.export.document",
    "export_docx": "evidencepack.export.document",
    "export_pack": "evidencepack.export.document",
    "Exported": "evidencepack.export.document",
    "ExportOverride": "evidencepack.export.gate",
    "ExportRefused": "evidencepack.export.gate",
    "OverrideError": "evidencepack.export.gate",
    "VerifyReport": "evidencepack.export.verify",
    "verify_bytes": "evidencepack.export.verify",
    "build_bundle": "evidencepack.export.bundle",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # each name's module loads on first use (python-docx stays off the check path)
    import importlib

    return getattr(importlib.import_module(_HOMES[name]), name)
