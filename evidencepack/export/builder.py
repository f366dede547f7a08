"""Writing into a python-docx document quickly and safely: paragraphs, headings, linked text, tables.

Each paragraph and each whole table is built as WordprocessingML text and parsed once (lxml), which is many
times faster than python-docx's object API for large packs. Every piece of text passes through ``clean``,
so nothing Word cannot hold reaches the file, and right-to-left paragraphs are marked as such.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from evidencepack.export import ooxml
from evidencepack.export.document_model import Bold, Cell, Link, Part, citation_parts
from evidencepack.export.styles import HEADER_FILL, StyleSet
from evidencepack.export.wording import clean, right_to_left

_EMU_PER_TWIP = 635
_DEFAULT_TEXT_WIDTH = 5_760_000  # 16 cm in EMU, for a template without page size or margins
_SPACE_AFTER_TABLE = 240  # twips (12 pt) above the paragraph that follows a table

__all__ = ["Bold", "Cell", "DocumentWriter", "Link", "Part"]


class DocumentWriter:
    """Appends content to the body of a python-docx document, in the styles of a ``StyleSet``."""

    def __init__(self, document: Any, styles: StyleSet):
        self.doc = document
        self.styles = styles
        self.body = document.element.body
        self.after_table = False
        self.bookmark_id = 0
        self.text_width = self._text_width()
        self.headings: list[tuple[int, str, str]] = []  # (level, text, bookmark) for the contents

    # Paragraphs ------------------------------------------------------------------------------------------

    def _runs(self, parts: Iterable[Part]) -> tuple[str, str]:
        """(runs XML, plain text) of the parts."""
        xml, plain = [], []
        for part in parts:
            if isinstance(part, Link):
                text = clean(part.text)
                if text:
                    plain.append(text)
                    xml.append(
                        ooxml.link_xml(part.anchor, text, self.styles.hyperlink)
                        if part.anchor else ooxml.run_xml(text)
                    )
            else:
                text = clean(part)
                if text:
                    plain.append(text)
                    xml.append(ooxml.run_xml(text, bold=isinstance(part, Bold)))
        return "".join(xml), "".join(plain)

    def line(self, *parts: Part, style: str | None = None, new_page: bool = False,
             keep_with_next: bool = False) -> Any:
        """A paragraph of the parts, appended to the body; returns its w:p (to add fields or a picture)."""
        runs, plain = self._runs(parts)
        props = [f"<w:pStyle w:val={quoteattr(style or self.styles.normal)}/>"]
        if keep_with_next:
            props.append("<w:keepNext/>")
        if new_page:
            props.append("<w:pageBreakBefore/>")
        if plain and right_to_left(plain):
            props.append("<w:bidi/>")
        if self.after_table:
            props.append(f'<w:spacing w:before="{_SPACE_AFTER_TABLE}"/>')
            self.after_table = False
        p = parse_xml(f"<w:p {nsdecls('w')}><w:pPr>{''.join(props)}</w:pPr>{runs}</w:p>")
        self.body._insert_p(p)
        return p

    def labelled(self, label: str, *value: Part) -> Any:
        """'Label: value', the label in bold."""
        return self.line(Bold(f"{label}: "), *value)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> Any:
        """A heading, with a bookmark around its text that the contents links to."""
        style = {1: self.styles.heading1, 2: self.styles.heading2}[level]
        p = self.line(text, style=style, new_page=new_page)
        number = self.next_bookmark()
        name = f"_Toc_ep{number}"
        p.insert(1, parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>'))
        p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))
        self.headings.append((level, clean(text), name))
        return p

    def contents_placeholder(self) -> Any:
        """An empty paragraph where ``fill_contents`` later puts the contents, once every heading is known."""
        return self.line()

    def fill_contents(self, placeholder: Any, max_level: int) -> None:
        """Replace ``placeholder`` with the contents: one line per heading, linked to it, and the number of its
        page after a dotted tab (a PAGEREF field to the heading's bookmark). LibreOffice computes PAGEREF fields
        when it lays the pages out, and Word when it updates fields on opening; a TOC field would not do: its
        result is shown as stored by LibreOffice, so its page numbers would never be filled in."""
        right = int(self.text_width / _EMU_PER_TWIP)
        tabs = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{right}"/></w:tabs>'
        for level, text, name in self.headings:
            if level > max_level:
                continue
            indent = f'<w:ind w:left="{440 * (level - 1)}"/>' if level > 1 else ""
            link = ooxml.link_xml(name, text, self.styles.hyperlink)
            p = parse_xml(
                f"<w:p {nsdecls('w')}><w:pPr><w:pStyle w:val={quoteattr(self.styles.normal)}/>{tabs}{indent}</w:pPr>"
                f"{link}<w:r><w:tab/></w:r>{ooxml.page_reference_xml(name)}</w:p>"
            )
            placeholder.addprevious(p)
        placeholder.getparent().remove(placeholder)

    def rich_text(self, text: str, anchor: Callable[[str], str | None]) -> None:
        """Free text as paragraphs (a blank line separates them), each inline citation [E3] linked to the
        bookmark ``anchor`` gives for it (plain when it gives None)."""
        for parts in citation_parts(text, anchor):
            self.line(*parts)

    # Tables ----------------------------------------------------------------------------------------------

    def next_bookmark(self) -> int:
        self.bookmark_id += 1
        return self.bookmark_id

    def _cell(self, value: Cell, *, bold: bool = False, bookmark: str | None = None) -> ooxml.CellXml:
        parts: Sequence[Part] = [Bold(value) if bold else value] if isinstance(value, str) else value
        runs, plain = self._runs(parts)
        return ooxml.CellXml(
            runs=runs,
            right_to_left=bool(plain) and right_to_left(plain),
            bookmark=(self.next_bookmark(), bookmark) if bookmark else None,
        )

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Cell]],
        widths: Sequence[float],
        caption: str,
        *,
        bookmarks: Sequence[str | None] = (),
    ) -> Any:
        """A bordered table with a repeating header row, alt text and columns in proportion to ``widths``;
        ``bookmarks[i]`` (when given) names a bookmark around the first cell of row i."""
        total = sum(widths)
        twips = [int(self.text_width * share / total / _EMU_PER_TWIP) for share in widths]
        body_rows = (
            [self._cell(v, bookmark=bookmarks[i] if i < len(bookmarks) and j == 0 else None) for j, v in enumerate(r)]
            for i, r in enumerate(rows)
        )
        caption = clean(caption)
        tbl = ooxml.table_xml(
            header=[self._cell(h, bold=True) for h in headers],
            rows=body_rows,
            widths=twips,
            paragraph_style=self.styles.table_text,
            caption=caption,
            description=clean(f"{caption}: columns {', '.join(headers)}."),
            header_fill=HEADER_FILL,
        )
        self.body._insert_tbl(tbl)
        self.after_table = True
        return tbl

    # Sections, pictures, fields --------------------------------------------------------------------------

    def _text_width(self) -> int:
        section = self.doc.sections[-1]
        try:
            width = section.page_width - section.left_margin - section.right_margin
        except TypeError:  # a template without page size or margins
            return _DEFAULT_TEXT_WIDTH
        return int(width) if width > 0 else _DEFAULT_TEXT_WIDTH

    def new_section(self, *, landscape: bool) -> None:
        """Start a new page in a new section, turned as asked; headers and footers carry over."""
        # python-docx loads only when a document is written
        from docx.enum.section import WD_ORIENT, WD_SECTION

        previous = self.doc.sections[-1]
        width, height = previous.page_width, previous.page_height
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        if width and height and (width > height) != landscape:
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        self.text_width = self._text_width()
        self.after_table = False

    def picture(self, png: bytes, width_emu: int, name: str, alt_text: str) -> None:
        """An inline picture in a paragraph of its own, with alt text (wp:docPr descr)."""
        # python-docx loads only when a document is written
        from docx.text.paragraph import Paragraph

        p = self.line()
        shape = Paragraph(p, self.doc._body).add_run().add_picture(io.BytesIO(png), width=width_emu)
        doc_pr = shape._inline.docPr
        doc_pr.set("name", clean(name))
        doc_pr.set("descr", clean(alt_text))
