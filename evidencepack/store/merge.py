"""Field-level three-way merge of two edits of a pack against the version both started from.

``merge(base, mine, theirs)`` keeps every field that only one side changed, and reports a conflict only where
both sides changed the same field to different values. Objects merge key by key; lists of objects that carry
an ``id`` (the evidence register) merge item by item by id; other lists of the same length as the base merge
item by item; any other list is one field. Pure functions on JSON-like data; nothing is written.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __copy__(self) -> _Missing:
        return self

    def __deepcopy__(self, _memo: dict) -> _Missing:
        return self


#: A field absent on one side (deleted, or never there).
MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldConflict:
    """Both sides changed the field at ``path`` from ``base`` to different values (MISSING: removed)."""

    path: Path
    base: Any
    mine: Any
    theirs: Any


@dataclass
class MergeResult:
    """The merged pack (conflicting fields hold ``theirs`` until resolved) and the conflicts."""

    raw: dict[str, Any]  # with a placeholder where a conflicting list item is removed on their side
    conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def merged(self) -> dict[str, Any]:
        return _drop_removed(self.raw)

    @property
    def clean(self) -> bool:
        return not self.conflicts

    def resolved(self, choices: Sequence[str]) -> dict[str, Any]:
        """The merged pack with each conflict settled by ``choices[i]``, ``"mine"`` or ``"theirs"``."""
        if len(choices) != len(self.conflicts):
            raise ValueError(f"{len(self.conflicts)} conflicts need a choice each; {len(choices)} were given")
        out = copy.deepcopy(self.raw)
        for conflict, choice in zip(self.conflicts, choices, strict=True):
            if choice not in ("mine", "theirs"):
                raise ValueError(f"a choice is 'mine' or 'theirs', not {choice!r}")
            _put(out, conflict.path, conflict.mine if choice == "mine" else conflict.theirs)
        return _drop_removed(out)


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """Merge ``mine`` and ``theirs``, two edits of ``base``, field by field."""
    conflicts: list[FieldConflict] = []
    merged = _merge(base, mine, theirs, (), conflicts)
    return MergeResult(merged if isinstance(merged, dict) else {}, conflicts)


def _merge(base: Any, mine: Any, theirs: Any, path: Path, conflicts: list[FieldConflict]) -> Any:
    if _same(mine, theirs):
        return copy.deepcopy(mine)
    if _same(mine, base):
        return copy.deepcopy(theirs)
    if _same(theirs, base):
        return copy.deepcopy(mine)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_objects(base if isinstance(base, dict) else {}, mine, theirs, path, conflicts)
    if isinstance(mine, list) and isinstance(theirs, list) and isinstance(base, list):
        if all(_keyed(items) for items in (base, mine, theirs)):
            return _merge_keyed(base, mine, theirs, path, conflicts)
        if len(base) == len(mine) == len(theirs):
            return [_merge(b, m, t, (*path, i), conflicts) for i, (b, m, t) in enumerate(zip(base, mine, theirs,
                                                                                          strict=True))]
    conflicts.append(FieldConflict(path, base, copy.deepcopy(mine), copy.deepcopy(theirs)))
    return copy.deepcopy(theirs)


def _merge_objects(base: dict, mine: dict, theirs: dict, path: Path, conflicts: list[FieldConflict]) -> dict:
    out: dict[str, Any] = {}
    for key in [*theirs, *(k for k in mine if k not in theirs), *(k for k in base if k not in mine and
                                                                   k not in theirs)]:
        value = _merge(base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING), (*path, key),
                       conflicts)
        if value is not MISSING:
            out[key] = value
    return out


def _keyed(items: list) -> bool:
    ids = [item.get("id") for item in items if isinstance(item, dict)]
    return len(ids) == len(items) and all(isinstance(i, str) and i for i in ids) and len(set(ids)) == len(ids)


def _merge_keyed(base: list, mine: list, theirs: list, path: Path, conflicts: list[FieldConflict]) -> list:
    by_base = {item["id"]: item for item in base}
    by_mine = {item["id"]: item for item in mine}
    by_theirs = {item["id"]: item for item in theirs}
    order = [*by_theirs, *(i for i in by_mine if i not in by_theirs)]
    out = []
    for item_id in order:
        index = len(out)
        value = _merge(by_base.get(item_id, MISSING), by_mine.get(item_id, MISSING),
                       by_theirs.get(item_id, MISSING), (*path, index), conflicts)
        if value is not MISSING:
            out.append(value)
        elif conflicts and conflicts[-1].path == (*path, index):
            out.append(_REMOVED)  # keeps the conflict's index until it is settled
    return out


def _same(a: Any, b: Any) -> bool:
    return a is b or (a is not MISSING and b is not MISSING and type(a) is type(b) and a == b)


def _put(root: Any, path: Path, value: Any) -> None:
    node = root
    for part in path[:-1]:
        node = node[part]
    if value is MISSING and isinstance(node, dict):
        node.pop(path[-1], None)
        return
    # an item removed from a list is marked, and dropped after every choice, so later indexes still hold
    node[path[-1]] = _REMOVED if value is MISSING else copy.deepcopy(value)


_REMOVED: Any = _Missing()


def _drop_removed(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_removed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_drop_removed(v) for v in node if v is not _REMOVED]
    return node
