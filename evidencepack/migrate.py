"""Upgrading a pack written for an older schema version, on load and with ``evidencepack migrate``.

Every step is a function from one version's pack to the next; a pack never has to be rewritten by hand. A step
changes the pack it is given in place, and must copy any nested part it changes other than ``metadata``.
1.0 → 1.1 only adds optional fields (``not_documented``, partial dates, ``how_produced``, ``independent``,
evidence ``notes``, ``relative_change``, ``innovation.personal_data``, DPIA and safety-case status, the
approval's ``self_approved`` and ``reason``), so the step sets the version and changes nothing else. A pack with
no version is read as 1.0.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = "1.1"
FIRST = "1.0"


def _to_1_1(data: dict[str, Any]) -> list[str]:
    data.setdefault("metadata", {})["schema_version"] = "1.1"
    return ["schema_version 1.0 → 1.1 (1.1 only adds optional fields; nothing else changes)"]


STEPS: dict[str, tuple[str, Callable[[dict[str, Any]], list[str]]]] = {"1.0": ("1.1", _to_1_1)}


def version_of(data: Any) -> str:
    metadata = data.get("metadata") if isinstance(data, dict) else None
    version = metadata.get("schema_version") if isinstance(metadata, dict) else None
    return version if isinstance(version, str) else FIRST


def upgrade(data: Any) -> tuple[Any, list[str]]:
    """The pack upgraded to ``CURRENT`` (a copy; the input is not changed) and what changed, in words.

    Anything that is not a pack object, or a version this release has no step for, is returned as it is:
    the schema check reports it.
    """
    if not isinstance(data, dict) or not isinstance(data.get("metadata", {}), dict):
        return data, []
    version = version_of(data)
    if version not in STEPS:
        return data, []
    out = dict(data)  # shallow: a step copies what it changes below the top (deep copies cost a ms a pack)
    out["metadata"] = dict(out.get("metadata") or {})
    changes: list[str] = []
    while version in STEPS:
        version, step = STEPS[version]
        changes.extend(step(out))
    return out, changes


def needs_upgrade(data: Any) -> bool:
    return isinstance(data, dict) and version_of(data) in STEPS
