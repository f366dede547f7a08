"""Packs: the list with score, readiness, status and last saved; new (blank or from an example); import; archive."""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from evidencepack import workflow
from evidencepack.load import LoadError
from evidencepack.result import check_document
from evidencepack.store import PackSummary, Store, StoreError

from .. import routing, state
from ..widgets import escape, humanise

IMPORT_TYPES = ["json", "yaml", "yml", "docx"]


@st.cache_data(show_spinner=False, max_entries=2000)
def _figures(_store: Store, location: str, pack_id: str, number: int) -> dict[str, Any]:
    """Score, readiness and status of one stored version (versions never change, so this caches safely)."""
    _info, content = _store.get_version(pack_id, number)
    result = check_document(content, state.check_options())
    return {
        "score": result.score.overall if result.score else None,
        "readiness": result.score.readiness.value if result.score else "invalid",
        "status": str(content.get("metadata", {}).get("status", "draft")),
    }


def _name_field() -> None:
    who = state.identity()
    if who.auth:  # the app is behind sign-in, so the page only runs for a signed-in person
        st.caption(escape(f"Signed in as {who.saved_by}: every version you save and every approval you make "
                          "records you."))
        return
    widget_key = "ep.your_name"
    if widget_key not in st.session_state:
        st.session_state[widget_key] = state.user()
    st.text_input("Your name", key=widget_key, max_chars=200,
                  help="Recorded with every version you save, so that the history shows who changed what.",
                  on_change=lambda: state.set_user(st.session_state.get(widget_key) or ""))


def _open(pack_id: str) -> None:

    state.open_pack(pack_id)
    routing.go("details")


def _row(store: Store, summary: PackSummary) -> None:
    try:
        figures = _figures(store, store.location, summary.id, summary.current_version)
    except StoreError as error:
        figures = {"score": None, "readiness": f"unreadable: {error}", "status": "?"}
    with st.container(border=True):
        title, score, saved, buttons = st.columns([4, 2, 3, 2])
        is_open = summary.id == state.pack_id()
        title.markdown(f"**{escape(summary.title or 'Untitled pack')}**" + ("  (open)" if is_open else ""))
        title.caption(escape(f"{humanise(figures['status'])}{' · archived' if summary.archived else ''}"))
        if figures["score"] is None:
            score.markdown("Not scored")
        else:
            score.progress(min(1.0, figures["score"] / 100), text=f"Score {figures['score']:g}")
        score.caption(escape(humanise(figures["readiness"])))
        when = summary.saved_at.astimezone().strftime("%d %b %Y %H:%M")
        saved.caption(escape(f"Last saved {when} by {summary.saved_by} (save {summary.current_version})"))
        if buttons.button("Open", key=f"ep.open.{summary.id}", type="primary" if not is_open else "secondary"):
            _open(summary.id)
        if summary.archived:
            buttons.button("Unarchive", key=f"ep.unarchive.{summary.id}", on_click=state.unarchive,
                           args=(summary.id,))
        else:
            buttons.button("Archive", key=f"ep.archive.{summary.id}", on_click=state.archive, args=(summary.id,),
                           help="Hide it from the list and make it read-only. Nothing is deleted.")


def _list() -> None:
    store = state.store()
    show_archived = st.toggle("Show archived packs", key="ep.show_archived")
    summaries = store.list_packs(include_archived=show_archived)
    if not summaries:
        st.info("No packs yet. Start one under New pack, or import a file.")
    for summary in summaries:
        _row(store, summary)


def _new() -> None:
    title = st.text_input("Title", key="ep.new.title", max_chars=500,
                          placeholder="e.g. Digital care planning at Larkfield House")
    titles = {e.name: e.title for e in state.examples()}
    start = st.selectbox("Start from", [None, *titles], key="ep.new.example",
                         format_func=lambda n: "A blank pack" if n is None else f"The example: {titles[n]}")
    nameless = not state.user()
    slot = st.empty()
    if nameless:
        slot.caption("Give your name above to create a pack.")
    if st.button("Create pack", key="ep.new.create", type="primary", disabled=nameless):
        try:
            state.new_pack(title, start)
        except StoreError as error:
            st.error(escape(str(error)))
            return
        _open(state.pack_id())


def _import() -> None:
    st.caption("A pack as JSON or YAML, or a Word document exported by evidencepack (the pack travels inside it).")
    uploaded = st.file_uploader("Pack file", type=IMPORT_TYPES, key="ep.import.file")
    if st.button("Import", key="ep.import.go", disabled=uploaded is None or not state.user()):
        try:
            state.import_pack(uploaded.getvalue(), uploaded.name)
        except LoadError as error:
            st.error(escape(f"Could not import {uploaded.name}: {error.finding.message}"))
            return
        except StoreError as error:
            st.error(escape(f"Could not import {uploaded.name}: {error}"))
            return
        _open(state.pack_id())


INTRO = (
    "Build the evidence that an innovation in your service meets CQC's six principles of innovation.",
    "Describe the innovation, register what you can show (surveys, minutes, data), answer each principle's "
    "criteria citing that evidence, and record the outcomes.",
    "The app checks the pack as you go, saves every change, and exports an accessible Word document for your "
    "inspector.",
)


def _checklist() -> None:
    """The six steps with what is done, for the open pack (or as a guide before any pack exists)."""
    if state.is_open():
        exported = any(e.kind == "exported" for e in state.store().events(state.pack_id()))
        steps = workflow.checklist(state.data(), state.result(), exported=exported)
        done = sum(s.done for s in steps)
        st.markdown(f"**Your progress: {done} of {len(steps)} steps**")
    else:  # a guide: nothing is done yet
        steps = [dataclasses.replace(s, done=False, progress="")
                 for s in workflow.checklist({}, state.result_of({}), exported=False)]
        st.markdown("**The steps**")
    st.markdown("\n".join(
        f"{index}. {'✓ ' if step.done else ''}{escape(step.title)}"
        + (f" ({escape(step.progress)})" if step.progress else "")
        + (" (done)" if step.done else "")
        for index, step in enumerate(steps, start=1)))


def render() -> None:
    st.title("Evidence packs")
    if not state.is_open():
        st.markdown("\n\n".join(escape(line) for line in INTRO))
    _name_field()
    # One slot either way, so that the page keeps its shape (and the chosen tab) when the name is given.
    slot = st.empty()
    if not state.identity().auth and not state.user():
        slot.info("Give your name first: it is recorded with everything you save. Then create or import a pack.")
    _checklist()
    if state.is_open():
        title = state.data().get("metadata", {}).get("title") or "Untitled pack"
        left, right = st.columns([5, 1])
        left.markdown(f"Open: **{escape(title)}**")
        right.button("Close", key="ep.close", on_click=state.close_pack)
    listing, new, upload = st.tabs(["Your packs", "New pack", "Import"])
    with listing:
        _list()
    with new:
        _new()
    with upload:
        _import()
