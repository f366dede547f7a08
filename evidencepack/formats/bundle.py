"""Read a bundle's manifest: what the .zip holds, with each file's SHA-256 and size.

The export writes bundles (``evidencepack.export.bundle``); this module reads their manifest, so that loading or
verifying a bundle needs nothing from the export.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from evidencepack.formats.archive import Archive, unsafe_name
from evidencepack.formats.errors import ArchiveError

FORMAT = "evidencepack-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ManifestFile:
    path: str
    sha256: str
    bytes: int
    role: str  # "pack", "document" or "evidence"
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manifest:
    pack: str
    document: str
    pack_sha256: str
    files: tuple[ManifestFile, ...]

    def to_json(self, created: dt.datetime, tool: str) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool": tool,
            "created": created.isoformat(timespec="seconds"),
            "pack": self.pack,
            "document": self.document,
            "pack_sha256": self.pack_sha256,
            "files": [
                {"path": f.path, "sha256": f.sha256, "bytes": f.bytes, "role": f.role}
                | ({"evidence": list(f.evidence)} if f.evidence else {})
                for f in self.files
            ],
        }


def _field(raw: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = raw.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ArchiveError(f"{where}: {MANIFEST} has no valid {key!r}")
    return value


def read_manifest(archive: Archive) -> Manifest:
    """The bundle's manifest, checked for shape and safe names (the hashes are checked by verify)."""
    try:
        raw = json.loads(archive.read(MANIFEST, limit=MAX_MANIFEST_BYTES))
    except (ValueError, RecursionError) as exc:
        raise ArchiveError(f"{archive.name}: {MANIFEST} is not readable JSON ({exc})") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ArchiveError(f"{archive.name}: {MANIFEST} is not an evidencepack bundle manifest")
    where = archive.name
    files = []
    seen: set[str] = set()
    for entry in _field(raw, "files", list, where):
        if not isinstance(entry, dict):
            raise ArchiveError(f"{where}: {MANIFEST} lists a file that is not an object")
        path = _field(entry, "path", str, where)
        problem = unsafe_name(path)
        if problem:
            raise ArchiveError(f"{where}: {MANIFEST} lists {path!r}, which has {problem}")
        if path in seen:
            raise ArchiveError(f"{where}: {MANIFEST} lists {path!r} twice")
        seen.add(path)
        evidence = entry.get("evidence", [])
        files.append(
            ManifestFile(
                path=path,
                sha256=_field(entry, "sha256", str, where),
                bytes=_field(entry, "bytes", int, where),
                role=_field(entry, "role", str, where),
                evidence=tuple(str(e) for e in evidence) if isinstance(evidence, list) else (),
            )
        )
    return Manifest(
        pack=_field(raw, "pack", str, where),
        document=_field(raw, "document", str, where),
        pack_sha256=_field(raw, "pack_sha256", str, where),
        files=tuple(files),
    )
