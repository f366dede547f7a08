"""The inspector's document as data: sections in order, each a list of blocks (headings, paragraphs, tables,
figures) holding their words. The section builders (``sections_*``) compute it from a pack; the Word writer
(``word_writer``) only formats it; ``verify`` re-computes it from the pack a document carries and compares
its words with the words on the page.

The model is plain data, cheap to build twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from evidencepack.checks.context import INLINE_CITATION
from evidencepack.export.wording import clean

# Labels whose values verify reads from the page (a paragraph of their own).
HASH_LABEL = "Pack content SHA-256"
SCORE_LABEL = "Answered"  # completeness: how much of the form is filled in (not a judgement of the evidence)
LEGACY_SCORE_LABEL = "Overall completeness"  # the same figure in documents of layout 1
ANSWERED_NOTE = "This counts what is filled in, not how good the evidence is."
NOT_SCORED_NOTE = " (the pack does not match the schema; Appendix C lists the problems)."


def answered_note(given: int, total: int) -> str:
    """The words after the answered figure (verify reads the line back, so they are made in one place)."""
    return f" of the form ({given} of {total} criteria have a status). {ANSWERED_NOTE}"

_EVIDENCE_ID = re.compile(r"E[0-9]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s+")


class Bold(str):
    """Text set in bold (a label)."""


@dataclass(frozen=True)
class Link:
    """Text linked to a bookmark in the document; plain text when ``anchor`` is None."""

    text: str
    anchor: str | None


Part = str | Link
Cell = str | Sequence[Part]


def parts_text(parts: Iterable[Part]) -> str:
    """The words of some parts, as a reader sees them."""
    return "".join(clean(p.text if isinstance(p, Link) else p) for p in parts)


def cell_text(value: Cell) -> str:
    return clean(value) if isinstance(value, str) else parts_text(value)


def comparable(text: str) -> str:
    """Text as verify compares it: runs of white space (line breaks and tabs included) as one space."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Marking:
    """The words at the top of every page (DRAFT unless approved)."""

    text: str
    draft: bool  # an unapproved document: the marking is set in red as well as in words


@dataclass(frozen=True)
class Properties:
    """The document's properties (title, author, ...)."""

    title: str
    author: str
    subject: str
    comments: str
    identifier: str
    status: str
    version: str
    created: dt.datetime


# Blocks --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``style`` is a role of ``StyleSet`` (normal, small, title, caption, toc_heading);
    ``keep_with_next`` keeps a label on the page of the table or text it introduces."""

    parts: tuple[Part, ...]
    style: str = "normal"
    new_page: bool = False
    keep_with_next: bool = False

    def texts(self) -> list[str]:
        return [parts_text(self.parts)]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    new_page: bool = False

    def texts(self) -> list[str]:
        return [clean(self.text)]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are shares of the text width; ``bookmarks[i]`` names a bookmark
    around the first cell of row i."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    caption: str
    bookmarks: tuple[str | None, ...] = ()

    def texts(self) -> list[str]:
        out = [clean(h) for h in self.headers]
        for row in self.rows:
            out += [cell_text(c) for c in row]
        return out


@dataclass(frozen=True)
class Figure:
    """A picture in a paragraph of its own, with alt text."""

    png: bytes = field(repr=False)
    width_emu: int
    name: str
    alt_text: str

    def texts(self) -> list[str]:
        return [""]


@dataclass(frozen=True)
class PageLayout:
    """A new page in a new Word section, turned as asked."""

    landscape: bool

    def texts(self) -> list[str]:
        return []


@dataclass(frozen=True)
class Contents:
    """The contents: the document's headings down to ``max_level``, each with the number of its page (a PAGEREF
    field that Word and LibreOffice compute at layout). ``entries`` are the headings' words, filled in once every
    heading is known; a page number is not pack data, so verify reads an entry's words and lets its number be."""

    max_level: int
    entries: tuple[str, ...] = ()

    def texts(self) -> list[str]:
        return list(self.entries)


Block = Paragraph | Heading | Table | Figure | PageLayout | Contents


@dataclass
class Section:
    """One part of the document (the cover, a principle, an appendix), named for a reader."""

    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class DocumentModel:
    sections: list[Section]
    marking: Marking
    properties: Properties

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading)]

    def words(self) -> int:
        return sum(len(t.split()) for b in self.blocks() for t in b.texts())


def citation_parts(text: str, anchor: Callable[[str], str | None]) -> list[list[Part]]:
    """Free text as paragraphs (a blank line separates them), each inline citation [E3] a Link to the bookmark
    ``anchor`` gives for it (plain when it gives None)."""
    out: list[list[Part]] = []
    for block in _BLANK_LINE.split(clean(text)):
        if not block.strip():
            continue
        parts: list[Part] = []
        position = 0
        for match in INLINE_CITATION.finditer(block):
            inner, offset = match.group(1), match.start(1)
            parts.append(block[position:offset])
            cursor = 0
            for ref in _EVIDENCE_ID.finditer(inner):
                parts.append(inner[cursor : ref.start()])
                parts.append(Link(ref.group(), anchor(ref.group())))
                cursor = ref.end()
            parts.append(inner[cursor:])
            position = offset + len(inner)
        parts.append(block[position:])
        out.append(parts)
    return out


class _Roles:
    """Style roles by name, so that section builders can say ``styles.caption`` without knowing a style id."""

    def __getattr__(self, role: str) -> str:
        return role


class SectionBuilder:
    """Collects the blocks of a document section by section, with the calls a writer would take."""

    styles = _Roles()

    def __init__(self) -> None:
        self.sections: list[Section] = []

    def section(self, key: str, title: str) -> Section:
        self.sections.append(Section(key, title))
        return self.sections[-1]

    def add(self, block: Block) -> None:
        if not self.sections:
            self.section("start", "Start")
        self.sections[-1].blocks.append(block)

    def line(self, *parts: Part, style: str | None = None, new_page: bool = False,
             keep_with_next: bool = False) -> None:
        self.add(Paragraph(tuple(parts), style or "normal", new_page, keep_with_next))

    def labelled(self, label: str, *value: Part) -> None:
        self.line(Bold(f"{label}: "), *value)

    def heading(self, text: str, level: int, *, new_page: bool = False) -> None:
        self.add(Heading(text, level, new_page))

    def rich_text(self, text: str, anchor: Callable[[str], str | None]) -> None:
        for parts in citation_parts(text, anchor):
            self.line(*parts)

    def table(
        self,
        headers: Sequence[str],
        rows: Iterable[Sequence[Cell]],
        widths: Sequence[float],
        caption: str,
        *,
        bookmarks: Sequence[str | None] = (),
    ) -> None:
        self.add(Table(tuple(headers), tuple(tuple(r) for r in rows), tuple(widths), caption, tuple(bookmarks)))

    def picture(self, png: bytes, width_emu: int, name: str, alt_text: str) -> None:
        self.add(Figure(png, width_emu, name, alt_text))

    def new_section(self, *, landscape: bool) -> None:
        self.add(PageLayout(landscape))

    def contents(self, max_level: int) -> None:
        self.add(Contents(max_level))

    def fill_contents(self) -> None:
        """Give each Contents block the headings it lists (every heading is known once the model is built)."""
        for section in self.sections:
            for index, block in enumerate(section.blocks):
                if isinstance(block, Contents):
                    entries = tuple(clean(b.text) for s in self.sections for b in s.blocks
                                    if isinstance(b, Heading) and b.level <= block.max_level)
                    section.blocks[index] = Contents(block.max_level, entries)
