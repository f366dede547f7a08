"""Evidence register: add and edit items, upload files (kept in the store by SHA-256), attest personal data.

The register's table shows any personal data the gate finds in an item (masked); the item's findings offer to
mask it."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from evidencepack.checks.context import inline_citations
from evidencepack.findings import pointer
from evidencepack.store import StoreError
from evidencepack.workflow import masking

from .. import state
from ..widgets import (
    choice,
    date,
    escape,
    evidence_label,
    findings,
    framework,
    humanise,
    need_pack,
    read_only_notice,
    text,
    under,
)

SELECTED = "ep.evidence.selected"
MESSAGE = "ep.evidence.message"


def cited_by(content: dict[str, Any], evidence_id: str) -> list[str]:
    """The criteria (principle.criterion) that cite ``evidence_id``, in a list or inline."""
    found = []
    for principle in framework().principles:
        answers = content.get("principles", {}).get(principle.key, {}).get("criteria", {})
        for criterion in principle.criteria:
            response = answers.get(criterion.key) or {}
            cites = [*response.get("evidence", []), *inline_citations(response.get("narrative"))]
            if evidence_id in cites:
                found.append(criterion.id)
    return found


def _source_text(item: dict[str, Any], filenames: dict[str, str]) -> str:
    source = item.get("source") or {}
    if "attachment" in source:
        return f"Stored file: {filenames.get(source['attachment'], source['attachment'][:12] + '…')}"
    if "url" in source:
        return f"Web address: {source['url']}"
    if "path" in source:
        return f"File path: {source['path']}"
    return "No source yet"


def _rows(content: dict[str, Any], filenames: dict[str, str]) -> list[dict[str, Any]]:
    found = state.result().findings
    return [
        {
            "id": item.get("id", ""),
            "title": item.get("title", ""),
            "kind": humanise(item.get("kind")),
            "category": framework().category_labels.get(item.get("category")) or humanise(item.get("category")),
            "date": item.get("date", ""),
            "review due": item.get("review_due", ""),
            "source": _source_text(item, filenames),
            "personal data": humanise(item.get("personal_data")),
            "cited by": len(cited_by(content, str(item.get("id", "")))),
            "possible personal data": ", ".join(masking.masked_summary(
                content, [f for f in under(pointer("evidence", index), found) if masking.is_personal_data(f)]
            )),
        }
        for index, item in enumerate(content.get("evidence", []))
    ]


def _add() -> None:
    new_id = state.next_evidence_id(state.evidence_ids())
    state.add_item(("evidence",), {"id": new_id})
    st.session_state[SELECTED] = new_id


def _remove(index: int) -> None:
    state.remove_item(("evidence",), index)
    ids = state.evidence_ids()
    st.session_state[SELECTED] = ids[min(index, len(ids) - 1)] if ids else None


def _uploaded(widget_key: str, index: int) -> None:
    uploaded = st.session_state.get(widget_key)
    if uploaded is None:
        return
    try:
        info = state.attach_to_evidence(index, uploaded.getvalue(), uploaded.name, uploaded.type)
    except StoreError as error:
        st.session_state[MESSAGE] = ("error", f"{uploaded.name} was not stored: {error}")
        return
    stored = f"Stored {uploaded.name} ({info.size:,} bytes, SHA-256 {info.sha256[:12]}…)"
    st.session_state[MESSAGE] = ("success", stored)


def _source_changed(widget_key: str, index: int, kind: str) -> None:
    state.set_evidence_source(index, kind, st.session_state.get(widget_key))


def _editor(index: int, item: dict[str, Any], filenames: dict[str, str]) -> None:
    content = state.data()
    path = ("evidence", index)
    disabled = state.read_only()
    evidence_id = str(item.get("id", ""))
    with st.container(border=True):
        st.subheader(escape(f"{evidence_id}: {item.get('title') or 'untitled'}"), anchor=False)
        left, right = st.columns(2)
        with left:
            text("Title", (*path, "title"))
            text("Description", (*path, "description"), long=True, height=120)
            choice("Kind", (*path, "kind"))
            choice("Evidence category", (*path, "category"))
            choice("Personal data", (*path, "personal_data"),
                   format_func=lambda v: {None: "— not attested", "none": "Holds no personal data",
                                          "consent_recorded": "Holds personal data; consent is recorded"}
                   .get(v, humanise(v)))
        with right:
            d1, d2 = st.columns(2)
            with d1:
                date("Date it describes", (*path, "date"))
            with d2:
                date("Review due", (*path, "review_due"))
            o1, o2 = st.columns(2)
            with o1:
                text("Owner (name)", (*path, "owner", "name"))
            with o2:
                text("Owner (role)", (*path, "owner", "role"))
            st.markdown("**Source**")
            st.markdown(escape(_source_text(item, filenames)))
            source = item.get("source") or {}
            if "attachment" in source:
                sha = source["attachment"]
                st.download_button(
                    "Download the stored file", data=lambda: state.store().get_attachment(sha),
                    file_name=filenames.get(sha, f"{evidence_id}.bin"), key=f"ep.evidence.download.{state.gen()}",
                )
            upload_key = f"ep.evidence.upload.{state.gen()}.{index}"
            st.file_uploader("Upload a file (kept in the pack's store)", key=upload_key, on_change=_uploaded,
                             args=(upload_key, index), disabled=disabled)
            for kind, label in (("url", "Or a web address"), ("path", "Or a file path, relative to the pack")):
                widget_key = f"ep.evidence.{kind}.{state.gen()}.{index}"
                st.text_input(label, value=source.get(kind, ""), key=widget_key, disabled=disabled,
                              on_change=_source_changed, args=(widget_key, index, kind))
            if item.get("sha256"):
                st.caption(escape(f"SHA-256 {item['sha256']}"))
        citing = cited_by(content, evidence_id)
        st.caption("Cited by " + (", ".join(citing) if citing else "no criterion yet"))
        findings(under(pointer(*path), state.result().findings))
        st.button(escape(f"Remove {evidence_id}"), key=f"ep.evidence.remove.{state.gen()}.{index}", on_click=_remove,
                  args=(index,), disabled=disabled,
                  help="Criteria that cite it will show a finding until the citation is removed.")


def render() -> None:
    st.title("Evidence register")
    if not need_pack():
        return
    read_only_notice()
    message = st.session_state.pop(MESSAGE, None)
    if message:
        (st.error if message[0] == "error" else st.success)(escape(message[1]))
    content = state.data()
    try:
        filenames = {a.sha256: a.filename for a in state.store().pack_attachments(state.pack_id())}
    except StoreError:
        filenames = {}
    items = content.get("evidence", [])
    if items:
        st.dataframe(_rows(content, filenames), hide_index=True, width="stretch")
    else:
        st.info("The register is empty. Add the first item: a survey, minutes, a data extract, a photo ...")
    st.button("Add an evidence item", key="ep.evidence.add", on_click=_add, disabled=state.read_only(),
              type="primary")
    ids = state.evidence_ids(content)
    if not ids:
        return
    wanted = st.query_params.get("item")
    current = st.session_state.get(SELECTED)
    if current not in ids:
        current = wanted if wanted in ids else ids[0]
    label = evidence_label(content)
    # The key follows the labels, so that a renamed item shows its new title in the box.
    labels_key = hashlib.sha256("\n".join(label(i) for i in ids).encode()).hexdigest()[:12]
    picker_key = f"{SELECTED}.{labels_key}"
    chosen = st.selectbox("Edit item", ids, index=ids.index(current), key=picker_key, format_func=label,
                          on_change=lambda: st.session_state.__setitem__(SELECTED, st.session_state[picker_key]))
    st.session_state[SELECTED] = chosen
    index = ids.index(chosen)
    _editor(index, items[index], filenames)
