"""The pydantic models and the JSON Schemas name the same fields: a test fails when they drift."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from evidencepack.framework import PACK_SCHEMA, load_framework, resolve_ref
from evidencepack.model import Pack


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _resolve(documents, file: str, node: dict) -> tuple[str, dict]:
    while "$ref" in node:
        file, node = resolve_ref(documents, file, node["$ref"])
    return file, node


def _object_schemas(documents, file: str, node: dict) -> list[tuple[str, dict]]:
    """The object schemas a field's schema describes (itself, its items, or each named child of a mapping)."""
    file, node = _resolve(documents, file, node)
    if node.get("type") == "array":
        return _object_schemas(documents, file, node["items"])
    return [(file, node)]


def _compare(model: type[BaseModel], documents, file: str, node: dict, path: str) -> None:
    file, node = _resolve(documents, file, node)
    properties = node.get("properties", {})
    assert set(model.model_fields) == set(properties), f"{path}: model {model.__name__} vs schema"
    assert node.get("additionalProperties") is False, f"{path}: schema allows unknown keys"
    for name, field in model.model_fields.items():
        nested = _models_in(field.annotation)
        if not nested:
            continue
        is_mapping = typing.get_origin(field.annotation) is dict
        children = (
            [(file, child) for child in properties[name]["properties"].values()]
            if is_mapping
            else _object_schemas(documents, file, properties[name])
        )
        for child_file, child in children:
            _compare(nested[0], documents, child_file, child, f"{path}/{name}")


def test_models_match_the_schemas():
    framework = load_framework()
    _compare(Pack, framework.documents, PACK_SCHEMA, framework.documents[PACK_SCHEMA], "")
