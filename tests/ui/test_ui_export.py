"""Export: the Word document (checked by the Open XML SDK validator), JSON, YAML and the bundle."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from ui_support import assert_valid_ooxml, example, ok, texts

from evidencepack.load import parse_bytes


def _made(at, kind: str) -> bytes:
    return at.session_state["ep.export.made"][kind][1]


@pytest.mark.word_validator
def test_the_word_document_is_made_valid_and_carries_the_pack(app, stored, tmp_path):
    data = example()
    at = app("export", pack_id=stored(data))
    ok(at.button(key="ep.export.word").click().run())
    docx = _made(at, "docx")
    path = tmp_path / "pack.docx"
    path.write_bytes(docx)
    assert_valid_ooxml(path)
    assert parse_bytes(docx, "pack.docx").data == data
    labels = [b.label for b in at.get("download_button")]
    assert labels[0] == "Download the Word document"


def test_json_and_yaml_downloads_are_offered(app, stored):
    at = app("export", pack_id=stored(example()))
    labels = [b.label for b in at.get("download_button")]
    assert "Download JSON" in labels and "Download YAML" in labels


def test_the_bundle_carries_files_stored_in_the_app(app, store, stored):
    content = b"minutes of the co-design workshop\n"
    sha = hashlib.sha256(content).hexdigest()
    data = example()
    for item in data["evidence"]:  # files on disk beside the example are not in the app's reach
        if "path" in item.get("source", {}):
            item.pop("source")
            item.pop("sha256", None)
    pack = stored(data)
    store.put_attachment(content, filename="../workshop minutes.txt", media_type="text/plain", pack_id=pack)
    data["evidence"][0]["source"] = {"attachment": sha}
    data["evidence"][0]["sha256"] = sha
    store.save(pack, data, base_version=1, saved_by="Setup")
    at = app("export", pack_id=pack)
    ok(at.button(key="ep.export.bundle").click().run())
    assert texts(at, "error") == []
    with zipfile.ZipFile(io.BytesIO(_made(at, "zip"))) as bundle:
        names = bundle.namelist()
        bundled = json.loads(bundle.read("pack.json"))
        assert bundle.read(f"evidence/attachments/{sha}/workshop minutes.txt") == content
    assert {"manifest.json", "pack.json", "pack.docx"} <= set(names)
    assert bundled["evidence"][0]["source"] == {"path": f"attachments/{sha}/workshop minutes.txt"}
    assert store.latest(pack)[1] == data  # the stored pack is untouched


def test_a_bundle_that_cannot_be_made_is_explained(app, stored):
    data = example()
    data["evidence"][0]["source"] = {"path": "missing/minutes.pdf"}
    at = app("export", pack_id=stored(data))
    ok(at.button(key="ep.export.bundle").click().run())
    assert any("The bundle could not be made" in t and "minutes.pdf" in t for t in texts(at, "error"))
