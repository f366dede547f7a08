"""The conflict panel: a colleague changed the same field(s) since this session loaded the pack.

Every other field is merged already (``workflow.saving``); here the user settles only the fields both changed,
each side by side, and nothing they did not touch can be reverted.
"""

from __future__ import annotations

import streamlit as st

from evidencepack.store.merge import MISSING
from evidencepack.workflow.labels import field_label

from . import state
from .compare import short
from .widgets import escape

_CHOICE = "ep.conflict.choice."


def _shown(value: object) -> str:
    if value is MISSING:
        return "(removed)"
    if isinstance(value, str):
        return value or "(empty)"
    return short(value, 400)


def _resolve() -> None:
    pending = state.conflict()
    if pending is None:
        return
    choices = [st.session_state.get(f"{_CHOICE}{i}", "mine") for i in range(len(pending.result.conflicts))]
    state.resolve_conflict(["mine" if c == "mine" else "theirs" for c in choices])


def panel() -> None:
    """Shown above every page while a field both sides changed is unsettled."""
    merged = state.merged_notice()
    if merged:
        who = ", ".join(f"{v.saved_by} (save {v.number})" for v in merged)
        st.info(escape(f"Saved. Changes made meanwhile by {who} are merged in: the page shows them."))
    pending = state.conflict()
    if pending is None:
        return
    theirs = pending.theirs
    when = theirs.saved_at.strftime("%d/%m/%Y %H:%M UTC")
    count = len(pending.result.conflicts)
    with st.container(border=True, key="ep-conflict"):
        st.error(escape(
            f"{theirs.saved_by} saved this pack at {when} and changed {'a field' if count == 1 else f'{count} fields'} "
            "you changed too. Everything else from both of you is kept. Choose, for each field below, which "
            "to keep; then save."
        ))
        for index, item in enumerate(pending.result.conflicts):
            st.markdown(f"**{escape(field_label(item.path, pending.result.merged))}**")
            left, right = st.columns(2)
            left.caption(f"{escape(theirs.saved_by)}'s version")
            left.text(_shown(item.theirs))
            right.caption("Yours")
            right.text(_shown(item.mine))
            st.radio("Keep", ["mine", "theirs"], key=f"{_CHOICE}{index}", horizontal=True,
                     format_func=lambda v: "Yours" if v == "mine" else f"{theirs.saved_by}'s",
                     label_visibility="collapsed")
        st.button("Save with these choices", on_click=_resolve, key="ep.conflict.save", type="primary")
