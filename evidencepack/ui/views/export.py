"""Export: the Word document, the pack as JSON or YAML, and the bundle.

The export gate (``evidencepack.export.gate``) applies to all three: while the pack has an error-level finding,
nothing is offered until the user gives a reason and confirms. The override is saved as a new version of the
pack (``metadata.export_override``: the reason, who, today's date) and stated in the document. It holds for this
session at this version of the pack: any later change asks for it again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from evidencepack import workflow
from evidencepack.store import StoreError
from evidencepack.workflow import stored
from evidencepack.workflow.stored import file_stem

from .. import state
from ..widgets import escape, max_chars, need_pack

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MADE = "ep.export.made"
OVERRIDE = "ep.export.override"  # ((pack id, revision), ExportOverride): the override given in this session
REASON_PATH = ("metadata", "export_override", "reason")


def word_exporter(override: Any = None) -> Callable[[dict[str, Any]], bytes] | None:
    """A function making the Word document, when the Word export is installed; None otherwise."""
    try:
        from evidencepack.export import export_docx  # noqa: F401 - only asks whether it is installed
    except (ImportError, AttributeError):
        return None
    return lambda content: stored.docx_bytes(content, override)


def bundle_maker(override: Any = None) -> Callable[[dict[str, Any]], bytes] | None:
    try:
        from evidencepack.export import build_bundle  # noqa: F401 - only asks whether it is installed
    except (ImportError, AttributeError):
        return None
    # With an override, the content already records it (it was saved), so pack.json and the document agree.
    return lambda content: stored.bundle_bytes(state.store(), state.pack_id(), content, override)


def _record_export(what: str, override: Any) -> None:
    """Log the export as a milestone (a missing line in the log does not stop the download)."""
    detail = {"what": what}
    if override is not None:
        detail["override_reason"] = override.reason
    with contextlib.suppress(StoreError):
        state.store().record_event(state.pack_id(), "exported", by=state.user() or "unknown",
                                   version=state.version(), detail=detail)


def _made(kind: str) -> bytes | None:
    """Bytes made for this pack at its current revision, if any."""
    held = st.session_state.get(MADE, {}).get(kind)
    return held[1] if held and held[0] == (state.pack_id(), state.rev()) else None


def _hold(kind: str, content: bytes) -> None:
    st.session_state.setdefault(MADE, {})[kind] = ((state.pack_id(), state.rev()), content)


def accepted_override() -> Any:
    """The override given in this session for the pack at its current version, or None."""
    held = st.session_state.get(OVERRIDE)
    return held[1] if held and held[0] == (state.pack_id(), state.rev()) else None


def record_override(reason: str, confirmed: bool) -> str | None:
    """Save the override as a new version of the pack and accept it for this session; or say what is wrong."""
    # the export (python-docx) loads when this page exports, not at app start
    from evidencepack.export.gate import OverrideError

    if not confirmed:
        return "Tick the box to confirm that you take the decision to export the pack with these errors."
    if not state.display_name():  # the app records who is using it, never the pack's prepared_by on their behalf
        return "Enter your name first (on the Packs page): it is recorded as who decided to export."
    try:
        override = workflow.decide_override(state.data(), reason, state.display_name(), state.today())
    except OverrideError as error:
        return f"The override was not recorded: {error}."

    if not state.edit(lambda content: workflow.record_override(content, override), structural=False,
                      lifecycle=True):  # an approved pack may still be exported
        return f"The override was not saved. {state.save_state().text}."
    st.session_state[OVERRIDE] = ((state.pack_id(), state.rev()), override)
    return None


def _refusal(errors: list[Any]) -> None:
    # the export (python-docx) loads when this page exports, not at app start
    from evidencepack.export.gate import finding_line

    count = len(errors)
    st.error(escape(
        f"This pack has {count} error-level finding{'s' if count != 1 else ''}, so it is not exported as it "
        "stands. Fix them (the Review page takes you to each), or export it anyway with a reason:\n"
        + "\n".join(f"- {finding_line(f)}" for f in errors)
    ))


def _override_form(errors: list[Any]) -> None:
    if state.archived():
        st.info("This pack is archived. Unarchive it on the Packs page to record a reason for exporting it.")
        return
    recorded = (state.data().get("metadata") or {}).get("export_override") or {}
    with st.form("ep.export.override.form"):
        st.markdown("**Export it anyway**")
        st.caption("Your reason, your name and today's date are saved in the pack as a new version, and the "
                   "document states them on its cover and under Document control, with the findings above.")
        reason = st.text_area("Why export this pack despite its errors?", value=str(recorded.get("reason") or ""),
                              max_chars=max_chars(REASON_PATH), key="ep.export.override.reason")
        confirmed = st.checkbox(
            f"I, {escape(state.display_name()) if state.display_name() else '(enter your name first)'}, decide to "
            "export this pack with "
            f"{'this error' if len(errors) == 1 else f'these {len(errors)} errors'}.",
            key="ep.export.override.confirm",
        )
        if st.form_submit_button("Record the reason and allow the export", type="primary"):
            problem = record_override(reason, confirmed)
            if problem:
                st.error(escape(problem))
            else:
                st.rerun()


def _gate() -> tuple[bool, Any]:
    """Whether the page may export, and the override to export with (None when none is needed)."""
    # the export (python-docx) loads when this page exports, not at app start
    from evidencepack.export.gate import blocking

    errors = blocking(state.result().findings)
    if not errors:
        return True, None
    override = accepted_override()
    if override is not None:
        st.warning(escape(
            f"Exporting despite {len(errors)} error-level finding{'s' if len(errors) != 1 else ''}: "
            f"{override.by} decided on {override.date.isoformat()}, because: {override.reason}. "
            "The document says so."
        ))
        return True, override
    _refusal(errors)
    _override_form(errors)
    return False, None


def _word(content: dict[str, Any], override: Any) -> None:
    st.subheader("Word document")
    st.caption("An accessible, inspection-ready document. The pack travels inside it, so it can be verified "
               "and imported again.")
    export_docx = word_exporter(override)
    if export_docx is None:
        st.info("The Word export is not available in this installation of evidencepack.")
        return
    if st.button("Make the Word document", key="ep.export.word"):
        try:
            _hold("docx", export_docx(content))
            _record_export("Word document", override)
        except Exception as error:  # noqa: BLE001 - any failure of the export is shown, not raised
            st.error(escape(f"The Word document could not be made: {error}"))
    made = _made("docx")
    if made is not None:
        st.download_button("Download the Word document", data=made, file_name=f"{file_stem(content)}.docx",
                           mime=DOCX_TYPE, key="ep.export.word.download", type="primary")


def _bundle(content: dict[str, Any], override: Any) -> None:
    st.subheader("Bundle")
    st.caption("The Word document, the pack and its evidence files in one .zip, for sending to an inspector. "
               "Files stored in the app go in under attachments/, and the bundled pack points to them there.")
    make = bundle_maker(override)
    if make is None:
        st.info("Bundles are not available in this installation of evidencepack.")
        return
    if st.button("Make the bundle", key="ep.export.bundle"):
        try:
            _hold("zip", make(content))
            _record_export("bundle", override)
        except Exception as error:  # noqa: BLE001 - any failure of the export is shown, not raised
            st.error(escape(f"The bundle could not be made: {error}"))
    made = _made("zip")
    if made is not None:
        st.download_button("Download the bundle", data=made, file_name=f"{file_stem(content)}.zip",
                           mime="application/zip", key="ep.export.bundle.download", type="primary")


def render() -> None:
    st.title("Export")
    if not need_pack():
        return
    allowed, override = _gate()
    if not allowed:
        return
    content = state.data()
    _word(content, override)
    st.subheader("The pack as data")
    left, right = st.columns(2)
    left.download_button("Download JSON", data=stored.pack_text(content, "json"),
                         file_name=f"{file_stem(content)}.json",
                         mime="application/json", key="ep.export.json")
    right.download_button("Download YAML", data=stored.pack_text(content, "yaml"),
                          file_name=f"{file_stem(content)}.yaml",
                          mime="application/yaml", key="ep.export.yaml")
    _bundle(content, override)
