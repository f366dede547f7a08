"""Store schema versions and the migrations between them.

``MIGRATIONS[i]`` turns a store of schema version ``i`` into one of version ``i + 1``; the schema version is
kept in ``store_meta`` under ``schema_version`` (a database without that table is version 0, empty).
:func:`migrate` applies the missing ones in order, in one transaction, when a store is opened; a database
newer than :data:`SCHEMA_VERSION` is refused and left untouched.

Rules for adding a migration: append a function, never edit or reorder an existing one; define inside it
the tables it touches as they are at that point (do not import :mod:`.schema`); use portable SQLAlchemy
constructs so it runs on SQLite and PostgreSQL; then update :mod:`.schema` to match.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    text,
)

from evidencepack.store.engine import read_connection, write_connection

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SchemaVersionError", "migrate", "read_schema_version"]

Migration = Callable[[Connection], None]

_META_KEY = "schema_version"
# Any constant: serialises concurrent first opens of one PostgreSQL database.
_PG_LOCK_ID = 0x65766964


def _v1_initial(conn: Connection) -> None:
    """Version 1: store_meta, packs, pack_versions, attachments."""
    md = MetaData()
    Table(
        "store_meta",
        md,
        Column("key", String(64), primary_key=True),
        Column("value", String(255), nullable=False),
    )
    Table(
        "packs",
        md,
        Column("id", String(64), primary_key=True),
        Column("title", Text, nullable=True),
        Column("current_version", Integer, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("created_by", Text, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("updated_by", Text, nullable=False),
        Column("archived", Boolean, nullable=False),
        Column("archived_at", DateTime(timezone=True), nullable=True),
    )
    Table(
        "pack_versions",
        md,
        Column("pack_id", String(64), ForeignKey("packs.id"), primary_key=True),
        Column("number", Integer, primary_key=True),
        Column("sha256", String(64), nullable=False),
        Column("data", Text, nullable=False),
        Column("saved_at", DateTime(timezone=True), nullable=False),
        Column("saved_by", Text, nullable=False),
        Column("note", Text, nullable=False),
    )
    Table(
        "attachments",
        md,
        Column("sha256", String(64), primary_key=True),
        Column("size", BigInteger, nullable=False),
        Column("filename", Text, nullable=False),
        Column("media_type", String(255), nullable=False),
        Column("content", LargeBinary, nullable=False),
        Column("stored_at", DateTime(timezone=True), nullable=False),
    )
    md.create_all(conn)


def _v2_pack_attachments(conn: Connection) -> None:
    """Version 2: pack_attachments, linking packs to the attachments they use."""
    md = MetaData()
    # Key-only stand-ins so that the foreign keys resolve; they are not created.
    Table("packs", md, Column("id", String(64), primary_key=True))
    Table("attachments", md, Column("sha256", String(64), primary_key=True))
    link = Table(
        "pack_attachments",
        md,
        Column("pack_id", String(64), ForeignKey("packs.id"), primary_key=True),
        Column("sha256", String(64), ForeignKey("attachments.sha256"), primary_key=True),
        Column("filename", Text, nullable=False),
        Column("media_type", String(255), nullable=False),
        Column("linked_at", DateTime(timezone=True), nullable=False),
    )
    link.create(conn)


def _v3_pack_events(conn: Connection) -> None:
    """Version 3: pack_events, the log of what happened to a pack (submitted, approved, exported, redacted)."""
    md = MetaData()
    Table("packs", md, Column("id", String(64), primary_key=True))
    events = Table(
        "pack_events",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("pack_id", String(64), ForeignKey("packs.id"), nullable=False, index=True),
        Column("kind", String(32), nullable=False),
        Column("version", Integer, nullable=True),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("by", Text, nullable=False),
        Column("detail", Text, nullable=False),
    )
    events.create(conn)


#: In order; never edit or remove an entry once released.
MIGRATIONS: tuple[Migration, ...] = (_v1_initial, _v2_pack_attachments, _v3_pack_events)

#: The store schema version this code writes and reads.
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaVersionError(ValueError):
    """store_meta holds a schema version that is not a whole number."""


def read_schema_version(conn: Connection) -> int:
    """The schema version recorded in the database (0 for a database without a store in it)."""
    if not inspect(conn).has_table("store_meta"):
        return 0
    value = conn.execute(text("SELECT value FROM store_meta WHERE key = :key"), {"key": _META_KEY}).scalar_one_or_none()
    if value is None:
        return 0
    try:
        version = int(value)
    except ValueError:
        raise SchemaVersionError(f"store_meta.schema_version is {value!r}, not a whole number") from None
    if version < 0:
        raise SchemaVersionError(f"store_meta.schema_version is {value!r}, which is negative")
    return version


def _write_schema_version(conn: Connection, version: int) -> None:
    params = {"key": _META_KEY, "value": str(version)}
    updated = conn.execute(text("UPDATE store_meta SET value = :value WHERE key = :key"), params)
    if updated.rowcount == 0:
        conn.execute(text("INSERT INTO store_meta (key, value) VALUES (:key, :value)"), params)


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> tuple[int, int]:
    """Bring the database up to schema version ``target``; returns ``(version_before, version_after)``.

    A database already at or beyond ``target`` is not touched (the caller decides whether "beyond" is an
    error). All missing migrations run in one transaction: either all apply or none.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"target schema version must be between 0 and {SCHEMA_VERSION}, not {target}")
    with read_connection(engine) as conn:
        found = read_schema_version(conn)
    if found >= target:
        return found, found
    with write_connection(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        found = read_schema_version(conn)  # again, now that we hold the lock
        for version in range(found, target):
            MIGRATIONS[version](conn)
            _write_schema_version(conn, version + 1)
    return found, max(found, target)
