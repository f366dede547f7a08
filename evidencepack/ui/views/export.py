"""Export: the Word document, the pack as JSON or YAML, and the bundle."""

from __future__ import annotations

import copy
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from evidencepack.blank import dump_pack

from .. import state
from ..widgets import escape, need_pack

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MADE = "ep.export.made"
ATTACHMENTS = "attachments"


def file_stem(content: dict[str, Any]) -> str:
    metadata = content.get("metadata", {})
    title = str(metadata.get("title") or "evidence-pack")
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "evidence-pack"
    return f"{slug}-v{metadata.get('version', 1)}"


def word_exporter() -> Callable[[dict[str, Any]], bytes] | None:
    """A function making the Word document, when the Word export is installed; None otherwise."""
    try:
        from evidencepack.export import ExportOptions, export_docx
    except (ImportError, AttributeError):
        return None
    return lambda content: export_docx(content, options=ExportOptions(check=state.check_options()))


def bundle_maker() -> Callable[..., Any] | None:
    try:
        from evidencepack.export import build_bundle
    except (ImportError, AttributeError):
        return None
    return build_bundle


def safe_filename(name: str) -> str:
    """A file name that stays one plain file inside the bundle's folder, whatever was uploaded."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._ -]+", "_", base).strip(" .")
    return cleaned[:120] or "evidence.bin"


def bundle_source(content: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The pack as bundled: files stored in the app are written under ``folder/attachments/<sha256>/`` and
    the copy's evidence points at them by path (with their SHA-256), so the bundle carries every file."""
    store = state.store()
    names = {a.sha256: a.filename for a in store.pack_attachments(state.pack_id())}
    bundled = copy.deepcopy(content)
    for item in bundled.get("evidence", []):
        sha = (item.get("source") or {}).get("attachment")
        if not sha:
            continue
        name = safe_filename(names.get(sha) or f"{item.get('id', 'evidence')}.bin")
        relative = f"{ATTACHMENTS}/{sha}/{name}"
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(store.get_attachment(sha))
        item["source"] = {"path": relative}
        item["sha256"] = sha
    return bundled


def _bundle_bytes(make: Callable[..., bytes], content: dict[str, Any]) -> bytes:
    from evidencepack.export import ExportOptions

    with tempfile.TemporaryDirectory(prefix="evidencepack-bundle-") as folder:
        bundled = bundle_source(content, Path(folder))
        return make(bundled, Path(folder), options=ExportOptions(check=state.check_options()))


def _made(kind: str) -> bytes | None:
    """Bytes made for this pack at its current revision, if any."""
    held = st.session_state.get(MADE, {}).get(kind)
    return held[1] if held and held[0] == (state.pack_id(), state.rev()) else None


def _hold(kind: str, content: bytes) -> None:
    st.session_state.setdefault(MADE, {})[kind] = ((state.pack_id(), state.rev()), content)


def _word(content: dict[str, Any]) -> None:
    st.subheader("Word document")
    st.caption("An accessible, inspection-ready document. The pack travels inside it, so it can be verified "
               "and imported again.")
    export_docx = word_exporter()
    if export_docx is None:
        st.info("The Word export is not available in this installation of evidencepack.")
        return
    result = state.result()
    errors = [f for f in result.findings if f.severity.value == "error"]
    if errors:
        st.warning(f"The pack has {len(errors)} error(s); the Review page lists them. "
                   "The document will say that the pack is not valid.")
    if st.button("Make the Word document", key="ep.export.word"):
        try:
            _hold("docx", export_docx(content))
        except Exception as error:  # noqa: BLE001 - any failure of the export is shown, not raised
            st.error(escape(f"The Word document could not be made: {error}"))
    made = _made("docx")
    if made is not None:
        st.download_button("Download the Word document", data=made, file_name=f"{file_stem(content)}.docx",
                           mime=DOCX_TYPE, key="ep.export.word.download", type="primary")


def _bundle(content: dict[str, Any]) -> None:
    st.subheader("Bundle")
    st.caption("The Word document, the pack and its evidence files in one .zip, for sending to an inspector. "
               "Files stored in the app go in under attachments/, and the bundled pack points to them there.")
    make = bundle_maker()
    if make is None:
        st.info("Bundles are not available in this installation of evidencepack.")
        return
    if st.button("Make the bundle", key="ep.export.bundle"):
        try:
            _hold("zip", _bundle_bytes(make, content))
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
    content = state.data()
    _word(content)
    st.subheader("The pack as data")
    left, right = st.columns(2)
    left.download_button("Download JSON", data=dump_pack(content, "json"), file_name=f"{file_stem(content)}.json",
                         mime="application/json", key="ep.export.json")
    right.download_button("Download YAML", data=dump_pack(content, "yaml"), file_name=f"{file_stem(content)}.yaml",
                          mime="application/yaml", key="ep.export.yaml")
    _bundle(content)
