"""Read the pack embedded in an exported Word document, or in the document inside a bundle.

The pack is a custom XML part (customXml/itemN.xml) related from the main document part; the export writes it
(``evidencepack.export.embed``) and this module reads it back, with the standard library only, so that loading a
.docx never pulls python-docx onto the check path.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from evidencepack.findings import finding
from evidencepack.formats.archive import Archive, open_archive, parse_xml
from evidencepack.formats.bundle import MANIFEST, read_manifest
from evidencepack.formats.errors import ArchiveError, LoadError

NAMESPACE = "urn:evidencepack:pack:1"
ROOT = f"{{{NAMESPACE}}}pack"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def relationships(archive: Archive, part: str) -> list[tuple[str, str]]:
    """(type, target part name) of each internal relationship of ``part`` ("" for the package)."""
    rels = _rels_name(part) if part else "_rels/.rels"
    if not archive.has(rels):
        return []
    root = parse_xml(archive.read(rels), f"{archive.name}: {rels}")
    out = []
    for rel in root.iter(_RELS):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        if target.startswith("/"):
            resolved = target.lstrip("/")
        else:
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        out.append((rel.get("Type") or "", resolved))
    return out


def main_part(archive: Archive) -> str:
    """The main document part's name (word/document.xml in every Word file seen so far)."""
    for kind, target in relationships(archive, ""):
        if kind == RT_OFFICE_DOCUMENT and archive.has(target):
            return target
    raise ArchiveError(f"{archive.name}: not a Word document (no main document part)")


def read_pack(archive: Archive) -> tuple[dict[str, Any], str]:
    """The pack stored in a document, and the name of the part it was in."""
    main = main_part(archive)
    for kind, target in relationships(archive, main):
        if kind != RT_CUSTOM_XML or not archive.has(target):
            continue
        root = parse_xml(archive.read(target), f"{archive.name}: {target}")
        if root.tag != ROOT:
            continue
        try:
            data = json.loads(root.text or "", parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as exc:
            raise ArchiveError(f"{archive.name}: the pack stored in {target} is not readable JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ArchiveError(f"{archive.name}: the pack stored in {target} is not an object")
        return data, target
    raise ArchiveError(
        f"{archive.name}: holds no evidencepack data; it was not made by 'evidencepack export', "
        "or the data was removed"
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"the value {name} is not allowed in a pack")


def pack_from_archive(archive: Archive) -> dict[str, Any]:
    """The pack in an opened .docx, or in the document inside a bundle."""
    if archive.has(MANIFEST):
        manifest = read_manifest(archive)
        document = open_archive(archive.read(manifest.document), f"{archive.name}: {manifest.document}")
        return read_pack(document)[0]
    return read_pack(archive)[0]


def read_docx(raw: bytes, name: str) -> dict[str, Any]:
    """The pack embedded in an exported .docx (or bundle .zip); LoadError (EP007) for anything else."""
    try:
        return pack_from_archive(open_archive(raw, name))
    except ArchiveError as exc:
        raise LoadError(finding("EP007", "", str(exc))) from None
