"""The Inspector page: verify a document or bundle without a command line, with no pack in the store."""

from __future__ import annotations

import io
import zipfile

from ui_support import example, ok, texts

from evidencepack.canonical import content_sha256
from evidencepack.export import ExportOptions, export_pack
from evidencepack.options import CheckOptions

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document() -> tuple[bytes, str]:
    exported = export_pack(example(), options=ExportOptions(check=CheckOptions(check_files=False)))
    return exported.content, content_sha256(exported.data)


def _upload(at, name: str, content: bytes, media_type: str = DOCX):
    (uploader,) = at.file_uploader
    return ok(uploader.upload(name, content, media_type).run())


def _tampered(content: bytes, old: str, new: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            target.writestr(item, data)
    return out.getvalue()


def test_a_document_made_by_evidencepack_verifies_for_someone_with_no_packs(app, store):
    at = app("inspector", user=None)
    assert store.list_packs() == []
    assert texts(at, "title") == ["Inspector"]
    content, _sha = _document()
    at = _upload(at, "larkfield.docx", content)
    assert any("agree" in t and "do not" not in t for t in texts(at, "success"))
    assert any(t.startswith("✓ ") for t in texts(at, "markdown"))
    assert store.list_packs() == []  # nothing uploaded is stored


def test_a_changed_document_fails_and_the_failed_check_is_shown(app):
    content, sha = _document()
    at = app("inspector", user=None)
    at = _upload(at, "changed.docx", _tampered(content, sha, "0" * 64))
    errors = texts(at, "error")
    assert any("do not agree" in t for t in errors)
    assert any(t.startswith("✗ ") for t in errors)


def test_the_report_s_other_fields_are_shown_as_they_come(app):
    content, sha = _document()
    at = _upload(app("inspector", user=None), "larkfield.docx", content)
    shown = texts(at, "markdown")
    assert f"**Pack sha256**: {sha}" in shown  # a field of the report, named from its key, with its value
    tables = [frame.value for frame in at.dataframe]
    assert any("what" in table.columns for table in tables)  # the findings counts, a dict, as a table


def test_a_file_that_is_not_a_document_says_so(app):
    at = _upload(app("inspector", user=None), "notes.zip", b"not a zip at all", "application/zip")
    assert any("do not agree, or it could not be read" in t for t in texts(at, "error"))
