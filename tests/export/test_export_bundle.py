"""Bundles: the pack, its Word export and every evidence file, with a manifest of hashes that verify checks."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from harness import assert_valid_ooxml, export_options
from packs import evidence_item, full_pack

from evidencepack.export.bundle import build_bundle
from evidencepack.export.errors import BundleError
from evidencepack.export.verify import verify_bytes
from evidencepack.load import load, parse_bytes


def pack_with_files(folder: Path) -> dict[str, Any]:
    """A full pack whose first two evidence items are files in ``folder`` (one in a subfolder)."""
    (folder / "evidence").mkdir(parents=True, exist_ok=True)
    files = {"minutes.txt": b"Minutes of the co-design workshop\n", "evidence/survey.csv": b"q,a\n1,yes\n"}
    data = full_pack()
    for item, (name, content) in zip(data["evidence"], files.items(), strict=False):
        (folder / name).write_bytes(content)
        item["source"] = {"path": name}
        item["sha256"] = hashlib.sha256(content).hexdigest()
    return data


def bundle(folder: Path, data: dict[str, Any]) -> bytes:
    return build_bundle(data, folder, options=export_options(folder))


def entries(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.word_validator
def test_a_bundle_holds_pack_document_evidence_and_a_manifest(tmp_path: Path) -> None:
    data = pack_with_files(tmp_path)
    files = entries(bundle(tmp_path, data))
    assert set(files) == {
        "manifest.json", "pack.json", "pack.docx", "evidence/minutes.txt", "evidence/evidence/survey.csv"
    }
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        assert hashlib.sha256(files[entry["path"]]).hexdigest() == entry["sha256"]
        assert len(files[entry["path"]]) == entry["bytes"]
    assert json.loads(files["pack.json"]) == data
    (tmp_path / "inside.docx").write_bytes(files["pack.docx"])
    assert_valid_ooxml(tmp_path / "inside.docx")


def test_a_bundle_verifies_and_loads_back(tmp_path: Path) -> None:
    data = pack_with_files(tmp_path)
    raw = bundle(tmp_path, data)
    report = verify_bytes(raw, "pack.zip")
    assert report.ok, report.to_text()
    assert report.kind == "bundle"
    (tmp_path / "pack.zip").write_bytes(raw)
    assert load(tmp_path / "pack.zip").data == data


def test_a_changed_evidence_file_in_a_bundle_is_caught(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    files["evidence/minutes.txt"] = b"Minutes, rewritten later\n"
    report = verify_bytes(rezip(files), "pack.zip")
    assert not report.ok
    failed = {c.name for c in report.checks if not c.ok}
    assert failed == {"manifest-hashes", "evidence-files"}
    assert "evidence/minutes.txt has changed" in report.to_text()


def test_a_changed_evidence_file_with_a_forged_manifest_is_still_caught(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    files["evidence/minutes.txt"] = b"Minutes, rewritten later\n"
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == "evidence/minutes.txt":
            entry["sha256"] = hashlib.sha256(files["evidence/minutes.txt"]).hexdigest()
            entry["bytes"] = len(files["evidence/minutes.txt"])
    files["manifest.json"] = json.dumps(manifest).encode()
    report = verify_bytes(rezip(files), "pack.zip")
    assert [c.name for c in report.checks if not c.ok] == ["evidence-files"]  # the pack records the old hash


def test_a_changed_pack_file_is_caught(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    pack = json.loads(files["pack.json"])
    pack["metadata"]["title"] = "Something else"
    files["pack.json"] = json.dumps(pack).encode()
    report = verify_bytes(rezip(files), "pack.zip")
    assert {c.name for c in report.checks if not c.ok} == {"manifest-hashes", "pack-file"}


def test_a_file_slipped_into_a_bundle_is_caught(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    files["evidence/extra.txt"] = b"not listed"
    report = verify_bytes(rezip(files), "pack.zip")
    assert [c.name for c in report.checks if not c.ok] == ["manifest-complete"]


def test_a_bundle_with_an_escaping_name_is_refused(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    files["../outside.txt"] = b"x"
    report = verify_bytes(rezip(files), "pack.zip")
    assert not report.ok and "'..'" in report.to_text()


def test_a_manifest_listing_an_escaping_path_is_refused(tmp_path: Path) -> None:
    files = entries(bundle(tmp_path, pack_with_files(tmp_path)))
    manifest = json.loads(files["manifest.json"])
    manifest["files"][0]["path"] = "/etc/passwd"
    files["manifest.json"] = json.dumps(manifest).encode()
    report = verify_bytes(rezip(files), "pack.zip")
    assert not report.ok and "absolute path" in report.to_text()


def test_evidence_outside_the_pack_folder_is_refused(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    pack_dir.mkdir()
    (tmp_path / "secret.txt").write_text("not for the bundle")
    data = full_pack()
    data["evidence"][0]["source"] = {"path": "../secret.txt"}
    with pytest.raises(BundleError, match=r"'\.\./secret\.txt' is outside the pack's folder"):
        bundle(pack_dir, data)


def test_evidence_through_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    pack_dir = tmp_path / "pack"
    pack_dir.mkdir()
    (tmp_path / "secret.txt").write_text("not for the bundle")
    (pack_dir / "link.txt").symlink_to(tmp_path / "secret.txt")
    data = full_pack()
    data["evidence"][0]["source"] = {"path": "link.txt"}
    with pytest.raises(BundleError, match="outside the pack's folder"):
        bundle(pack_dir, data)


def test_missing_and_changed_evidence_files_are_all_named(tmp_path: Path) -> None:
    data = pack_with_files(tmp_path)
    (tmp_path / "minutes.txt").write_text("changed since it was registered")
    data["evidence"].append(evidence_item("E999", source={"path": "gone.pdf"}))
    with pytest.raises(BundleError) as caught:
        bundle(tmp_path, data)
    message = str(caught.value)
    assert "'minutes.txt' does not match the SHA-256 recorded" in message
    assert "'gone.pdf' does not exist" in message


def test_a_bundle_is_read_by_load_like_a_document(tmp_path: Path) -> None:
    data = pack_with_files(tmp_path)
    assert parse_bytes(bundle(tmp_path, data), "pack.zip").data == data
