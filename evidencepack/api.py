"""The public Python API: the same functions the CLI and the app use."""

from __future__ import annotations

import os
from typing import Any

from evidencepack.findings import Finding
from evidencepack.framework import Framework, load_framework
from evidencepack.load import PackDocument, parse_bytes
from evidencepack.load import load as _load
from evidencepack.model import Pack
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document, check_path
from evidencepack.scoring import Score
from evidencepack.scoring import score as _score
from evidencepack.validate import Validation
from evidencepack.validate import validate as _validate


class InvalidPackError(ValueError):
    """The pack does not match the schema, so it cannot be scored. ``findings`` says why."""

    def __init__(self, findings: list[Finding]):
        first = findings[0].message if findings else "schema errors"
        super().__init__(f"the pack does not match the schema: {first}")
        self.findings = findings


def load(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> PackDocument:
    """Read a pack from a JSON, YAML or exported .docx file. Raises LoadError with a finding."""
    return _load(path, max_bytes=max_bytes)


def validate(
    pack: PackDocument | dict[str, Any], options: CheckOptions | None = None, framework: Framework | None = None
) -> Validation:
    """Schema and content checks; never raises for a pack's content."""
    return _validate(pack, options, framework)


def score(
    pack: PackDocument | dict[str, Any] | Pack,
    options: CheckOptions | None = None,
    framework: Framework | None = None,
) -> Score:
    """Completeness score. Raises InvalidPackError when the pack does not match the schema."""
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    if isinstance(pack, Pack):
        pack = pack.model_dump(mode="json", exclude_none=True)
    validation = _validate(pack, options, framework)
    if validation.pack is None:
        raise InvalidPackError(validation.findings)
    return _score(validation.pack, options, framework, validation.findings)


def check(
    source: str | os.PathLike[str] | PackDocument | dict[str, Any], options: CheckOptions | None = None
) -> PackResult:
    """Load (when given a path), validate and score, with load errors returned as findings."""
    if isinstance(source, PackDocument | dict):
        return check_document(source, options)
    return check_path(source, options)


__all__ = ["InvalidPackError", "check", "load", "parse_bytes", "score", "validate"]
