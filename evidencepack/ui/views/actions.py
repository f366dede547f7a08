"""Action plan: for each gap, the criterion it serves, the action, an owner, a due date and its status."""

from __future__ import annotations

import streamlit as st

from evidencepack.findings import pointer

from .. import state
from ..widgets import choice, date, escape, findings, framework, need_pack, read_only_notice, text, under


def _criterion_label(criterion_id: str | None) -> str:
    if criterion_id is None:
        return "—"
    criterion = framework().criterion(criterion_id)
    return f"{criterion_id} · {criterion.title}" if criterion else f"{criterion_id} · not a criterion"


def _action(index: int) -> None:
    path = ("actions", index)
    with st.container(border=True):
        top, remove = st.columns([5, 1], vertical_alignment="bottom")
        with top:
            choice("Criterion", (*path, "criterion"), [c.id for c in framework().criteria],
                   format_func=_criterion_label)
        remove.button("Remove", key=f"ep.action.remove.{state.gen()}.{index}", on_click=state.remove_item,
                      args=(("actions",), index), disabled=state.read_only())
        text("Action", (*path, "action"), long=True, height=90)
        name, role, due, status = st.columns(4)
        with name:
            text("Owner (name)", (*path, "owner", "name"))
        with role:
            text("Owner (role)", (*path, "owner", "role"))
        with due:
            date("Due", (*path, "due"))
        with status:
            choice("Status", (*path, "status"))
        findings(under(pointer(*path), state.result().findings))


def render() -> None:
    st.title("Action plan")
    if not need_pack():
        return
    st.caption("How the gaps will be closed: one action per gap, with an owner and a due date.")
    read_only_notice()
    actions = state.data().get("actions", [])
    wanted = st.query_params.get("action")
    if wanted is not None and wanted.isdigit() and int(wanted) < len(actions):
        st.info(escape(f"The review sent you to action {int(wanted) + 1}; it is shown first."))
        _action(int(wanted))
    for index in range(len(actions)):
        if str(index) != wanted:
            _action(index)
    if not actions:
        st.info("No actions yet.")
    st.button("Add an action", key="ep.action.add", on_click=state.add_item, args=(("actions",), {}),
              disabled=state.read_only(), type="primary")
