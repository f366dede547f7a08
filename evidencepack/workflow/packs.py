"""New packs: blank, from a shipped example (by its title), or from a file; and the next evidence id."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from evidencepack.blank import blank_pack
from evidencepack.load import parse_bytes


@dataclass(frozen=True)
class Example:
    """A pack shipped with evidencepack to start from: its file name and its title."""

    name: str
    title: str


def _example_files() -> list[str]:
    folder = resources.files("evidencepack") / "examples"
    names = [e.name for e in folder.iterdir() if e.name.endswith((".json", ".yaml", ".yml"))]
    return sorted(n for n in names if not n.startswith("blank."))


def example_pack(name: str) -> dict[str, Any]:
    """The content of the shipped example ``name`` (a file name from :func:`examples`)."""
    if name not in _example_files():
        raise ValueError(f"there is no example called {name!r}")
    raw = (resources.files("evidencepack") / "examples" / name).read_bytes()
    return parse_bytes(raw, name).data


def examples() -> list[Example]:
    """The shipped examples (not the blank pack), with the titles they give themselves, by title."""
    found = []
    for name in _example_files():
        metadata = example_pack(name).get("metadata") or {}
        title = metadata.get("title") if isinstance(metadata, dict) else None
        found.append(Example(name, str(title or name)))
    return sorted(found, key=lambda e: e.title.casefold())


def pack_from_example(name: str, title: str = "") -> dict[str, Any]:
    """A copy of example ``name`` as a new draft: a new id, version 1, no approval, no export override."""
    content = example_pack(name)
    metadata = content.setdefault("metadata", {})
    metadata["id"] = str(uuid.uuid4())
    metadata["version"] = 1
    metadata["status"] = "draft"
    metadata.pop("approval", None)
    metadata.pop("export_override", None)
    if title.strip():
        metadata["title"] = title.strip()
    return content


def new_blank_pack(title: str = "") -> dict[str, Any]:
    return blank_pack(title=title.strip(), pack_id=str(uuid.uuid4()))


def evidence_ids(content: dict[str, Any]) -> list[str]:
    """The ids of the pack's evidence items, in order."""
    items = content.get("evidence") if isinstance(content, dict) else None
    return [str(item.get("id")) for item in items or [] if isinstance(item, dict) and item.get("id")]


def next_evidence_id(ids: Sequence[str]) -> str:
    """The id for a new evidence item: E and one more than the highest E-number in use (E1 for none)."""
    numbers = [int(i[1:]) for i in ids if i[:1] == "E" and i[1:].isdigit()]
    return f"E{max(numbers, default=0) + 1}"
