"""The export gate through the real ``evidencepack`` command (a child process): refused with exit 1 and nothing
written, or exported with --override-reason, the document stating the override and verify agreeing.

NHS numbers are made at run time (``evidencepack.privacy.synthetic``), never written into this file.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from harness import assert_valid_ooxml
from packs import full_pack
from wordml import Docx

from evidencepack.exit_codes import ExitCode
from evidencepack.framework import load_framework
from evidencepack.load import load
from evidencepack.privacy.synthetic import grouped, nhs_number

COMMAND = [sys.executable, "-m", "evidencepack"]
FIRST = load_framework().principles[0]
CRITERION = FIRST.criteria[0]
REASON = "The inspector asked for the pack today; the number is being removed"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, timeout=120)


def write_pack(folder: Path, number: str, *, prepared_by: bool = True) -> Path:
    data = full_pack()
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] += f" Resident {grouped(number)} agreed."
    if not prepared_by:
        data["metadata"].pop("prepared_by")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pack.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_no_leak(done: subprocess.CompletedProcess[str], number: str) -> None:
    for stream in (done.stdout, done.stderr):
        assert number not in stream and grouped(number) not in stream


def test_export_refuses_a_pack_with_an_error_and_writes_nothing(tmp_path: Path) -> None:
    number = nhs_number()
    pack = write_pack(tmp_path / "pack", number)
    done = run("export", pack, "-o", tmp_path / "new.docx")
    assert done.returncode == ExitCode.PACK_FAILED, done.stderr
    assert "Traceback" not in done.stderr
    assert "error: the pack has 1 error-level finding, so it was not exported" in done.stderr
    assert f"EP801 at /principles/{FIRST.key}/criteria/{CRITERION.key}/narrative" in done.stderr
    assert f"{number[:3]} *** ****" in done.stderr and "--override-reason" in done.stderr
    assert_no_leak(done, number)
    assert not (tmp_path / "new.docx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]  # no temporary file left behind either


def test_a_refused_export_leaves_an_existing_file_as_it_was(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", nhs_number())
    target = tmp_path / "pack.docx"
    target.write_bytes(b"the previous export")
    done = run("export", pack, "-o", target)
    assert done.returncode == ExitCode.PACK_FAILED
    assert target.read_bytes() == b"the previous export"


@pytest.mark.word_validator
def test_export_with_an_override_states_it_and_verifies(tmp_path: Path) -> None:
    number = nhs_number()
    pack = write_pack(tmp_path / "pack", number)
    out = tmp_path / "pack.docx"
    done = run("export", pack, "-o", out, "--override-reason", REASON, "--override-by", "Kim Lee")
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert "wrote" in done.stdout
    assert "warning: exported despite 1 error-level finding" in done.stderr and "Kim Lee" in done.stderr
    assert_no_leak(done, number)
    assert_valid_ooxml(out)
    today = dt.date.today()
    when = f"{today.day} {today:%B %Y}"
    text = Docx.open(out).text()
    assert f"Exported despite errors: {REASON} (recorded by Kim Lee, {when})" in text
    assert f"Decided by Kim Lee on {when}. Reason: {REASON}" in text
    assert "Error-level findings this document was exported despite" in text
    inside = load(out).data
    assert inside["metadata"]["export_override"] == {"reason": REASON, "by": "Kim Lee", "date": today.isoformat()}
    verified = run("verify", out)
    assert verified.returncode == ExitCode.PASSED, verified.stdout


def test_the_override_is_by_the_preparer_unless_named(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", nhs_number())
    out = tmp_path / "pack.docx"
    done = run("export", pack, "-o", out, "--override-reason", REASON)
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert load(out).data["metadata"]["export_override"]["by"] == full_pack()["metadata"]["prepared_by"]["name"]


def test_without_a_preparer_the_override_must_name_who(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", nhs_number(), prepared_by=False)
    done = run("export", pack, "-o", tmp_path / "pack.docx", "--override-reason", REASON)
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "--override-by NAME is needed" in done.stderr
    assert not (tmp_path / "pack.docx").exists()


def test_a_reason_holding_personal_data_is_refused(tmp_path: Path) -> None:
    number = nhs_number()
    pack = write_pack(tmp_path / "pack", nhs_number())
    done = run("export", pack, "-o", tmp_path / "pack.docx", "--override-reason", f"Resident {number} consented")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "cannot record the override" in done.stderr
    assert_no_leak(done, number)
    assert not (tmp_path / "pack.docx").exists()


def test_override_by_alone_is_a_usage_error(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", nhs_number())
    done = run("export", pack, "-o", tmp_path / "pack.docx", "--override-by", "Kim Lee")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "--override-by is only used with --override-reason" in done.stderr


def test_an_override_on_a_clean_pack_is_not_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.json").write_text(json.dumps(full_pack()), encoding="utf-8")
    done = run("export", folder / "pack.json", "-o", tmp_path / "pack.docx", "--override-reason", REASON)
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert "no override was needed" in done.stderr
    assert "export_override" not in load(tmp_path / "pack.docx").data["metadata"]


def test_re_exporting_an_overridden_document_needs_the_override_again(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", nhs_number())
    first = tmp_path / "first.docx"
    assert run("export", pack, "-o", first, "--override-reason", REASON).returncode == ExitCode.PASSED
    done = run("export", first, "-o", tmp_path / "second.docx")
    assert done.returncode == ExitCode.PACK_FAILED
    assert "earlier override" in done.stderr
    assert not (tmp_path / "second.docx").exists()


def _bundle_entries(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_refuses_too_and_bundles_with_an_override(tmp_path: Path) -> None:
    number = nhs_number()
    pack = write_pack(tmp_path / "pack", number)
    target = tmp_path / "pack.zip"
    done = run("bundle", pack, "-o", target)
    assert done.returncode == ExitCode.PACK_FAILED
    assert "EP801" in done.stderr and not target.exists()
    assert_no_leak(done, number)
    done = run("bundle", pack, "-o", target, "--override-reason", REASON, "--override-by", "Kim Lee")
    assert done.returncode == ExitCode.PASSED, done.stderr
    entries = _bundle_entries(target)
    assert json.loads(entries["pack.json"])["metadata"]["export_override"]["reason"] == REASON
    (tmp_path / "inside.docx").write_bytes(entries["pack.docx"])
    assert f"Reason: {REASON}" in Docx.open(tmp_path / "inside.docx").text()
    verified = run("verify", target)
    assert verified.returncode == ExitCode.PASSED, verified.stdout
