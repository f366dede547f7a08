"""Approval: submit for review, approve, and start a new version of an approved pack.

The rules are the workflow's (``evidencepack.workflow``): the approver is the person using the app (signed in,
or the name given), and is not the last person who changed the pack unless self-approval is allowed (a
one-person provider); a pack that is not ready, or has error-level findings, is approved only with a reason.
Each step is saved as a version and recorded as an event in the store's log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st

from evidencepack import workflow
from evidencepack.store import StoreError
from evidencepack.workflow import approvals

from .. import state
from ..widgets import escape, field_help, humanise, max_chars, need_pack

_DONE = "ep.approval.done"
_APPROVAL = ("metadata", "approval")


def _step(mutate: Callable[[dict[str, Any]], None], kind: str, note: str, detail: dict[str, Any] | None = None
          ) -> bool:
    """Apply a lifecycle step, save it with ``note``, and record the event; False (with the reason shown on the
    next run) when it could not be saved, or when someone else had already taken the same step."""
    try:
        saved = state.edit(mutate, lifecycle=True, note=note)
    except workflow.LifecycleError as error:
        st.session_state[_DONE] = ("error", str(error))
        return False
    outcome = state.last_save()
    if not saved or outcome is None:
        st.session_state[_DONE] = ("error", state.save_state().text)
        return False
    try:
        event = approvals.record_step(state.store(), state.pack_id(), outcome, kind, detail)
    except StoreError as error:  # the step is saved; only its line in the log is missing
        st.session_state[_DONE] = ("error", f"Saved, but not recorded in the pack's log: {error}")
        return True
    if event is None:
        st.session_state[_DONE] = ("info", f"Nothing to do: {outcome.info.saved_by} had already made this change "
                                            f"(save {outcome.info.number}). The page now shows the pack as it is.")
        return False
    st.session_state[_DONE] = ("success", note + ".")
    return True


def submit_for_review() -> None:
    _step(workflow.submit_for_review, "submitted", "Submitted for review")


def back_to_draft() -> None:
    _step(workflow.back_to_draft, "returned_to_draft", "Returned to draft")


def start_new_version() -> None:
    """Back to draft, with the next version number; the old approval stays in the history."""
    _step(workflow.start_new_version, "new_version", "Started a new version")


def decision(reason: str) -> approvals.ApprovalDecision:
    """Whether the person using the app may approve the open pack now (the workflow's rules)."""
    standing = workflow.pack_standing(state.result())
    return approvals.decide(state.store(), state.pack_id(), state.data(), approver=state.display_name(),
                            ready=standing.ready, errors=len(standing.blocking), reason=reason)


def approve(role: str, when: dt.date, reason: str = "") -> list[str]:
    """Approve the open pack as the person using the app; the problems that stopped it, if any."""
    decided = decision(reason)
    if decided.problems:
        return list(decided.problems)
    name = state.display_name()
    standing = workflow.pack_standing(state.result())
    detail = {"role": role.strip(), "date": when.isoformat(), "reason": reason.strip(),
              "self_approved": decided.self_approved, "band": standing.band, "errors": len(standing.blocking)}
    note = workflow.approval_note(name, reason=reason, self_approved=decided.self_approved)
    if not _step(lambda c: workflow.approve(c, name=name, role=role, when=when, reason=reason,
                                            self_approved=decided.self_approved), "approved", note, detail):
        return [st.session_state[_DONE][1]]
    return []


def _approve_form() -> None:
    name = state.display_name()
    standing = workflow.pack_standing(state.result())
    needs_reason = not standing.ready or bool(standing.blocking)
    with st.form("ep.approval.form"):
        st.markdown(f"Approving as **{escape(name) or '(enter your name first)'}**")
        role = st.text_input("Your role", max_chars=max_chars(_APPROVAL + ("role",)),
                             help=field_help(_APPROVAL + ("role",)), placeholder="e.g. Registered manager")
        when = st.date_input("Date", value=dt.date.today(), format="DD/MM/YYYY",
                             help=field_help(_APPROVAL + ("date",)))
        reason = st.text_area(
            "Reason for approving it as it stands" + ("" if needs_reason else " (not needed)"),
            max_chars=max_chars(_APPROVAL + ("reason",)), help=field_help(_APPROVAL + ("reason",)),
        )
        if st.form_submit_button("Approve this pack", type="primary"):
            problems = approve(role, when, reason)
            if problems:
                for problem in problems:
                    st.error(escape(problem[0].upper() + problem[1:] + "."))
            else:
                st.rerun()


def _done() -> None:
    done = st.session_state.pop(_DONE, None)
    if done:
        {"success": st.success, "info": st.info}.get(done[0], st.error)(escape(done[1]))


def render() -> None:
    st.title("Approval")
    if not need_pack():
        return
    _done()
    metadata = state.data().get("metadata", {})
    status = state.status()
    st.markdown(f"Status: **{escape(humanise(status))}**, version {escape(metadata.get('version', 1))}")
    if state.archived():
        st.info("This pack is archived. Unarchive it on the Packs page first.")
        return
    if status in state.READ_ONLY_STATUSES:
        approval = metadata.get("approval", {})
        if approval:
            st.success(escape(f"Approved by {approval.get('name', '?')}"
                              + (f", {approval['role']}" if approval.get("role") else "")
                              + (f", on {approval['date']}" if approval.get("date") else "")
                              + (" (self-approved: a one-person provider)" if approval.get("self_approved") else "")
                              + (f". Reason: {approval['reason']}" if approval.get("reason") else "")))
        st.info("The pack is read-only. To change it, start a new version: it goes back to draft with the next "
                "version number, and this approved version stays in the history.")
        st.button("Start a new version", key="ep.approval.new", on_click=start_new_version, type="primary")
        return
    standing = workflow.pack_standing(state.result())
    if not standing.ready or standing.blocking:
        errors = len(standing.blocking)
        st.warning(escape(
            f"The pack is {standing.band.lower()}"
            + (f" and has {errors} error{'s' if errors != 1 else ''}" if errors else "")
            + ". It can be approved only with a reason, which is kept in its history; the Review page shows "
            "what is missing."))
    if status == "draft":
        st.button("Submit for review", key="ep.approval.submit", on_click=submit_for_review)
    elif status == "in_review":
        st.button("Back to draft", key="ep.approval.draft", on_click=back_to_draft)
    st.subheader("Approve")
    st.caption("Someone other than the last person to change the pack approves it"
               + (" (self-approval is allowed here: a one-person provider; the history says so)."
                  if approvals.self_approval_allowed() else "."))
    _approve_form()
