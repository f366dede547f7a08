"""Reading a .docx or bundle .zip that may be hostile: limits first, nothing extracted to disk, no DTDs.

Every ZIP is opened from memory. Before any entry is read, the entry count and the total declared
uncompressed size are checked against the limits below; names that could escape a folder (absolute, ``..``,
backslashes, drive letters) or appear twice are refused; each read stops at the per-entry limit. XML is
parsed with the standard library after refusing any document that declares a DTD or an entity, so no entity
is ever expanded.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from xml.etree import ElementTree as ET

from evidencepack.export.errors import ArchiveError

MAX_ENTRIES = 10_000
MAX_TOTAL_UNCOMPRESSED = 1024 * 1024 * 1024  # 1 GiB declared, over all entries
MAX_ENTRY_BYTES = 256 * 1024 * 1024  # any single entry we read
_CHUNK = 1024 * 1024
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")


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


@dataclass
class Archive:
    """A ZIP opened from memory whose directory passed the safety checks."""

    name: str
    zip: zipfile.ZipFile

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
                    if len(out) > limit:
                        raise ArchiveError(f"{self.name}: {member} is over the limit of {limit:,} bytes")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise ArchiveError(f"{self.name}: {member} cannot be read ({exc})") from None
        return bytes(out)


    def sha256(self, member: str, limit: int = MAX_TOTAL_UNCOMPRESSED) -> tuple[str, int]:
        """The SHA-256 and size of an entry, read in chunks (never held whole in memory)."""
        digest, size = hashlib.sha256(), 0
        try:
            with self.zip.open(self.zip.getinfo(member)) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise ArchiveError(f"{self.name}: {member} is over the limit of {limit:,} bytes")
                    digest.update(chunk)
        except KeyError:
            raise ArchiveError(f"{self.name}: has no {member}") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise ArchiveError(f"{self.name}: {member} cannot be read ({exc})") from None
        return digest.hexdigest(), size


def open_archive(raw: bytes, name: str) -> Archive:
    """Open ``raw`` as a ZIP, refusing it before any entry is read when it breaks a limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
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
        if info.filename in seen:
            raise ArchiveError(f"{name}: the entry {info.filename!r} appears twice")
        seen.add(info.filename)
    return Archive(name=name, zip=archive)


def parse_xml(raw: bytes, where: str) -> ET.Element:
    """Parse XML bytes with no DTD and no entities (refused outright, never expanded)."""
    text = raw
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look for declarations in the decoded text
        try:
            text = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise ArchiveError(f"{where}: XML is not readable UTF-16") from None
    if _DECLARATION.search(text):
        raise ArchiveError(f"{where}: XML declares a DTD or an entity, which is not allowed")
    try:
        return ET.fromstring(raw)
    except ET.ParseError as exc:
        raise ArchiveError(f"{where}: XML is not well formed ({exc})") from None
