"""Arbitrary input never makes load, validate or score raise: every outcome is a result or a LoadError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidencepack.load import LoadError, parse_bytes
from evidencepack.result import check_document
from tests.conftest import EXAMPLES
from tests.packs import json_paths, replaced

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=30,
)
EXAMPLE = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())


ALL_PATHS = json_paths(EXAMPLE)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON)
def test_arbitrary_json_values_never_raise(data):
    result = check_document(data if isinstance(data, dict) else {"metadata": data})
    assert result.findings is not None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), JSON)
def test_mutated_example_never_raises(path, value):
    result = check_document(replaced(EXAMPLE, path, value))
    assert result.valid in (True, False)
    if result.score is not None:
        assert 0 <= result.score.overall <= 100


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["p.json", "p.yaml", "p", "p.docx"]))
def test_arbitrary_bytes_load_or_fail_with_a_finding(raw, name):
    try:
        document = parse_bytes(raw, name)
    except LoadError as error:
        assert error.finding.code.startswith("EP0") and error.finding.message
    else:
        check_document(document)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 4000), st.binary(min_size=1, max_size=8))
def test_corrupted_example_file_loads_or_fails_with_a_finding(position, junk):
    raw = (EXAMPLES / "care-home-digital-care-planning.json").read_bytes()
    position %= len(raw)
    corrupted = raw[:position] + junk + raw[position + len(junk):]
    try:
        check_document(parse_bytes(corrupted, "p.json"))
    except LoadError as error:
        assert error.finding.code.startswith("EP0")
