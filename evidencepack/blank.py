"""A blank pack and its text form, for `evidencepack new` and the app's "new pack"."""

from __future__ import annotations

from typing import Any, Literal

import yaml

from evidencepack.framework import load_framework
from evidencepack.migrate import CURRENT as SCHEMA_VERSION


def blank_pack(title: str = "", pack_id: str | None = None) -> dict[str, Any]:
    """A schema-valid pack with every principle present and nothing answered."""
    metadata: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "version": 1, "status": "draft"}
    if pack_id:
        metadata["id"] = pack_id
    if title:
        metadata["title"] = title
    principles = {p.key: {"criteria": {c.key: {} for c in p.criteria}} for p in load_framework().principles}
    return {"metadata": metadata, "innovation": {}, "evidence": [], "principles": principles,
            "measures": [], "actions": []}


def dump_pack(data: dict[str, Any], fmt: Literal["json", "yaml"] | str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
