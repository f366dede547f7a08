"""jsonschema-rs (fast, used by the tool) and the `jsonschema` package (the reference) agree on every pack."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from evidencepack.framework import load_framework
from evidencepack.validate import compiled_validator
from tests.conftest import EXAMPLES, SCHEMAS

BASE = "https://evidencepack.invalid/schemas/"


def _reference_validator() -> Draft202012Validator:
    """The `jsonschema` package over the original files (not our bundle), refs resolved by `referencing`."""
    resources = []
    for path in SCHEMAS.rglob("*.schema.json"):
        uri = BASE + path.relative_to(SCHEMAS).as_posix()
        resources.append((uri, Resource.from_contents(json.loads(path.read_text()))))
    registry = Registry().with_resources(resources)
    root = registry.contents(BASE + "pack.schema.json")
    return Draft202012Validator(
        {"$id": BASE + "pack.schema.json", **root}, registry=registry, format_checker=FormatChecker()
    )


REFERENCE = _reference_validator()
FAST = compiled_validator(load_framework())


def _agree(instance) -> None:
    assert FAST.is_valid(instance) == REFERENCE.is_valid(instance), instance


def test_examples_agree_and_are_valid():
    import yaml

    for path in [*EXAMPLES.glob("*.json"), *EXAMPLES.glob("*.yaml")]:
        data = json.loads(path.read_text()) if path.suffix == ".json" else yaml.safe_load(path.read_text())
        assert FAST.is_valid(data) and REFERENCE.is_valid(data), path


@pytest.mark.parametrize(
    "instance",
    [
        {},
        {"metadata": {"id": "8c0a5b9e-1d2f-4c3b-9a8e-7f6d5c4b3a21", "status": "draft"}},
        {"metadata": {"id": "nope"}},
        {"metadata": {"period": {"start": "2026-02-30"}}},
        {"evidence": [{"id": "E1", "source": {"url": "not a url"}}]},
        {"evidence": [{"id": "E1", "source": {"url": "https://example.org/x", "path": "a.pdf"}}]},
        {"principles": {"people": {"criteria": {"co_design": {"evidence": ["E1", "E1"]}}}}},
        {"measures": [{"denominator": -1}]},
        {"actions": [{"criterion": "People.co_design"}]},
        [],
        "text",
    ],
)
def test_hand_picked_instances_agree(instance):
    _agree(instance)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(from_schema(load_framework().bundled_schema()))
def test_schema_generated_packs_agree(instance):
    # hypothesis-jsonschema ignores some formats (uuid), so not every instance is valid; both must agree.
    _agree(instance)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
KEYS = ["metadata", "innovation", "evidence", "principles", "measures", "actions", "id", "status", "date"]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), JSON, max_size=4))
def test_arbitrary_pack_shaped_json_agrees(instance):
    _agree(instance)
