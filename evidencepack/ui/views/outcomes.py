"""Outcomes: measures with baseline, latest, target, source and a breakdown by group (for inequalities)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from evidencepack.findings import pointer

from .. import state
from ..widgets import (
    choice,
    date,
    escape,
    evidence_choice,
    findings,
    flag,
    need_pack,
    number,
    read_only_notice,
    text,
    under,
)


def _breakdown(path: state.Path, measure: dict[str, Any]) -> None:
    st.markdown("**Breakdown by group** (to show effects on health inequalities)")
    rows = measure.get("breakdown", [])
    for row_index, _row in enumerate(rows):
        group, baseline, latest, remove = st.columns([3, 2, 2, 1], vertical_alignment="bottom")
        row_path = (*path, "breakdown", row_index)
        with group:
            text("Group", (*row_path, "group"))
        with baseline:
            number("Baseline", (*row_path, "baseline"))
        with latest:
            number("Latest", (*row_path, "latest"))
        remove.button("Remove", key=f"ep.breakdown.remove.{state.gen()}.{path[-1]}.{row_index}",
                      on_click=state.remove_item, args=((*path, "breakdown"), row_index), disabled=state.read_only())
    st.button("Add a group", key=f"ep.breakdown.add.{state.gen()}.{path[-1]}", on_click=state.add_item,
              args=((*path, "breakdown"), {}), disabled=state.read_only())


def _measure(index: int, measure: dict[str, Any], expanded: bool) -> None:
    path = ("measures", index)
    label = measure.get("name") or f"Measure {index + 1}"
    # A stable key keeps the panel open while it is filled in, even as its label (the measure's name) changes.
    panel = f"ep-measure-panel-{index}"
    with st.expander(escape(label), expanded=expanded, key=panel):
        left, right = st.columns(2)
        with left:
            text("Name", (*path, "name"))
            text("Unit", (*path, "unit"))
            choice("Direction", (*path, "direction"))
            number("Target", (*path, "target"))
        with right:
            text("Population", (*path, "population"))
            number("Denominator", (*path, "denominator"))
            evidence_choice("Data source (evidence item)", (*path, "source"))
            flag("Used to show an effect on health inequalities", (*path, "inequalities"))
        b1, b2, l1, l2 = st.columns(4)
        with b1:
            number("Baseline value", (*path, "baseline", "value"))
        with b2:
            date("Baseline date", (*path, "baseline", "date"))
        with l1:
            number("Latest value", (*path, "latest", "value"))
        with l2:
            date("Latest date", (*path, "latest", "date"))
        _breakdown(path, measure)
        text("Notes", (*path, "notes"), long=True, height=100)
        findings(under(pointer(*path), state.result().findings))
        st.button("Remove this measure", key=f"ep.measure.remove.{state.gen()}.{index}",
                  on_click=state.remove_item, args=(("measures",), index), disabled=state.read_only())


def render() -> None:
    st.title("Outcomes")
    if not need_pack():
        return
    st.caption("Measures of what changed for people: baseline and latest figures, a target, and a breakdown by "
               "group where the innovation could widen or narrow inequalities.")
    read_only_notice()
    measures = state.data().get("measures", [])
    wanted = st.query_params.get("measure")
    for index, measure in enumerate(measures):
        _measure(index, measure, expanded=str(index) == wanted or len(measures) == 1)
    if not measures:
        st.info("No outcome measures yet.")
    st.button("Add a measure", key="ep.measure.add", on_click=state.add_item, args=(("measures",), {}),
              disabled=state.read_only(), type="primary")
    general = [f for f in state.result().findings if f.pointer == pointer("measures")]
    findings(general)
