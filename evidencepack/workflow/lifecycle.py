"""The life of a pack: draft → in review → approved → superseded, and who may approve.

Each rule is a pure function on the pack's data (a dict): the app and the CLI call these and save the result;
neither decides on its own what a status allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: Set to 1 (or true/yes) for a one-person provider: the last editor may then approve, and it is recorded.
SELF_APPROVAL_ENV = "EVIDENCEPACK_ALLOW_SELF_APPROVAL"
#: Statuses in which a pack is not edited (a new version is started instead).
READ_ONLY_STATUSES = ("approved", "superseded")
DRAFT, IN_REVIEW, APPROVED = "draft", "in_review", "approved"


class LifecycleError(ValueError):
    """A step the pack's status or the rules do not allow; the message is fit for a user."""


def status_of(content: dict[str, Any]) -> str:
    metadata = content.get("metadata") if isinstance(content, dict) else None
    value = metadata.get("status") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else DRAFT


def is_read_only(content: dict[str, Any]) -> bool:
    """Approved and superseded packs are read-only."""
    return status_of(content) in READ_ONLY_STATUSES


def _metadata(content: dict[str, Any]) -> dict[str, Any]:
    metadata = content.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        raise LifecycleError("the pack's metadata is not an object")
    return metadata


def submit_for_review(content: dict[str, Any]) -> None:
    """Draft → in review."""
    if status_of(content) != DRAFT:
        raise LifecycleError(f"only a draft can be submitted for review; this pack is {status_of(content)}")
    _metadata(content)["status"] = IN_REVIEW


def back_to_draft(content: dict[str, Any]) -> None:
    """In review → draft."""
    if status_of(content) != IN_REVIEW:
        raise LifecycleError(f"only a pack in review goes back to draft; this pack is {status_of(content)}")
    _metadata(content)["status"] = DRAFT


@dataclass(frozen=True)
class ApprovalPolicy:
    """Who may approve. ``allow_self_approval`` is for a one-person provider: the approver may then be the last
    person who edited the pack, and the approval records that it was self-approved."""

    allow_self_approval: bool = False


def approval_problems(
    content: dict[str, Any],
    *,
    approver: str,
    last_editor: str | None,
    ready: bool,
    errors: int,
    reason: str = "",
    policy: ApprovalPolicy | None = None,
) -> list[str]:
    """Why this approval cannot be recorded, in words (empty when it can).

    - the approver is named;
    - the approver is not the last person to edit the pack, unless the policy allows self-approval;
    - a pack that is not ready, or that has error-level findings, needs a reason.
    """
    policy = policy or ApprovalPolicy()
    problems: list[str] = []
    if status_of(content) in READ_ONLY_STATUSES:
        problems.append(f"the pack is {status_of(content)} already")
    if not approver.strip():
        problems.append("give the name of the person approving")
    elif (last_editor and same_person(approver, last_editor) and not policy.allow_self_approval):
        problems.append(
            "you made the last change to this pack, so someone else must approve it (a one-person provider can "
            f"allow self-approval by starting the app with {SELF_APPROVAL_ENV}=1: see docs/app.md)"
        )
    if (not ready or errors) and not reason.strip():
        why = f"it has {errors} error-level finding{'s' if errors != 1 else ''}" if errors else "it is not ready"
        problems.append(f"{why}: give a reason for approving it as it stands")
    return problems


def same_person(a: str, b: str) -> bool:
    # The store records "Name (e-mail)" for a signed-in person; compare the names.
    def name(value: str) -> str:
        return value.split("(", 1)[0].strip().casefold()

    return name(a) == name(b)


def approve(
    content: dict[str, Any],
    *,
    name: str,
    role: str = "",
    when: dt.date | None = None,
    reason: str = "",
    self_approved: bool = False,
) -> None:
    """Record the approval in the pack and mark it approved. Check :func:`approval_problems` first.

    ``metadata.approval`` gets who, role and date, ``self_approved`` (always written: true when the approver also
    made the last change, which only a one-person provider may allow) and ``reason`` (when one was given: why it
    was approved as it stood, needed when it is not ready or has error-level findings).
    """
    if not name.strip():
        raise LifecycleError("give the name of the person approving")
    if status_of(content) in READ_ONLY_STATUSES:
        raise LifecycleError(f"the pack is {status_of(content)} already")
    metadata = _metadata(content)
    approval: dict[str, Any] = {"name": name.strip(), "role": role.strip(),
                                "date": (when or dt.date.today()).isoformat(), "reason": reason.strip()}
    metadata["approval"] = {**{k: v for k, v in approval.items() if v}, "self_approved": bool(self_approved)}
    metadata["status"] = APPROVED


def approval_note(name: str, *, reason: str = "", self_approved: bool = False) -> str:
    """The store note that records an approval, with its reason and self-approval where there were any."""
    note = f"Approved by {name.strip()}"
    if self_approved:
        note += " (self-approved: one-person provider)"
    if reason.strip():
        note += f"; reason: {reason.strip()}"
    return note


def start_new_version(content: dict[str, Any]) -> None:
    """Approved → draft with the next version number; the old approval stays in the store's history."""
    metadata = _metadata(content)
    current = metadata.get("version")
    metadata["version"] = (current if isinstance(current, int) and current >= 1 else 1) + 1
    metadata["status"] = DRAFT
    metadata.pop("approval", None)
