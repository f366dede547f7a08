"""The store's tables as the code uses them now (SQLAlchemy Core, portable types only).

This is the *current* shape, the result of running every migration in :mod:`.migrations`. The migrations
deliberately do not import these objects: each one keeps the definitions it was written with, so that
changing this file later cannot change what an old migration does. A test checks that the two agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["attachments", "events", "metadata", "pack_attachments", "packs", "store_meta", "versions"]

metadata = MetaData()

#: Key/value facts about the store itself; ``schema_version`` is the number of migrations applied.
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

#: One row per pack: the pointer to its latest version (the optimistic lock) and what a list shows.
packs = Table(
    "packs",
    metadata,
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

#: Append-only: rows are inserted, never updated or deleted.
versions = Table(
    "pack_versions",
    metadata,
    Column("pack_id", String(64), ForeignKey("packs.id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False),
    Column("data", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("saved_by", Text, nullable=False),
    Column("note", Text, nullable=False),
)

#: File contents, stored once per distinct SHA-256.
attachments = Table(
    "attachments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("filename", Text, nullable=False),
    Column("media_type", String(255), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

#: Which attachments a pack uses (schema version 2).
pack_attachments = Table(
    "pack_attachments",
    metadata,
    Column("pack_id", String(64), ForeignKey("packs.id"), primary_key=True),
    Column("sha256", String(64), ForeignKey("attachments.sha256"), primary_key=True),
    Column("filename", Text, nullable=False),
    Column("media_type", String(255), nullable=False),
    Column("linked_at", DateTime(timezone=True), nullable=False),
)

#: What happened to a pack, append-only (schema version 3): submitted, approved, exported, redacted ...
#: ``detail`` is a JSON object (reasons, and for a redaction the versions rewritten with their old and new hashes).
events = Table(
    "pack_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pack_id", String(64), ForeignKey("packs.id"), nullable=False, index=True),
    Column("kind", String(32), nullable=False),
    Column("version", Integer, nullable=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", Text, nullable=False),
    Column("detail", Text, nullable=False),
)
