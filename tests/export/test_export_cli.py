"""The export, verify and bundle commands, run as real processes through the main ``evidencepack`` CLI.

(``python -m evidencepack.export_commands`` runs the same three commands on their own.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from harness import EXAMPLES, assert_valid_ooxml
from packs import full_pack

from evidencepack.exit_codes import ExitCode

COMMAND = [sys.executable, "-m", "evidencepack"]
EXAMPLE = EXAMPLES / "care-home-digital-care-planning.json"


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.mark.word_validator
def test_export_writes_a_valid_document(tmp_path: Path) -> None:
    done = run("export", EXAMPLE, "-o", tmp_path / "pack.docx")
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert "wrote" in done.stdout
    assert_valid_ooxml(tmp_path / "pack.docx")


@pytest.mark.word_validator
def test_export_reads_yaml_and_an_exported_docx(tmp_path: Path) -> None:
    assert run("export", EXAMPLES / "gp-online-triage.yaml", "-o", tmp_path / "gp.docx").returncode == 0
    done = run("export", tmp_path / "gp.docx", "-o", tmp_path / "again.docx")
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert_valid_ooxml(tmp_path / "gp.docx", tmp_path / "again.docx")


@pytest.mark.word_validator
def test_export_with_a_template(tmp_path: Path) -> None:
    import docx

    template = docx.Document()
    template.styles["Normal"].font.name = "Verdana"
    template.save(tmp_path / "org.docx")
    done = run("export", EXAMPLE, "-o", tmp_path / "pack.docx", "--template", tmp_path / "org.docx")
    assert done.returncode == ExitCode.PASSED, done.stderr
    assert_valid_ooxml(tmp_path / "pack.docx")


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "No such file"), ('{"metadata": ', "EP001"), ("[1, 2]", "EP008")],
)
def test_export_of_an_unreadable_pack_is_a_one_line_error(tmp_path: Path, content: str | None, expected: str) -> None:
    pack = tmp_path / "pack.json"
    if content is not None:
        pack.write_text(content)
    done = run("export", pack, "-o", tmp_path / "out.docx")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert expected in one_line_error(done)
    assert not (tmp_path / "out.docx").exists()


def test_a_failed_export_leaves_the_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"the previous export")
    (tmp_path / "bad-template.docx").write_text("not a Word file")
    done = run("export", EXAMPLE, "-o", target, "--template", tmp_path / "bad-template.docx")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "bad-template.docx" in one_line_error(done)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-template.docx", "pack.docx"]  # no temporary left


def test_export_to_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    done = run("export", EXAMPLE, "-o", tmp_path / "nowhere" / "pack.docx")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "cannot write" in one_line_error(done)


def test_verify_passes_an_export_and_fails_a_tampered_one(tmp_path: Path) -> None:
    assert run("export", EXAMPLE, "-o", tmp_path / "pack.docx").returncode == 0
    done = run("verify", tmp_path / "pack.docx")
    assert done.returncode == ExitCode.PASSED, done.stdout
    assert "document and data agree" in done.stdout
    with zipfile.ZipFile(tmp_path / "pack.docx") as source, \
            zipfile.ZipFile(tmp_path / "tampered.docx", "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("customXml/item") and b"urn:evidencepack" in data and b"datastore" not in data:
                data = data.replace(b'"version":3', b'"version":4')
            target.writestr(info, data)
    done = run("verify", tmp_path / "tampered.docx", "--format", "json")
    assert done.returncode == ExitCode.PACK_FAILED
    report = json.loads(done.stdout)
    assert report["ok"] is False and report["kind"] == "docx"


def test_verify_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    done = run("verify", tmp_path / "missing.docx")
    assert done.returncode == ExitCode.USAGE_OR_IO
    assert "missing.docx" in one_line_error(done)


@pytest.mark.word_validator
def test_bundle_then_verify_the_bundle(tmp_path: Path) -> None:
    done = run("bundle", EXAMPLE, "-o", tmp_path / "pack.zip")
    assert done.returncode == ExitCode.PASSED, done.stderr
    done = run("verify", tmp_path / "pack.zip")
    assert done.returncode == ExitCode.PASSED, done.stdout
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        names = archive.namelist()
        (tmp_path / "inside.docx").write_bytes(archive.read("pack.docx"))
    assert any(name.startswith("evidence/") for name in names)
    assert_valid_ooxml(tmp_path / "inside.docx")


def test_bundle_refuses_evidence_outside_the_pack_folder(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    data = full_pack()
    data["evidence"][0]["source"] = {"path": "../../etc/passwd"}
    (folder / "pack.json").write_text(json.dumps(data))
    done = run("bundle", folder / "pack.json", "-o", tmp_path / "pack.zip")
    assert done.returncode == ExitCode.PACK_FAILED
    assert "outside the pack's folder" in one_line_error(done)
    assert not (tmp_path / "pack.zip").exists()


@pytest.mark.parametrize("command", [COMMAND, [sys.executable, "-m", "evidencepack.export_commands"]])
def test_help_lists_the_three_commands(command: list[str]) -> None:
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for name in ("export", "verify", "bundle"):
        assert name in done.stdout
