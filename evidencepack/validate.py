"""Validation: the schema check (compiled validator, formats on), then the content rules."""

from __future__ import annotations

import json
from typing import Any

import jsonschema_rs
from pydantic import BaseModel, ValidationError

from evidencepack.checks import run_checks
from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, Severity, finding, pointer
from evidencepack.framework import Framework, load_framework
from evidencepack.load import PackDocument, structure_walk
from evidencepack.migrate import needs_upgrade, upgrade
from evidencepack.model import Pack
from evidencepack.options import CheckOptions
from evidencepack.schema_check import MASK as _MASK
from evidencepack.schema_check import accepts, compiled_validator, text_is_unicode

MAX_SCHEMA_FINDINGS = 100
MAX_VALUES_FOR_ALL_ERRORS = 200_000  # jsonschema-rs builds every error before yielding the first
_MESSAGE_LIMIT = 300


class Validation(BaseModel):
    """Findings of the schema and content checks; ``pack`` is the typed pack when the schema passed."""

    findings: list[Finding]
    pack: Pack | None = None

    @property
    def schema_valid(self) -> bool:
        return self.pack is not None

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def _shorten(message: str) -> str:
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 1] + "…"


def _preview(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value[:40] + ("…" if len(value) > 40 else ""), ensure_ascii=False) + (
            f" ({len(value):,} characters)" if len(value) > 40 else ""
        )
    if isinstance(value, list):
        return f"a list of {len(value):,} items"
    if isinstance(value, dict):
        return f"an object with {len(value):,} keys"
    return json.dumps(value)[:60]


def _schema_message(error: Any) -> str:
    """The validator's message with a short preview in place of the value (which may be huge)."""
    return _shorten(error.message.replace(_MASK, _preview(error.instance), 1))


def _more_values_than(data: Any, limit: int) -> bool:
    count, stack = 0, [data] if isinstance(data, dict | list) else []
    while stack:
        node = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        count += len(children)
        if count > limit:
            return True
        stack.extend(c for c in children if isinstance(c, dict | list))
    return False


def schema_findings(data: Any, framework: Framework) -> list[Finding]:
    validator = compiled_validator(framework)
    if validator.is_valid(data):
        return []
    if _more_values_than(data, MAX_VALUES_FOR_ALL_ERRORS):  # listing every error could take minutes
        try:
            validator.validate(data)
        except jsonschema_rs.ValidationError as error:
            return [
                finding("EP100", pointer(*error.instance_path), _schema_message(error)),
                finding("EP100", "", f"more schema errors may follow; a pack of over "
                        f"{MAX_VALUES_FOR_ALL_ERRORS:,} values lists only its first"),
            ]
    found: list[Finding] = []
    for error in validator.iter_errors(data):
        if len(found) == MAX_SCHEMA_FINDINGS:
            found.append(finding("EP100", "", f"more schema errors after the first {MAX_SCHEMA_FINDINGS}"))
            break
        where = pointer(*error.instance_path)
        found.append(finding("EP100", where, _schema_message(error)))
    return found


def _data(source: PackDocument | dict[str, Any]) -> dict[str, Any]:
    return source.data if isinstance(source, PackDocument) else source


def validate(
    source: PackDocument | dict[str, Any],
    options: CheckOptions | None = None,
    framework: Framework | None = None,
) -> Validation:
    """Check a pack against the schema and, when it passes, against the content rules."""
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    if isinstance(source, PackDocument) and options.base_dir is None and source.format != "docx":
        options = options.model_copy(update={"base_dir": source.base_dir})
    data = _data(source)
    if needs_upgrade(data):  # an older pack keeps loading: checked as its upgraded form
        data, _ = upgrade(data)
    schema_valid = accepts(data, framework)
    if not isinstance(source, PackDocument) and isinstance(data, dict):  # a file was checked when it was read
        # a pack the schema accepts is within its depth and list limits and holds JSON's values only: of what the
        # walk looks for, only text that is not Unicode can remain
        sound = schema_valid and text_is_unicode(data)
        problem = None if sound else structure_walk(data, framework)
        if problem:
            return Validation(findings=[finding(problem[0], "", problem[1])])
    problems = [] if schema_valid else schema_findings(data, framework)
    if problems:
        return Validation(findings=problems)
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:  # the schema allowed what the model does not: report, never raise
        first = exc.errors()[0]
        where = pointer(*first["loc"])
        return Validation(findings=[finding("EP100", where, _shorten(first["msg"]))])
    ctx = CheckContext(pack=pack, framework=framework, options=options)
    return Validation(findings=run_checks(ctx), pack=pack)
