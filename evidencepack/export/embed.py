"""The pack inside the document: a custom XML part (customXml/itemN.xml with its itemPropsN.xml), related
from the main document part, as Word itself stores document data. Word keeps such parts when it saves.

The part holds the pack as JSON with sorted keys, no spaces and every non-ASCII character escaped, so it is
plain ASCII that any XML reader accepts and that parses back to the same content (the same
``content_sha256``) as the pack it was made from.
"""

from __future__ import annotations

import json
import posixpath
import uuid
from typing import Any
from xml.sax.saxutils import escape

from evidencepack.canonical import content_sha256
from evidencepack.export.archive import Archive, parse_xml
from evidencepack.export.errors import ArchiveError, ExportError

NAMESPACE = "urn:evidencepack:pack:1"
ROOT = f"{{{NAMESPACE}}}pack"
CUSTOM_XML_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
RT_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"


def pack_json(data: Any) -> str:
    """The pack as ASCII JSON with sorted keys: ``canonical_json`` with non-ASCII characters escaped."""
    try:
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ExportError(f"the pack holds a value that JSON cannot carry ({exc})") from None


def item_xml(data: Any, render: str | None = None) -> bytes:
    """The part's XML; ``render`` (ASCII JSON: how the document was made, see ``render_record``) goes in an
    attribute, so a reader that knows only the pack reads the part as before."""
    body = escape(pack_json(data))
    record = f' ep:render="{escape(render, {chr(34): "&quot;"})}"' if render else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ep:pack xmlns:ep="{NAMESPACE}" ep:encoding="json"{record}>{body}</ep:pack>'
    ).encode("ascii")


def item_props_xml(item_id: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{_DATASTORE}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode("ascii")


def _is_pack_part(blob: bytes | None) -> bool:
    return bool(blob) and f'xmlns:ep="{NAMESPACE}"'.encode() in blob[:400]


def attach_pack(document: Any, data: Any, render: str | None = None) -> str:
    """Store ``data`` in ``document`` as a custom XML part (with the ``render`` record); return its part name.

    A pack part already present (a template that was itself an export) is dropped first, so a document
    never carries two packs. The part number is the first N for which neither itemN.xml nor itemPropsN.xml
    is taken (python-docx's own template already holds customXml/item1.xml).
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = document.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype == RT_CUSTOM_XML and not rel.is_external and _is_pack_part(rel.target_part.blob):
            main.drop_rel(rel_id)
    package = main.package
    taken = {str(part.partname).lower() for part in package.iter_parts()}
    number = 1
    while f"/customxml/item{number}.xml" in taken or f"/customxml/itemprops{number}.xml" in taken:
        number += 1
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE + "/" + content_sha256(data))).upper() + "}"
    item = Part(PackURI(f"/customXml/item{number}.xml"), "application/xml", item_xml(data, render), package)
    props = Part(
        PackURI(f"/customXml/itemProps{number}.xml"), CUSTOM_XML_PROPS_TYPE, item_props_xml(item_id), package
    )
    item.relate_to(props, RT_CUSTOM_XML_PROPS)
    main.relate_to(item, RT_CUSTOM_XML)
    return str(item.partname)


# Reading -------------------------------------------------------------------------------------------------

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
