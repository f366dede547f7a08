"""Masking personal data: each hit behind a finding (EP801-EP809), shown masked, and the fix that replaces the
hits in the field with their masked forms.

The detection is the core's (``evidencepack.privacy``: ``scan_text`` finds, ``mask`` replaces), run on the same
field and with the same own-location postcodes as the check (``checks.personal_data.own_postcodes``), so a face
masks exactly what the finding reports. Pure functions of the pack's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from evidencepack.checks.personal_data import CODES
from evidencepack.checks.personal_data import own_postcodes as _pack_postcodes
from evidencepack.findings import Finding
from evidencepack.model import Pack
from evidencepack.privacy import Hit, mask, scan_text
from evidencepack.privacy.detect import LABEL

#: Finding code → the detector kind behind it (EP801 → nhs_number ...).
KIND_OF: dict[str, str] = {code: kind for kind, code in CODES.items()}
_CONTEXT = 40  # characters shown each side of a hit


@dataclass(frozen=True)
class FieldHits:
    """The hits of one finding's kind in its field: where the field is, its text, and those hits."""

    path: tuple[str | int, ...]
    text: str
    hits: tuple[Hit, ...]
    all_hits: tuple[Hit, ...]  # every kind, so that shown context never exposes a neighbouring identifier

    @property
    def masked_texts(self) -> list[str]:
        return [h.masked_text for h in self.hits]

    def masked_value(self) -> str:
        """The field with this finding's hits replaced by their masked forms (other kinds are left alone)."""
        return mask(self.text, self.hits)

    def contexts(self) -> list[str]:
        """Each hit in a little of its surrounding text, everything found in the field masked."""
        pieces: list[str] = []
        spans: dict[int, tuple[int, int]] = {}
        position = length = 0
        for hit in sorted(self.all_hits, key=lambda h: h.start):
            if hit.start < position:
                continue
            pieces.append(self.text[position : hit.start])
            length += hit.start - position
            spans[hit.start] = (length, length + len(hit.masked_text))
            pieces.append(hit.masked_text)
            length += len(hit.masked_text)
            position = hit.end
        pieces.append(self.text[position:])
        shown = "".join(pieces)
        out = []
        for hit in self.hits:
            if hit.start not in spans:
                continue
            start, end = spans[hit.start]
            before = shown[max(0, start - _CONTEXT) : start]
            after = shown[end : end + _CONTEXT]
            snippet = ("…" if start > _CONTEXT else "") + before + shown[start:end] + after
            snippet += "…" if end + _CONTEXT < len(shown) else ""
            out.append(" ".join(snippet.split()))
        return out


def is_personal_data(found: Finding) -> bool:
    return found.code in KIND_OF


def kind_words(found: Finding) -> str:
    return kind_words_for(found.code)


def kind_words_for(code: str) -> str:
    """What a personal-data code finds, in words ("NHS number")."""
    return LABEL.get(KIND_OF.get(code, ""), "personal data")


def field_path(content: Any, json_pointer: str) -> tuple[str | int, ...] | None:
    """The path of the value a JSON pointer names in ``content`` (list indexes as ints), or None if it is absent."""
    if not json_pointer.startswith("/"):
        return None
    node = content
    path: list[str | int] = []
    for raw in json_pointer[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return None
            path.append(int(part))
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        else:
            return None
    return tuple(path)


def own_postcodes(content: Any) -> frozenset[str]:
    """The pack's own locations' postcodes (not personal data), as the check reads them. A pack the typed model
    rejects is not checked for personal data at all, so none of its postcodes is taken as its own here."""
    try:
        return _pack_postcodes(Pack.model_validate(content))
    except ValidationError:
        return frozenset()


def field_hits(content: Any, code: str, json_pointer: str) -> FieldHits | None:
    """The hits behind a personal-data finding (``code`` at ``json_pointer``) on a text field; None for other
    findings, for a file (its contents, or its name in ``source/path``: masking that would break the path) or
    when nothing is left to mask."""
    kind = KIND_OF.get(code)
    if kind is None or json_pointer.endswith("/source/path"):
        return None
    path = field_path(content, json_pointer)
    if path is None:
        return None
    node: Any = content
    for part in path:
        node = node[part]
    if not isinstance(node, str):
        return None
    every = scan_text(node, own_postcodes=own_postcodes(content))
    hits = tuple(h for h in every if h.kind == kind)
    return FieldHits(path, node, hits, tuple(every)) if hits else None


def masked_summary(content: Any, findings: Sequence[Finding]) -> list[str]:
    """The masked form of every hit behind these findings (for a column in a table)."""
    shown: list[str] = []
    for found in findings:
        hits = field_hits(content, found.code, found.pointer)
        if hits is not None:
            shown += hits.masked_texts
        elif is_personal_data(found):
            shown.append(f"{kind_words(found)} (see the finding)")
    return shown
