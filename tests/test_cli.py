"""The CLI through a real process: exit codes, the JSON contract, JUnit and GitHub output, the small commands."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from evidencepack.cli import _fewer_collections
from evidencepack.exit_codes import ExitCode
from tests.conftest import EXAMPLES, SCHEMAS


def _write(path: Path, data) -> Path:
    path.write_text(json.dumps(data))
    return path


@pytest.fixture
def good(tmp_path, cli) -> Path:
    path = tmp_path / "good.json"
    result = cli("new", "-o", str(path), "--title", "Good")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def invalid(tmp_path) -> Path:
    return _write(tmp_path / "invalid.json", {"metadata": {"status": "finished"}})


def test_blank_pack_passes_with_exit_0(cli, good):
    assert cli("validate", str(good)).returncode == ExitCode.PASSED


def test_invalid_pack_fails_with_exit_1(cli, invalid):
    result = cli("validate", str(invalid))
    assert result.returncode == ExitCode.PACK_FAILED
    assert "EP100" in result.stdout


def test_missing_file_is_exit_2_without_traceback(cli, tmp_path):
    result = cli("validate", str(tmp_path / "absent.json"))
    assert result.returncode == ExitCode.USAGE_OR_IO
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_is_exit_2(cli, good):
    assert cli("validate", "--format", "xml", str(good)).returncode == ExitCode.USAGE_OR_IO


def test_min_score_fails_a_pack_below_it(cli, good):
    result = cli("validate", "--min-score", "50", str(good))
    assert result.returncode == ExitCode.PACK_FAILED
    assert "below the minimum 50" in result.stdout


def test_fail_on_warning_fails_a_pack_with_warnings(cli, good):
    # a blank pack has no outcome measures: a warning (EP506)
    assert cli("validate", str(good)).returncode == ExitCode.PASSED
    assert cli("validate", "--fail-on", "warning", str(good)).returncode == ExitCode.PACK_FAILED


def test_json_report_follows_the_contract(cli, good, invalid):
    result = cli("validate", "--format", "json", str(good), str(invalid))
    report = json.loads(result.stdout)
    assert result.returncode == ExitCode.PACK_FAILED
    assert [Path(p["path"]).name for p in report["packs"]] == ["good.json", "invalid.json"]
    for pack in report["packs"]:
        assert {"path", "valid", "score", "readiness", "findings"} <= set(pack)
        for f in pack["findings"]:
            assert {"code", "severity", "pointer", "message", "hint"} <= set(f)
            assert f["severity"] in ("error", "warning", "info")
    first, second = report["packs"]
    assert first["valid"] is True and first["score"]["overall"] == 0
    assert set(first["score"]["principles"]) == {"people", "culture", "support", "share", "outcomes", "change"}
    assert first["readiness"] == "not_ready"
    assert second["valid"] is False and second["score"] is None and second["readiness"] is None


def test_junit_report_parses_as_xml_with_a_failure_per_failed_pack(cli, good, invalid):
    result = cli("validate", "--format", "junit", str(good), str(invalid))
    root = ET.fromstring(result.stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == 2
    assert [c.find("failure") is not None for c in cases] == [False, True]
    assert root.get("failures") == "1"


def test_github_format_emits_workflow_commands(cli, invalid):
    result = cli("validate", "--format", "github", str(invalid))
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert any(line.startswith("::error file=") and "EP100" in line for line in lines)


def test_folders_are_searched_for_packs(cli, tmp_path, good, invalid):
    nested = tmp_path / "more"
    nested.mkdir()
    (nested / "p.yaml").write_text(yaml.safe_dump({"metadata": {"title": "Y"}}))
    (tmp_path / "notes.txt").write_text("not a pack")
    report = json.loads(cli("validate", "--format", "json", str(tmp_path)).stdout)
    assert sorted(Path(p["path"]).name for p in report["packs"]) == ["good.json", "invalid.json", "p.yaml"]


def test_broken_file_is_a_finding_not_a_traceback(cli, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"metadata": {"title": "a",,}}')
    result = cli("validate", str(broken))
    assert result.returncode == ExitCode.PACK_FAILED
    assert "EP001" in result.stdout and "line 1, column" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_hostile_bytes_give_findings_not_tracebacks(cli, tmp_path):
    files = {
        "nul.json": b'{"metadata": {"title": "a\x00b"}}',
        "deep.json": b"[" * 50_000,
        "digits.json": b'{"measures": [{"target": ' + b"9" * 10_000 + b"}]}",
        "latin1.yaml": "title: caf\u00e9".encode("latin-1"),
        "laughs.yaml": b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n',
        "tag.yaml": b"x: !!python/name:os.system\n",
    }
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    result = cli("validate", "--format", "json", str(tmp_path))
    assert "Traceback" not in result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert len(report["packs"]) == len(files)
    assert all(p["valid"] is False and p["findings"] for p in report["packs"])


def test_oversized_file_is_refused(cli, tmp_path):
    big = _write(tmp_path / "big.json", {"metadata": {"title": "x" * 5000}})
    result = cli("validate", "--max-bytes", "1000", "--format", "json", str(big))
    assert json.loads(result.stdout)["packs"][0]["findings"][0]["code"] == "EP004"


def test_new_writes_yaml_that_validates(cli, tmp_path):
    path = tmp_path / "new.yaml"
    assert cli("new", "-o", str(path)).returncode == 0
    data = yaml.safe_load(path.read_text())
    assert data["metadata"]["status"] == "draft" and len(data["principles"]) == 6
    assert cli("validate", str(path)).returncode == ExitCode.PASSED


def test_new_refuses_to_overwrite(cli, good):
    result = cli("new", "-o", str(good))
    assert result.returncode == ExitCode.USAGE_OR_IO and "--force" in result.stderr


def test_explain_prints_the_rule(cli):
    result = cli("explain", "ep202")
    assert result.returncode == 0
    assert "EP202" in result.stdout and "How to fix it" in result.stdout


def test_explain_unknown_code_is_a_usage_error(cli):
    assert cli("explain", "EP999").returncode == ExitCode.USAGE_OR_IO


def test_schema_prints_the_schema_location(cli):
    result = cli("schema")
    assert Path(result.stdout.strip()).name == "pack.schema.json"
    assert Path(result.stdout.strip()).read_text() == (SCHEMAS / "pack.schema.json").read_text()


def test_schema_bundle_is_one_document_usable_by_check_jsonschema(cli, tmp_path):
    bundled = tmp_path / "bundle.json"
    bundled.write_text(cli("schema", "--bundle").stdout)
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(bundled),
                         str(EXAMPLES / "blank.json")], capture_output=True, timeout=120)
    assert ok.returncode == 0


def test_schema_criteria_lists_every_criterion(cli):
    from evidencepack.framework import load_framework

    output = cli("schema", "--criteria").stdout
    assert all(c.id in output for c in load_framework().criteria)


def test_examples_validate_in_one_process(cli):
    result = cli("validate", "--format", "json", "--today", "2026-11-26", str(EXAMPLES))
    report = json.loads(result.stdout)
    by_name = {Path(p["path"]).name: p for p in report["packs"]}
    assert by_name["care-home-digital-care-planning.json"]["readiness"] == "ready"
    assert by_name["blank.json"]["score"]["overall"] == 0
    assert 20 < by_name["gp-online-triage.yaml"]["score"]["overall"] < 80
    assert result.returncode == ExitCode.PASSED


def test_a_batch_collects_cycles_less_often_and_restores_the_collector_even_when_it_stops_early():
    before = gc.get_threshold()
    with _fewer_collections():
        assert gc.get_threshold()[0] > before[0] and gc.isenabled()
    assert gc.get_threshold() == before
    with pytest.raises(SystemExit), _fewer_collections():
        raise SystemExit(2)
    assert gc.get_threshold() == before


def test_json_report_names_a_file_whose_name_is_not_utf8(tmp_path, good):
    """Linux file names are bytes: one that is not UTF-8 reaches Python as text with surrogates, which the JSON
    writer cannot encode. The report still comes out, naming the file by its own bytes."""
    odd = tmp_path / os.fsdecode(b"pack-\xff.json")
    odd.write_bytes(good.read_bytes())
    result = subprocess.run([sys.executable, "-m", "evidencepack", "validate", "--format", "json", str(odd)],
                            capture_output=True, timeout=120)
    assert result.returncode == ExitCode.PASSED, result.stderr
    report = json.loads(result.stdout.decode("utf-8", "surrogateescape"))
    assert os.fsencode(report["packs"][0]["path"]).endswith(b"pack-\xff.json")
