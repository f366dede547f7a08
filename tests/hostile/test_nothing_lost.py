"""Nothing lost: a save that was reported survives SIGKILL (PostgreSQL here; tests/store covers SQLite and races
on both), and a failed or killed export or bundle leaves the previous file whole.

Already covered elsewhere, so not repeated: SIGKILL during saves on SQLite and two processes saving on the same
base on SQLite and PostgreSQL (tests/store/test_store_concurrency.py); a failed export leaving the existing file
untouched (tests/export/test_export_cli.py); a failed bundle leaving it untouched (test_cli_hostile.py).
"""

from __future__ import annotations

import io
import os
import random
import signal
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hostile_inputs import CARE_HOME

import evidencepack.atomic
from evidencepack.atomic import write_atomic
from evidencepack.canonical import content_sha256
from evidencepack.export.verify import verify_path
from evidencepack.store import open_store
from tests.store.test_store_concurrency import start_worker

PREVIOUS = b"the previous export"


def test_versions_reported_saved_survive_sigkill_on_postgresql(postgresql_url: str) -> None:
    with open_store(postgresql_url) as store:
        pack_id = store.create_pack({"metadata": {"title": "durability"}}, saved_by="setup")
    chance = random.Random()
    reported: set[int] = {1}
    for _round in range(5):
        process = start_worker("saver", postgresql_url, pack_id)
        time.sleep(chance.uniform(0.05, 0.3))
        os.kill(process.pid, signal.SIGKILL)
        out, _err = process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        reported |= {int(line) for line in out.splitlines() if line.strip().isdigit()}
        with open_store(postgresql_url) as store:
            numbers = [v.number for v in store.versions(pack_id)]
            assert numbers == list(range(1, len(numbers) + 1))  # no gaps, no half-written version
            assert reported <= set(numbers), sorted(reported - set(numbers))
            for number in reported:
                info, data = store.get_version(pack_id, number)
                assert info.sha256 == content_sha256(data)
    assert max(reported) > 5


def test_a_write_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(PREVIOUS)

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(evidencepack.atomic.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new content" * 1000)
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["pack.docx"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(PREVIOUS)

    def interrupted(_src: object, _dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(evidencepack.atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new content")
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["pack.docx"]


def test_a_written_file_gets_the_permissions_of_a_plain_open_and_keeps_an_existing_files(tmp_path: Path) -> None:
    """mkstemp's 0o600 would hide an export from the colleagues it was written for."""
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.docx", b"x")
        assert stat.S_IMODE((tmp_path / "new.docx").stat().st_mode) == 0o644
        (tmp_path / "shared.docx").write_bytes(b"old")
        os.chmod(tmp_path / "shared.docx", 0o664)
        write_atomic(tmp_path / "shared.docx", b"new")
        assert stat.S_IMODE((tmp_path / "shared.docx").stat().st_mode) == 0o664
    finally:
        os.umask(umask)


@pytest.mark.parametrize("command", ["export", "bundle"])
def test_sigkill_during_export_or_bundle_leaves_the_old_file_or_a_whole_new_one(command: str, tmp_path: Path) -> None:
    target = tmp_path / ("out.docx" if command == "export" else "out.zip")
    chance = random.Random()
    outcomes = set()
    for _round in range(6):
        target.write_bytes(PREVIOUS)
        process = subprocess.Popen(
            [sys.executable, "-m", "evidencepack", command, str(CARE_HOME), "-o", str(target)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.05, 0.6))  # the command takes about 0.5 s
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        content = target.read_bytes()
        if content == PREVIOUS:
            outcomes.add("old")
        else:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                assert archive.testzip() is None  # whole: every entry's CRC is right
            assert verify_path(target).ok
            outcomes.add("new")
    assert outcomes  # each round ended with one of the two, never a half-written file
