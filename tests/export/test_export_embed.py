"""The pack's custom XML part: the next free part name, a relationship from the main document, one pack."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from packs import full_pack
from wordml import Docx

from evidencepack.export.embed import NAMESPACE, attach_pack, item_props_xml, item_xml


def parts_with_pack(docx_file: Docx) -> list[str]:
    return [name for name, data in docx_file.parts.items() if NAMESPACE.encode() in data and "Props" not in name]


def test_the_pack_takes_the_next_free_custom_xml_number(export_to: Any) -> None:
    """python-docx's blank document already holds customXml/item1.xml (a bibliography): ours is item2."""
    result = Docx.open(export_to(full_pack()))
    assert parts_with_pack(result) == ["customXml/item2.xml"]
    assert "customXml/itemProps2.xml" in result.parts
    related = [target for kind, target in result.rels("word/document.xml") if kind == RT.CUSTOM_XML]
    assert "customXml/item2.xml" in related
    assert ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
            "customXml/itemProps2.xml") in result.rels("customXml/item2.xml")


def test_numbers_taken_by_other_parts_are_skipped(tmp_path: Path) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    package = document.part.package
    other = Part(PackURI("/customXml/item2.xml"), "application/xml", b"<other/>", package)
    document.part.relate_to(other, RT.CUSTOM_XML)
    props = Part(PackURI("/customXml/itemProps3.xml"), "application/xml", item_props_xml("{X}"), package)
    other.relate_to(props, RT.CUSTOM_XML_PROPS)
    name = attach_pack(document, {"metadata": {}})
    assert name == "/customXml/item4.xml"


def test_the_part_is_plain_ascii_xml_even_for_any_text() -> None:
    data = {"metadata": {"title": "😀 שלום \x01 ]]> </ep:pack> &"}}
    xml = item_xml(data)
    xml.decode("ascii")  # raises if any byte is not ASCII
    assert json.loads(ElementTree.fromstring(xml).text) == data
