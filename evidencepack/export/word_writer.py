"""The Word writer: renders a ``DocumentModel`` into a python-docx document. It decides nothing about content;
it only formats the blocks it is given (styles, page breaks, bookmarks, the contents field)."""

from __future__ import annotations

from typing import Any

from evidencepack.export.builder import DocumentWriter
from evidencepack.export.document_model import (
    Contents,
    DocumentModel,
    Figure,
    Heading,
    PageLayout,
    Paragraph,
    Table,
)
from evidencepack.export.frame import frame_pages, set_properties
from evidencepack.export.styles import StyleSet


def write_model(document: Any, styles: StyleSet, model: DocumentModel) -> None:
    """Append ``model`` to the body of ``document``, with its page frame and properties."""
    writer = DocumentWriter(document, styles)
    frame_pages(document, styles, model.marking)
    contents: list[tuple[Any, Contents]] = []
    for block in model.blocks():
        if isinstance(block, Paragraph):
            writer.line(*block.parts, style=getattr(styles, block.style), new_page=block.new_page,
                        keep_with_next=block.keep_with_next)
        elif isinstance(block, Heading):
            writer.heading(block.text, block.level, new_page=block.new_page)
        elif isinstance(block, Table):
            writer.table(block.headers, block.rows, block.widths, block.caption, bookmarks=block.bookmarks)
        elif isinstance(block, Figure):
            writer.picture(block.png, block.width_emu, block.name, block.alt_text)
        elif isinstance(block, PageLayout):
            writer.new_section(landscape=block.landscape)
        elif isinstance(block, Contents):
            contents.append((writer.contents_placeholder(), block))
    for placeholder, block in contents:  # every heading is known now
        writer.fill_contents(placeholder, max_level=block.max_level)
    set_properties(document, model.properties)
