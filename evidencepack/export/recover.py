"""Read the pack back out of an exported Word document (or a bundle), for ``evidencepack.load``.

Standard library only: loading a .docx must not pull python-docx onto the check path.
"""

from __future__ import annotations

from typing import Any

from evidencepack.export.archive import Archive, open_archive
from evidencepack.export.embed import read_pack
from evidencepack.export.errors import ArchiveError
from evidencepack.findings import finding
from evidencepack.load import LoadError

BUNDLE_MANIFEST = "manifest.json"


def pack_from_archive(archive: Archive) -> dict[str, Any]:
    """The pack in an opened .docx, or in the document inside a bundle."""
    if archive.has(BUNDLE_MANIFEST):
        from evidencepack.export.bundle import read_manifest

        manifest = read_manifest(archive)
        document = open_archive(archive.read(manifest.document), f"{archive.name}: {manifest.document}")
        return read_pack(document)[0]
    return read_pack(archive)[0]


def pack_from_docx(raw: bytes, name: str) -> dict[str, Any]:
    """The pack embedded in an exported .docx (or bundle .zip); LoadError (EP007) for anything else."""
    try:
        return pack_from_archive(open_archive(raw, name))
    except ArchiveError as exc:
        raise LoadError(finding("EP007", "", str(exc))) from None
