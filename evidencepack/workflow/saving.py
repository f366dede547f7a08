"""Saving an edit without losing anyone's work: a save that meets a newer version merges field by field
against the version the edit started from. Only a field both people changed is a conflict; the person then
chooses for that field alone, and every other field keeps whichever side changed it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidencepack.store import ConflictError, Store, VersionInfo
from evidencepack.store.merge import MergeResult, merge

_ATTEMPTS = 5  # merges in a row before giving up (only under a storm of saves by others)


@dataclass(frozen=True)
class Conflict:
    """Both sides changed the same field(s): ``result`` holds the merge, ``theirs`` the version it met."""

    theirs: VersionInfo
    base_version: int
    result: MergeResult


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the version now current, its content, and the versions merged in (if any).

    ``created`` is False when nothing new was written: the edit, merged, equals the latest version (someone
    else had made the same change), and ``info`` is that version, saved by them.
    """

    info: VersionInfo
    content: dict[str, Any]
    merged_with: tuple[VersionInfo, ...] = ()
    created: bool = True


def save(store: Store, pack_id: str, content: dict[str, Any], *, base_version: int, saved_by: str,
         note: str = "") -> Saved | Conflict:
    """Save ``content``, an edit of version ``base_version``; merge with newer versions where needed.

    Returns :class:`Saved`, or :class:`Conflict` (nothing saved) when both sides changed a field. Raises
    StoreError for anything else (an archived pack, a database fault).
    """
    base: dict[str, Any] | None = None  # read only when a save meets a newer version
    merged_with: list[VersionInfo] = []
    for _ in range(_ATTEMPTS):
        try:
            info = store.save(pack_id, content, base_version=base_version, saved_by=saved_by,
                              note=_note(note, merged_with))
            # The store returns the latest version, unchanged, when the content is identical to it.
            return Saved(info, content, tuple(merged_with), created=info.number != base_version)
        except ConflictError as error:
            if base is None:
                base = store.get_version(pack_id, base_version)[1]
            result = merge(base, content, error.current_data)
            if not result.clean:
                return Conflict(error.current, error.current.number, result)
            merged_with.append(error.current)
            base, content, base_version = error.current_data, result.merged, error.current.number
    raise ConflictError(pack_id, base_version, *store.latest(pack_id))


def resolve(store: Store, pack_id: str, conflict: Conflict, choices: list[str], *, saved_by: str) -> Saved | Conflict:
    """Save the merge with each conflicting field settled by ``choices`` ("mine" or "theirs", in order)."""
    content = conflict.result.resolved(choices)
    kept = sum(1 for c in choices if c == "mine")
    note = (f"Merged with version {conflict.theirs.number} by {conflict.theirs.saved_by}: kept mine for {kept}, "
            f"theirs for {len(choices) - kept} of {len(choices)} field(s) both changed")
    return save(store, pack_id, content, base_version=conflict.base_version, saved_by=saved_by, note=note)


def _note(note: str, merged_with: list[VersionInfo]) -> str:
    if not merged_with:
        return note
    versions = ", ".join(f"{v.number} ({v.saved_by})" for v in merged_with)
    merged = f"Merged with version {versions}"
    return f"{note}; {merged}" if note else merged
