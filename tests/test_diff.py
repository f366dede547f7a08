"""`evidencepack diff` and `validate --baseline`: what changed, and a gate that fails on a regression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evidencepack.diff import diff
from evidencepack.exit_codes import ExitCode
from evidencepack.options import CheckOptions
from evidencepack.result import check_document
from tests.conftest import EXAMPLES, TODAY, run_cli

EXAMPLE = EXAMPLES / "care-home-digital-care-planning.json"
OPTIONS = CheckOptions(today=TODAY, check_files=False)


def _example() -> dict:
    return json.loads(EXAMPLE.read_text())


def _write(tmp_path: Path, data: dict, name: str = "new.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _weaker() -> dict:
    data = _example()
    data["principles"]["people"]["criteria"]["co_design"] = {"status": "not_yet"}
    return data


def test_diff_reports_band_criterion_claim_and_finding_changes():
    old, new = check_document(_example(), OPTIONS), check_document(_weaker(), OPTIONS)
    words = [c.words() for c in diff(old, new).changes]
    assert "people band good → some_shortfalls" in words
    assert "people.co_design status met → not_yet" in words
    assert any(w.startswith("people.co_design criterion score") for w in words)
    assert any(w.startswith("new info EP604") for w in words)
    assert diff(old, new).regressions == ["people band good → some_shortfalls"]


def test_an_unchanged_pack_has_no_changes():
    result = check_document(_example(), OPTIONS)
    assert diff(result, result).changes == []


def test_a_new_error_is_a_regression_and_a_resolved_one_is_not():
    broken = _example()
    broken["principles"]["people"]["criteria"]["feedback_route"]["evidence"] = ["E99"]
    good, bad = check_document(_example(), OPTIONS), check_document(broken, OPTIONS)
    assert [r for r in diff(good, bad).regressions if "EP202" in r]
    assert not diff(bad, good).regressions


def test_cli_diff_exits_1_on_a_regression_and_0_on_an_improvement(tmp_path: Path):
    weaker = _write(tmp_path, _weaker())
    worse = run_cli("diff", str(EXAMPLE), str(weaker), "--today", TODAY.isoformat(), "--no-file-checks")
    better = run_cli("diff", str(weaker), str(EXAMPLE), "--today", TODAY.isoformat(), "--no-file-checks")
    assert worse.returncode == ExitCode.PACK_FAILED and "WORSE people band good → some_shortfalls" in worse.stdout
    assert better.returncode == ExitCode.PASSED and "people band some_shortfalls → good" in better.stdout


def test_cli_diff_json_lists_changes_and_regressions(tmp_path: Path):
    run = run_cli("diff", str(EXAMPLE), str(_write(tmp_path, _weaker())), "--format", "json",
                  "--today", TODAY.isoformat(), "--no-file-checks")
    report = json.loads(run.stdout)
    assert report["regressions"] == ["people band good → some_shortfalls"]
    assert {"kind", "where", "before", "after", "worse", "words"} <= set(report["changes"][0])


def test_validate_with_a_baseline_fails_when_a_band_drops(tmp_path: Path):
    run = run_cli("validate", "--baseline", str(EXAMPLE), str(_write(tmp_path, _weaker())), "--format", "json",
                  "--today", TODAY.isoformat(), "--no-file-checks")
    assert run.returncode == ExitCode.PACK_FAILED
    (pack,) = json.loads(run.stdout)["packs"]
    assert pack["fail_reasons"] == ["since the baseline: people band good → some_shortfalls"]


def test_validate_with_a_baseline_passes_when_nothing_got_worse(tmp_path: Path):
    run = run_cli("validate", "--baseline", str(EXAMPLE), str(_write(tmp_path, _example())),
                  "--today", TODAY.isoformat(), "--no-file-checks")
    assert run.returncode == ExitCode.PASSED, run.stdout


def test_validate_baseline_needs_exactly_one_pack(tmp_path: Path):
    run = run_cli("validate", "--baseline", str(EXAMPLE), str(EXAMPLE), str(_write(tmp_path, _example())))
    assert run.returncode == ExitCode.USAGE_OR_IO and "one pack" in run.stderr


@pytest.mark.parametrize("fmt", ["json"])
def test_json_report_contract(fmt: str):
    run = run_cli("validate", str(EXAMPLE), "--format", fmt, "--today", TODAY.isoformat())
    report = json.loads(run.stdout)
    assert report["report_version"] == "2.0"
    (pack,) = report["packs"]
    score = pack["score"]
    assert 0 <= score["overall"] <= 100 and score["band"] and 0 <= score["answered"] <= 100
    for key, principle in score["principles"].items():
        assert 0 <= principle["score"] <= 100 and principle["band"], key
        for criterion in principle["criteria"].values():
            assert criterion["score"] in (1, 2, 3, 4, None)
