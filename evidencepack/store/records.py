"""Plain, immutable records returned by the store (no database objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["AttachmentInfo", "EventInfo", "PackSummary", "VersionInfo"]


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One saved version of a pack.

    ``sha256`` is :func:`evidencepack.canonical.content_sha256` of the version's data; ``saved_at`` is an
    aware UTC datetime.
    """

    pack_id: str
    number: int
    sha256: str
    saved_at: datetime
    saved_by: str
    note: str


@dataclass(frozen=True, slots=True)
class PackSummary:
    """A pack as listed: its latest version number, when and by whom it was last saved."""

    id: str
    title: str | None
    current_version: int
    saved_at: datetime
    saved_by: str
    archived: bool


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """A stored file, identified by the SHA-256 of its bytes.

    ``filename`` and ``media_type`` are those given when the bytes were first stored (or, from
    :meth:`Store.pack_attachments`, when they were linked to that pack).
    """

    sha256: str
    size: int
    filename: str
    media_type: str
    stored_at: datetime


@dataclass(frozen=True, slots=True)
class EventInfo:
    """Something that happened to a pack: ``kind`` (submitted, returned_to_draft, approved, new_version,
    exported, redacted), the version it concerns, when, by whom, and details (reasons; never personal data)."""

    pack_id: str
    kind: str
    version: int | None
    at: datetime
    by: str
    detail: dict[str, Any] = field(default_factory=dict)
