"""The evidence pack store: packs with append-only, hash-checked versions, and attachments by SHA-256.

SQLite file by default, PostgreSQL by URL for teams (see ``docs/store.md``)::

    from evidencepack.store import open_store, ConflictError

    with open_store() as store:
        pack_id = store.create_pack(pack, saved_by="A. Lead")
        info, data = store.latest(pack_id)
        try:
            store.save(pack_id, edited, base_version=info.number, saved_by="A. Lead")
        except ConflictError as conflict:
            ...  # show conflict.current / conflict.current_data, let the user merge, save again
"""

from __future__ import annotations

import os

from evidencepack.store.engine import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    data_dir,
    default_database_url,
    normalise_url,
    sqlite_path,
)
from evidencepack.store.errors import (
    AttachmentNotFound,
    AttachmentTooLarge,
    ConflictError,
    DataIntegrityError,
    PackArchivedError,
    PackExistsError,
    PackNotFound,
    SchemaTooNewError,
    StoreError,
    VersionNotFound,
)
from evidencepack.store.migrations import SCHEMA_VERSION
from evidencepack.store.records import AttachmentInfo, EventInfo, PackSummary, VersionInfo
from evidencepack.store.store import DEFAULT_MAX_ATTACHMENT_BYTES, Store

__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "DEFAULT_MAX_ATTACHMENT_BYTES",
    "SCHEMA_VERSION",
    "AttachmentInfo",
    "AttachmentNotFound",
    "AttachmentTooLarge",
    "ConflictError",
    "DataIntegrityError",
    "EventInfo",
    "PackArchivedError",
    "PackExistsError",
    "PackNotFound",
    "PackSummary",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "VersionInfo",
    "VersionNotFound",
    "data_dir",
    "default_database_url",
    "open_store",
]


def open_store(url: str | None = None, *, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES) -> Store:
    """Open (creating or upgrading as needed) the store at ``url``.

    ``url`` None means ``$EVIDENCEPACK_DATABASE_URL`` if set, else :func:`default_database_url`, a SQLite
    file in the user's data folder, which is created on first use. Raises :class:`StoreError` when the
    database cannot be opened, is not an evidencepack store, or was written by a newer evidencepack.
    """
    if url is None:
        url = os.environ.get(DATABASE_URL_ENV) or None
    if url is None:
        url = default_database_url()
        folder = data_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the evidencepack data folder {folder}: {error.strerror}") from None
    else:
        try:
            path = sqlite_path(normalise_url(url))
        except Exception:  # reported properly by Store
            path = None
        if path is not None and not path.parent.is_dir():
            raise StoreError(f"cannot open the evidencepack database at {path}: folder {path.parent} does not exist")
    return Store(url, max_attachment_bytes=max_attachment_bytes)
