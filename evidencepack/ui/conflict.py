"""The conflict panel: someone else saved the pack since this session loaded it; the user chooses."""

from __future__ import annotations

import streamlit as st

from . import compare, state
from .widgets import escape


def panel() -> None:
    """Shown above every page while a save is refused, with both versions and the two ways out."""
    pending = state.conflict()
    if pending is None:
        return
    error, mine = pending
    current = error.current
    when = current.saved_at.strftime("%d %b %Y %H:%M UTC")
    with st.container(border=True):
        st.error(escape(
            f"Your last change was not saved: {current.saved_by} saved version {current.number} at {when}, "
            f"after the version {error.base_version} you were editing. Nothing was overwritten. Choose which "
            "to keep."
        ))
        rows = compare.change_rows(error.current_data, mine)
        st.caption(f"{len(rows)} field(s) differ between version {current.number} (theirs) and your copy.")
        st.dataframe(rows, hide_index=True, width="stretch",
                     column_config={"before": "theirs", "after": "yours"})
        with st.expander("Both versions as a text diff"):
            st.code(compare.unified(error.current_data, mine, f"version {current.number} (theirs)", "yours"),
                    language="diff")
        left, right = st.columns(2)
        left.button(f"Keep theirs (version {current.number}); drop my change", on_click=state.keep_theirs,
                    key="ep.conflict.theirs")
        right.button(f"Save mine as version {current.number + 1}, on top of theirs",
                     on_click=state.overwrite_with_mine, key="ep.conflict.mine")
