"""Findings and the registry of rules they come from (``schemas/rules.json``).

A finding carries its place as fields (section, principle, criterion), set once when it is made, so that no
face parses a pointer. Severities have one order (``Severity.rank``; ``by_severity`` sorts by it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from pydantic import BaseModel


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: higher is worse."""
        return _RANK[self.value]


_RANK = {"error": 2, "warning": 1, "info": 0}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    fix: str


class Place(BaseModel):
    """Where in a pack something is, as fields, so that no report, document or page has to parse a pointer."""

    section: str | None = None  # metadata, innovation, evidence, principles, measures or actions
    principle: str | None = None  # principle key, for findings inside a principle
    criterion: str | None = None  # "principle.criterion", for findings inside a criterion
    item: int | None = None  # the index in the section's list (an evidence item, a measure, an action)


class Finding(Place):
    """One problem or gap, at one place in the pack."""

    code: str
    severity: Severity
    pointer: str
    message: str
    hint: str
    points: float | None = None  # completeness points this finding costs, where it costs any


@cache
def rules() -> dict[str, Rule]:
    """Every rule, keyed by code, in registry order."""
    raw = json.loads((resources.files("evidencepack") / "schemas" / "rules.json").read_text(encoding="utf-8"))
    return {r["code"]: Rule(**{**r, "severity": Severity(r["severity"])}) for r in raw["rules"]}


def finding(
    code: str,
    pointer: str,
    message: str,
    hint: str | None = None,
    points: float | None = None,
    *,
    criterion: str | None = None,
) -> Finding:
    """A finding of rule ``code``; severity and default hint come from the registry, the place from the pointer.

    ``criterion`` ("principle.criterion") places a finding about a criterion whose pointer is elsewhere
    (a missing measure, say).
    """
    rule = rules()[code]
    section, principle, where, item = _place(pointer) if len(pointer) <= _CACHED_POINTER else _read_place(pointer)
    if criterion:
        principle, where = criterion.partition(".")[0], criterion
        section = section or "principles"
    return Finding(
        code=code, severity=rule.severity, pointer=pointer, message=message, hint=hint or rule.fix, points=points,
        section=section, principle=principle, criterion=where, item=item,
    )


_CACHED_POINTER = 200  # longer pointers (keys of a hostile pack) are read each time, never kept


def _read_place(pointer: str) -> tuple[str | None, str | None, str | None, int | None]:
    return (*criterion_of(pointer), item_of(pointer))


_place = lru_cache(maxsize=4096)(_read_place)  # the same few hundred places recur in every pack: read once


def by_severity(findings: Iterable[Finding]) -> list[Finding]:
    """Worst first, then by place and code: the one order every report uses."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.pointer, f.code))


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) from path parts."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def criterion_of(where: str) -> tuple[str | None, str | None, str | None]:
    """(section, principle key, criterion id) of a JSON pointer into a pack; used once, when a finding is made."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in where.split("/")[1:]] if where else []
    section = parts[0] if parts else None
    principle = parts[1] if section == "principles" and len(parts) > 1 else None
    criterion = f"{parts[1]}.{parts[3]}" if principle and len(parts) > 3 and parts[2] == "criteria" else None
    return section, principle, criterion


_LISTS = ("evidence", "measures", "actions")


def item_of(where: str) -> int | None:
    """The index of the listed item (evidence, measure, action) a JSON pointer is inside; used when a finding is
    made."""
    parts = where.split("/")[1:3] if where else []
    if len(parts) == 2 and parts[0] in _LISTS and parts[1].isdigit():
        return int(parts[1])
    return None
