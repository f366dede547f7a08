"""Errors raised by the store.

Every ordinary failure (unknown pack, stale save, unreadable database, tampered data) is a
:class:`StoreError` with a message fit to show a user; callers never need to catch SQLAlchemy or driver
exceptions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidencepack.store.records import VersionInfo

__all__ = [
    "AttachmentNotFound",
    "AttachmentTooLarge",
    "ConflictError",
    "DataIntegrityError",
    "PackArchivedError",
    "PackExistsError",
    "PackNotFound",
    "SchemaTooNewError",
    "StoreError",
    "VersionNotFound",
]


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class PackNotFound(StoreError):
    """No pack has the given id."""

    def __init__(self, pack_id: str) -> None:
        self.pack_id = pack_id
        super().__init__(f"no evidence pack with id {pack_id!r} in the store")


class VersionNotFound(StoreError):
    """The pack exists but has no version with the given number."""

    def __init__(self, pack_id: str, number: int, current_version: int) -> None:
        self.pack_id = pack_id
        self.number = number
        self.current_version = current_version
        super().__init__(
            f"evidence pack {pack_id!r} has no version {number!r}; its versions are numbered 1 to {current_version}"
        )


class PackExistsError(StoreError):
    """A pack with this id is already stored (creating it again would fork its history)."""

    def __init__(self, pack_id: str) -> None:
        self.pack_id = pack_id
        super().__init__(
            f"an evidence pack with id {pack_id!r} already exists; save a new version of it instead, "
            "or give the new pack a new metadata id"
        )


class PackArchivedError(StoreError):
    """The pack is archived and so read-only; unarchive it to change it."""

    def __init__(self, pack_id: str) -> None:
        self.pack_id = pack_id
        super().__init__(f"evidence pack {pack_id!r} is archived; unarchive it before saving changes")


class ConflictError(StoreError):
    """Someone else saved the pack after the version this save was based on.

    Nothing was written. ``current`` and ``current_data`` are the pack's latest version, so a user interface
    can show both and let the user resolve the difference, then save again with
    ``base_version=current.number``.
    """

    def __init__(self, pack_id: str, base_version: int, current: VersionInfo, current_data: dict[str, Any]):
        self.pack_id = pack_id
        self.base_version = base_version
        self.current = current
        self.current_data = current_data
        super().__init__(
            f"evidence pack {pack_id!r} was changed by someone else: your edit is based on version "
            f"{base_version}, but version {current.number} was saved by {current.saved_by} at "
            f"{current.saved_at.isoformat(timespec='seconds')}. Your changes were not saved; review version "
            f"{current.number}, merge your changes into it and save again."
        )


class DataIntegrityError(StoreError):
    """Stored data failed its SHA-256 check or could not be decoded: it was altered or corrupted."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer evidencepack whose store schema this code does not know."""

    def __init__(self, where: str, found: int, known: int) -> None:
        self.found = found
        self.known = known
        super().__init__(
            f"the evidencepack database at {where} has store schema version {found}, but this version of "
            f"evidencepack only knows versions up to {known}; upgrade evidencepack to open it "
            "(the database was left unchanged)"
        )


class AttachmentTooLarge(StoreError):
    """An attachment is over the store's size limit; nothing was stored."""

    def __init__(self, filename: str, size: int, limit: int) -> None:
        self.filename = filename
        self.size = size
        self.limit = limit
        super().__init__(
            f"attachment {filename!r} is {_human(size)} ({size} bytes), over the limit of "
            f"{_human(limit)} ({limit} bytes); nothing was stored"
        )


class AttachmentNotFound(StoreError):
    """No attachment has the given SHA-256."""

    def __init__(self, sha256: str) -> None:
        self.sha256 = sha256
        super().__init__(f"no attachment with SHA-256 {sha256} in the store")


def _human(size: int) -> str:
    """A size in binary megabytes (or kilobytes/bytes when small), e.g. ``20 MB``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size} bytes"
