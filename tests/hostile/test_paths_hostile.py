"""Evidence paths that try to leave the pack's folder (``..``, absolute paths, links) are findings (EP702) and stop a
bundle; paths that cannot be resolved (a loop of links, a name too long) are "does not exist", never a crash."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from hostile_inputs import example
from test_cli_hostile import PREVIOUS, run

from evidencepack.checks.files import is_file, resolve_inside
from evidencepack.exit_codes import ExitCode
from evidencepack.export.bundle import build_bundle
from evidencepack.export.document import ExportOptions
from evidencepack.export.errors import BundleError
from evidencepack.options import CheckOptions
from evidencepack.result import check_document

SECRET = b"a file outside the pack's folder\n"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A pack folder holding one honest file and links of every kind, and a folder beside it with a secret."""
    pack, outside = tmp_path / "pack", tmp_path / "outside"
    pack.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (pack / "minutes.txt").write_bytes(b"Minutes\n")
    (pack / "link-out").symlink_to(outside / "secret.txt")
    (pack / "dir-out").symlink_to(outside, target_is_directory=True)
    (pack / "absolute-link").symlink_to("/etc/passwd")
    (pack / "loop-a").symlink_to(pack / "loop-b")
    (pack / "loop-b").symlink_to(pack / "loop-a")
    (pack / "link-in").symlink_to(pack / "minutes.txt")
    os.mkfifo(pack / "fifo")
    return pack, outside


ESCAPES = {
    "dot-dot": "../outside/secret.txt",
    "deep dot-dot": "a/b/../../../outside/secret.txt",
    "absolute": "/etc/passwd",
    "absolute to the secret": "{outside}/secret.txt",
    "a link to a file outside": "link-out",
    "a link to a folder outside": "dir-out/secret.txt",
    "a link to an absolute path": "absolute-link",
    "a Windows drive": "C:\\Windows\\win.ini",
    "a UNC path": "\\\\server\\share\\secret.txt",
    "a NUL character": "minutes.txt\x00.pdf",
}
MISSING = {
    "a loop of links": "loop-a",
    "through a loop": "loop-a/x.txt",
    "a name too long": "x" * 300 + ".txt",
    "a path too long": "x/" * 400 + "x.txt",
    "a FIFO": "fifo",
    "the folder itself": ".",
}


def _pack_citing(path: str) -> dict:
    data = example()
    data["evidence"][0]["source"] = {"path": path}
    data["evidence"][0]["sha256"] = hashlib.sha256(SECRET).hexdigest()
    return data


@pytest.mark.parametrize("case", list(ESCAPES))
def test_a_path_out_of_the_folder_is_ep702_and_its_file_is_never_read(case: str, folders: tuple[Path, Path]) -> None:
    pack, outside = folders
    relative = ESCAPES[case].format(outside=outside)
    assert resolve_inside(pack, relative) is None
    result = check_document(_pack_citing(relative), CheckOptions(base_dir=pack))
    codes = {f.code for f in result.findings if f.pointer.startswith("/evidence/0/")}
    assert "EP702" in codes and "EP703" not in codes and "EP704" not in codes  # never hashed, never compared


@pytest.mark.parametrize("case", list(MISSING))
def test_a_path_that_cannot_be_resolved_is_ep701_never_an_exception(case: str, folders: tuple[Path, Path]) -> None:
    pack, _ = folders
    target = resolve_inside(pack, MISSING[case])
    assert target is not None and not is_file(target)
    result = check_document(_pack_citing(MISSING[case]), CheckOptions(base_dir=pack))
    codes = {f.code for f in result.findings if f.pointer.startswith("/evidence/0/")}
    if len(MISSING[case]) <= 1000:  # longer paths break the schema's maxLength, so content checks do not run
        assert "EP701" in codes, result.findings


def test_a_link_inside_the_folder_is_followed(folders: tuple[Path, Path]) -> None:
    pack, _ = folders
    assert resolve_inside(pack, "link-in") == (pack / "minutes.txt").resolve()


@pytest.mark.parametrize("case", [*ESCAPES, *MISSING])
def test_bundle_refuses_a_path_out_of_the_folder_or_that_cannot_be_resolved(case: str,
                                                                            folders: tuple[Path, Path]) -> None:
    pack, outside = folders
    relative = {**ESCAPES, **MISSING}[case].format(outside=outside)
    with pytest.raises(BundleError) as caught:
        build_bundle(_pack_citing(relative), pack, options=ExportOptions(check=CheckOptions(check_files=False)))
    message = str(caught.value)
    assert "outside the pack's folder" in message if case in ESCAPES else "does not exist" in message
    assert SECRET.decode().strip() not in message


def test_bundle_refuses_a_file_name_that_verify_would_refuse(tmp_path: Path) -> None:
    (tmp_path / "a\\b.txt").write_bytes(b"x")  # a backslash is an ordinary character in a POSIX file name
    data = example()
    data["evidence"] = [{"id": "E1", "title": "x", "source": {"path": "a\\b.txt"}}]
    with pytest.raises(BundleError, match="cannot be stored in a bundle"):
        build_bundle(data, tmp_path, options=ExportOptions(check=CheckOptions(check_files=False)))


@pytest.mark.skipif(sys.platform != "linux", reason="undecodable file names are a POSIX matter")
def test_bundle_refuses_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A pack cannot name such a file (its text would hold an unpaired surrogate), but a link inside the folder
    can lead to one."""
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"x")
    (tmp_path / "link.txt").symlink_to(tmp_path / os.fsdecode(b"caf\xe9.txt"))
    data = example()
    data["evidence"] = [{"id": "E1", "title": "x", "source": {"path": "link.txt"}}]
    with pytest.raises(BundleError, match="not valid Unicode"):
        build_bundle(data, tmp_path, options=ExportOptions(check=CheckOptions(check_files=False)))


def test_cli_validate_and_bundle_refuse_escaping_paths_and_leave_the_old_bundle(folders: tuple[Path, Path]) -> None:
    pack, outside = folders
    data = example()
    for item, relative in zip(data["evidence"], ["../outside/secret.txt", "/etc/passwd", "link-out", "loop-a"],
                              strict=False):
        item["source"] = {"path": relative}
    (pack / "pack.json").write_text(json.dumps(data))
    (pack / "out.zip").write_bytes(PREVIOUS)

    checked = run("validate", pack / "pack.json")
    assert checked.code == ExitCode.PACK_FAILED and "Traceback" not in checked.output
    assert checked.stdout.count("EP702") == 3 and "EP701" in checked.stdout

    bundled = run("bundle", pack / "pack.json", "-o", pack / "out.zip")
    assert bundled.code == ExitCode.PACK_FAILED and "Traceback" not in bundled.output
    (line,) = bundled.stderr.strip().splitlines()
    assert line.count("outside the pack's folder") == 3 and "'loop-a' does not exist" in line
    assert (pack / "out.zip").read_bytes() == PREVIOUS
