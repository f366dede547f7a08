"""The pydantic model and the JSON Schemas agree on fields, types, enums and required keys.

The model is hand-written (see evidencepack/model.py for why); this test is what keeps it honest.
"""

from __future__ import annotations

import datetime as dt
import types
import typing

import pytest
from pydantic import BaseModel

from evidencepack.framework import PACK_SCHEMA, load_framework, resolve_ref
from evidencepack.model import Pack

FW = load_framework()
DOCS = FW.documents


def _resolve(file: str, node: dict) -> tuple[str, dict]:
    while "$ref" in node:
        file, node = resolve_ref(DOCS, file, node["$ref"])
    return file, node


def _strip_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _literal_values(annotation) -> set | None:
    return set(typing.get_args(annotation)) if typing.get_origin(annotation) is typing.Literal else None


def _schema_kind(file: str, node: dict) -> tuple[str, dict, str]:
    """(kind, node, file) of a property schema: enum, date, partial_date, string, number, integer, ..."""
    if "$ref" in node and node["$ref"].endswith("partialDate"):
        return "partial_date", node, file
    file, node = _resolve(file, node)
    if "enum" in node:
        return "enum", node, file
    if "anyOf" in node:
        return "partial_date", node, file
    if node.get("format") == "date":
        return "date", node, file
    return node.get("type", "any"), node, file


_PYTHON = {"string": str, "number": float, "integer": int, "boolean": bool, "date": dt.date, "partial_date": str}


def _compare(model: type[BaseModel], file: str, node: dict, path: str) -> list[str]:
    problems: list[str] = []
    file, node = _resolve(file, node)
    properties = node.get("properties", {})
    if set(model.model_fields) != set(properties):
        return [f"{path}: fields {sorted(model.model_fields)} vs schema {sorted(properties)}"]
    if node.get("additionalProperties") is not False:
        problems.append(f"{path}: schema allows unknown keys")
    required = set(node.get("required", []))
    model_required = {n for n, f in model.model_fields.items() if f.is_required()}
    if required != model_required:
        problems.append(f"{path}: required {sorted(model_required)} vs schema {sorted(required)}")
    for name, field in model.model_fields.items():
        where = f"{path}/{name}"
        annotation = _strip_optional(field.annotation)
        kind, child, child_file = _schema_kind(file, properties[name])
        origin = typing.get_origin(annotation)
        if kind == "enum":
            values = _literal_values(annotation)
            if values != set(child["enum"]):
                problems.append(f"{where}: model enum {values} vs schema {child['enum']}")
        elif kind == "array":
            assert origin is list, where
            item = typing.get_args(annotation)[0]
            item_kind, item_node, item_file = _schema_kind(child_file, child["items"])
            if isinstance(item, type) and issubclass(item, BaseModel):
                problems += _compare(item, item_file, item_node, where + "/*")
            elif _PYTHON.get(item_kind) is not item:
                problems.append(f"{where}: list of {item} vs schema items {item_kind}")
        elif kind == "object":
            if origin is dict:
                value = typing.get_args(annotation)[1]
                for key, grandchild in child.get("properties", {}).items():
                    problems += _compare(value, child_file, grandchild, f"{where}/{key}")
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                problems += _compare(annotation, child_file, child, where)
            else:
                problems.append(f"{where}: object in the schema, {annotation} in the model")
        elif _PYTHON.get(kind) is not annotation:
            problems.append(f"{where}: model {annotation} vs schema {kind}")
    return problems


def test_model_matches_the_schemas_in_fields_types_enums_and_required_keys():
    assert _compare(Pack, PACK_SCHEMA, DOCS[PACK_SCHEMA], "") == []


@pytest.mark.parametrize(
    ("field", "kind"),
    [("/metadata/provider/sector", "enum"), ("/evidence/*/kind", "enum"), ("/evidence/*/date", "partial_date")],
)
def test_the_drift_check_sees_fields_that_were_once_plain_strings(field: str, kind: str):
    # a model that typed these as str would fail: the schema kind is not "string"
    file, node = PACK_SCHEMA, DOCS[PACK_SCHEMA]
    for part in field.strip("/").split("/"):
        file, node = _resolve(file, node)
        node = node["items"] if part == "*" else node["properties"][part]
    assert _schema_kind(file, node)[0] == kind


def test_the_drift_check_fails_on_a_changed_enum():
    class Broken(BaseModel):
        status: typing.Literal["met", "partly"] | None = None
        narrative: str | None = None
        evidence: list[str] = []
        justification: str | None = None

    node = DOCS["defs.schema.json"]["$defs"]["criterionResponse"]
    assert any("enum" in p for p in _compare(Broken, "defs.schema.json", node, "/response"))


def test_the_drift_check_fails_on_a_changed_type_and_a_required_key():
    class Broken(BaseModel):
        value: str | None = None
        date: str

    node = DOCS["defs.schema.json"]["$defs"]["observation"]
    problems = _compare(Broken, "defs.schema.json", node, "/observation")
    assert any("value" in p for p in problems) and any("required" in p for p in problems)
