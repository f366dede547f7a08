"""History: every saved version, what changed between two, and restoring an old one as a new version."""

from __future__ import annotations

import streamlit as st

from evidencepack.store import StoreError, VersionInfo

from .. import compare, state
from ..widgets import escape, need_pack


def _label(info: VersionInfo) -> str:
    when = info.saved_at.astimezone().strftime("%d %b %Y %H:%M")
    return f"Version {info.number} · {when} · {info.saved_by}"


def render() -> None:
    st.title("History")
    if not need_pack():
        return
    done = st.session_state.pop("ep.history.done", None)
    if done:
        st.success(escape(done))
    store = state.store()
    try:
        versions = store.versions(state.pack_id())
    except StoreError as error:
        st.error(escape(str(error)))
        return
    st.dataframe(
        [{"version": v.number, "saved": v.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), "by": v.saved_by,
          "note": v.note, "SHA-256": v.sha256[:16] + "…"} for v in reversed(versions)],
        hide_index=True, width="stretch", height=min(400, 38 + 35 * len(versions)),
    )
    if len(versions) < 2:
        st.info("Only one version so far. Every change you make is saved as a new version.")
        return
    numbers = [v.number for v in versions]
    labels = {v.number: _label(v) for v in versions}
    st.subheader("What changed")
    older_col, newer_col = st.columns(2)
    older = older_col.selectbox("From", numbers, index=len(numbers) - 2, key="ep.history.from",
                                format_func=labels.get)
    newer = newer_col.selectbox("To", numbers, index=len(numbers) - 1, key="ep.history.to", format_func=labels.get)
    try:
        _, old_data = store.get_version(state.pack_id(), older)
        _, new_data = store.get_version(state.pack_id(), newer)
    except StoreError as error:
        st.error(escape(str(error)))
        return
    rows = compare.change_rows(old_data, new_data)
    if not rows:
        st.success("The two versions hold the same content.")
    else:
        st.caption(f"{len(rows)} field(s) changed from version {older} to version {newer}.")
        st.dataframe(rows, hide_index=True, width="stretch")
        with st.expander("As a text diff of the JSON"):
            st.code(compare.unified(old_data, new_data, f"version {older}", f"version {newer}"), language="diff")

    st.subheader("Restore")
    chosen = st.selectbox("Version to restore", numbers[:-1][::-1], key="ep.history.restore",
                          format_func=labels.get)
    st.caption("Restoring saves that version's content as a new version on top; no history is lost.")
    if st.button("Restore as a new version", key="ep.history.restore.go", disabled=state.read_only()):
        st.session_state["ep.history.done"] = state.restore(chosen)
        st.rerun()
