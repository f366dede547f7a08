"""Approval with the store: who last changed the pack's substance, and whether self-approval is allowed."""

from __future__ import annotations

import copy
import os
from typing import Any

from evidencepack.store import Store

#: Set to 1 (or true/yes) for a one-person provider: the last editor may then approve, and it is recorded.
SELF_APPROVAL_ENV = "EVIDENCEPACK_ALLOW_SELF_APPROVAL"
_LIFECYCLE_KEYS = ("status", "approval", "version", "export_override")
_LOOK_BACK = 200  # versions read at most to find the last change of substance


def self_approval_allowed() -> bool:
    return os.environ.get(SELF_APPROVAL_ENV, "").strip().lower() in ("1", "true", "yes")


def _substance(content: dict[str, Any]) -> dict[str, Any]:
    """The pack without its lifecycle fields: what an approver is approving."""
    out = copy.copy(content)
    metadata = content.get("metadata")
    if isinstance(metadata, dict):
        out["metadata"] = {k: v for k, v in metadata.items() if k not in _LIFECYCLE_KEYS}
    return out


def last_editor(store: Store, pack_id: str) -> str | None:
    """Who saved the latest change to the pack's substance (not a status change, an approval or an export
    override), as the store recorded them; None for a pack with no versions."""
    versions = store.versions(pack_id)
    if not versions:
        return None
    newer_info, newer = store.get_version(pack_id, versions[-1].number)
    for info in reversed(versions[-_LOOK_BACK:-1]):
        _, older = store.get_version(pack_id, info.number)
        if _substance(older) != _substance(newer):
            return newer_info.saved_by
        newer_info, newer = info, older
    return newer_info.saved_by
