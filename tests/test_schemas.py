"""The JSON Schemas: checked by validators we did not write, self-consistent, and the single source."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evidencepack.framework import load_framework
from tests.conftest import EXAMPLES, SCHEMAS

BROKEN_PACKS = {
    "misspelt-section.json": {"metadta": {}},
    "wrong-status.json": {"principles": {"people": {"criteria": {"co_design": {"status": "done"}}}}},
    "bad-uuid.json": {"metadata": {"id": "not-a-uuid"}},
    "bad-date.json": {"metadata": {"period": {"start": "31/01/2026"}}},
    "bad-evidence-id.json": {"evidence": [{"id": "e1"}]},
    "unknown-criterion.json": {"principles": {"people": {"criteria": {"made_up": {}}}}},
    "evidence-without-id.json": {"evidence": [{"title": "Survey"}]},
    "number-as-text.json": {"measures": [{"target": "ten"}]},
}


def _check_jsonschema(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMAS / "pack.schema.json"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_examples_pass_check_jsonschema():
    examples = sorted(EXAMPLES.glob("*.json")) + sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 3
    result = _check_jsonschema(*examples)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", sorted(BROKEN_PACKS))
def test_broken_pack_fails_check_jsonschema_and_ours(tmp_path, name):
    path = tmp_path / name
    path.write_text(json.dumps(BROKEN_PACKS[name]))
    assert _check_jsonschema(path).returncode == 1
    from evidencepack.result import check_path

    result = check_path(path)
    assert not result.valid
    assert any(f.code == "EP100" for f in result.findings)


def test_blank_pack_is_schema_valid(tmp_path):
    path = tmp_path / "blank.json"
    path.write_text("{}")
    assert _check_jsonschema(path).returncode == 0


def test_bundled_schema_is_self_contained_and_agrees(tmp_path):
    bundled = tmp_path / "bundled.schema.json"
    bundled.write_text(json.dumps(load_framework().bundled_schema()))
    assert "$ref" not in json.dumps(load_framework().bundled_schema()).replace('"$ref": "#', "")
    pack = tmp_path / "p.json"
    for data, expected in (({}, 0), (BROKEN_PACKS["wrong-status.json"], 1)):
        pack.write_text(json.dumps(data))
        result = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--schemafile", str(bundled), str(pack)],
            capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == expected, result.stdout


def test_schemas_are_valid_draft_2020_12():
    from jsonschema import Draft202012Validator

    for path in sorted(SCHEMAS.rglob("*.schema.json")):
        schema = json.loads(path.read_text())
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path
        Draft202012Validator.check_schema(schema)


def test_every_principle_file_is_referenced_from_the_pack_schema():
    framework = load_framework()
    referenced = {p.schema_file for p in framework.principles}
    on_disk = {p.relative_to(SCHEMAS).as_posix() for p in (SCHEMAS / "principles").glob("*.schema.json")}
    assert referenced == on_disk


def test_every_criterion_carries_the_rubric():
    framework = load_framework()
    categories = set(framework.evidence_categories)
    assert len(framework.principles) == 6
    for criterion in framework.criteria:
        node = next(
            v for k, v in json.loads((SCHEMAS / _file(framework, criterion.principle_key)).read_text())["properties"][
                "criteria"]["properties"].items() if k == criterion.key
        )
        for keyword in ("x-weight", "x-guidance", "x-typical-evidence", "x-evidence-categories",
                        "x-quality-statements", "x-min-evidence"):
            assert keyword in node, (criterion.id, keyword)
        assert criterion.weight > 0 and criterion.min_evidence >= 1
        assert set(criterion.evidence_categories) <= categories, criterion.id
        assert criterion.guidance and criterion.typical_evidence and criterion.quality_statements


def _file(framework, key: str) -> str:
    return framework.principle(key).schema_file


def _labelled_enums(node, where=""):
    """Every schema node that names its enumeration's values in ``x-labels``, with where it is."""
    if isinstance(node, dict):
        if "x-labels" in node:
            yield where, node
        for key, value in node.items():
            yield from _labelled_enums(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _labelled_enums(value, f"{where}/{index}")


def test_labelled_enumerations_name_every_value_and_only_those():
    found = [(f"{name}{where}", node) for name, doc in load_framework().documents.items()
             for where, node in _labelled_enums(doc)]
    assert found, "the criterion status names its values in x-labels"
    for where, node in found:
        assert set(node["x-labels"]) == set(node["enum"]), where
        assert all(isinstance(v, str) and v.strip() for v in node["x-labels"].values()), where


def test_the_tables_that_stand_in_for_a_missing_field_cover_every_kind_with_values_the_schema_allows():
    """x-assessment's tables keyed by an evidence item's kind: one row per kind in the schema's enum (a kind added
    to the schema without a row would fall back silently), each value one the schema allows for the field it
    stands in for, and each list of categories one that some criterion takes whole (else it is a dead row)."""
    framework = load_framework()
    defs = json.loads((SCHEMAS / "defs.schema.json").read_text())
    item = defs["$defs"]["evidenceItem"]["properties"]
    kinds = set(item["kind"]["enum"])
    strength = framework.assessment["strength"]["inferred_from_kind"]
    assert set(strength) == kinds
    assert set(strength.values()) <= set(item["how_produced"]["enum"])
    categories = framework.assessment["fit"]["categories_from_kind"]
    assert set(categories) == kinds
    for kind, plausible in categories.items():
        assert set(plausible) <= set(defs["$defs"]["evidenceCategory"]["enum"]), kind
        assert len(set(plausible)) == len(plausible), kind
        if plausible:
            assert any(set(plausible) <= set(c.evidence_categories) for c in framework.criteria), kind
