"""Reading the pack back out of a .docx (``evidencepack.load``), and refusing hostile packages safely."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from packs import full_pack

from evidencepack.canonical import content_sha256
from evidencepack.formats import archive
from evidencepack.formats.docx import read_docx
from evidencepack.load import LoadError, load, parse_bytes


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in entries.items():
            out.writestr(name, data)
    return buffer.getvalue()


def refused(raw: bytes, match: str) -> None:
    with pytest.raises(LoadError) as caught:
        parse_bytes(raw, "hostile.docx")
    assert caught.value.finding.code == "EP007"
    assert caught.value.finding.message.startswith("hostile.docx: ")
    assert match in caught.value.finding.message


def test_an_export_loads_back_as_the_same_pack(export_to: Any) -> None:
    data = full_pack()
    document = load(export_to(data))
    assert document.format == "docx"
    assert document.sha256 == content_sha256(data)
    assert document.data == data


def test_a_word_document_resaved_by_python_docx_keeps_the_pack(export_to: Any, tmp_path: Path) -> None:
    """Editing the text (as a user would) keeps the custom XML part: the pack still loads."""
    data = full_pack()
    document = docx.Document(export_to(data))
    document.add_paragraph("A note added by hand")
    document.save(tmp_path / "edited.docx")
    assert load(tmp_path / "edited.docx").data == data


def test_a_plain_word_document_is_refused_with_a_reason(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    buffer = io.BytesIO()
    document.save(buffer)
    refused(buffer.getvalue(), "holds no evidencepack data")


def test_a_corrupt_zip_is_refused() -> None:
    refused(b"PK\x03\x04" + b"\x00" * 100, "not a readable ZIP package")


def test_too_many_entries_are_refused_before_reading() -> None:
    raw = zip_of({f"f{i}.txt": b"" for i in range(archive.MAX_ENTRIES + 1)})
    refused(raw, "entries is over the limit")


def test_a_zip_bomb_is_refused_from_its_declared_size() -> None:
    """An entry whose directory claims more than the limit unpacked is refused before any byte is read."""
    raw = bytearray(zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}))
    directory = raw.rfind(b"PK\x01\x02")  # the last central directory entry: word/document.xml
    struct.pack_into("<I", raw, directory + 24, archive.MAX_TOTAL_UNCOMPRESSED + 1)  # its uncompressed size
    refused(bytes(raw), "would unpack to")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("../evil.xml", "'..'"), ("/etc/passwd", "absolute"), ("C:/evil.xml", "absolute"), ("a\\b.xml", "backslash")],
)
def test_entry_names_that_could_escape_are_refused(name: str, reason: str) -> None:
    refused(zip_of({"[Content_Types].xml": b"<Types/>", name: b"x"}), reason)


def test_xml_with_a_dtd_or_entities_is_refused_not_expanded() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">&b;</Relationships>'
    )
    refused(zip_of({"[Content_Types].xml": b"<Types/>", "_rels/.rels": laughs}), "DTD or an entity")


def test_an_embedded_pack_that_is_not_json_is_refused(export_to: Any) -> None:
    path = export_to(full_pack())
    with zipfile.ZipFile(path) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    for name, data in entries.items():
        if b"urn:evidencepack:pack" in data and "Props" not in name:
            entries[name] = re.sub(rb"(<ep:pack[^>]*>)\{", rb"\1{{", data)
    with pytest.raises(LoadError, match="not readable JSON"):
        read_docx(zip_of(entries), "broken.docx")


def test_loading_and_verifying_a_docx_do_not_import_python_docx(export_to: Any) -> None:
    """The check path stays light: reading a .docx back uses the standard library only."""
    import subprocess
    import sys

    path = export_to(full_pack())
    code = (
        "import sys\n"
        "from evidencepack.load import load\n"
        "from evidencepack.export.verify import verify_bytes\n"
        "import evidencepack.export_commands\n"
        f"assert load({str(path)!r}).data\n"
        f"assert verify_bytes(open({str(path)!r}, 'rb').read(), 'x').ok\n"
        "assert 'docx' not in sys.modules, 'python-docx was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
