"""Database URLs and engines: the default SQLite location, SQLite durability settings, transactions.

SQLite is opened in WAL mode with ``synchronous=FULL`` (a commit is on disk when it returns), a busy timeout
and foreign keys on. Python's ``sqlite3`` module is told not to manage transactions; the store emits
``BEGIN`` itself, and ``BEGIN IMMEDIATE`` for writes, so that a writer takes SQLite's write lock before it
reads the row it is about to change (two writers queue instead of racing).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

__all__ = [
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "SQLITE_BUSY_TIMEOUT_MS",
    "create_store_engine",
    "data_dir",
    "default_database_url",
    "describe",
    "read_connection",
    "sqlite_path",
    "write_connection",
]

DATABASE_URL_ENV = "EVIDENCEPACK_DATABASE_URL"
DATA_DIR_ENV = "EVIDENCEPACK_DATA_DIR"
DEFAULT_FILENAME = "evidencepack.db"
#: How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 15_000

_WRITE = "evidencepack_write"


def data_dir() -> Path:
    """The user's data folder: ``$EVIDENCEPACK_DATA_DIR``, else ``$XDG_DATA_HOME/evidencepack``, else
    ``~/.local/share/evidencepack``. Empty variables count as unset. The folder is not created here."""
    explicit = os.environ.get(DATA_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser().absolute()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return (base / "evidencepack").absolute()


def default_database_url() -> str:
    """The embedded default: a SQLite file ``evidencepack.db`` in :func:`data_dir`."""
    return URL.create("sqlite+pysqlite", database=str(data_dir() / DEFAULT_FILENAME)).render_as_string()


def normalise_url(url: str | URL) -> URL:
    """Parse ``url``; ``postgresql://`` and ``postgres://`` mean the psycopg (v3) driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for other databases and in-memory SQLite."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe(url: URL) -> str:
    """How to name the database in a message: the SQLite file, else the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)


def create_store_engine(url: str | URL) -> Engine:
    """An engine for ``url`` with the store's connection settings. Connects lazily."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that only reads (one consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction: committed on normal exit, rolled back on an exception.

    On SQLite the transaction starts with ``BEGIN IMMEDIATE``, taking the write lock at once.
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn
