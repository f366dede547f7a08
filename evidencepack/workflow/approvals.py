"""Approval and the other lifecycle steps with the store: who last changed the pack's substance, whether
self-approval is allowed, the decision an approval is recorded with (:func:`decide`), and the step's line in the
pack's log (:func:`record_step`)."""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from typing import Any

from evidencepack.store import EventInfo, Store
from evidencepack.workflow.lifecycle import SELF_APPROVAL_ENV, ApprovalPolicy, approval_problems, same_person
from evidencepack.workflow.saving import Saved

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


@dataclass(frozen=True)
class ApprovalDecision:
    """Whether ``approver`` may approve the pack now: ``problems`` in words (empty when they may), and whether the
    approval is a self-approval (the approver made the last change; allowed only for a one-person provider)."""

    problems: tuple[str, ...]
    self_approved: bool
    last_editor: str | None


def decide(store: Store, pack_id: str, content: dict[str, Any], *, approver: str, ready: bool, errors: int,
           reason: str = "") -> ApprovalDecision:
    """The approval rules applied to a stored pack: the last editor as the store recorded them, and the
    self-approval setting of this installation (:data:`SELF_APPROVAL_ENV`)."""
    editor = last_editor(store, pack_id)
    problems = approval_problems(content, approver=approver, last_editor=editor, ready=ready, errors=errors,
                                 reason=reason, policy=ApprovalPolicy(allow_self_approval=self_approval_allowed()))
    self_approved = bool(editor) and bool(approver.strip()) and same_person(approver, editor or "")
    return ApprovalDecision(tuple(problems), self_approved, editor)


def record_step(store: Store, pack_id: str, saved: Saved, kind: str, detail: dict[str, Any] | None = None
                ) -> EventInfo | None:
    """Record a lifecycle step (submitted, returned_to_draft, approved, new_version) that ``saved`` saved, in the
    pack's log: against the version it wrote and the person the store recorded as its saver.

    When the save wrote nothing (someone else had already taken the same step, and the merge equals their
    version), nothing is recorded and None is returned: the step is theirs, already in the log.
    """
    if not saved.created:
        return None
    return store.record_event(pack_id, kind, by=saved.info.saved_by, version=saved.info.number,
                              detail=dict(detail or {}))
