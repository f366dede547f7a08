"""The contents: a TOC field that Word refreshes, already holding the headings so every reader shows it."""

from __future__ import annotations

import json
import zipfile

from lxml import etree

from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_contents_field_lists_every_heading_linked_to_its_bookmark(export_to):
    pack = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    root = _document(export_to(pack))
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in root.iter(f"{W}bookmarkStart")}
    styles_of_headings = {"Heading1", "Heading2"}
    headings = [  # the contents list the sections (level 1): a short list an inspector scans
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in root.iter(f"{W}p")
        if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") in styles_of_headings
        and s.get(f"{W}val") == "Heading1"
    ]
    links = [(h.get(f"{W}anchor"), "".join(t.text or "" for t in h.iter(f"{W}t"))) for h in root.iter(f"{W}hyperlink")]
    contents = [(anchor, text) for anchor, text in links if anchor and anchor.startswith("_Toc")]
    assert [text for _, text in contents] == headings
    for anchor, text in contents:
        target = bookmarks[anchor]
        assert "".join(t.text or "" for t in target.iter(f"{W}t")) == text
    instructions = "".join(t.text or "" for t in root.iter(f"{W}instrText"))
    assert "TOC" in instructions


def test_contents_show_in_libreoffice_without_updating_fields(export_to, to_pdf):
    pack = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    _, text = to_pdf(export_to(pack))
    contents = text[text.index("Contents"):]  # the cover comes before; the contents come first after it
    assert contents.index("Completeness") < contents.index("Principle 1:") < contents.index("Principle 6:")
