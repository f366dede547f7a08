"""Inspector: check a document or bundle without a command line and without any pack in the store.

Upload an exported .docx or a bundle .zip; the page runs the library's verify (``evidencepack.export.verify_bytes``)
and shows its verdict and every check. The rest of the report is shown field by field as it comes, so that what
verify learns to report appears here without a change to this page.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from .. import state
from ..widgets import escape, humanise

_SHOWN_ELSEWHERE = {"ok", "checks", "source", "kind"}

def _value(name: str, value: Any) -> None:
    """One field of the report, in the simplest readable form for its shape."""
    title = humanise(name)
    if value is None or value == {} or value == []:
        return
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        st.markdown(f"**{escape(title)}**")
        st.dataframe([{humanise(k): _cell(v) for k, v in row.items()} for row in value], hide_index=True,
                     width="stretch")
    elif isinstance(value, dict):
        st.markdown(f"**{escape(title)}**")
        st.dataframe([{"what": humanise(k), "value": _cell(v)} for k, v in value.items()], hide_index=True,
                     width="stretch")
    elif isinstance(value, list):
        st.markdown(f"**{escape(title)}**")
        st.markdown("\n".join(f"- {escape(_cell(v))}" for v in value))
    else:
        st.markdown(f"**{escape(title)}**: {escape(_cell(value))}")

def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):

        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)

def render() -> None:
    st.title("Inspector")
    st.markdown("Check a pack's Word document (.docx) or bundle (.zip) that a provider sent you: the page says "
                "whether the document's text still matches the pack data it carries, and shows any difference. "
                "You need no pack of your own, and nothing you upload is stored.")
    uploaded = st.file_uploader("Document, bundle or PDF", type=["docx", "zip", "pdf"], key="ep.inspector.file")
    if uploaded is None:
        return
    # the export (python-docx) loads when a document is uploaded
    from evidencepack.export import verify_bytes

    try:
        report = verify_bytes(uploaded.getvalue(), uploaded.name, state.check_options())
    except Exception as error:  # noqa: BLE001 - any failure of verify is shown, not raised
        st.error(escape(f"{uploaded.name} could not be checked: {error}"))
        return
    data = report.to_json()
    kind = {"docx": "Word document", "bundle": "bundle"}.get(str(data.get("kind")), "file")
    if data.get("ok"):
        st.success(escape(f"{uploaded.name}: the {kind}'s text and the pack data it carries agree."))
    else:
        st.error(escape(f"{uploaded.name}: the {kind} and the pack data it carries do not agree, or it could not "
                        "be read. The failed checks below say where."))
    st.subheader("What was checked")
    for check in data.get("checks") or []:
        shown = st.markdown if check.get("ok") else st.error
        mark = "✓" if check.get("ok") else "✗"
        shown(escape(f"{mark} {check.get('detail') or check.get('name')}"))
    st.subheader("The rest of the report")
    for name, value in data.items():
        if name not in _SHOWN_ELSEWHERE:
            _value(name, value)
