"""One principle: its criteria, each with guidance, status, narrative, evidence and its findings beside it.

One generic page, registered once per principle of the framework (``navigation.specs``): nothing here
names a principle or a criterion.
"""

from __future__ import annotations

import streamlit as st

from evidencepack.findings import pointer
from evidencepack.framework import Criterion, Principle

from .. import state
from ..widgets import (
    choice,
    escape,
    evidence_picker,
    findings,
    framework,
    humanise,
    need_pack,
    read_only_notice,
    text,
    under,
)


def _guidance(criterion: Criterion) -> None:
    with st.expander("Guidance and typical evidence"):
        st.markdown(escape(criterion.guidance) if criterion.guidance else "No guidance given.")
        if criterion.typical_evidence:
            st.markdown("**Typical evidence**")
            st.markdown("\n".join(f"- {escape(item)}" for item in criterion.typical_evidence))
        if criterion.evidence_categories:
            labels = framework().category_labels
            st.markdown("**Evidence categories that suit it:** "
                        + ", ".join(escape(labels.get(c) or humanise(c)) for c in criterion.evidence_categories))
        if criterion.quality_statements:
            st.markdown("**Related quality statements:** "
                        + "; ".join(escape(q) for q in criterion.quality_statements))
        st.caption(f"Weight {criterion.weight:g} · at least {criterion.min_evidence} evidence item(s)")


def _criterion(principle: Principle, criterion: Criterion, *, highlighted: bool = False) -> None:
    path = ("principles", principle.key, "criteria", criterion.key)
    response = state.get_in(state.data(), path) or {}
    result = state.result()
    criterion_score = None
    if result.score and principle.key in result.score.principles:
        criterion_score = result.score.principles[principle.key].criteria.get(criterion.key)
    with st.container(border=True):
        st.subheader(criterion.title, anchor=criterion.key)
        if highlighted:
            st.caption("The review sent you here: this criterion needs work.")
        form, beside = st.columns([3, 2])
        with form:
            _guidance(criterion)
            choice("Status", (*path, "status"))
            if response.get("status") == "not_applicable" or response.get("justification"):
                text("Why it does not apply", (*path, "justification"), long=True, height=100)
            text("Narrative", (*path, "narrative"), long=True, height=180)
            evidence_picker("Evidence", (*path, "evidence"))
        with beside:
            if criterion_score is not None and criterion_score.applicable:
                st.progress(criterion_score.percent / 100,  # score 1-4 shown on 0-100 (core's assessment)
                            text=f"Criterion score {criterion_score.score} of 4: {criterion_score.band}")
            elif criterion_score is not None:
                st.caption("Not applicable: left out of the score.")
            findings(under(pointer(*path), result.findings), empty="Nothing to fix here.")


def render(principle_key: str) -> None:
    principle = framework().principle(principle_key)
    if principle is None:
        st.error("Unknown principle.")
        return
    st.title(f"{principle.number}. {principle.title}")
    if not need_pack():
        return
    st.markdown(escape(principle.summary))
    read_only_notice()
    result = state.result()
    if result.score and principle.key in result.score.principles:
        value = result.score.principles[principle.key].score
        if value is not None:
            st.progress(min(1.0, value / 100), text=f"Principle score {value:g}")
    text("Your summary for this principle", ("principles", principle.key, "summary"), long=True, height=120)
    own = [f for f in under(pointer("principles", principle.key), result.findings)
           if not f.pointer.startswith(pointer("principles", principle.key, "criteria") + "/")]
    findings(own)

    wanted = st.query_params.get("criterion")
    first = principle.criterion(wanted) if wanted else None
    if first is not None:
        st.info(escape(f"Needs work: {first.title}. It is shown first below."))
        _criterion(principle, first, highlighted=True)
        if st.button("Show the criteria in their usual order", key="ep.criterion.clear"):
            del st.query_params["criterion"]
            st.rerun()
    for criterion in principle.criteria:
        if criterion is not first:
            _criterion(principle, criterion)
