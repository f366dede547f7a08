"""The pack inside the document: a custom XML part (customXml/itemN.xml with its itemPropsN.xml), related
from the main document part, as Word itself stores document data. Word keeps such parts when it saves.

The part holds the pack as JSON with sorted keys, no spaces and every non-ASCII character escaped, so it is
plain ASCII that any XML reader accepts and that parses back to the same content (the same
``content_sha256``) as the pack it was made from.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from xml.sax.saxutils import escape

from evidencepack.canonical import content_sha256
from evidencepack.export.errors import ExportError
from evidencepack.formats.docx import NAMESPACE, RT_CUSTOM_XML

CUSTOM_XML_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
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
    # python-docx loads only when a document is written
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
