"""Readable differences between two versions of a pack: a list of changed fields, and a text diff."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

from evidencepack.findings import pointer

_MISSING = object()


@dataclass(frozen=True)
class Change:
    pointer: str
    kind: str  # "added", "removed", "changed"
    old: Any
    new: Any


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> dict[str, Any]:
    """Every scalar in ``node`` (and every empty container) by JSON pointer."""
    if isinstance(node, dict) and node:
        out: dict[str, Any] = {}
        for key, value in node.items():
            out.update(_leaves(value, (*path, key)))
        return out
    if isinstance(node, list) and node:
        out = {}
        for index, value in enumerate(node):
            out.update(_leaves(value, (*path, index)))
        return out
    return {pointer(*path): node}


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Field-by-field changes from ``old`` to ``new``, in the order the fields appear."""
    before, after = _leaves(old), _leaves(new)
    found = []
    for where in [*before, *(p for p in after if p not in before)]:
        a, b = before.get(where, _MISSING), after.get(where, _MISSING)
        if a is _MISSING:
            found.append(Change(where, "added", None, b))
        elif b is _MISSING:
            found.append(Change(where, "removed", a, None))
        elif a != b or type(a) is not type(b):
            found.append(Change(where, "changed", a, b))
    return found


def short(value: Any, limit: int = 120) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def change_rows(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    """The changes as table rows (field, change, before, after) of plain text."""
    return [
        {"field": c.pointer or "/", "change": c.kind, "before": "" if c.kind == "added" else short(c.old),
         "after": "" if c.kind == "removed" else short(c.new)}
        for c in changes(old, new)
    ]


def unified(old: dict[str, Any], new: dict[str, Any], old_name: str, new_name: str) -> str:
    """A unified diff of the two packs as pretty-printed JSON with sorted keys."""
    def lines(data: dict[str, Any]) -> list[str]:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False).splitlines(keepends=True)

    return "".join(difflib.unified_diff(lines(old), lines(new), old_name, new_name, n=2))
