"""The contents: one line per section, linked to its heading, with the number of its page (a PAGEREF field that
LibreOffice computes at layout and Word when it updates fields)."""

from __future__ import annotations

import json
import re
import zipfile

from lxml import etree

from tests.conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_contents_list_every_section_linked_to_its_heading_with_a_page_reference(export_to):
    pack = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    root = _document(export_to(pack))
    bookmarks = {b.get(f"{W}name"): b.getparent() for b in root.iter(f"{W}bookmarkStart")}
    headings = [  # the contents list the sections (level 1): a short list an inspector scans
        "".join(t.text or "" for t in p.iter(f"{W}t"))
        for p in root.iter(f"{W}p")
        if (s := p.find(f"{W}pPr/{W}pStyle")) is not None and s.get(f"{W}val") == "Heading1"
    ]
    entries = []
    for p in root.iter(f"{W}p"):
        links = [h for h in p.iter(f"{W}hyperlink") if (h.get(f"{W}anchor") or "").startswith("_Toc")]
        if links:
            references = re.findall(r"PAGEREF (\S+)", "".join(t.text or "" for t in p.iter(f"{W}instrText")))
            entries.append((links[0].get(f"{W}anchor"), "".join(t.text or "" for t in links[0].iter(f"{W}t")),
                            references))
    assert [text for _, text, _ in entries] == headings
    for anchor, text, references in entries:
        assert "".join(t.text or "" for t in bookmarks[anchor].iter(f"{W}t")) == text
        assert references == [anchor]  # the page number is the page of the heading the entry links to


def test_contents_show_in_libreoffice_without_updating_fields(export_to, to_pdf):
    pack = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    _, text = to_pdf(export_to(pack))
    contents = text[text.index("Contents"):]  # the cover comes before; the contents come first after it
    assert contents.index("Inspector summary") < contents.index("Principle 1:") < contents.index("Principle 6:")
