"""Session and store glue: the open pack, its working copy, autosave, conflicts and the cached check.

Nothing here decides what a good pack is: scoring and validation come from ``check_document``, persistence
from the store. This module only keeps one browser session's copy of one pack in step with the store.

Session keys (all prefixed ``ep.``): ``user`` (the name typed by whoever is saving, when sign-in is not
configured; see ``identity``), ``pack_id``, ``version`` (the version the
working copy is based on), ``data`` (the working copy), ``archived``, ``rev`` (bumped on every change, so
the check is recomputed once per change), ``gen`` (bumped when the working copy is replaced or a list
changes shape, so that every widget is re-created from the data), ``conflict`` (a ``workflow.saving.Conflict``:
a field both sides changed, until the user settles it), ``merged`` (versions merged in by the last save),
``last_save`` (the last save's ``workflow.saving.Saved``),
``save_error``, ``need_name``.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from evidencepack import workflow
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document
from evidencepack.store import (
    DATABASE_URL_ENV,
    AttachmentInfo,
    ConflictError,
    PackArchivedError,
    Store,
    StoreError,
    VersionInfo,
    open_store,
)
from evidencepack.workflow import saving, stored

from .identity import Identity
from .identity import from_streamlit as identity_from_streamlit

Path = tuple[str | int, ...]
READ_ONLY_STATUSES = workflow.READ_ONLY_STATUSES
_S = "ep."


# -- the store ---------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _open_store(url: str | None) -> Store:
    return open_store(url)


def store() -> Store:
    """The store named by ``$EVIDENCEPACK_DATABASE_URL`` (default: the SQLite file in the data folder)."""
    return _open_store(os.environ.get(DATABASE_URL_ENV) or None)


# -- session values ----------------------------------------------------------------------------------------

def _get(name: str, default: Any = None) -> Any:
    return st.session_state.get(_S + name, default)


def _set(name: str, value: Any) -> None:
    st.session_state[_S + name] = value


NAME_COOKIE = "evidencepack_name"
_MAX_NAME = 200


def remembered_name() -> str:
    """The name this browser typed last time (a cookie), so that a reload or a new tab keeps it."""
    try:
        raw = st.context.cookies.get(NAME_COOKIE) or ""
    except Exception:  # noqa: BLE001 - no request context (a bare script run): nothing remembered
        return ""
    return urllib.parse.unquote(raw).strip()[:_MAX_NAME]


def identity() -> Identity:
    """Who is using the app: the signed-in person when sign-in is configured, else the name typed here (or in
    this browser before)."""
    typed = _get("user")
    return identity_from_streamlit(typed if typed is not None else remembered_name())


def user() -> str:
    """What the store records with each save: the signed-in person (with their e-mail address, when the
    sign-in gives one), or the name typed in this session; "" when nobody is known yet."""
    return identity().saved_by


def display_name() -> str:
    """The person's name as written into the pack (an approval, an export override)."""
    return identity().name


def set_user(name: str) -> None:
    """Record the typed name (ignored when sign-in is configured: then the sign-in says who it is)."""
    if identity().auth:
        return
    _set("user", name.strip())
    _set("remember", name.strip())
    if user() and _get("need_name"):
        _set("need_name", False)
        commit()


def name_to_remember() -> str | None:
    """A name typed in this run, to be kept in the browser's cookie (once)."""
    value = _get("remember")
    _set("remember", None)
    return value


def needs_name() -> bool:
    return bool(_get("need_name")) and not user()


def pack_id() -> str | None:
    return _get("pack_id")


def data() -> dict[str, Any]:
    """The working copy of the open pack (load it first with :func:`ensure_loaded`)."""
    return _get("data") or {}


def version() -> int | None:
    return _get("version")


def gen() -> int:
    return int(_get("gen", 0))


def rev() -> int:
    return int(_get("rev", 0))


def is_open() -> bool:
    return pack_id() is not None and _get("data") is not None


def status() -> str:
    return str(data().get("metadata", {}).get("status", "draft"))


def archived() -> bool:
    return bool(_get("archived"))


def conflict() -> saving.Conflict | None:
    """A save that met a newer version in which both sides changed the same field(s), until resolved."""
    return _get("conflict")


def save_error() -> str | None:
    return _get("save_error")


def read_only() -> bool:
    """Approved (or superseded) packs, archived packs, and packs with an unresolved conflict are not edited."""
    return is_open() and (workflow.is_read_only(data()) or archived() or conflict() is not None)


def read_only_reason() -> str | None:
    if not is_open():
        return None
    if conflict() is not None:
        return "Resolve the conflict above before editing."
    if archived():
        return "This pack is archived and read-only. Unarchive it on the Packs page to edit it."
    if status() in READ_ONLY_STATUSES:
        return f"This pack is {status()} and read-only. Start a new version on the Approval page to change it."
    return None


# -- opening and replacing the working copy ---------------------------------------------------------------

def _replace(pack: str, number: int, content: dict[str, Any], is_archived: bool) -> None:
    _set("pack_id", pack)
    _set("version", number)
    _set("data", content)
    _set("archived", is_archived)
    _set("conflict", None)
    _set("save_error", None)
    _set("gen", gen() + 1)
    _set("rev", rev() + 1)


def open_pack(pack: str) -> None:
    """Make ``pack`` the session's open pack, at its latest version."""
    info, content = store().latest(pack)
    _replace(info.pack_id, info.number, content, store().summary(pack).archived)


def close_pack() -> None:
    for name in ("pack_id", "version", "data", "archived", "conflict", "save_error"):
        _set(name, None)
    _set("gen", gen() + 1)


def ensure_loaded() -> None:
    """Load the open pack if the session names one but holds no copy (a fresh session with ``pack_id`` set)."""
    if pack_id() is not None and _get("data") is None:
        open_pack(pack_id())


PACK_PARAM = "pack"


def follow_address() -> None:
    """Open the pack the address names (``?pack=<id>``): a reload, a new tab or a shared link shows that pack.

    A pack id that is not in the store is said plainly, and the address forgets it.
    """
    wanted = st.query_params.get(PACK_PARAM)
    # Only an address this session did not write itself (a reload, a new tab, a link) chooses the pack.
    if not wanted or wanted == pack_id() or wanted == _get("addressed"):
        return
    try:
        open_pack(wanted)
    except StoreError as error:
        del st.query_params[PACK_PARAM]
        _set("address_error", f"The address names a pack that cannot be opened: {error}")


def address_error() -> str | None:
    value = _get("address_error")
    _set("address_error", None)
    return value


def show_in_address() -> None:
    """Keep the open pack's id in the address, so that it can be bookmarked, shared or reloaded."""
    current = pack_id()
    _set("addressed", current)
    if current is None:
        if PACK_PARAM in st.query_params:
            del st.query_params[PACK_PARAM]
    elif st.query_params.get(PACK_PARAM) != current:
        st.query_params[PACK_PARAM] = current


def refresh_archived() -> None:
    if pack_id() is not None:
        _set("archived", store().summary(pack_id()).archived)


# -- the check, once per change ----------------------------------------------------------------------------

def check_options() -> CheckOptions:
    return stored.check_options()


def result_of(content: dict[str, Any]) -> PackResult:
    """Validation and score of any pack content (not cached)."""
    return check_document(content, check_options())


def result() -> PackResult:
    """Validation and score of the working copy, recomputed only when it has changed."""
    cached = _get("result")
    if cached is not None and cached[0] == (pack_id(), rev()):
        return cached[1]
    value = check_document(data(), check_options())
    _set("result", ((pack_id(), rev()), value))
    return value


# -- editing -------------------------------------------------------------------------------------------------

def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def get_in(root: Any, path: Path, default: Any = None) -> Any:
    node = root
    for part in path:
        if isinstance(part, int):
            if not isinstance(node, list) or not -len(node) <= part < len(node):
                return default
        elif not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def _keep_when_empty(path: Path) -> bool:
    """Containers that stay even when empty: top-level sections, principles, their criteria, list items."""
    if len(path) <= 1 or isinstance(path[-1], int):
        return True
    return path[0] == "principles" and len(path) <= 4


def set_in(root: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``path`` to ``value``; a blank value removes the key, and any object it leaves empty.

    Missing objects on the way are created. A blank value keeps empty form fields out of the pack, so that
    a half-filled pack stays schema-valid.
    """
    if is_blank(value):
        parent = get_in(root, path[:-1])
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
        prefix = path[:-1]
        while prefix and not _keep_when_empty(prefix):
            node = get_in(root, prefix)
            if node not in ({}, None):
                break
            owner = get_in(root, prefix[:-1])
            if isinstance(owner, dict):
                owner.pop(prefix[-1], None)
            prefix = prefix[:-1]
        return
    node: Any = root
    for part, following in zip(path[:-1], path[1:], strict=True):
        if isinstance(node, dict) and part not in node:
            node[part] = [] if isinstance(following, int) else {}
        node = node[part]
    node[path[-1]] = value


def touch(structural: bool = False) -> None:
    """The working copy changed: recheck it, and (for list changes) re-create the widgets."""
    _set("rev", rev() + 1)
    if structural:
        _set("gen", gen() + 1)


def change(path: Path, value: Any) -> None:
    """Set one field of the open pack and save."""
    if read_only():
        return
    set_in(data(), path, value)
    touch()
    commit()


def edit(mutate: Callable[[dict[str, Any]], None], structural: bool = True, *, lifecycle: bool = False,
         note: str = "") -> bool:
    """Apply ``mutate`` to the working copy (adding or removing list items and the like) and save.

    ``lifecycle`` edits (approving, starting a new version) are allowed on an approved pack; nothing is
    allowed on an archived pack or while a conflict is unresolved.
    """
    blocked = archived() or conflict() is not None if lifecycle else read_only()
    if blocked or not is_open():
        return False
    mutate(data())
    touch(structural)
    return commit(note)


def add_item(path: Path, item: dict[str, Any]) -> None:
    """Append ``item`` to the list at ``path`` (created if missing) and save."""

    def mutate(content: dict[str, Any]) -> None:
        items = get_in(content, path)
        if not isinstance(items, list):
            set_in(content, path, [item])
        else:
            items.append(item)

    edit(mutate)


def remove_item(path: Path, index: int) -> None:
    """Remove item ``index`` of the list at ``path`` (and the list, when it empties) and save."""

    def mutate(content: dict[str, Any]) -> None:
        items = get_in(content, path)
        if isinstance(items, list) and 0 <= index < len(items):
            items.pop(index)
            if not items and len(path) > 1:  # top-level lists stay, as in a blank pack
                set_in(content, path, None)

    edit(mutate)


def unreadable(path: Path) -> str | None:
    """Text typed into a field that could not be read (not a number, say): kept for the person to correct."""
    return (_get("unread") or {}).get((pack_id(), path))


def keep_unreadable(path: Path, text: str) -> None:
    _set("unread", {**(_get("unread") or {}), (pack_id(), path): text})


def clear_unreadable(path: Path) -> None:
    held = dict(_get("unread") or {})
    if held.pop((pack_id(), path), None) is not None:
        _set("unread", held)


# -- saving ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaveState:
    saved: bool
    text: str


def commit(note: str = "") -> bool:
    """Save the working copy as a new version. A newer version saved meanwhile is merged field by field; a
    field both changed is a conflict for the user to settle (``conflict()``); nothing is overwritten."""
    if pack_id() is None:
        return False
    if not user():
        _set("need_name", True)
        return False
    try:
        outcome = saving.save(store(), pack_id(), data(), base_version=version(), saved_by=user(), note=note)
    except StoreError as error:
        return _failed(error)
    return _apply(outcome)


def _failed(error: StoreError) -> bool:
    if isinstance(error, PackArchivedError):
        _set("archived", True)
    _set("save_error", str(error))
    return False


def _apply(outcome: saving.Saved | saving.Conflict) -> bool:
    if isinstance(outcome, saving.Conflict):
        _set("conflict", outcome)
        _set("save_error", None)
        return False
    _set("version", outcome.info.number)
    _set("last_save", outcome)
    _set("save_error", None)
    _set("need_name", False)
    _set("conflict", None)
    if outcome.merged_with:  # others' changes are now in the working copy: show them
        _set("data", outcome.content)
        _set("merged", outcome.merged_with)
        touch(structural=True)
    return True


def last_save() -> saving.Saved | None:
    """The outcome of this session's last successful save (which version, by whom, whether it wrote one)."""
    return _get("last_save")


def merged_notice() -> tuple[VersionInfo, ...]:
    """The versions merged into the working copy by the last save (shown once)."""
    found = _get("merged") or ()
    _set("merged", None)
    return found


def save_state() -> SaveState:
    if not is_open():
        return SaveState(True, "No pack open")
    pending = conflict()
    if pending is not None:
        theirs = pending.theirs
        return SaveState(False, f"Not saved: {theirs.saved_by} changed the same field meanwhile; choose above")
    if save_error():
        return SaveState(False, f"Not saved: {save_error()}")
    if needs_name():
        return SaveState(False, "Not saved: enter your name to save")
    return SaveState(True, f"All changes saved (save {version()})")


def resolve_conflict(choices: list[str]) -> None:
    """Settle each field both sides changed ("mine" or "theirs", in the conflict's order) and save the merge."""
    pending = conflict()
    if pending is None:
        return
    try:
        outcome = saving.resolve(store(), pack_id(), pending, choices, saved_by=user())
    except StoreError as error:
        _failed(error)
        return
    if isinstance(outcome, saving.Saved):
        _set("data", outcome.content)
        touch(structural=True)
    _apply(outcome)


# -- packs ---------------------------------------------------------------------------------------------------

def examples() -> list[workflow.Example]:
    """The example packs shipped with evidencepack (not the blank one), by title."""
    return workflow.examples()


def new_pack(title: str, example: str | None = None) -> str:
    """Create a pack (blank, or a copy of an example under a new id) and open it."""
    content = workflow.pack_from_example(example, title) if example else workflow.new_blank_pack(title)
    return create(content, note=f"New pack from {example}" if example else "New blank pack")


def import_pack(raw: bytes, filename: str) -> str:
    """Create a pack from an uploaded JSON, YAML or exported .docx file and open it.

    Raises LoadError (a broken or foreign file) or StoreError (for example, a pack with this id exists);
    nothing is stored then.
    """
    if not user():
        raise StoreError("enter your name first: it is saved with every version")
    created = stored.import_bytes(store(), raw, filename, saved_by=user())
    open_pack(created)
    return created


def create(content: dict[str, Any], note: str = "") -> str:
    if not user():
        raise StoreError("enter your name first: it is saved with every version")
    created = store().create_pack(content, saved_by=user(), note=note)
    open_pack(created)
    return created


def archive(pack: str) -> None:
    store().archive(pack)
    if pack == pack_id():
        refresh_archived()


def unarchive(pack: str) -> None:
    store().unarchive(pack)
    if pack == pack_id():
        refresh_archived()


def restore(number: int) -> str:
    """Save version ``number``'s content as a new version and continue from it; what happened, in words."""
    if pack_id() is None:
        return "No pack is open."
    if not user():
        _set("need_name", True)
        return "Enter your name first: it is saved with the restored version."
    try:
        info = store().restore(pack_id(), number, base_version=version(), saved_by=user())
    except ConflictError as error:
        open_pack(pack_id())
        return (f"Nothing was restored: {error.current.saved_by} saved the pack meanwhile (save "
                f"{error.current.number}). The page now shows their save; restore again if you still want to.")
    open_pack(pack_id())
    return f"Restored: the pack is now as it was at save {number}, kept as save {info.number}."


# -- attachments ----------------------------------------------------------------------------------------------

def attach(raw: bytes, filename: str, media_type: str | None) -> AttachmentInfo:
    """Store an evidence file with the open pack. Raises AttachmentTooLarge (nothing stored) over the limit."""
    return store().put_attachment(
        raw, filename=filename, media_type=media_type or "application/octet-stream", pack_id=pack_id()
    )


def today() -> dt.date:
    return dt.date.today()


def evidence_ids(content: dict[str, Any] | None = None) -> list[str]:
    return workflow.evidence_ids(content or data())


def next_evidence_id(ids: Sequence[str]) -> str:
    return workflow.next_evidence_id(ids)


def attach_to_evidence(index: int, raw: bytes, filename: str, media_type: str | None) -> AttachmentInfo:
    """Store an uploaded file and make it the source of evidence item ``index`` (with its SHA-256).

    Raises StoreError (AttachmentTooLarge over the limit, or a read-only pack); then nothing changes.
    """
    if read_only():
        raise StoreError(read_only_reason() or "the pack is read-only")
    items = data().get("evidence", [])
    if not 0 <= index < len(items):
        raise StoreError("that evidence item no longer exists")
    info = attach(raw, filename, media_type)

    def mutate(content: dict[str, Any]) -> None:
        item = content["evidence"][index]
        item["source"] = {"attachment": info.sha256}
        item["sha256"] = info.sha256

    edit(mutate)
    return info


def set_evidence_source(index: int, kind: str, value: str | None) -> None:
    """Make a web address or a file path the source of evidence item ``index`` (a source has one kind).

    A blank value removes the source. A recorded SHA-256 belonged to the old source, so it goes too.
    """

    def mutate(content: dict[str, Any]) -> None:
        item = content["evidence"][index]
        if is_blank(value):
            if kind in item.get("source", {}):
                item.pop("source", None)
                item.pop("sha256", None)
            return
        item["source"] = {kind: value.strip()}
        item.pop("sha256", None)

    edit(mutate)
