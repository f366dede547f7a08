"""The command line, run as real processes, meets every hostile file with exit code 1 or 2, a message that names
the problem, no traceback, no half-written output, and without reading a huge file whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import (
    GIB,
    Hostile,
    hostile_bundles,
    hostile_documents,
    hostile_packs,
    sparse_file,
)

from evidencepack.exit_codes import ExitCode
from evidencepack.framework import load_framework

PACKS = hostile_packs()
# bundle reads the pack with the same loader as export, which meets every case: here, one of each kind
BUNDLE_PACKS = [case for case in PACKS if case.name in {
    "deep-object.json", "long-number.yaml", "invalid-utf8.yaml", "nul.json", "billion-laughs.yaml",
    "python-object.yaml", "nan.json", "million-empty-items.json"}]
ARCHIVES = hostile_documents() + hostile_bundles()
REFUSED_ARCHIVES = [case for case in ARCHIVES if case.code]  # load refuses these too
PREVIOUS = b"the previous output, which a failed command must leave as it was"
MAX_RSS_KB = 400 * 1024  # a child that read a 1 GiB file whole would use far more
# Runs the command as its only child and reports that child's peak memory (ru_maxrss, KiB) on the last line.
_MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print(f'maxrss={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}', file=sys.stderr); "
    "sys.exit(done.returncode)"
)


class Run:
    def __init__(self, done: subprocess.CompletedProcess[str], measured: bool):
        errors = done.stderr.rstrip("\n").split("\n")
        self.maxrss_kb = -1
        if measured:
            *errors, last = errors
            assert last.startswith("maxrss="), done.stderr
            self.maxrss_kb = int(last.removeprefix("maxrss="))
        self.code = done.returncode
        self.stdout = done.stdout
        self.stderr = "\n".join(errors)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(*args: object, cwd: Path | None = None, measure: bool = False) -> Run:
    """``python -m evidencepack ARGS`` as a real process; with ``measure``, also its peak memory."""
    command = [sys.executable, "-m", "evidencepack", *map(str, args)]
    if measure:
        command = [sys.executable, "-c", _MEASURE, *command]
    return Run(subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=120), measure)


def _ids(cases: list[Hostile]) -> list[str]:
    return [case.name for case in cases]


def one_line_error(done: Run) -> str:
    assert "Traceback" not in done.output, done.output
    assert "internal error" not in done.output, done.output
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def _write(folder: Path, case: Hostile) -> Path:
    path = folder / case.name
    path.write_bytes(case.content)
    return path


def test_validate_reports_each_hostile_pack_with_its_finding(tmp_path: Path) -> None:
    paths = [_write(tmp_path, case) for case in PACKS]
    done = run("validate", *paths)
    assert done.code == ExitCode.PACK_FAILED, done.output
    assert "Traceback" not in done.output and not done.stderr.strip(), done.output
    for case in PACKS:
        assert f"{case.name}: INVALID" in done.stdout
        assert any(f"error   {case.code} /: " in line and f"{case.name}: " in line and case.says in line
                   for line in done.stdout.splitlines()), case.name


@pytest.mark.parametrize("case", PACKS, ids=_ids(PACKS))
def test_export_of_a_hostile_pack_is_a_one_line_error_and_writes_nothing(case: Hostile, tmp_path: Path) -> None:
    pack = _write(tmp_path, case)
    done = run("export", pack, "-o", tmp_path / "out.docx")
    assert done.code == ExitCode.USAGE_OR_IO
    line = one_line_error(done)
    assert case.code in line and case.name in line and case.says in line
    assert sorted(p.name for p in tmp_path.iterdir()) == [case.name]


@pytest.mark.parametrize("case", BUNDLE_PACKS, ids=_ids(BUNDLE_PACKS))
def test_bundle_of_a_hostile_pack_is_a_one_line_error_and_leaves_the_old_bundle(case: Hostile, tmp_path: Path) -> None:
    pack = _write(tmp_path, case)
    (tmp_path / "out.zip").write_bytes(PREVIOUS)
    done = run("bundle", pack, "-o", tmp_path / "out.zip")
    assert done.code == ExitCode.USAGE_OR_IO
    line = one_line_error(done)
    assert case.code in line and case.says in line
    assert (tmp_path / "out.zip").read_bytes() == PREVIOUS
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([case.name, "out.zip"])  # no temporary left


@pytest.mark.parametrize("case", ARCHIVES, ids=_ids(ARCHIVES))
def test_verify_of_a_hostile_document_or_bundle_fails_and_says_why(case: Hostile, tmp_path: Path) -> None:
    done = run("verify", _write(tmp_path, case))
    assert done.code == ExitCode.PACK_FAILED, done.output
    assert "Traceback" not in done.output and not done.stderr.strip(), done.output
    assert "DO NOT agree" in done.stdout
    failed = [line for line in done.stdout.splitlines() if line.strip().startswith("[FAIL]")]
    assert failed and any(case.says in line for line in failed), done.stdout


@pytest.mark.parametrize("case", REFUSED_ARCHIVES, ids=_ids(REFUSED_ARCHIVES))
def test_export_from_a_hostile_document_or_bundle_is_a_one_line_error(case: Hostile, tmp_path: Path) -> None:
    (tmp_path / "out.docx").write_bytes(PREVIOUS)
    done = run("export", _write(tmp_path, case), "-o", tmp_path / "out.docx")
    assert done.code == ExitCode.USAGE_OR_IO
    line = one_line_error(done)
    assert case.code in line and case.says in line
    assert (tmp_path / "out.docx").read_bytes() == PREVIOUS


# A 1 GiB file (sparse: it takes no disk space) ------------------------------------------------------------

@pytest.mark.parametrize("name", ["huge.json", "huge.yaml", "huge.docx"])
def test_validate_refuses_a_1_gib_file_by_its_size_without_reading_it(name: str, tmp_path: Path) -> None:
    done = run("validate", sparse_file(tmp_path / name), measure=True)
    assert done.code == ExitCode.PACK_FAILED
    assert "EP004" in done.stdout and f"{GIB + 1:,} bytes is over the limit" in done.stdout
    assert "Traceback" not in done.output
    assert done.maxrss_kb < MAX_RSS_KB


@pytest.mark.parametrize("command", ["export", "bundle"])
def test_export_and_bundle_refuse_a_1_gib_file_by_its_size_without_reading_it(command: str, tmp_path: Path) -> None:
    done = run(command, sparse_file(tmp_path / "huge.json"), "-o", tmp_path / "out", measure=True)
    assert done.code == ExitCode.USAGE_OR_IO
    assert "EP004" in one_line_error(done)
    assert not (tmp_path / "out").exists()
    assert done.maxrss_kb < MAX_RSS_KB


@pytest.mark.parametrize("name", ["huge.docx", "huge.zip"])
def test_verify_refuses_a_1_gib_file_by_its_size_without_reading_it(name: str, tmp_path: Path) -> None:
    done = run("verify", sparse_file(tmp_path / name), measure=True)
    assert done.code in (ExitCode.PACK_FAILED, ExitCode.USAGE_OR_IO)
    assert "over the limit" in done.output and "Traceback" not in done.output
    assert done.maxrss_kb < MAX_RSS_KB, f"verify used {done.maxrss_kb // 1024} MiB: it read the file whole"


def test_validate_of_a_file_with_millions_of_schema_errors_finishes_in_seconds(tmp_path: Path) -> None:
    """Every criterion citing 100,000 numbers: 3.3 million schema errors in 6.6 MB (each list within the loader's
    limit). The validator gathers every error before it yields one; listing them must not take minutes."""
    framework = load_framework()
    principles = {p.key: {"criteria": {c.key: {"evidence": [1] * 100_000} for c in p.criteria}}
                  for p in framework.principles}
    pack = tmp_path / "errors.json"
    pack.write_text(json.dumps({"principles": principles}, separators=(",", ":")))
    assert pack.stat().st_size < 20 * 1024 * 1024
    try:
        done = subprocess.run([sys.executable, "-m", "evidencepack", "validate", str(pack)], capture_output=True,
                              text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("validate took more than 20 s")
    assert done.returncode == ExitCode.PACK_FAILED and "EP100" in done.stdout and "Traceback" not in done.stderr
