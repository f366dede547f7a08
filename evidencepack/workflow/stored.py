"""Packs in the store, as both faces use them: import a file, export a stored pack (as data, as the Word
document, as a bundle carrying its attached files), and read its history.

``evidencepack store ...`` (``evidencepack.store_commands``) and the app call these same functions.
"""

from __future__ import annotations

import copy
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidencepack.blank import dump_pack
from evidencepack.load import parse_bytes
from evidencepack.options import CheckOptions
from evidencepack.store import Store, VersionInfo

ATTACHMENTS = "attachments"


def check_options() -> CheckOptions:
    # Evidence files on disk are not a stored pack's concern: its evidence lives in the store or on the web.
    return CheckOptions(check_files=False)


def import_bytes(store: Store, raw: bytes, filename: str, *, saved_by: str) -> str:
    """Store a pack read from a JSON, YAML or exported .docx (or bundle) file as a new pack; its id.

    Raises LoadError (a broken or foreign file) or StoreError (for example, a pack with this id exists);
    nothing is stored then.
    """
    document = parse_bytes(raw, filename)
    return store.create_pack(document.data, saved_by=saved_by, note=f"Imported from {Path(filename).name}")


def pack_text(content: dict[str, Any], fmt: str = "json") -> str:
    """The pack as JSON or YAML text."""
    return dump_pack(content, fmt)


def file_stem(content: dict[str, Any]) -> str:
    """A file name (no suffix) for an export of the pack: its title as a slug, and its version."""
    metadata = content.get("metadata", {})
    title = str(metadata.get("title") or "evidence-pack")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "evidence-pack"
    return f"{slug}-v{metadata.get('version', 1)}"


def _export_options(override: Any = None) -> Any:
    # the export (python-docx) loads only when a stored pack is exported
    from evidencepack.export import ExportOptions

    return ExportOptions(check=check_options(), override=override)


def docx_bytes(content: dict[str, Any], override: Any = None) -> bytes:
    """The Word document for a stored pack's content. Raises ExportRefused without an override when the pack
    has error-level findings, ExportError otherwise."""
    # the export (python-docx) loads only when a stored pack is exported
    from evidencepack.export import export_docx

    return export_docx(content, options=_export_options(override))


def safe_filename(name: str) -> str:
    """A file name that stays one plain file inside the bundle's folder, whatever was uploaded."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")
    return cleaned[:120] or "evidence.bin"


def bundle_source(store: Store, pack_id: str, content: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The pack as bundled: files stored with the pack are written under ``folder/attachments/<sha256>/`` and
    the copy's evidence points at them by path (with their SHA-256), so the bundle carries every file."""
    names = {a.sha256: a.filename for a in store.pack_attachments(pack_id)}
    bundled = copy.deepcopy(content)
    for item in bundled.get("evidence", []):
        sha = (item.get("source") or {}).get("attachment")
        if not sha:
            continue
        name = safe_filename(names.get(sha) or f"{item.get('id', 'evidence')}.bin")
        relative = f"{ATTACHMENTS}/{sha}/{name}"
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(store.get_attachment(sha))
        item["source"] = {"path": relative}
        item["sha256"] = sha
    return bundled


def bundle_bytes(store: Store, pack_id: str, content: dict[str, Any], override: Any = None) -> bytes:
    """The bundle .zip (Word document, pack, attached files) for a stored pack's content."""
    # the export (python-docx) loads only when a stored pack is exported
    from evidencepack.export import build_bundle

    with tempfile.TemporaryDirectory(prefix="evidencepack-bundle-") as folder:
        bundled = bundle_source(store, pack_id, content, Path(folder))
        return build_bundle(bundled, Path(folder), options=_export_options(override))


@dataclass(frozen=True)
class HistoryLine:
    """One saved version, as a person reads it."""

    number: int
    saved_at: str
    saved_by: str
    note: str

    def to_json(self) -> dict[str, Any]:
        return {"version": self.number, "saved_at": self.saved_at, "saved_by": self.saved_by, "note": self.note}


def history(store: Store, pack_id: str) -> list[HistoryLine]:
    """Every saved version of the pack, oldest first."""
    return [_line(v) for v in store.versions(pack_id)]


def _line(info: VersionInfo) -> HistoryLine:
    return HistoryLine(info.number, info.saved_at.strftime("%Y-%m-%d %H:%M UTC"), info.saved_by, info.note or "")
