"""The text of an attached evidence file, for the personal-data gate, within size limits.

Plain text (.txt, .md), tables (.csv, .tsv), Word (.docx, read as a zip of XML: no python-docx needed) and,
when ``pypdf`` is importable, PDF. ``extract_text(path)`` returns an :class:`Extracted` (the text, whether it
was cut at the limit, and how to name a place in it), ``None`` for a kind of file it does not read, or raises
:class:`ExtractionError` with a reason when a file of a kind it reads cannot be read (corrupt, encrypted,
too large, no text layer, pypdf missing). It never raises anything else for a bad file.

Table rows are given as ``header: value; header: value`` so that a column named "DOB" or "MRN" gives each of
its cells the context the detector looks for.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

MAX_TEXT_CHARS = 5 * 1024 * 1024  # text scanned per file; the rest is reported as not scanned
MAX_FILE_BYTES = 50 * 1024 * 1024  # a .docx or .pdf larger than this is not opened
MAX_XML_BYTES = 20 * 1024 * 1024  # one XML part of a .docx, uncompressed
MAX_COMPRESSION_RATIO = 200  # a zip member that expands more than this is treated as a zip bomb
MAX_PDF_PAGES = 2000
MAX_CSV_FIELD = 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
DOCX_SUFFIXES = frozenset({".docx"})
PDF_SUFFIXES = frozenset({".pdf"})
SCANNED_SUFFIXES = TEXT_SUFFIXES | TABLE_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES


class ExtractionError(Exception):
    """A file of a kind the gate reads could not be read; the message says why."""


@dataclass(frozen=True)
class Extracted:
    """Text from one file. ``unit`` names its lines ("line", "row", "paragraph"); PDF pages are split by \\f."""

    text: str
    truncated: bool = False
    unit: str = "line"
    paged: bool = False
    line_numbers: tuple[int, ...] | None = None  # the source line of each line of ``text`` (tables)
    _line_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def where(self, offset: int) -> str:
        """A reader's name for the place of ``offset``: "line 12", "row 4", "paragraph 3", "page 2, line 5"."""
        if not self._line_starts:
            starts = [0] + [m.end() for m in re.finditer(r"[\n\f]", self.text)]
            object.__setattr__(self, "_line_starts", starts)
        index = bisect.bisect_right(self._line_starts, offset) - 1
        if self.paged:
            page = self.text.count("\f", 0, offset) + 1
            page_start = self.text.rfind("\f", 0, offset) + 1
            line = self.text.count("\n", page_start, offset) + 1
            return f"page {page}, line {line}"
        number = self.line_numbers[index] if self.line_numbers else index + 1
        return f"{self.unit} {number}"


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    return raw.decode("utf-8-sig", errors="replace")


def _read_limited(path: Path, limit: int) -> tuple[bytes, bool]:
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    return raw[:limit], len(raw) > limit


def _plain(path: Path, max_chars: int) -> Extracted:
    raw, cut = _read_limited(path, max_chars)
    return Extracted(_decode(raw), truncated=cut)


def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in ",;\t|"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else ","


def _table(path: Path, max_chars: int) -> Extracted:
    raw, cut = _read_limited(path, max_chars)
    text = _decode(raw)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0], path.suffix.lower()))
    lines: list[str] = []
    numbers: list[int] = []
    header: list[str] | None = None
    previous_end = 0
    old_limit = csv.field_size_limit(MAX_CSV_FIELD)
    try:
        for row in reader:
            start_line, previous_end = previous_end + 1, reader.line_num
            cells = [" ".join(cell.split()) for cell in row]  # a cell with a line break stays on one line
            if header is None:
                header = cells
                lines.append("; ".join(cells))
            else:
                names = header + [""] * (len(cells) - len(header))
                lines.append("; ".join(f"{n}: {c}" if n else c for n, c in zip(names, cells, strict=False) if c))
            numbers.append(start_line)
    except csv.Error:
        return Extracted(text, truncated=cut)  # not a well-formed table: scan it as it is
    finally:
        csv.field_size_limit(old_limit)
    return Extracted("\n".join(lines), truncated=cut, unit="line", line_numbers=tuple(numbers))


# .docx ------------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_FORBIDDEN_XML = (b"<!DOCTYPE", b"<!ENTITY")


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_XML_BYTES:
        raise ExtractionError(f"its part {info.filename} is larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
    if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
        raise ExtractionError(f"its part {info.filename} expands {info.file_size // info.compress_size}-fold")
    with archive.open(info) as member:
        data = member.read(MAX_XML_BYTES + 1)  # the sizes in the zip's directory may lie
    if len(data) > MAX_XML_BYTES:
        raise ExtractionError(f"its part {info.filename} is larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
    if any(marker in data for marker in _FORBIDDEN_XML):
        raise ExtractionError(f"its part {info.filename} declares a DOCTYPE or entities, which are refused")
    return data


def _paragraphs(xml: bytes) -> list[str]:
    """The text of each paragraph, in order; a paragraph inside another (a text box) is a paragraph of its own."""
    paragraphs: list[str] = []
    open_paragraphs: list[list[str]] = []
    for event, node in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        if node.tag == f"{_W}p":
            if event == "start":
                open_paragraphs.append([])
            else:
                paragraphs.append("".join(open_paragraphs.pop()))
                node.clear()
        elif event == "end" and open_paragraphs:
            if node.tag == f"{_W}t" and node.text:
                open_paragraphs[-1].append(node.text)
            elif node.tag == f"{_W}tab":
                open_paragraphs[-1].append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                open_paragraphs[-1].append(" ")
    return paragraphs


def _docx(path: Path, max_chars: int) -> Extracted:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ExtractionError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = sorted(
                (i for i in archive.infolist() if _DOCX_PARTS.fullmatch(i.filename)),
                key=lambda i: (i.filename != "word/document.xml", i.filename),
            )
            if not infos or infos[0].filename != "word/document.xml":
                raise ExtractionError("it has no word/document.xml (not a Word document)")
            paragraphs: list[str] = []
            size = 0
            for info in infos:
                for paragraph in _paragraphs(_member_bytes(archive, info)):
                    paragraphs.append(paragraph)
                    size += len(paragraph) + 1
                    if size > max_chars:
                        text = "\n".join(paragraphs)[:max_chars]
                        return Extracted(text, truncated=True, unit="paragraph")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ElementTree.ParseError, NotImplementedError, EOFError,
            zlib.error, ValueError, KeyError) as exc:
        raise ExtractionError(f"it is not a readable Word document ({type(exc).__name__})") from exc
    except RuntimeError as exc:  # an encrypted zip member
        raise ExtractionError("it is encrypted") from exc
    return Extracted("\n".join(paragraphs), unit="paragraph")


# .pdf -------------------------------------------------------------------------------------------------------

def _pdf(path: Path, max_chars: int) -> Extracted:
    try:
        import pypdf  # not a runtime dependency: PDFs are scanned only where it is installed
    except ImportError as exc:
        raise ExtractionError("PDF text cannot be read here (the pypdf package is not installed)") from exc
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ExtractionError(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("it is encrypted")
        pages: list[str] = []
        size = 0
        truncated = len(reader.pages) > MAX_PDF_PAGES
        for number in range(min(len(reader.pages), MAX_PDF_PAGES)):
            text = (reader.pages[number].extract_text() or "").replace("\f", "\n")
            pages.append(text)
            size += len(text) + 1
            if size > max_chars:
                truncated = True
                break
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on a malformed file
        raise ExtractionError(f"it is not a readable PDF ({type(exc).__name__})") from exc
    text = "\f".join(pages)[:max_chars]
    if pages and not text.strip():
        raise ExtractionError("it has no text layer (a scanned image?), so its text could not be checked")
    return Extracted(text, truncated=truncated, paged=True)


def extract_text(path: Path, *, max_chars: int | None = None) -> Extracted | None:
    """The text of ``path`` (at most ``max_chars``, by default MAX_TEXT_CHARS), or None when the gate does not
    read files of its kind (by suffix).

    Raises ExtractionError (with the reason) for a file of a kind it reads that cannot be read, and OSError
    when the file cannot be opened at all.
    """
    max_chars = MAX_TEXT_CHARS if max_chars is None else max_chars
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return _plain(path, max_chars)
    if suffix in TABLE_SUFFIXES:
        return _table(path, max_chars)
    if suffix in DOCX_SUFFIXES:
        return _docx(path, max_chars)
    if suffix in PDF_SUFFIXES:
        return _pdf(path, max_chars)
    return None
