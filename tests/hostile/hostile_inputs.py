"""Hostile inputs, built in memory: packs (JSON, YAML) and Word documents or bundles (ZIP) an attacker could hand
to any entry point. Each comes with what the tool must say about it.

Nothing here writes a large file: the "1 GiB" file is sparse (``os.truncate``), the zip bombs are a few hundred
kilobytes whose directory or data claims far more.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from evidencepack.export.bundle import build_bundle
from evidencepack.export.document import ExportOptions, export_docx
from evidencepack.formats import archive
from evidencepack.options import CheckOptions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CARE_HOME = EXAMPLES / "care-home-digital-care-planning.json"
GIB = 1024**3


@dataclass(frozen=True)
class Hostile:
    """A hostile file: its name (the suffix picks the reader), content, and the finding code it must get."""

    name: str
    content: bytes
    code: str
    says: str  # words the message must contain


def example() -> dict:
    return json.loads(CARE_HOME.read_text(encoding="utf-8"))


# Packs ---------------------------------------------------------------------------------------------------

LAUGHS_YAML = b"\n".join(
    [b'lol0: &lol0 "lol"']
    + [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]".encode() for i in range(1, 10)]
    + [b"metadata: {title: *lol9}"]
)


@cache
def million_items_json() -> bytes:
    """1,000,000 evidence items, each with an id: 16.9 MB, inside the 20 MiB default limit."""
    items = ",".join(f'{{"id":"E{i}"}}' for i in range(1, 1_000_001))
    return f'{{"evidence":[{items}]}}'.encode()


def hostile_packs() -> list[Hostile]:
    digits = b"1" * 10_000
    return [
        Hostile("deep-list.json", b"[" * 100_000 + b"]" * 100_000, "EP005", "too deep"),
        Hostile("deep-object.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "EP005", "too deep"),
        Hostile("deep-flow.yaml", b"{a: " * 100_000 + b"1" + b"}" * 100_000, "EP005", "too deep"),
        Hostile("long-number.json", b'{"metadata": {"version": ' + digits + b"}}", "EP006", "digits"),
        Hostile("long-float.json", b'{"metadata": {"version": ' + digits + b".5}}", "EP006", "inf"),
        Hostile("long-number.yaml", b"metadata:\n  version: " + digits + b"\n", "EP006", "digits"),
        Hostile("long-hex.yaml", b"metadata:\n  version: 0x" + b"f" * 10_000 + b"\n", "EP006", "digits"),
        Hostile("latin-1.json", '{"metadata": {"title": "Caf\u00e9"}}'.encode("latin-1"), "EP002", "not UTF-8"),
        Hostile("invalid-utf8.yaml", b"metadata:\n  title: \xff\xfe\xfa\n", "EP002", "not UTF-8"),
        Hostile("nul.json", b'{"metadata": {"title": "a\x00b"}}', "EP007", "NUL"),
        Hostile("billion-laughs.yaml", LAUGHS_YAML, "EP006", "aliases"),
        Hostile("python-object.yaml", b"metadata: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "EP006",
                "!!python/object/apply:os.system"),
        Hostile("python-name.yaml", b"metadata: !!python/name:os.system\n", "EP006", "!!python/name"),
        Hostile("binary-tag.yaml", b"metadata: !!binary aGVsbG8=\n", "EP006", "!!binary"),
        Hostile("set-tag.yaml", b"metadata: !!set {a, b}\n", "EP006", "!!set"),
        Hostile("timestamp-tag.yaml", b"metadata:\n  period:\n    start: !!timestamp 2026-01-01\n", "EP006",
                "!!timestamp"),
        Hostile("nan.json", b'{"measures": [{"target": NaN}]}', "EP006", "NaN"),
        Hostile("surrogate-key.json", b'{"\\ud800metadata": {}}', "EP006", "unpaired surrogate"),
        Hostile("surrogate-value.json", b'{"metadata": {"status": "\\udc80"}}', "EP006", "unpaired surrogate"),
        Hostile("million-empty-items.json", b'{"evidence": [' + b",".join([b"{}"] * 1_000_000) + b"]}", "EP009",
                "1,000,000 items"),
    ]


def sparse_file(path: Path, size: int = GIB + 1) -> Path:
    """A file of ``size`` bytes that takes no disk space (and must never be read whole)."""
    with path.open("wb") as handle:
        os.truncate(handle.fileno(), size)
    return path


# Word documents and bundles ------------------------------------------------------------------------------

@cache
def exported_docx() -> bytes:
    """A real export of the care home example (no evidence file checks)."""
    return export_docx(example(), options=ExportOptions(check=CheckOptions(check_files=False)))


def entries(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def rezip(files: dict[str, bytes], *, special: dict[str, int] | None = None) -> bytes:
    """A ZIP of ``files``; ``special`` gives a Unix file type (stat.S_IFLNK ...) to some entries."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            if special and name in special:
                info.create_system = 3
                info.external_attr = (special[name] | 0o777) << 16
            target.writestr(info, data)
    return buffer.getvalue()


def pack_part(files: dict[str, bytes]) -> str:
    """The customXml part that holds the pack."""
    return next(n for n, d in files.items() if n.startswith("customXml/item") and b"urn:evidencepack:pack" in d
                and "Props" not in n)


def with_part(raw: bytes, part: str, content: bytes) -> bytes:
    files = entries(raw)
    files[part] = content
    return rezip(files)


def _laughs(root: bytes) -> bytes:
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
    )
    return b'<?xml version="1.0"?><!DOCTYPE r [' + entities + b"]>" + root.replace(b"BODY", b"&i;")


def pack_xml_with(body: bytes) -> bytes:
    return b'<ep:pack xmlns:ep="urn:evidencepack:pack:1" ep:encoding="json">' + body + b"</ep:pack>"


def embedded_pack_with(json_text: bytes) -> bytes:
    """The export, with the JSON inside its pack part replaced."""
    files = entries(exported_docx())
    files[pack_part(files)] = b'<?xml version="1.0" encoding="UTF-8"?>\n' + pack_xml_with(json_text)
    return rezip(files)


def lying_zip_bomb(files: dict[str, bytes], part: str, unpacked: int = 64 * 1024 * 1024) -> bytes:
    """``files`` with ``part`` replaced by ``unpacked`` zero bytes, deflated, whose local header and directory
    both claim it unpacks to 100 bytes (with the CRC of 100 other bytes): the declared sizes lie."""
    names = list(files)
    raw = bytearray(rezip({**files, part: b"<" * 100}))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = compressor.compress(b"\0" * unpacked) + compressor.flush()
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as source:
        info = source.getinfo(part)
        old_size = info.compress_size
        header = info.header_offset
    name_length, extra_length = struct.unpack_from("<HH", raw, header + 26)
    data_at = header + 30 + name_length + extra_length
    raw[data_at : data_at + old_size] = bomb
    struct.pack_into("<I", raw, header + 18, len(bomb))  # compressed size in the local header
    shift = len(bomb) - old_size
    # Rewrite the central directory: the bomb's compressed size, later entries' offsets, and the end record.
    end = raw.rfind(b"PK\x05\x06")
    directory_at = struct.unpack_from("<I", raw, end + 16)[0] + shift
    struct.pack_into("<I", raw, end + 16, directory_at)
    at = directory_at
    for _ in names:
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", raw, at + 28)
        name = bytes(raw[at + 46 : at + 46 + name_length]).decode()
        offset = struct.unpack_from("<I", raw, at + 42)[0]
        if name == part:
            struct.pack_into("<I", raw, at + 20, len(bomb))
        elif offset > header:
            struct.pack_into("<I", raw, at + 42, offset + shift)
        at += 46 + name_length + extra_length + comment_length
    return bytes(raw)


def declared_bomb(raw: bytes, part: str, claimed: int) -> bytes:
    """``raw`` with ``part``'s uncompressed size in the directory set to ``claimed``."""
    data = bytearray(raw)
    struct.pack_into("<I", data, _directory_entry(data, part) + 24, claimed)
    return bytes(data)


def _directory_entry(data: bytearray, part: str) -> int:
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_length]).decode() == part:
            return at
        at = data.find(b"PK\x01\x02", at + 1)
    raise AssertionError(f"{part} not found")


def encrypted(raw: bytes, part: str) -> bytes:
    """``raw`` with ``part`` marked as encrypted (zipfile then wants a password)."""
    data = bytearray(raw)
    at = _directory_entry(data, part)
    struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 0x1)
    return bytes(data)


def corrupt_deflate(raw: bytes, part: str) -> bytes:
    """``raw`` with ``part``'s compressed data replaced by bytes that are not a deflate stream."""
    data = bytearray(raw)
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        info = source.getinfo(part)
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)


def relationship_loop(files: dict[str, bytes]) -> bytes:
    """The export, whose main part relates 20,000 times, before the pack, to one 10 MiB XML part that is not a
    pack: a reader that follows every relationship parses 200 GiB."""
    rels_name = "word/_rels/document.xml.rels"
    rels = files[rels_name]
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
    many = b"".join(b'<Relationship Id="rX%d" Type="%s" Target="../customXml/big.xml"/>' % (i, kind)
                    for i in range(20_000))
    head = rels.index(b">", rels.index(b"<Relationships")) + 1
    big = b"<big>" + b"text " * (2 * 1024 * 1024) + b"</big>"
    return rezip({**files, rels_name: rels[:head] + many + rels[head:], "customXml/big.xml": big})


def huge_directory(raw: bytes) -> bytes:
    """``raw`` whose end record claims a central directory of almost 4 GiB."""
    data = bytearray(raw)
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 12, 0xFFFFFFF0)
    return bytes(data)


def hostile_documents() -> list[Hostile]:
    """Word documents that must be refused (load: EP007/EP006) and must not verify."""
    docx = exported_docx()
    files = entries(docx)
    part = pack_part(files)
    main = "word/document.xml"
    document_root = files[main][files[main].index(b"?>") + 2 :]
    laughs_pack = _laughs(pack_xml_with(b"BODY"))
    utf16 = (b'<?xml version="1.0" encoding="UTF-16"?>' + laughs_pack[21:]).decode().encode("utf-16-le")
    return [
        Hostile("zip-bomb-declared.docx", declared_bomb(docx, main, archive.MAX_TOTAL_UNCOMPRESSED + 1), "EP007",
                "would unpack to"),
        Hostile("zip-bomb-lying-size.docx", lying_zip_bomb(files, part), "EP007", "cannot be read"),
        Hostile("too-many-entries.docx", rezip({**files, **{f"x/{i}": b"" for i in range(archive.MAX_ENTRIES)}}),
                "EP007", "entries is over the limit"),
        Hostile("huge-directory.docx", huge_directory(docx), "EP007", "table of contents"),
        Hostile("relationship-loop.docx", relationship_loop(files), "EP007", "round in circles"),
        Hostile("element-bomb.docx", with_part(docx, part, b"<r>" + b"<a/>" * 2_000_000 + b"</r>"), "EP007",
                "tags is over the limit"),
        Hostile("encrypted-part.docx", encrypted(docx, part), "EP007", "encrypted"),
        Hostile("corrupt-deflate.docx", corrupt_deflate(docx, part), "EP007", "cannot be read"),
        Hostile("dotdot-entry.docx", rezip({**files, "../../x": b"x"}), "EP007", "'..'"),
        Hostile("absolute-entry.docx", rezip({**files, "/etc/cron.d/x": b"x"}), "EP007", "absolute"),
        Hostile("symlink-entry.docx", rezip({**files, "word/media/passwd": b"/etc/passwd"},
                                            special={"word/media/passwd": stat.S_IFLNK}), "EP007", "symbolic link"),
        Hostile("laughs-in-pack-part.docx", with_part(docx, part, laughs_pack), "EP007", "DTD"),
        Hostile("laughs-utf16-no-bom.docx", with_part(docx, part, utf16), "EP007", "DTD"),
        Hostile("laughs-in-document.docx", with_part(docx, main, _laughs(document_root.replace(
            b"</w:body>", b"<w:p><w:r><w:t>BODY</w:t></w:r></w:p></w:body>"))), "", "DTD"),
        Hostile("unknown-encoding.docx", with_part(docx, "_rels/.rels", files["_rels/.rels"].replace(
            b"UTF-8", b"TTF-8", 1)), "EP007", "unknown encoding"),
        Hostile("doctype-only.docx", with_part(docx, part, b"<!DOCTYPE ep:pack>" + pack_xml_with(b"{}")), "EP007",
                "DTD"),
        Hostile("infinity-inside.docx", embedded_pack_with(b'{"metadata":{"version":1e999}}'), "EP006", "inf"),
        Hostile("deep-inside.docx", embedded_pack_with(b'{"metadata":' + b"[" * 900 + b"]" * 900 + b"}"), "EP00",
                ""),
    ]


# Bundles -------------------------------------------------------------------------------------------------

@cache
def real_bundle() -> bytes:
    """A bundle of the care home example with its evidence files (in examples/evidence)."""
    return build_bundle(example(), EXAMPLES, options=ExportOptions(check=CheckOptions(check_files=False)))


def hostile_bundles() -> list[Hostile]:
    raw = real_bundle()
    files = entries(raw)
    manifest = json.loads(files["manifest.json"])
    evidence = next(name for name in files if name.startswith("evidence/"))
    escaping = {**manifest, "files": [*manifest["files"], {"path": "../../x", "sha256": "0" * 64, "bytes": 1,
                                                              "role": "evidence"}]}
    repeating = {**manifest, "files": manifest["files"] + [next(f for f in manifest["files"] if f["path"] == evidence)]
                 * 50_000}
    return [
        Hostile("dotdot-entry.zip", rezip({**files, "evidence/../../x": b"x"}), "EP007", "'..'"),
        Hostile("first-byte-missing.zip", raw[1:], "", "cannot be read"),  # the first entry's offset becomes -1
        Hostile("absolute-entry.zip", rezip({**files, "/tmp/x": b"x"}), "EP007", "absolute"),
        Hostile("symlink-evidence.zip", rezip(files, special={evidence: stat.S_IFLNK}), "EP007",
                "symbolic link"),
        Hostile("manifest-escapes.zip", rezip({**files, "manifest.json": json.dumps(escaping).encode()}), "EP007",
                "'..'"),
        Hostile("manifest-repeats.zip", rezip({**files, "manifest.json": json.dumps(repeating).encode()}), "EP007",
                "twice"),
        Hostile("zip-bomb-evidence.zip", lying_zip_bomb(files, evidence), "", "cannot be read"),
        Hostile("zip-bomb-document.zip", declared_bomb(raw, "pack.docx", archive.MAX_TOTAL_UNCOMPRESSED + 1),
                "EP007", "would unpack to"),
        Hostile("nan-pack-file.zip", rezip({**files, "pack.json": b'{"metadata": NaN}'}), "", "pack.json"),
        Hostile("laughs-in-bundled-document.zip",
                rezip({**files, "pack.docx": with_part(files["pack.docx"], pack_part(entries(files["pack.docx"])),
                                                       _laughs(pack_xml_with(b"BODY")))}), "EP007", "DTD"),
    ]
