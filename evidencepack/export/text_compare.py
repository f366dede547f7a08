"""The words on the page against the words the data gives: read a document's visible paragraphs, compare them
with a ``DocumentModel``, and name each difference by its section in words a non-technical reader follows."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from evidencepack.export.document_model import Block, Contents, DocumentModel, Heading, Table, comparable
from evidencepack.formats.archive import Archive, parse_xml
from evidencepack.formats.docx import main_part

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTEXT_WORDS = 4  # words kept either side of a change inside a long paragraph
_MAX_QUOTE = 300  # characters quoted from one side of a difference
_PAGE_NUMBER = re.compile(r"\s*[0-9]*\s*")  # the result of a page reference: a number, or nothing yet
_LEADER = re.compile(r"\.{4,}")  # a tab's dot leader in a PDF's text (the contents): white space, on both sides
_PAGE = "\x00page"  # where the contents show an entry's page number, in the words a PDF is expected to show


@dataclass(frozen=True)
class Difference:
    """One place where the document and its data disagree."""

    section: str  # the section (or criterion) it is in, as the document names it
    document_says: str  # "" when the document has words its data does not give
    data_says: str  # "" when the data gives words the document lacks

    def sentence(self) -> str:
        if not self.document_says:
            return f"{self.section}: the document leaves out '{self.data_says}', which its data says"
        if not self.data_says:
            return f"{self.section}: the document says '{self.document_says}', which its data does not say"
        return f"{self.section} says '{self.document_says}', its data says '{self.data_says}'"


@dataclass
class _Field:
    """A complex field open at some point of the text: its instruction, and (for a page reference) its result."""

    instruction: str = ""
    in_result: bool = False
    result: list[str] = field(default_factory=list)

    def page_number(self) -> bool:
        return self.instruction.lstrip().upper().startswith("PAGEREF")


def visible_paragraphs(archive: Archive) -> list[str]:
    """The text of every paragraph of the main document part (tables included), in order, as a reader sees it,
    with one exception: the result of a page reference (the page numbers of the contents) when it is a number or
    empty. A page number is not pack data: Word and LibreOffice compute it from the layout. Any other words in a
    page reference's result are kept, so that nothing can be hidden from the comparison there."""
    part = main_part(archive)
    root = parse_xml(archive.read(part), f"{archive.name}: {part}")
    body = root.find(f"{_W}body")
    open_fields: list[_Field] = []  # the complex fields open at this point (they may span paragraphs)
    return [comparable(_paragraph(p, open_fields)) for p in (body if body is not None else root).iter(f"{_W}p")]


def _paragraph(p: ET.Element, stack: list[_Field]) -> str:
    """The text of one paragraph; ``stack`` tracks complex fields across paragraphs."""
    pieces: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == f"{_W}fldChar":
            kind = node.get(f"{_W}fldCharType")
            if kind == "begin":
                stack.append(_Field())
            elif kind == "separate" and stack:
                stack[-1].in_result = True
            elif kind == "end" and stack:
                done = stack.pop()
                result = "".join(done.result)
                if not _PAGE_NUMBER.fullmatch(result):
                    pieces.append(result)
        elif tag == f"{_W}instrText" and stack:
            stack[-1].instruction += node.text or ""
        elif tag == f"{_W}t":
            if stack and stack[-1].in_result and stack[-1].page_number():
                stack[-1].result.append(node.text or "")
            else:
                pieces.append(node.text or "")
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            pieces.append(" ")
    for open_field in stack:  # a page reference left open at the paragraph's end: its words stay visible
        if open_field.result:
            pieces.append("".join(open_field.result))
            open_field.result.clear()
    return "".join(pieces)


def expected_paragraphs(model: DocumentModel) -> list[tuple[str, str]]:
    """(where, text) of every paragraph the model gives (a contents entry: its heading's words); ``where`` names the
    section, or the criterion or measure (a level-2 heading) inside it."""
    return [(where, comparable(text)) for where, _, text in _placed_texts(model)]


def _placed_texts(model: DocumentModel) -> Iterator[tuple[str, Block, str]]:
    """(where, block, text) of every text of the model, in order; ``where`` as in ``expected_paragraphs``."""
    for section in model.sections:
        where = section.title
        for block in section.blocks:
            if isinstance(block, Heading):
                where = _place(section.title, block)
            for text in block.texts():
                yield where, block, text


def _place(section: str, heading: Heading) -> str:
    """'Section 1.2 Tested with users' for a criterion, 'Outcome measures, Falls per month' for a measure."""
    if heading.level == 1:
        return heading.text
    if heading.text[:1].isdigit():
        return f"Section {heading.text}"
    return f"{section}, {heading.text}"


def compare_text(model: DocumentModel, paragraphs: list[str]) -> list[Difference]:
    """Every place where ``paragraphs`` (the document) differ from what ``model`` (its data) gives."""
    expected = expected_paragraphs(model)
    wanted = [text for _, text in expected]
    matcher = difflib.SequenceMatcher(None, wanted, paragraphs, autojunk=False)
    out: list[Difference] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        where = expected[min(i1, len(expected) - 1)][0] if expected else "The document"
        if op == "replace" and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                said, given = _changed_words(paragraphs[j1 + offset], wanted[i1 + offset])
                out.append(Difference(expected[i1 + offset][0], said, given))
            continue
        out.append(Difference(where, _quote(" / ".join(p for p in paragraphs[j1:j2] if p)),
                              _quote(" / ".join(p for p in wanted[i1:i2] if p))))
    return [d for d in out if d.document_says != d.data_says]


def _changed_words(said: str, given: str) -> tuple[str, str]:
    """The changed stretch of two versions of one paragraph, with a few words either side."""
    a, b = said.split(" "), given.split(" ")
    blocks = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not blocks:
        return _quote(said), _quote(given)
    start_a = max(0, blocks[0][1] - _CONTEXT_WORDS)
    start_b = max(0, blocks[0][3] - _CONTEXT_WORDS)
    end_a = min(len(a), blocks[-1][2] + _CONTEXT_WORDS)
    end_b = min(len(b), blocks[-1][4] + _CONTEXT_WORDS)

    def cut(words: list[str], start: int, end: int) -> str:
        text = " ".join(words[start:end])
        return _quote(("…" if start else "") + text + ("…" if end < len(words) else ""))

    return cut(a, start_a, end_a), cut(b, start_b, end_b)


def _quote(text: str) -> str:
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1] + "…"


def expected_words(model: DocumentModel) -> list[tuple[str, str]]:
    """(where, word) of every word a PDF of the model shows, in order: as ``expected_paragraphs``, each contents
    entry followed by a mark where its page number stands."""
    out: list[tuple[str, str]] = []
    for where, block, text in _placed_texts(model):
        out += [(where, word) for word in _LEADER.sub(" ", text).split()]
        if isinstance(block, Contents):
            out.append((where, _PAGE))
    return out


def _without_page_numbers(given: list[str], said: list[str]) -> tuple[list[str], list[str]]:
    """A differing stretch without the contents' page numbers: as many numbers on the page as the stretch has page
    number marks (a page number is not pack data; no other word is let go)."""
    marks = given.count(_PAGE)
    if not marks:
        return given, said
    kept: list[str] = []
    for word in said:
        if marks and word.isdigit():
            marks -= 1
        else:
            kept.append(word)
    return [w for w in given if w != _PAGE], kept


def compare_pdf_text(model: DocumentModel, pages: list[str]) -> list[Difference]:
    """Every place where the text of a PDF's pages differs from what ``model`` gives. Lines in a PDF wrap inside
    words (at a hyphen or a slash) and a table's header row repeats on each page it runs onto, so a stretch
    that differs only in white space, or only by repeated header rows, is not a difference."""
    marking = re.compile(r"^\s*" + re.escape(model.marking.text))
    footer = re.compile(r"Page [0-9]+ of [0-9]+\s*$")
    seen = [word for page in pages for word in _LEADER.sub(" ", footer.sub("", marking.sub("", page, count=1))).split()]
    expected = expected_words(model)
    wanted = [word for _, word in expected]
    headers = {"".join("".join(h.split()) for h in b.headers) for b in model.blocks() if isinstance(b, Table)}
    out: list[Difference] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wanted, seen, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        given_words, said_words = _without_page_numbers(wanted[i1:i2], seen[j1:j2])
        given, said = "".join(given_words), "".join(said_words)
        for header in headers:
            while header and said.count(header) > given.count(header):
                said = said.replace(header, "", 1)
        if given == said:
            continue
        where = expected[min(i1, len(expected) - 1)][0] if expected else "The document"
        out.append(Difference(where, _quote(" ".join(seen[max(j1 - 3, 0):j2 + 3])),
                              _quote(" ".join(w for w in wanted[max(i1 - 3, 0):i2 + 3] if w != _PAGE))))
    return out
