"""Reading packs: JSON and YAML alike, and every broken file a clear error with its place."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidencepack.formats.json_format import _parse_json, _parse_json_stdlib
from evidencepack.load import LoadError, load, parse_bytes


def _code(raw: bytes, name: str = "pack.json", **kw) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse_bytes(raw, name, **kw)
    return caught.value


def test_json_and_yaml_give_the_same_pack():
    data = {"metadata": {"title": "Café ☕", "period": {"start": "2026-01-01"}}, "evidence": [{"id": "E1"}]}
    from_json = parse_bytes(json.dumps(data).encode(), "a.json").data
    yaml_text = "metadata:\n  title: Café ☕\n  period:\n    start: 2026-01-01\nevidence:\n  - id: E1\n"
    from_yaml = parse_bytes(yaml_text.encode(), "a.yaml").data
    assert from_json == from_yaml == data


def test_yaml_dates_stay_text_as_in_json():
    assert parse_bytes(b"metadata:\n  period:\n    start: 2026-01-01\n", "p.yml").data["metadata"]["period"] == {
        "start": "2026-01-01"
    }


def test_utf8_bom_is_accepted():
    assert parse_bytes(b'\xef\xbb\xbf{"metadata": {}}', "p.json").data == {"metadata": {}}


def test_broken_json_names_line_and_column():
    error = _code(b'{\n  "metadata": {\n    "title": "x",\n  }\n}')
    assert error.finding.code == "EP001"
    assert "line 4, column 3" in error.finding.message


def test_broken_yaml_names_line_and_column():
    error = _code(b"metadata:\n  title: [unclosed\n", "p.yaml")
    assert error.finding.code == "EP001"
    assert "line 3" in error.finding.message


def test_non_utf8_is_refused_with_its_line():
    error = _code('{"metadata": {"title": "caf\u00e9"}}'.encode("latin-1"))
    assert error.finding.code == "EP002"
    assert "line 1" in error.finding.message


def test_duplicate_json_key_is_refused_with_its_place():
    error = _code(b'{"metadata": {"title": "a",\n "title": "b"}}')
    assert error.finding.code == "EP003"
    assert "'title'" in error.finding.message and "line 2" in error.finding.message


def test_duplicate_yaml_key_is_refused_with_its_place():
    error = _code(b"metadata:\n  title: a\n  title: b\n", "p.yaml")
    assert error.finding.code == "EP003"
    assert "line 3" in error.finding.message


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b'{"metadata": {"title": "' + b"x" * 2000 + b'"}}')
    with pytest.raises(LoadError) as caught:
        load(path, max_bytes=1000)
    assert caught.value.finding.code == "EP004"
    assert "1,000" in caught.value.finding.message


def test_size_limit_comes_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    path.write_bytes(b'{"metadata": {}}' + b" " * 100)
    monkeypatch.setenv("EVIDENCEPACK_MAX_BYTES", "50")
    with pytest.raises(LoadError) as caught:
        load(path)
    assert caught.value.finding.code == "EP004"


def test_nesting_deeper_than_the_schema_is_refused():
    deep = {"metadata": {}}
    node = deep["metadata"]
    for _ in range(20):
        node["x"] = {}
        node = node["x"]
    assert _code(json.dumps(deep).encode()).finding.code == "EP005"


def test_hugely_deep_nesting_does_not_crash():
    assert _code(b"[" * 100_000 + b"]" * 100_000).finding.code == "EP005"


def test_yaml_alias_is_refused():
    assert _code(b"a: &x [1, 2]\nb: *x\n", "p.yaml").finding.code == "EP006"


def test_yaml_python_tag_is_refused():
    assert _code(b"metadata: !!python/object/apply:os.system ['true']\n", "p.yaml").finding.code == "EP006"


def test_json_nan_is_refused():
    assert _code(b'{"measures": [{"target": NaN}]}').finding.code == "EP006"


def test_top_level_list_is_refused():
    assert _code(b"[1, 2]").finding.code == "EP008"


def test_empty_yaml_is_refused():
    assert _code(b"", "p.yaml").finding.code == "EP008"


# JSON is read by jiter, and again by json whenever jiter refuses: the outcome is json's ----------------------

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def _outcome(read, text: str):
    try:
        return "value", read(text, "pack.json")
    except LoadError as exc:
        return "error", exc.finding.code, exc.finding.message


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.booleans())
def test_reading_json_gives_what_json_itself_gives(value, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only)
    outcome = _outcome(_parse_json, text)
    assert outcome == _outcome(_parse_json_stdlib, text)
    assert outcome == ("value", value)


@pytest.mark.parametrize("text", [
    '{"a": 1, "a": 2}', '{"a": {"b": [1, {"c": 0, "c": 0}]}}', '{"\\u0061": 1, "a": 2}', '{"a": NaN}',
    '{"a": -Infinity}', '{"a": "\\ud800"}', '{"a": 1e400}', '{"a": -0}', '{"a": "tab\\there"}', '{"a": "tab\there"}',
    '{"a": 1,}', '{"a": 1} x', '[' * 300 + ']' * 300, '{"a": ' + "9" * 5000 + "}", '{"a": ' + "9" * 4000 + "}",
    '{"a": 0.1, "b": 5e-324, "c": 1.7976931348623157e308}', '"just text"', "",
], ids=["duplicate", "nested duplicate", "escaped duplicate", "NaN", "-Infinity", "surrogate escape", "overflow",
        "minus zero", "escaped tab", "raw tab", "trailing comma", "trailing text", "deep", "5000 digits",
        "4000 digits", "float edges", "a string", "empty"])
def test_json_that_jiter_and_json_may_read_differently_has_json_s_outcome(text):
    assert _outcome(_parse_json, text) == _outcome(_parse_json_stdlib, text)
