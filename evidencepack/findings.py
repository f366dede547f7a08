"""Findings and the registry of rules they come from (``schemas/rules.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str


class Finding(BaseModel):
    """One problem or gap, at one place in the pack."""

    code: str
    severity: Severity
    pointer: str
    message: str
    hint: str
    points: float | None = None  # overall score points this finding costs, where it costs any


@cache
def rules() -> dict[str, Rule]:
    """Every rule, keyed by code, in registry order."""
    raw = json.loads((resources.files("evidencepack") / "schemas" / "rules.json").read_text(encoding="utf-8"))
    return {r["code"]: Rule(**{**r, "severity": Severity(r["severity"])}) for r in raw["rules"]}


def finding(code: str, pointer: str, message: str, hint: str | None = None, points: float | None = None) -> Finding:
    """A finding of rule ``code``; severity and default hint come from the registry."""
    rule = rules()[code]
    return Finding(
        code=code, severity=rule.severity, pointer=pointer, message=message, hint=hint or rule.fix, points=points
    )


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
