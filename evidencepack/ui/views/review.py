"""Review: the next best actions with their points, and every finding grouped by principle, each with a way
to jump to the field that needs work (and, for personal data, each hit masked with a button to mask it)."""

from __future__ import annotations

import streamlit as st

from evidencepack.findings import Finding, Place
from evidencepack.workflow import labels

from .. import routing, state
from ..widgets import escape, finding_details, finding_text, framework, humanise, need_pack, personal_data_fix

_OTHER_GROUPS = (("metadata", "Details"), ("innovation", "Details"), ("evidence", "Evidence register"),
                 ("measures", "Outcomes"), ("actions", "Action plan"))
_SEVERITY_ICON = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}


def _go(place: Place) -> None:

    name, query = routing.target(place, state.data())
    routing.go(name, **query)


def group_of(found: Finding) -> str:
    """The heading a finding is listed under: its principle's title, or the part of the pack it is about."""
    principle = framework().principle(found.principle) if found.principle else None
    if principle:
        return f"{principle.number}. {principle.short_title}"
    return next((title for key, title in _OTHER_GROUPS if key == found.section), "The pack as a whole")


def _finding(found: Finding, index: int) -> None:
    text_col, button_col = st.columns([6, 1], vertical_alignment="center")
    show = {"error": text_col.error, "warning": text_col.warning}.get(found.severity.value, text_col.info)
    show(escape(finding_text(found)), icon=_SEVERITY_ICON.get(found.severity.value))
    with text_col:
        personal_data_fix(found, "review")
    if button_col.button("Go to it", key=f"ep.review.go.{state.rev()}.{index}"):
        _go(found)


def render() -> None:
    st.title("Review")
    if not need_pack():
        return
    result = state.result()
    if result.score is None:
        st.error("The pack does not match the schema, so it cannot be scored. Fix these first:")
    else:
        score = result.score
        left, right = st.columns(2)
        left.metric("Overall score", f"{score.overall:g}")
        right.metric("Readiness", humanise(score.readiness.value))
        st.subheader("Next best actions")
        if not score.next_best_actions:
            st.success("Every criterion has full credit.")
        for index, action in enumerate(score.next_best_actions):
            text_col, points_col, button_col = st.columns([6, 1, 1], vertical_alignment="center")
            text_col.markdown(escape(labels.plain(action.action)))
            points_col.markdown(f"**+{action.points:.1f}** points")
            if button_col.button("Work on it", key=f"ep.review.next.{state.rev()}.{index}"):
                _go(action)

    st.subheader("Findings")
    if not result.findings:
        st.success("No findings.")
        return
    counts = {s: sum(1 for f in result.findings if f.severity.value == s) for s in ("error", "warning", "info")}
    st.caption(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
    groups: dict[str, list[tuple[int, Finding]]] = {}
    for index, found in enumerate(result.findings):
        groups.setdefault(group_of(found), []).append((index, found))
    order = [f"{p.number}. {p.short_title}" for p in framework().principles]
    for heading in sorted(groups, key=lambda h: (order.index(h) if h in order else len(order), h)):
        items = groups[heading]
        worst = min(items, key=lambda i: ("error", "warning", "info").index(i[1].severity.value))[1].severity.value
        with st.expander(f"{escape(heading)} ({len(items)})", expanded=worst == "error"):
            for index, found in items:
                _finding(found, index)
    finding_details(result.findings, state.data())
