"""Details: the pack's title, provider, locations, reporting period, people, and the innovation."""

from __future__ import annotations

import streamlit as st

from evidencepack.findings import pointer

from .. import state
from ..widgets import (
    choice,
    date,
    escape,
    findings,
    humanise,
    need_pack,
    read_only_notice,
    text,
    under,
)


def _yes_no(value: bool | None) -> str:
    return "Yes" if value is True else "No" if value is False else "—"


def _locations() -> None:
    st.subheader("Locations")
    path = ("metadata", "locations")
    items = state.get_in(state.data(), path) or []
    for index, _location in enumerate(items):
        with st.container(border=True):
            name, location_id, postcode, remove = st.columns([4, 2, 2, 1], vertical_alignment="bottom")
            with name:
                text("Location name", (*path, index, "name"))
            with location_id:
                text("CQC location ID", (*path, index, "cqc_location_id"), placeholder="1-123456789")
            with postcode:
                text("Postcode", (*path, index, "postcode"))
            remove.button("Remove", key=f"ep.loc.remove.{state.gen()}.{index}", on_click=state.remove_item,
                          args=(path, index), disabled=state.read_only())
    st.button("Add a location", key="ep.loc.add", on_click=state.add_item, args=(path, {}),
              disabled=state.read_only())


def render() -> None:
    st.title("Details")
    if not need_pack():
        return
    read_only_notice()
    content = state.data()
    result = state.result()

    st.subheader("The pack")
    text("Title", ("metadata", "title"))
    st.caption(escape(f"Status: {humanise(content.get('metadata', {}).get('status', 'draft'))}, "
                      f"version {content.get('metadata', {}).get('version', 1)}. "
                      "Change the status on the Approval page."))

    st.subheader("Provider")
    left, right = st.columns(2)
    with left:
        text("Provider name", ("metadata", "provider", "name"))
        choice("Sector", ("metadata", "provider", "sector"))
    with right:
        text("CQC provider ID", ("metadata", "provider", "cqc_provider_id"), placeholder="1-1234567890")
        text("ODS code", ("metadata", "provider", "ods_code"))

    _locations()

    st.subheader("Reporting period and people")
    start, end = st.columns(2)
    with start:
        date("Period start", ("metadata", "period", "start"))
    with end:
        date("Period end", ("metadata", "period", "end"))
    name, role = st.columns(2)
    with name:
        text("Prepared by (name)", ("metadata", "prepared_by", "name"))
    with role:
        text("Prepared by (role)", ("metadata", "prepared_by", "role"))

    st.subheader("The innovation")
    text("Name of the innovation", ("innovation", "name"))
    text("Summary", ("innovation", "summary"), long=True)
    text("Who it serves", ("innovation", "serves"))
    text("People reached so far", ("innovation", "people_reached"))
    left, right = st.columns(2)
    with left:
        choice("Kind", ("innovation", "kind"))
        choice("Stage", ("innovation", "stage"))
        date("Go-live date", ("innovation", "go_live"))
    with right:
        text("Supplier", ("innovation", "supplier"))
        text("Product version", ("innovation", "product_version"))

    choice("Does it process personal data?", ("innovation", "personal_data"), [True, False],
           format_func=_yes_no)

    st.markdown("**Assurance** (for digital innovations)")
    left, right = st.columns(2)
    with left:
        text("DTAC version", ("innovation", "assurance", "dtac_version"))
        date("DTAC date", ("innovation", "assurance", "dtac_date"))
        text("DCB0129 reference (supplier's clinical safety case)", ("innovation", "assurance", "dcb0129_reference"))
        date("DCB0129 report date", ("innovation", "assurance", "dcb0129_date"))
    with right:
        text("DCB0160 reference (your clinical safety case)", ("innovation", "assurance", "dcb0160_reference"))
        choice("Where your safety case stands", ("innovation", "assurance", "safety_case_status"))
        date("DCB0160 signed off on", ("innovation", "assurance", "dcb0160_date"))
        text("Clinical safety officer who signed it", ("innovation", "assurance", "clinical_safety_officer"))
    left, right = st.columns(2)
    with left:
        text("DPIA reference", ("innovation", "assurance", "dpia_reference"))
        choice("Where the DPIA stands", ("innovation", "assurance", "dpia_status"))
    with right:
        date("DPIA signed off on", ("innovation", "assurance", "dpia_date"))
        text("DPIA signed off by", ("innovation", "assurance", "dpia_signed_by"))

    st.subheader("Findings about these details")
    findings([*under(pointer("metadata"), result.findings), *under(pointer("innovation"), result.findings),
              *[f for f in result.findings if f.pointer == ""]], empty="No findings about the details.")
