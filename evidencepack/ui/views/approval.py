"""Approval: submit for review, approve (who and when), and start a new version of an approved pack.

When sign-in is configured the approver is the signed-in person; otherwise the name is typed (it defaults to
the name this session saves under).

An approved pack is read-only until "Start a new version" sets it back to draft with the next version number.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from evidencepack import workflow

from .. import state
from ..widgets import escape, humanise, need_pack


def submit_for_review() -> None:
    state.edit(workflow.submit_for_review, lifecycle=True)


def back_to_draft() -> None:
    state.edit(workflow.back_to_draft, lifecycle=True)


def approve(name: str, role: str, when: dt.date) -> bool:
    """Record the approval (who, role, date) and mark the pack approved."""
    return state.edit(lambda content: workflow.approve(content, name=name, role=role, when=when), lifecycle=True)


def start_new_version() -> None:
    """Back to draft, with the next version number; the old approval stays in the history."""
    state.edit(workflow.start_new_version, lifecycle=True)


def _approve_form() -> None:
    who = state.identity()
    with st.form("ep.approval.form"):
        if who.signed_in:  # the approval records the signed-in person, not a typed name
            st.text_input("Approved by (name)", value=who.name, max_chars=200, disabled=True,
                          help="You are signed in: the approval records you.")
            name = who.name
        else:
            name = st.text_input("Approved by (name)", value=state.display_name(), max_chars=200)
        role = st.text_input("Role", max_chars=200, placeholder="e.g. Registered manager")
        when = st.date_input("Date", value=dt.date.today(), format="DD/MM/YYYY")
        if st.form_submit_button("Approve this pack", type="primary"):
            if not name.strip():
                st.error("Give the name of the person approving.")
            elif approve(name, role, when):
                st.rerun()
            else:
                st.error(escape(state.save_state().text))


def render() -> None:
    st.title("Approval")
    if not need_pack():
        return
    metadata = state.data().get("metadata", {})
    status = state.status()
    st.markdown(f"Status: **{escape(humanise(status))}**, version {escape(metadata.get('version', 1))}")
    if state.archived():
        st.info("This pack is archived. Unarchive it on the Packs page first.")
        return
    result = state.result()
    if status in state.READ_ONLY_STATUSES:
        approval = metadata.get("approval", {})
        if approval:
            st.success(escape(f"Approved by {approval.get('name', '?')}"
                              + (f", {approval['role']}" if approval.get("role") else "")
                              + (f", on {approval['date']}" if approval.get("date") else "")))
        st.info("The pack is read-only. To change it, start a new version: it goes back to draft with the next "
                "version number, and this approved version stays in the history.")
        st.button("Start a new version", key="ep.approval.new", on_click=start_new_version, type="primary")
        return
    if result.score is not None and result.score.readiness.value != "ready":
        st.warning(f"The pack is {humanise(result.score.readiness.value).lower()} (score {result.score.overall:g}). "
                   "You can still approve it; the Review page shows what is missing.")
    if status == "draft":
        st.button("Submit for review", key="ep.approval.submit", on_click=submit_for_review)
    elif status == "in_review":
        st.button("Back to draft", key="ep.approval.draft", on_click=back_to_draft)
    st.subheader("Approve")
    _approve_form()
