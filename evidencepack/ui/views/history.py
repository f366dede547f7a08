"""History: milestones, saves grouped into sittings with what changed by label, a comparison in words,
restoring an earlier save (after confirmation), and purging personal data from every save.

Everything shown is masked (``workflow.history``); the rules and the grouping are the workflow's.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from evidencepack.store import StoreError, VersionInfo
from evidencepack.workflow import history

from .. import state
from ..widgets import escape, need_pack

_DONE = "ep.history.done"
_CONFIRM = "ep.history.confirm"
_SHOWN_LABELS = 12


def _when(value: Any) -> str:
    return value.astimezone().strftime("%d/%m/%Y %H:%M")


def _label(info: VersionInfo) -> str:
    return f"Save {info.number} · {_when(info.saved_at)} · {info.saved_by}"


def _milestones(events: list[Any], versions: list[VersionInfo]) -> None:
    found = history.milestones(events, versions)
    st.subheader("Milestones")
    if not found:
        st.caption("None yet: submitting for review, approving, exporting and purging are listed here.")
        return
    for item in found:
        save = f" (save {item.save})" if item.save else ""
        reason = f": {item.reason}" if item.reason else ""
        st.markdown(escape(f"{_when(item.at)} · {item.what} by {item.by}{save}{reason}"))


def _sittings(versions: list[VersionInfo]) -> None:
    st.subheader("Who changed what")
    st.caption("Saves by one person within half an hour of each other are grouped into one sitting.")
    for sitting in history.sittings(state.store(), state.pack_id(), versions):
        span = (f"saves {sitting.first}–{sitting.last}" if sitting.saves > 1 else f"save {sitting.first}")
        when = _when(sitting.start) + ("" if sitting.saves == 1 else f"–{sitting.end.astimezone():%H:%M}")
        with st.expander(f"{sitting.by} · {when} · {span}"):
            if sitting.first == 1:
                st.markdown("Created the pack.")
            shown = sitting.changed[:_SHOWN_LABELS]
            more = len(sitting.changed) - len(shown)
            if shown:
                st.markdown("Changed: " + escape("; ".join(shown)) + (f"; and {more} more" if more else "") + ".")
            elif sitting.first != 1:
                st.markdown("No change to the pack's content (only its status, or saves undone).")
            notes = [n for n in sitting.notes if n]
            if notes:
                st.caption(escape(" · ".join(dict.fromkeys(notes))))


def _compare(versions: list[VersionInfo]) -> None:
    st.subheader("Compare two saves")
    numbers = [v.number for v in versions]
    labels = {v.number: _label(v) for v in versions}
    older_col, newer_col = st.columns(2)
    older = older_col.selectbox("From", numbers, index=len(numbers) - 2, key="ep.history.from",
                                format_func=labels.get)
    newer = newer_col.selectbox("To", numbers, index=len(numbers) - 1, key="ep.history.to", format_func=labels.get)
    try:
        _, old_data = state.store().get_version(state.pack_id(), older)
        _, new_data = state.store().get_version(state.pack_id(), newer)
    except StoreError as error:
        st.error(escape(str(error)))
        return
    changes = history.compare(old_data, new_data)
    if not changes:
        st.success("The two saves hold the same content.")
        return
    st.caption(f"{len(changes)} field{'s' if len(changes) != 1 else ''} changed from save {older} to save {newer}. "
               "Personal data is shown masked.")
    st.dataframe([{"field": c.label, "change": c.kind, "before": c.before, "after": c.after} for c in changes],
                 hide_index=True, width="stretch")
    for change in (c for c in changes if c.words):
        with st.expander(f"The wording of {change.label}"):
            st.markdown(" ".join(_word(kind, text) for kind, text in change.words))


def _word(kind: str, text: str) -> str:
    shown = escape(text)
    return {"removed": f"~~{shown}~~", "added": f"**{shown}**"}.get(kind, shown)


def _restore(versions: list[VersionInfo]) -> None:
    st.subheader("Restore an earlier save")
    numbers = [v.number for v in versions][:-1][::-1]
    labels = {v.number: _label(v) for v in versions}
    chosen = st.selectbox("Save to restore", numbers, key="ep.history.restore", format_func=labels.get)
    st.caption("Restoring makes the pack as it was at that save, as a new save on top; no save is lost.")
    if st.session_state.get(_CONFIRM) == chosen:
        st.warning(escape(f"Make the pack as it was at save {chosen}? Changes made since stay in the history "
                          "and can be restored in turn."))
        yes, no = st.columns(2)
        if yes.button(f"Yes, restore save {chosen}", key="ep.history.restore.yes", type="primary"):
            st.session_state.pop(_CONFIRM, None)
            st.session_state[_DONE] = state.restore(chosen)
            st.rerun()
        if no.button("Cancel", key="ep.history.restore.no"):
            st.session_state.pop(_CONFIRM, None)
            st.rerun()
    elif st.button("Restore…", key="ep.history.restore.go", disabled=state.read_only()):
        st.session_state[_CONFIRM] = chosen
        st.rerun()


def _personal_data() -> None:
    found = history.identifiers(state.store(), state.pack_id())
    if not found:
        return
    st.subheader("Personal data in the history")
    st.caption("These identifiers are in earlier saves (shown masked here). Purging replaces one with its masked "
               "form in every save, and the pack's log records who purged it, when and why.")
    for index, item in enumerate(found):
        saves = ", ".join(str(n) for n in item.saves)
        with st.form(f"ep.history.purge.{index}"):
            plural = "s" if len(item.saves) > 1 else ""
            st.markdown(escape(f"{item.masked} ({item.kind.replace('_', ' ')}), in save{plural} {saves}"))
            reason = st.text_input("Why purge it?", max_chars=500, key=f"ep.history.purge.reason.{index}")
            if st.form_submit_button("Purge from every save"):
                _purge(item, reason)


def _purge(item: history.StoredIdentifier, reason: str) -> None:
    if not state.user():
        st.error("Enter your name first: it is recorded with the purge.")
        return
    try:
        event = history.purge(state.store(), state.pack_id(), item, by=state.user(), reason=reason)
    except StoreError as error:
        st.error(escape(f"Nothing was purged: {error}"))
        return
    numbers = [str(v["number"]) for v in event.detail["versions"]]
    state.open_pack(state.pack_id())  # the working copy may have held it too
    st.session_state[_DONE] = (f"Purged {item.masked} from save{'s' if len(numbers) > 1 else ''} "
                               f"{', '.join(numbers)}; recorded in the pack's log.")
    st.rerun()


def render() -> None:
    st.title("History")
    if not need_pack():
        return
    done = st.session_state.pop(_DONE, None)
    if done:
        st.success(escape(done))
    store = state.store()
    try:
        versions = store.versions(state.pack_id())
        events = store.events(state.pack_id())
    except StoreError as error:
        st.error(escape(str(error)))
        return
    st.caption("Each save is the pack as it stood at that moment; the pack's own version number (on the Details "
               "page) goes up only when an approved pack is reopened.")
    _milestones(events, versions)
    _sittings(versions)
    if len(versions) < 2:
        st.info("Only one save so far. Every change you make is saved.")
        return
    _compare(versions)
    _restore(versions)
    _personal_data()
