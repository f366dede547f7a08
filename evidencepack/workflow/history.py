"""A pack's history as a person reads it: saves grouped into sittings (one person, one stretch of work) with
the fields they changed by label, the milestones between them, comparisons in words, and personal data masked
in everything shown. Purging an identifier from every save is :func:`purge`.

Words: a *save* is one stored state of the pack (the store's version number, "save 12"); the pack's own
*version* is ``metadata.version`` (it goes up when an approved pack is reopened).
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from evidencepack.framework import load_framework, schema_at
from evidencepack.privacy import Hit, mask, scan_text
from evidencepack.store import EventInfo, Store, VersionInfo
from evidencepack.store.merge import MISSING
from evidencepack.workflow.labels import enum_words, field_label
from evidencepack.workflow.masking import own_postcodes

#: Saves by one person less than this apart are one sitting.
SITTING_GAP = dt.timedelta(minutes=30)
#: Which identifiers a purge is offered for: those the personal-data gate treats as errors.
PURGED_SEVERITY = "error"
MILESTONES = {
    "submitted": "Submitted for review", "returned_to_draft": "Returned to draft", "approved": "Approved",
    "new_version": "New version started", "exported": "Exported", "redacted": "Personal data purged",
}
_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class FieldChange:
    """One field that changed, in words, with its values masked; ``words`` is a word-level difference for text."""

    path: _Path
    label: str
    kind: str  # "added", "removed", "changed"
    before: str
    after: str
    words: tuple[tuple[str, str], ...] = ()  # ("same" | "removed" | "added", text)


@dataclass
class Sitting:
    """One person's stretch of work: the saves in it and the fields they changed (by label, first change first)."""

    by: str
    start: dt.datetime
    end: dt.datetime
    first: int  # first save number in the sitting
    last: int
    notes: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def saves(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Milestone:
    at: dt.datetime
    by: str
    what: str  # in words
    save: int | None
    reason: str = ""


def masker(content: dict[str, Any]) -> Any:
    """A function masking every identifier the personal-data gate detects in a text (the pack's own postcodes
    excepted)."""
    own = own_postcodes(content)

    def masked(text: str) -> str:
        return mask(text, scan_text(text, own_postcodes=own)) if text else text

    return masked


def _leaves(node: Any, path: _Path = ()) -> Iterator[tuple[_Path, Any]]:
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list) and node and all(isinstance(v, dict | list) for v in node):
        for index, value in enumerate(node):
            yield from _leaves(value, (*path, index))
    else:  # a scalar, an empty container, or a list of plain values (cited evidence ids) is one field
        yield path, node


def _text(value: Any, enum: bool = False) -> str:
    """A field's value as a reader sees it: an enumeration value by its label ("In review", not "in_review")."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if enum and isinstance(value, str):
        return enum_words(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    a, b = before.split(), after.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return tuple(out)


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """What changed from ``old`` to ``new``, field by field, by label, with personal data masked.

    Empty containers that come and go (a blank form's sections) are not listed.
    """
    before, after = dict(_leaves(old)), dict(_leaves(new))
    framework = load_framework()
    hide_old, hide_new = masker(old), masker(new)
    changes = []
    for path in [*before, *(p for p in after if p not in before)]:
        a, b = before.get(path, MISSING), after.get(path, MISSING)
        if a == b and type(a) is type(b):
            continue
        if _empty(a) and _empty(b):
            continue
        kind = "added" if _empty(a) else "removed" if _empty(b) else "changed"
        enum = "enum" in schema_at(framework, [p for p in path if isinstance(p, str | int)])
        shown_a, shown_b = hide_old(_text(a, enum)), hide_new(_text(b, enum))
        words = _word_diff(shown_a, shown_b) if kind == "changed" and len(shown_a) + len(shown_b) > 80 else ()
        changes.append(FieldChange(path, field_label(path, new if b is not MISSING else old), kind, shown_a,
                                   shown_b, words))
    return changes


def _empty(value: Any) -> bool:
    return value is MISSING or value is None or value in ("", [], {})


def sittings(store: Store, pack_id: str, versions: Sequence[VersionInfo] | None = None) -> list[Sitting]:
    """The pack's saves grouped into sittings, newest first, each with the fields changed in it by label."""
    versions = list(versions if versions is not None else store.versions(pack_id))
    groups: list[list[VersionInfo]] = []
    for info in versions:
        last = groups[-1][-1] if groups else None
        if last is not None and last.saved_by == info.saved_by and info.saved_at - last.saved_at <= SITTING_GAP:
            groups[-1].append(info)
        else:
            groups.append([info])
    out = []
    previous: dict[str, Any] | None = None
    for group in groups:
        if previous is None:  # the sitting that created the pack: what changed after its first save
            previous = store.get_version(pack_id, group[0].number)[1]
        _, content = store.get_version(pack_id, group[-1].number)
        labels = list(dict.fromkeys(c.label for c in compare(previous, content)))
        notes = [v.note for v in group if v.note]
        out.append(Sitting(group[0].saved_by, group[0].saved_at, group[-1].saved_at, group[0].number,
                           group[-1].number, notes, labels))
        previous = content
    return out[::-1]


#: Steps that are saves of the pack: their milestone names whoever saved that version.
SAVED_STEPS = ("submitted", "returned_to_draft", "approved", "new_version")


def milestones(events: Sequence[EventInfo], versions: Sequence[VersionInfo] = ()) -> list[Milestone]:
    """The named milestones of the pack's log, newest first.

    A step that is itself a save (submitted, approved, ...) names the person who saved that version, as the
    store recorded it in ``versions``, so that a milestone and the sitting that lists its save always agree. An
    export or a purge names who did it (an export is of a version someone else may have saved).
    """
    savers = {v.number: v.saved_by for v in versions}
    found = [Milestone(e.at, savers.get(e.version, e.by) if e.kind in SAVED_STEPS else e.by,
                       MILESTONES.get(e.kind, e.kind), e.version, str(e.detail.get("reason") or ""))
             for e in events]
    return sorted(found, key=lambda m: m.at, reverse=True)


@dataclass(frozen=True)
class StoredIdentifier:
    """An identifier found in the pack's saves: what it is, masked, and which saves hold it. ``key`` names it
    for :func:`purge` without showing it."""

    kind: str
    masked: str
    saves: tuple[int, ...]
    key: str


def identifiers(store: Store, pack_id: str) -> list[StoredIdentifier]:
    """Identifiers the personal-data gate treats as errors (an NHS number, a date of birth ...) in any save."""
    found: dict[str, tuple[Hit, str, list[int]]] = {}
    for info in store.versions(pack_id):
        _, content = store.get_version(pack_id, info.number)
        own = own_postcodes(content)
        for _path, value in _leaves(content):
            for text in (value if isinstance(value, list) else [value]):
                if not isinstance(text, str) or not text:
                    continue
                for hit in scan_text(text, own_postcodes=own):
                    if hit.severity != PURGED_SEVERITY:
                        continue
                    raw = text[hit.start:hit.end]
                    key = "".join(c for c in raw if c.isalnum()).upper()
                    entry = found.setdefault(key, (hit, raw, []))
                    if info.number not in entry[2]:
                        entry[2].append(info.number)
    return [StoredIdentifier(hit.kind, hit.masked_text, tuple(saves), key) for key, (hit, _raw, saves)
            in found.items()]


def purge(store: Store, pack_id: str, item: StoredIdentifier, *, by: str, reason: str) -> EventInfo:
    """Remove the identifier from every save of the pack (replaced by its masked form), recording who, when,
    why; never the identifier."""
    return store.redact(pack_id, item.key, replacement=item.masked, by=by, reason=reason)
