"""Session and store glue: the open pack, its working copy, autosave, conflicts and the cached check.

Nothing here decides what a good pack is: scoring and validation come from ``check_document``, persistence
from the store. This module only keeps one browser session's copy of one pack in step with the store.

Session keys (all prefixed ``ep.``): ``user`` (the name typed by whoever is saving, when sign-in is not
configured; see ``identity``), ``pack_id``, ``version`` (the version the
working copy is based on), ``data`` (the working copy), ``archived``, ``rev`` (bumped on every change, so
the check is recomputed once per change), ``gen`` (bumped when the working copy is replaced or a list
changes shape, so that every widget is re-created from the data), ``conflict`` (a pending ConflictError
and the data that could not be saved), ``save_error``, ``need_name``.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
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
    open_store,
)
from evidencepack.workflow import stored

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


def identity() -> Identity:
    """Who is using the app: the signed-in person when sign-in is configured, else the name typed here."""
    return identity_from_streamlit(_get("user") or "")


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
    if user() and _get("need_name"):
        _set("need_name", False)
        commit()


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


def conflict() -> tuple[ConflictError, dict[str, Any]] | None:
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


def refresh_archived() -> None:
    if pack_id() is not None:
        _set("archived", store().summary(pack_id()).archived)


# -- the check, once per change ----------------------------------------------------------------------------

def check_options() -> CheckOptions:
    return stored.check_options()


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


def edit(mutate: Callable[[dict[str, Any]], None], structural: bool = True, *, lifecycle: bool = False) -> bool:
    """Apply ``mutate`` to the working copy (adding or removing list items and the like) and save.

    ``lifecycle`` edits (approving, starting a new version) are allowed on an approved pack; nothing is
    allowed on an archived pack or while a conflict is unresolved.
    """
    blocked = archived() or conflict() is not None if lifecycle else read_only()
    if blocked or not is_open():
        return False
    mutate(data())
    touch(structural)
    return commit()


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


# -- saving ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SaveState:
    saved: bool
    text: str


def commit(note: str = "") -> bool:
    """Save the working copy as a new version. Never overwrites someone else's version silently."""
    if pack_id() is None:
        return False
    if not user():
        _set("need_name", True)
        return False
    try:
        info = store().save(pack_id(), data(), base_version=version(), saved_by=user(), note=note)
    except ConflictError as error:
        _set("conflict", (error, copy.deepcopy(data())))
        _set("save_error", None)
        return False
    except PackArchivedError as error:
        _set("archived", True)
        _set("save_error", str(error))
        return False
    except StoreError as error:
        _set("save_error", str(error))
        return False
    _set("version", info.number)
    _set("save_error", None)
    _set("need_name", False)
    return True


def save_state() -> SaveState:
    if not is_open():
        return SaveState(True, "No pack open")
    pending = conflict()
    if pending is not None:
        current = pending[0].current
        return SaveState(False, f"Not saved: version {current.number} was saved by {current.saved_by} meanwhile")
    if save_error():
        return SaveState(False, f"Not saved: {save_error()}")
    if needs_name():
        return SaveState(False, "Not saved: enter your name to save")
    return SaveState(True, f"Saved, version {version()}")


def keep_theirs() -> None:
    """Resolve a conflict by dropping this session's change and taking the latest saved version."""
    pending = conflict()
    if pending is None:
        return
    error, _mine = pending
    _replace(pack_id(), error.current.number, copy.deepcopy(error.current_data), archived())


def overwrite_with_mine() -> None:
    """Resolve a conflict by saving this session's copy as a new version on top of the latest one."""
    pending = conflict()
    if pending is None:
        return
    error, mine = pending
    _set("conflict", None)
    _set("version", error.current.number)
    _set("data", mine)
    touch(structural=True)
    commit(note=f"Saved over version {error.current.number} after a conflict")


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


def restore(number: int) -> None:
    """Save version ``number``'s content as a new version and continue from it."""
    if pack_id() is None:
        return
    if not user():
        _set("need_name", True)
        return
    try:
        store().restore(pack_id(), number, base_version=version(), saved_by=user())
    except ConflictError as error:
        _set("conflict", (error, copy.deepcopy(data())))
        return
    open_pack(pack_id())


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
