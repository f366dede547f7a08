"""Reading a .docx or bundle .zip that may be hostile: limits first, nothing extracted to disk, no DTDs.

Every ZIP is opened from memory or from an open file, never extracted. Before the central directory is
parsed, the file's size and the directory's declared size are checked; before any entry is read, the entry
count and the total declared uncompressed size are checked against the limits below; names that could escape a
folder (absolute, ``..``, backslashes, drive letters) or appear twice, and entries marked as symbolic links or
other special files, are refused; each read stops at the per-entry limit (and zipfile itself stops at the
declared size and checks the CRC, so a size that lies is caught while reading). XML is parsed with the standard
library after expat itself has read the prolog and found no DTD (in whatever encoding the part declares), so no
entity is ever declared, let alone expanded.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO
from xml.etree import ElementTree as ET
from xml.parsers import expat

from evidencepack.formats.errors import ArchiveError

MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # the .docx or .zip file itself
MAX_DIRECTORY_BYTES = 10 * 1024 * 1024  # the central directory, checked before zipfile parses it
MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB declared, over all entries
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # any single entry we read
MAX_XML_BYTES = 64 * 1024 * 1024  # any XML part we parse
MAX_XML_TAGS = 1_000_000  # "<" in one XML part: bounds the elements (and memory) a parse builds
_CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile may raise for a corrupt entry: its own errors, a bad offset (ValueError), an encrypted entry
# (RuntimeError), a broken compressed stream (zlib.error, lzma.LZMAError; bz2 raises OSError).
_CORRUPT = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError, RuntimeError,
            zlib.error, lzma.LZMAError)
_END = b"PK\x05\x06"  # end of central directory record
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


def unsafe_name(name: str) -> str | None:
    """Why an entry name is refused, or None when it is a plain relative path."""
    if not name or "\x00" in name:
        return "an empty name or a NUL character"
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return "an absolute path"
    if "\\" in name:
        return "a backslash"
    if any(part in ("..", ".") for part in PurePosixPath(name).parts):
        return "a '..' or '.' component"
    return None


def special_file(info: zipfile.ZipInfo) -> str | None:
    """Why an entry whose Unix mode marks it as a symbolic link, device, FIFO or socket is refused, or None."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind in (0, stat.S_IFREG, stat.S_IFDIR):
        return None
    return "a symbolic link" if kind == stat.S_IFLNK else "a special file (device, FIFO or socket)"


@dataclass
class Archive:
    """A ZIP opened from memory whose directory passed the safety checks.

    ``budget`` bounds the bytes read from it in all: twice its declared uncompressed size (and 1 MiB more), so
    a package whose relationships send a reader back to the same large part again and again is refused after
    a few reads instead of keeping it busy for hours.
    """

    name: str
    zip: zipfile.ZipFile
    budget: int = MAX_TOTAL_UNCOMPRESSED
    spent: int = 0

    def _spend(self, size: int, member: str) -> None:
        self.spent += size
        if self.spent > self.budget:
            raise ArchiveError(
                f"{self.name}: reading {member} again makes {self.spent:,} bytes read, more than twice the package "
                "holds; it sends readers round in circles"
            )

    @property
    def names(self) -> list[str]:
        return [info.filename for info in self.zip.infolist() if not info.is_dir()]

    def has(self, member: str) -> bool:
        try:
            self.zip.getinfo(member)
        except KeyError:
            return False
        return True

    def read(self, member: str, limit: int = MAX_ENTRY_BYTES) -> bytes:
        """An entry's bytes; ArchiveError when it is missing, corrupt or larger than ``limit``."""
        try:
            info = self.zip.getinfo(member)
        except KeyError:
            raise ArchiveError(f"{self.name}: has no {member}") from None
        if info.file_size > limit:
            raise ArchiveError(f"{self.name}: {member} is {info.file_size:,} bytes, over the limit of {limit:,}")
        out = bytearray()
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    out += chunk
                    self._spend(len(chunk), member)
                    if len(out) > limit:
                        raise ArchiveError(f"{self.name}: {member} is over the limit of {limit:,} bytes")
        except _CORRUPT as exc:
            raise ArchiveError(f"{self.name}: {member} cannot be read ({exc})") from None
        return bytes(out)

    def sha256(self, member: str, limit: int = MAX_TOTAL_UNCOMPRESSED) -> tuple[str, int]:
        """The SHA-256 and size of an entry, read in chunks (never held whole in memory)."""
        digest, size = hashlib.sha256(), 0
        try:
            with self.zip.open(self.zip.getinfo(member)) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._spend(len(chunk), member)
                    if size > limit:
                        raise ArchiveError(f"{self.name}: {member} is over the limit of {limit:,} bytes")
                    digest.update(chunk)
        except KeyError:
            raise ArchiveError(f"{self.name}: has no {member}") from None
        except _CORRUPT as exc:
            raise ArchiveError(f"{self.name}: {member} cannot be read ({exc})") from None
        return digest.hexdigest(), size


def _directory_bytes(stream: BinaryIO, size: int) -> int | None:
    """The central directory's declared size (from the end record, or its ZIP64 form), or None if there is no
    end record (zipfile then says the file is not a ZIP)."""
    start = max(0, size - 22 - 0xFFFF)  # the end record, then a comment of at most 64 KiB
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) - at < 22:
        return None
    directory = int.from_bytes(tail[at + 12 : at + 16], "little")
    locator = at - 20
    if directory == 0xFFFFFFFF and locator >= 0 and tail[locator : locator + 4] == _END64_LOCATOR:
        stream.seek(int.from_bytes(tail[locator + 8 : locator + 16], "little"))
        record = stream.read(56)
        if record[:4] == _END64 and len(record) == 56:
            directory = int.from_bytes(record[40:48], "little")
    return directory


def open_archive(raw: bytes | BinaryIO, name: str) -> Archive:
    """Open ``raw`` (bytes, or a seekable binary file kept open while the archive is used) as a ZIP, refusing it
    before any entry is read when it breaks a limit."""
    stream = io.BytesIO(raw) if isinstance(raw, bytes | bytearray | memoryview) else raw
    try:
        size = stream.seek(0, io.SEEK_END)
        if size > MAX_ARCHIVE_BYTES:
            raise ArchiveError(f"{name}: {size:,} bytes is over the limit of {MAX_ARCHIVE_BYTES:,} bytes")
        directory = _directory_bytes(stream, size)
        if directory is not None and directory > MAX_DIRECTORY_BYTES:
            raise ArchiveError(
                f"{name}: its table of contents declares {directory:,} bytes, over the limit of {MAX_DIRECTORY_BYTES:,}"
            )
        stream.seek(0)
        archive = zipfile.ZipFile(stream)
    except _CORRUPT as exc:
        raise ArchiveError(f"{name}: not a readable ZIP package ({exc})") from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(f"{name}: {len(infos):,} entries is over the limit of {MAX_ENTRIES:,}")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ArchiveError(
            f"{name}: its entries would unpack to {total:,} bytes, over the limit of {MAX_TOTAL_UNCOMPRESSED:,}"
        )
    seen: set[str] = set()
    for info in infos:
        problem = unsafe_name(info.filename)
        if problem:
            raise ArchiveError(f"{name}: the entry {info.filename!r} has {problem}")
        special = special_file(info)
        if special:
            raise ArchiveError(f"{name}: the entry {info.filename!r} is {special}, which is not allowed")
        if info.filename in seen:
            raise ArchiveError(f"{name}: the entry {info.filename!r} appears twice")
        seen.add(info.filename)
    return Archive(name=name, zip=archive, budget=2 * total + 1024 * 1024)


class _RootReached(Exception):
    """Expat reached the root element: the prolog, the only place a DTD may be, is behind it."""


def _refuse_dtd(raw: bytes, where: str) -> None:
    """Let expat read the prolog, in the encoding the part declares or its byte order shows, and refuse a DTD
    (which is where entities are declared). Stops at the root element, so it costs next to nothing."""

    def doctype(*_: object) -> None:
        raise ArchiveError(f"{where}: XML declares a DTD or an entity, which is not allowed")

    def root(*_: object) -> None:
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    try:
        parser.Parse(raw, True)
    except _RootReached:
        return
    except (expat.ExpatError, LookupError, ValueError) as exc:  # LookupError: an encoding Python does not know
        raise ArchiveError(f"{where}: XML is not well formed ({exc})") from None


def parse_xml(raw: bytes, where: str) -> ET.Element:
    """Parse XML bytes with no DTD and no entities (refused outright, never expanded)."""
    if len(raw) > MAX_XML_BYTES:
        raise ArchiveError(f"{where}: {len(raw):,} bytes of XML is over the limit of {MAX_XML_BYTES:,}")
    tags = raw.count(b"<")  # at least one per element: 4 bytes of "<a/>" would cost ~150 bytes of memory each
    if tags > MAX_XML_TAGS:
        raise ArchiveError(f"{where}: XML with {tags:,} tags is over the limit of {MAX_XML_TAGS:,}")
    _refuse_dtd(raw, where)
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ArchiveError(f"{where}: XML is not well formed ({exc})") from None
