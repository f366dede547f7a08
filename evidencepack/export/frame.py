"""What surrounds the content: the marking at the top of every page (DRAFT unless approved), "Page X of Y"
at the foot, the settings (update fields on opening, language) and the document properties."""

from __future__ import annotations

import datetime as dt
from typing import Any

from evidencepack.export import ooxml
from evidencepack.export.document_model import Marking, Properties
from evidencepack.export.styles import DRAFT_COLOUR, LANGUAGE, StyleSet
from evidencepack.export.wording import clean


def _reuse_empty(story: Any) -> Any:
    """The story's only paragraph when it is empty (a new header), else a new paragraph at its end."""
    element = story._element
    paragraphs = element.p_lst
    if len(paragraphs) == 1 and len(element) == 1 and not "".join(paragraphs[0].itertext()).strip():
        return paragraphs[0]
    return element.add_p()


def _stories(document: Any) -> tuple[list[Any], list[Any]]:
    """Every header and every footer that can show on a page (first-page and even-page ones included)."""
    odd_even = document.settings.odd_and_even_pages_header_footer
    headers, footers = [], []
    for section in document.sections:
        headers.append(section.header)
        footers.append(section.footer)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if odd_even:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
    return headers, footers


def frame_pages(document: Any, styles: StyleSet, marking: Marking) -> None:
    """Put the marking in every header and "Page X of Y" in every footer (a template's own content stays)."""
    # python-docx loads only when a document is written
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    headers, footers = _stories(document)
    for header in headers:
        p = _reuse_empty(header)
        p.style = styles.header
        r = ooxml.run(clean(marking.text), bold=True)
        if marking.draft:
            r.get_or_add_rPr().get_or_add_color().val = RGBColor.from_string(DRAFT_COLOUR)
        p.append(r)
    for footer in footers:
        p = _reuse_empty(footer)
        p.style = styles.footer
        p.get_or_add_pPr().jc_val = WD_ALIGN_PARAGRAPH.CENTER
        p.append(ooxml.run("Page "))
        ooxml.add_field(p, "PAGE", "1")
        p.append(ooxml.run(" of "))
        ooxml.add_field(p, "NUMPAGES", "1")
    ooxml.set_update_fields(document.settings.element, LANGUAGE)


def set_properties(document: Any, properties: Properties) -> None:
    """Core properties: never python-docx's defaults; language en-GB."""
    core = document.core_properties
    core.title = clean(properties.title)[:255]
    core.author = clean(properties.author)[:255]
    core.last_modified_by = clean(properties.author)[:255]
    core.subject = clean(properties.subject)[:255]
    core.keywords = "CQC; innovation; six principles; evidence pack"
    core.comments = clean(properties.comments)[:1000]
    core.category = "Evidence pack"
    core.language = LANGUAGE
    core.identifier = clean(properties.identifier)[:255]
    core.content_status = clean(properties.status)[:255]
    core.version = clean(properties.version)[:255]
    core.revision = 1
    moment = properties.created.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    core.created = moment
    core.modified = moment
