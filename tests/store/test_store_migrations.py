"""Schema versions: old databases are upgraded on open, newer ones refused, schema.py matches migrations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Boolean, DateTime, bindparam, create_engine, inspect, text

from evidencepack.canonical import canonical_json, content_sha256
from evidencepack.store import SCHEMA_VERSION, SchemaTooNewError, StoreError, open_store
from evidencepack.store import schema as tables
from evidencepack.store.engine import create_store_engine
from evidencepack.store.migrations import MIGRATIONS, migrate

PACK_ID = "0f8fad5b-d9cb-469f-a165-70867728950e"
OLD_PACK = {"metadata": {"id": PACK_ID, "title": "Made by schema version 1"}, "note": "ünïcødé ✓"}


def schema_version(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT value FROM store_meta WHERE key = 'schema_version'")).scalar_one())
    finally:
        engine.dispose()


def test_a_schema_version_1_database_opens_and_is_upgraded(store_url: str) -> None:
    assert SCHEMA_VERSION == len(MIGRATIONS) >= 2
    engine = create_store_engine(store_url)
    assert migrate(engine, target=1) == (0, 1)
    saved_at = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    at = bindparam("at", type_=DateTime(timezone=True))
    with engine.begin() as conn:  # a pack as version-1 code would have written it
        conn.execute(
            text(
                "INSERT INTO packs (id, title, current_version, created_at, created_by, updated_at,"
                " updated_by, archived) VALUES (:id, :title, 1, :at, 'old', :at, 'old', :no)"
            ).bindparams(at, bindparam("no", type_=Boolean())),
            {"id": PACK_ID, "title": "Made by schema version 1", "at": saved_at, "no": False},
        )
        conn.execute(
            text(
                "INSERT INTO pack_versions (pack_id, number, sha256, data, saved_at, saved_by, note)"
                " VALUES (:id, 1, :sha, :data, :at, 'old', '')"
            ).bindparams(at),
            {
                "id": PACK_ID,
                "sha": content_sha256(OLD_PACK),
                "data": canonical_json(OLD_PACK).decode(),
                "at": saved_at,
            },
        )
    assert not inspect(engine).has_table("pack_attachments")
    engine.dispose()
    assert schema_version(store_url) == 1

    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        info, data = store.latest(PACK_ID)
        assert data == OLD_PACK
        assert info.saved_at == saved_at
        store.put_attachment(b"new feature", filename="a.txt", pack_id=PACK_ID)
        assert len(store.pack_attachments(PACK_ID)) == 1
        assert store.save(PACK_ID, {**OLD_PACK, "edited": True}, base_version=1, saved_by="new").number == 2
    assert schema_version(store_url) == SCHEMA_VERSION
    with open_store(store_url) as again:  # opening an up-to-date store changes nothing
        assert again.schema_version == SCHEMA_VERSION


def test_a_database_with_a_newer_schema_is_refused(store_url: str) -> None:
    with open_store(store_url) as store:
        store.create_pack({"metadata": {"title": "keep me"}}, saved_by="a")
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE store_meta SET value = :v WHERE key = 'schema_version'"), {"v": "999"})
    engine.dispose()
    with pytest.raises(SchemaTooNewError) as raised:
        open_store(store_url)
    message = str(raised.value)
    assert "schema version 999" in message and f"up to {SCHEMA_VERSION}" in message
    assert "upgrade evidencepack" in message
    assert isinstance(raised.value, StoreError)
    assert schema_version(store_url) == 999  # left unchanged


def test_a_garbled_schema_version_is_a_store_error(store_url: str) -> None:
    open_store(store_url).close()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE store_meta SET value = 'two' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(StoreError, match="not a whole number"):
        open_store(store_url)


def test_migrations_build_the_tables_schema_py_describes(store_url: str) -> None:
    open_store(store_url).close()
    engine = create_engine(store_url)
    try:
        found = inspect(engine)
        assert set(found.get_table_names()) == set(tables.metadata.tables)
        for name, table in tables.metadata.tables.items():
            columns = {c["name"]: c for c in found.get_columns(name)}
            assert set(columns) == {c.name for c in table.columns}, name
            for column in table.columns:
                assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"
            primary = found.get_pk_constraint(name)["constrained_columns"]
            assert set(primary) == {c.name for c in table.primary_key.columns}, name
    finally:
        engine.dispose()
