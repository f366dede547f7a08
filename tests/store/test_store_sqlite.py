"""The embedded SQLite store: default location, durability settings, unreadable files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from evidencepack.store import StoreError, data_dir, default_database_url, open_store


def test_default_location_honours_evidencepack_data_dir_and_creates_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "nested" / "evidencepack data"
    monkeypatch.setenv("EVIDENCEPACK_DATA_DIR", str(folder))
    assert not folder.exists()
    assert default_database_url() == f"sqlite+pysqlite:///{folder / 'evidencepack.db'}"
    with open_store() as store:
        pack_id = store.create_pack({"metadata": {"title": "local"}}, saved_by="a")
        assert store.location == str(folder / "evidencepack.db")
    assert (folder / "evidencepack.db").is_file()
    with open_store() as again:
        assert again.latest(pack_id)[1] == {"metadata": {"title": "local"}}


def test_data_folder_falls_back_to_xdg_data_home_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCEPACK_DATA_DIR", "")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "evidencepack"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "evidencepack"


def test_evidencepack_database_url_overrides_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "team.db"
    monkeypatch.setenv("EVIDENCEPACK_DATABASE_URL", f"sqlite:///{target}")
    with open_store() as store:
        assert store.location == str(target)
    assert target.is_file()
    assert not Path(os.environ["EVIDENCEPACK_DATA_DIR"]).exists()


def test_sqlite_is_opened_with_wal_full_sync_busy_timeout_and_foreign_keys(sqlite_url: str) -> None:
    # the settings every pooled connection gets
    with open_store(sqlite_url) as store, store._engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 15000, "foreign_keys": 1}


def test_a_corrupt_sqlite_file_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "evidencepack.db"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as raised:
        open_store(f"sqlite:///{path}")
    message = str(raised.value)
    assert str(path) in message and "not a database" in message
    assert "Traceback" not in message and "sqlalche.me" not in message
    assert path.read_bytes() == garbage  # left as it was


def test_a_missing_folder_or_bad_url_gives_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'no such folder' / 'x.db'}")
    with pytest.raises(StoreError, match="not a valid database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match="cannot use database"):
        open_store("nosuchdialect://host/db")


def test_an_unreachable_postgresql_server_gives_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the evidencepack database at postgresql") as raised:
        open_store("postgresql://someone:secret@127.0.0.1:1/evidencepack")
    assert "secret" not in str(raised.value)
