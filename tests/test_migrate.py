"""Schema 1.1: every 1.0 pack keeps loading (upgraded on load), and `evidencepack migrate` writes the upgrade."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from evidencepack.api import check
from evidencepack.migrate import CURRENT, upgrade, version_of
from evidencepack.options import CheckOptions
from tests.conftest import run_cli

OLD = Path(__file__).resolve().parent / "data" / "care-home-digital-care-planning-1.0.json"
OPTIONS = CheckOptions(today=dt.date(2026, 11, 26), check_files=False)


def test_the_kept_copy_is_a_1_0_pack():
    assert version_of(json.loads(OLD.read_text())) == "1.0"


def test_a_1_0_pack_is_checked_as_its_upgrade_and_stays_valid():
    result = check(json.loads(OLD.read_text()), OPTIONS)
    assert result.valid and result.score is not None
    assert not [f for f in result.findings if f.code == "EP100"]


def test_upgrade_sets_the_version_changes_nothing_else_and_leaves_the_input_alone():
    data = json.loads(OLD.read_text())
    upgraded, changes = upgrade(data)
    assert version_of(upgraded) == CURRENT and version_of(data) == "1.0"
    assert changes and "1.0" in changes[0]
    upgraded["metadata"]["schema_version"] = "1.0"
    assert upgraded == data


def test_a_pack_with_no_version_is_read_as_1_0_and_upgraded():
    upgraded, _ = upgrade({"metadata": {}, "principles": {}})
    assert upgraded["metadata"]["schema_version"] == CURRENT


def test_a_current_pack_is_left_unchanged():
    data = {"metadata": {"schema_version": CURRENT}}
    assert upgrade(data) == (data, [])


def test_migrate_writes_the_upgraded_file(tmp_path: Path):
    out = tmp_path / "new.json"
    run = run_cli("migrate", str(OLD), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "1.0 → 1.1" in run.stderr
    written = json.loads(out.read_text())
    assert version_of(written) == CURRENT
    written["metadata"]["schema_version"] = "1.0"
    assert written == json.loads(OLD.read_text())


def test_migrate_in_place_keeps_yaml_as_yaml(tmp_path: Path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("metadata:\n  schema_version: '1.0'\n  title: Hydration rounds\n", encoding="utf-8")
    run = run_cli("migrate", "--in-place", str(pack))
    assert run.returncode == 0, run.stderr
    assert "schema_version: '1.1'" in pack.read_text() and "title: Hydration rounds" in pack.read_text()


def test_migrate_of_a_broken_file_says_what_is_wrong_and_writes_nothing(tmp_path: Path):
    pack = tmp_path / "broken.json"
    pack.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out.json"
    run = run_cli("migrate", str(pack), "-o", str(out))
    assert run.returncode == 1
    assert "EP001" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_the_shipped_examples_are_at_the_current_version():
    examples = Path(__file__).resolve().parents[1] / "examples"
    import yaml

    for path in sorted(examples.glob("*.json")) + sorted(examples.glob("*.yaml")):
        data = yaml.safe_load(path.read_text()) if path.suffix == ".yaml" else json.loads(path.read_text())
        assert version_of(data) == CURRENT, path.name
