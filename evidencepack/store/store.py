"""The :class:`Store`: packs with append-only versions, optimistic locking, and attachments by SHA-256."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, exc, insert, select, update

from evidencepack.canonical import canonical_json, content_sha256
from evidencepack.store import redaction
from evidencepack.store import schema as t
from evidencepack.store.engine import (
    create_store_engine,
    describe,
    normalise_url,
    read_connection,
    write_connection,
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
from evidencepack.store.migrations import SCHEMA_VERSION, SchemaVersionError, migrate
from evidencepack.store.records import AttachmentInfo, EventInfo, PackSummary, VersionInfo

__all__ = ["DEFAULT_MAX_ATTACHMENT_BYTES", "Store"]

#: Default attachment size limit: 20 MB (binary megabytes).
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

_SHA256 = re.compile(r"[0-9a-f]{64}")
#: What no text column can hold on every backend: NUL (PostgreSQL refuses it) and unpaired surrogates (not UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: The pack's title is copied into ``packs.title`` for listing; the copy is cut to this many characters.
TITLE_CHARS = 1000


class Store:
    """Evidence packs and attachments in one SQLite or PostgreSQL database.

    Open with :func:`evidencepack.store.open_store`. Opening applies any pending schema migrations and
    refuses a database written by a newer evidencepack. A store is safe to share between threads; several
    processes (or users) may open the same database at once: saves are guarded by optimistic locking.

    Versions are append-only. :meth:`save` with data identical (same content hash) to the current version,
    on the current base, creates no new version and returns the current one.
    """

    def __init__(self, url: str, *, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES) -> None:
        if isinstance(max_attachment_bytes, bool) or not isinstance(max_attachment_bytes, int):
            raise TypeError("max_attachment_bytes must be an int")
        if max_attachment_bytes <= 0:
            raise ValueError("max_attachment_bytes must be positive")
        self.max_attachment_bytes = max_attachment_bytes
        try:
            parsed = normalise_url(url)
        except exc.ArgumentError as error:
            raise StoreError(f"not a valid database URL: {error}") from None
        self.location = describe(parsed)
        """Where the data is: the SQLite file path, or the database URL without its password."""
        try:
            self._engine = create_store_engine(parsed)
        except (exc.NoSuchModuleError, ImportError) as error:
            raise StoreError(
                f"cannot use database {self.location}: {error} "
                "(for PostgreSQL use a postgresql+psycopg:// URL and install psycopg)"
            ) from None
        try:
            _before, self.schema_version = migrate(self._engine)
        except SchemaVersionError as error:
            self._engine.dispose()
            raise StoreError(f"cannot open the evidencepack database at {self.location}: {error}") from None
        except exc.SQLAlchemyError as error:
            self._engine.dispose()
            raise StoreError(f"cannot open the evidencepack database at {self.location}: {_reason(error)}") from None
        if self.schema_version > SCHEMA_VERSION:
            self._engine.dispose()
            raise SchemaTooNewError(self.location, self.schema_version, SCHEMA_VERSION)

    # -- lifecycle ---------------------------------------------------------------------------------------

    def close(self) -> None:
        """Release the store's database connections."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    # -- packs and versions ------------------------------------------------------------------------------

    def create_pack(self, data: Mapping[str, Any], *, saved_by: str, note: str = "") -> str:
        """Store a new pack with ``data`` as its version 1; return its id.

        The id is the pack's ``metadata.id`` (a UUID, returned in its canonical lower-case form) when
        present, else a new UUID4 (which is not written into ``data``). Raises :class:`PackExistsError` if a
        pack with that id exists already.
        """
        text_, sha = _encode(data)
        saved_by, note = _check_person(saved_by), _check_note(note)
        pack_id = _pack_id_from(data) or str(uuid.uuid4())
        now = _utcnow()
        try:
            with self._write("creating a pack") as conn:
                if conn.execute(select(t.packs.c.id).where(t.packs.c.id == pack_id)).first() is not None:
                    raise PackExistsError(pack_id)
                conn.execute(
                    insert(t.packs).values(
                        id=pack_id,
                        title=_title(data),
                        current_version=1,
                        created_at=now,
                        created_by=saved_by,
                        updated_at=now,
                        updated_by=saved_by,
                        archived=False,
                        archived_at=None,
                    )
                )
                self._insert_version(conn, pack_id, 1, text_, sha, now, saved_by, note)
        except exc.IntegrityError:  # created by someone else between our check and our insert
            raise PackExistsError(pack_id) from None
        return pack_id

    def save(
        self, pack_id: str, data: Mapping[str, Any], *, base_version: int, saved_by: str, note: str = ""
    ) -> VersionInfo:
        """Save ``data`` as the pack's next version, provided its latest version is still ``base_version``.

        ``base_version`` is the number of the version the user's edit started from. If someone has saved
        since, nothing is written and :class:`ConflictError` is raised, carrying the latest version and its
        data. If ``data`` is identical to the latest version, no version is created and the latest
        version's info is returned. Raises :class:`PackArchivedError` for an archived pack.
        """
        text_, sha = _encode(data)
        saved_by, note = _check_person(saved_by), _check_note(note)
        base_version = _check_number(base_version, "base_version")
        pack_id = _normalise_id(pack_id)
        now = _utcnow()
        try:
            with self._write(f"saving pack {pack_id}") as conn:
                row = conn.execute(
                    select(t.packs.c.current_version, t.packs.c.archived)
                    .where(t.packs.c.id == pack_id)
                    .with_for_update()
                ).first()
                if row is None:
                    raise PackNotFound(pack_id)
                if row.archived:
                    raise PackArchivedError(pack_id)
                if row.current_version != base_version:
                    raise self._conflict(conn, pack_id, base_version)
                current = self._version_info(conn, pack_id, base_version)
                if current.sha256 == sha:
                    return current
                new = base_version + 1
                moved = conn.execute(
                    update(t.packs)
                    .where(t.packs.c.id == pack_id, t.packs.c.current_version == base_version)
                    .values(current_version=new, title=_title(data), updated_at=now, updated_by=saved_by)
                )
                if moved.rowcount != 1:
                    raise self._conflict(conn, pack_id, base_version)
                return self._insert_version(conn, pack_id, new, text_, sha, now, saved_by, note)
        except exc.IntegrityError:
            # Another writer inserted this version number first: the same outcome as a stale base.
            with self._read(f"reading pack {pack_id}") as conn:
                raise self._conflict(conn, pack_id, base_version) from None

    def restore(
        self, pack_id: str, number: int, *, base_version: int, saved_by: str, note: str | None = None
    ) -> VersionInfo:
        """Save the content of version ``number`` as a new version (history is kept, never rewound).

        Same locking and no-op rules as :meth:`save`; the note defaults to "Restored version N".
        """
        _info, data = self.get_version(pack_id, number)
        return self.save(
            pack_id,
            data,
            base_version=base_version,
            saved_by=saved_by,
            note=f"Restored version {number}" if note is None else note,
        )

    def latest(self, pack_id: str) -> tuple[VersionInfo, dict[str, Any]]:
        """The pack's latest version and its data (hash-checked)."""
        pack_id = _normalise_id(pack_id)
        with self._read(f"reading pack {pack_id}") as conn:
            return self._load(conn, pack_id, self._current_number(conn, pack_id))

    def get_version(self, pack_id: str, number: int) -> tuple[VersionInfo, dict[str, Any]]:
        """Version ``number`` of the pack and its data (hash-checked)."""
        pack_id = _normalise_id(pack_id)
        number = _check_number(number, "number")
        with self._read(f"reading pack {pack_id}") as conn:
            current = self._current_number(conn, pack_id)
            if not 1 <= number <= current:
                raise VersionNotFound(pack_id, number, current)
            return self._load(conn, pack_id, number)

    def versions(self, pack_id: str) -> list[VersionInfo]:
        """Every version of the pack, oldest (1) first."""
        pack_id = _normalise_id(pack_id)
        with self._read(f"listing versions of pack {pack_id}") as conn:
            self._current_number(conn, pack_id)
            rows = conn.execute(
                select(*_VERSION_COLUMNS).where(t.versions.c.pack_id == pack_id).order_by(t.versions.c.number)
            ).all()
        return [_version_info(row) for row in rows]

    def summary(self, pack_id: str) -> PackSummary:
        """The pack as :meth:`list_packs` shows it."""
        pack_id = _normalise_id(pack_id)
        with self._read(f"reading pack {pack_id}") as conn:
            row = conn.execute(select(*_SUMMARY_COLUMNS).where(t.packs.c.id == pack_id)).first()
        if row is None:
            raise PackNotFound(pack_id)
        return _summary(row)

    def list_packs(self, *, include_archived: bool = False) -> list[PackSummary]:
        """Packs, most recently saved first; archived ones only when asked for."""
        query = select(*_SUMMARY_COLUMNS).order_by(t.packs.c.updated_at.desc(), t.packs.c.id)
        if not include_archived:
            query = query.where(t.packs.c.archived.is_(False))
        with self._read("listing packs") as conn:
            return [_summary(row) for row in conn.execute(query)]

    def archive(self, pack_id: str) -> None:
        """Hide the pack from :meth:`list_packs` and make it read-only. Nothing is deleted; idempotent."""
        self._set_archived(_normalise_id(pack_id), True)

    def unarchive(self, pack_id: str) -> None:
        """Undo :meth:`archive`. Idempotent."""
        self._set_archived(_normalise_id(pack_id), False)

    # -- events and redaction ----------------------------------------------------------------------------

    def record_event(self, pack_id: str, kind: str, *, by: str, version: int | None = None,
                     detail: Mapping[str, Any] | None = None) -> EventInfo:
        """Add to the pack's event log (submitted, returned_to_draft, approved, new_version, exported)."""
        pack_id, by = _normalise_id(pack_id), _check_person(by)
        if kind == "redacted":
            raise StoreError("a redaction event is recorded by Store.redact, with the versions it rewrote")
        try:
            with self._write(f"recording an event for pack {pack_id}") as conn:
                self._current_number(conn, pack_id)
                return redaction.add_event(conn, pack_id, kind, by, _utcnow(), version, dict(detail or {}))
        except ValueError as error:
            raise StoreError(str(error)) from None

    def events(self, pack_id: str) -> list[EventInfo]:
        """The pack's event log, oldest first."""
        pack_id = _normalise_id(pack_id)
        with self._read(f"reading the events of pack {pack_id}") as conn:
            self._current_number(conn, pack_id)
            rows = redaction.read_events(conn, pack_id)
        return [EventInfo(r.pack_id, r.kind, r.version, _as_utc(r.at), r.by, _detail(r.detail)) for r in rows]

    def redact(self, pack_id: str, identifier: str, *, replacement: str, by: str, reason: str) -> EventInfo:
        """Replace ``identifier`` (as written with any spacing or dashes) by ``replacement`` in every version of
        the pack, and record a ``redacted`` event (who, when, why, each version's old and new SHA-256; never
        the identifier). Raises StoreError when no version holds it, or when it or the reason is unfit."""
        pack_id, by = _normalise_id(pack_id), _check_person(by)
        reason = _check_note(reason).strip()
        if not reason:
            raise StoreError("a redaction needs a reason: it is recorded with who and when")
        try:
            pattern = redaction.identifier_pattern(identifier)
        except ValueError as error:
            raise StoreError(str(error)) from None
        if pattern.search(replacement):
            raise StoreError("the replacement still holds the identifier")
        with self._write(f"redacting pack {pack_id}") as conn:
            self._current_number(conn, pack_id)
            changed = redaction.rewrite_versions(conn, pack_id, pattern, replacement, self._decode)
            if not changed:
                raise StoreError("no version of this pack holds that identifier; nothing was changed")
            detail = {"reason": reason, "replacement": replacement, "versions": changed}
            return redaction.add_event(conn, pack_id, "redacted", by, _utcnow(), None, detail)

    def integrity_problems(self, pack_id: str) -> list[str]:
        """What is wrong with the pack's stored history, in words (empty when nothing): each version's data must
        match its SHA-256, and a version rewritten by a redaction must hold the hash its redaction event names."""
        pack_id = _normalise_id(pack_id)
        problems: list[str] = []
        redacted = redaction.redacted_hashes(self.events(pack_id))
        with self._read(f"checking pack {pack_id}") as conn:
            rows = conn.execute(
                select(t.versions.c.number, t.versions.c.data, t.versions.c.sha256)
                .where(t.versions.c.pack_id == pack_id).order_by(t.versions.c.number)
            ).all()
        for row in rows:
            try:
                self._decode(pack_id, int(row.number), row.data, row.sha256)
            except DataIntegrityError as error:
                problems.append(str(error))
                continue
            hashes = redacted.get(int(row.number))
            if hashes is not None and row.sha256 not in hashes:
                problems.append(f"version {row.number} was changed after its redaction: its SHA-256 is not the one "
                                "the redaction recorded")
        return problems

    # -- attachments -------------------------------------------------------------------------------------

    def put_attachment(
        self,
        content: bytes,
        *,
        filename: str,
        media_type: str = "application/octet-stream",
        pack_id: str | None = None,
    ) -> AttachmentInfo:
        """Store ``content`` once under its SHA-256 and return its info; optionally link it to a pack.

        Storing bytes already present stores nothing new (the info keeps the first filename and media
        type). Over the size limit, raises :class:`AttachmentTooLarge` before anything is written.
        """
        content = bytes(content)
        if not isinstance(filename, str) or not filename.strip():
            raise StoreError("an attachment needs a filename")
        if not isinstance(media_type, str) or not media_type.strip():
            raise StoreError("an attachment needs a media type")
        filename, media_type = _storable(filename, "the filename"), _storable(media_type, "the media type")
        if len(media_type) > 255:
            raise StoreError("the media type is longer than 255 characters")
        if len(content) > self.max_attachment_bytes:
            raise AttachmentTooLarge(filename, len(content), self.max_attachment_bytes)
        sha = hashlib.sha256(content).hexdigest()
        if pack_id is not None:
            pack_id = _normalise_id(pack_id)
        for attempt in (1, 2):
            try:
                with self._write(f"storing attachment {filename!r}") as conn:
                    return self._put_attachment(conn, content, sha, filename, media_type, pack_id)
            except exc.IntegrityError:
                # The same bytes (or link) were stored concurrently; the second attempt finds them.
                if attempt == 2:
                    raise StoreError(f"could not store attachment {filename!r}: concurrent writes") from None
        raise AssertionError("unreachable")

    def get_attachment(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256`` (checked against it)."""
        sha256 = _check_sha256(sha256)
        with self._read(f"reading attachment {sha256}") as conn:
            content = conn.execute(
                select(t.attachments.c.content).where(t.attachments.c.sha256 == sha256)
            ).scalar_one_or_none()
        if content is None:
            raise AttachmentNotFound(sha256)
        content = bytes(content)
        if hashlib.sha256(content).hexdigest() != sha256:
            raise DataIntegrityError(
                f"attachment {sha256} in {self.location} is corrupt or was altered: its bytes no longer "
                "match their SHA-256"
            )
        return content

    def attachment_info(self, sha256: str) -> AttachmentInfo:
        """What is known about the attachment stored under ``sha256``."""
        sha256 = _check_sha256(sha256)
        with self._read(f"reading attachment {sha256}") as conn:
            row = conn.execute(select(*_ATTACHMENT_COLUMNS).where(t.attachments.c.sha256 == sha256)).first()
        if row is None:
            raise AttachmentNotFound(sha256)
        return _attachment_info(row)

    def pack_attachments(self, pack_id: str) -> list[AttachmentInfo]:
        """Attachments linked to the pack, with the filename and media type given when linking."""
        pack_id = _normalise_id(pack_id)
        link = t.pack_attachments
        with self._read(f"listing attachments of pack {pack_id}") as conn:
            self._current_number(conn, pack_id)
            rows = conn.execute(
                select(
                    t.attachments.c.sha256,
                    t.attachments.c.size,
                    link.c.filename,
                    link.c.media_type,
                    link.c.linked_at.label("stored_at"),
                )
                .join(link, link.c.sha256 == t.attachments.c.sha256)
                .where(link.c.pack_id == pack_id)
                .order_by(link.c.linked_at, link.c.sha256)
            ).all()
        return [_attachment_info(row) for row in rows]

    # -- internals ---------------------------------------------------------------------------------------

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._translate(action), read_connection(self._engine) as conn:
            yield conn

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        with self._translate(action), write_connection(self._engine) as conn:
            yield conn

    @contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Turn database failures (locked, disconnected, disk full, ...) into a StoreError.

        IntegrityError passes through: callers that expect it handle it.
        """
        try:
            yield
        except exc.IntegrityError:
            raise
        except exc.SQLAlchemyError as error:
            raise StoreError(f"database error while {action} in {self.location}: {_reason(error)}") from None

    def _current_number(self, conn: Connection, pack_id: str) -> int:
        number = conn.execute(select(t.packs.c.current_version).where(t.packs.c.id == pack_id)).scalar_one_or_none()
        if number is None:
            raise PackNotFound(pack_id)
        return int(number)

    def _version_info(self, conn: Connection, pack_id: str, number: int) -> VersionInfo:
        row = conn.execute(
            select(*_VERSION_COLUMNS).where(t.versions.c.pack_id == pack_id, t.versions.c.number == number)
        ).first()
        if row is None:
            raise DataIntegrityError(
                f"evidence pack {pack_id!r} in {self.location} is damaged: version {number} is missing"
            )
        return _version_info(row)

    def _load(self, conn: Connection, pack_id: str, number: int) -> tuple[VersionInfo, dict[str, Any]]:
        row = conn.execute(
            select(*_VERSION_COLUMNS, t.versions.c.data).where(
                t.versions.c.pack_id == pack_id, t.versions.c.number == number
            )
        ).first()
        if row is None:
            raise DataIntegrityError(
                f"evidence pack {pack_id!r} in {self.location} is damaged: version {number} is missing"
            )
        return _version_info(row), self._decode(pack_id, number, row.data, row.sha256)

    def _decode(self, pack_id: str, number: int, stored: Any, sha: str) -> dict[str, Any]:
        """Parse stored data, treating it as untrusted: it must be a JSON object matching its hash."""
        problem = f"version {number} of evidence pack {pack_id!r} in {self.location} is corrupt or was altered"
        try:
            data = json.loads(stored)
            actual = content_sha256(data)
        except (TypeError, ValueError, RecursionError) as error:
            raise DataIntegrityError(f"{problem}: its data is not valid JSON ({error})") from None
        if actual != sha:
            raise DataIntegrityError(f"{problem}: its data does not match its SHA-256 ({sha})")
        if not isinstance(data, dict):
            raise DataIntegrityError(f"{problem}: its data is not a JSON object")
        return data

    def _conflict(self, conn: Connection, pack_id: str, base_version: int) -> ConflictError:
        current, data = self._load(conn, pack_id, self._current_number(conn, pack_id))
        return ConflictError(pack_id, base_version, current, data)

    def _insert_version(
        self,
        conn: Connection,
        pack_id: str,
        number: int,
        text_: str,
        sha: str,
        now: datetime,
        saved_by: str,
        note: str,
    ) -> VersionInfo:
        conn.execute(
            insert(t.versions).values(
                pack_id=pack_id,
                number=number,
                sha256=sha,
                data=text_,
                saved_at=now,
                saved_by=saved_by,
                note=note,
            )
        )
        return VersionInfo(pack_id, number, sha, now, saved_by, note)

    def _set_archived(self, pack_id: str, archived: bool) -> None:
        with self._write(f"{'archiving' if archived else 'unarchiving'} pack {pack_id}") as conn:
            current = conn.execute(select(t.packs.c.archived).where(t.packs.c.id == pack_id)).first()
            if current is None:
                raise PackNotFound(pack_id)
            if bool(current.archived) != archived:
                conn.execute(
                    update(t.packs)
                    .where(t.packs.c.id == pack_id)
                    .values(archived=archived, archived_at=_utcnow() if archived else None)
                )

    def _put_attachment(
        self, conn: Connection, content: bytes, sha: str, filename: str, media_type: str, pack_id: str | None
    ) -> AttachmentInfo:
        if pack_id is not None:
            self._current_number(conn, pack_id)
        row = conn.execute(select(*_ATTACHMENT_COLUMNS).where(t.attachments.c.sha256 == sha)).first()
        if row is None:
            info = AttachmentInfo(sha, len(content), filename, media_type, _utcnow())
            conn.execute(
                insert(t.attachments).values(
                    sha256=sha,
                    size=info.size,
                    filename=filename,
                    media_type=media_type,
                    content=content,
                    stored_at=info.stored_at,
                )
            )
        else:
            info = _attachment_info(row)
        if pack_id is not None:
            link = t.pack_attachments
            linked = conn.execute(select(link.c.sha256).where(link.c.pack_id == pack_id, link.c.sha256 == sha)).first()
            if linked is None:
                conn.execute(
                    insert(link).values(
                        pack_id=pack_id,
                        sha256=sha,
                        filename=filename,
                        media_type=media_type,
                        linked_at=_utcnow(),
                    )
                )
        return info


_VERSION_COLUMNS = (
    t.versions.c.pack_id,
    t.versions.c.number,
    t.versions.c.sha256,
    t.versions.c.saved_at,
    t.versions.c.saved_by,
    t.versions.c.note,
)
_SUMMARY_COLUMNS = (
    t.packs.c.id,
    t.packs.c.title,
    t.packs.c.current_version,
    t.packs.c.updated_at,
    t.packs.c.updated_by,
    t.packs.c.archived,
)
_ATTACHMENT_COLUMNS = (
    t.attachments.c.sha256,
    t.attachments.c.size,
    t.attachments.c.filename,
    t.attachments.c.media_type,
    t.attachments.c.stored_at,
)


def _detail(text_: str) -> dict[str, Any]:
    try:
        value = json.loads(text_)
    except ValueError:
        return {"unreadable": True}
    return value if isinstance(value, dict) else {"value": value}


def _version_info(row: Row[Any]) -> VersionInfo:
    return VersionInfo(row.pack_id, int(row.number), row.sha256, _as_utc(row.saved_at), row.saved_by, row.note)


def _summary(row: Row[Any]) -> PackSummary:
    return PackSummary(
        row.id,
        row.title,
        int(row.current_version),
        _as_utc(row.updated_at),
        row.updated_by,
        bool(row.archived),
    )


def _attachment_info(row: Row[Any]) -> AttachmentInfo:
    return AttachmentInfo(row.sha256, int(row.size), row.filename, row.media_type, _as_utc(row.stored_at))


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones in its session zone."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _encode(data: Mapping[str, Any]) -> tuple[str, str]:
    """The canonical JSON text of ``data`` and its content hash."""
    if not isinstance(data, Mapping):
        raise StoreError(f"a pack must be a JSON object (a dict), not {type(data).__name__}")
    try:
        raw = canonical_json(data)
        stored = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError("the pack contains text that is not valid Unicode (an unpaired surrogate)") from None
    except (TypeError, ValueError, RecursionError) as error:
        raise StoreError(f"the pack cannot be stored as JSON: {error}") from None
    return stored, content_sha256(data)


def _pack_id_from(data: Mapping[str, Any]) -> str | None:
    metadata = data.get("metadata")
    if not isinstance(metadata, Mapping) or metadata.get("id") in (None, ""):
        return None
    value = metadata["id"]
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise StoreError(f"metadata.id {value!r} is not a UUID; fix it or remove it to get a new one") from None


def _normalise_id(pack_id: str) -> str:
    """Pack ids are UUIDs in canonical form; accept any spelling of one, pass anything else through."""
    if not isinstance(pack_id, str):
        raise StoreError(f"a pack id is a string, not {type(pack_id).__name__}")
    try:
        return str(uuid.UUID(pack_id))
    except ValueError:
        return pack_id


def _title(data: Mapping[str, Any]) -> str | None:
    """The copy of ``metadata.title`` for listing: what every backend can hold (NUL and unpaired surrogates shown
    as U+FFFD), at most TITLE_CHARS characters. The pack's data keeps the title as it is."""
    metadata = data.get("metadata")
    title = metadata.get("title") if isinstance(metadata, Mapping) else None
    if not isinstance(title, str) or not title.strip():
        return None
    return _UNSTORABLE.sub("\ufffd", title[:TITLE_CHARS])


def _storable(value: str, what: str) -> str:
    """``value`` for a text column of its own; StoreError when no backend can hold it."""
    if _UNSTORABLE.search(value):
        raise StoreError(f"{what} contains a NUL character or an unpaired surrogate, which cannot be stored")
    return value


def _check_person(saved_by: str) -> str:
    if not isinstance(saved_by, str) or not saved_by.strip():
        raise StoreError("saved_by must name the person saving")
    return _storable(saved_by.strip(), "saved_by")


def _check_note(note: str) -> str:
    if not isinstance(note, str):
        raise StoreError("note must be a string")
    return _storable(note, "the note")


def _check_number(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise StoreError(f"{name} must be a whole number, not {value!r}")
    return value


def _check_sha256(value: str) -> str:
    if isinstance(value, str) and _SHA256.fullmatch(value.lower()):
        return value.lower()
    raise StoreError(f"{value!r} is not a SHA-256 (64 hexadecimal characters)")


def _reason(error: exc.SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's statement dump and link."""
    orig = getattr(error, "orig", None)
    message = str(orig if orig is not None else error).strip()
    return message.splitlines()[0] if message else type(error).__name__
