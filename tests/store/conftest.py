"""Fixtures for the store tests: a ``store`` on SQLite (temp file) and on a real PostgreSQL server.

The PostgreSQL server is started once per session from Debian's binaries (``initdb``, ``pg_ctl``) in a
temporary data folder owned by the ``postgres`` user (PostgreSQL refuses to run as root), listening only
on 127.0.0.1 on a free port, with no Unix socket; each test gets a fresh database. Missing binaries fail
the tests: the project's setup installs them (Debian package ``postgresql``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_support import PostgresServer, fresh_database, running_postgres

from evidencepack.store import Store, open_store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole session, stopped and deleted at the end."""
    with running_postgres() as server:
        yield server


@pytest.fixture
def postgresql_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    with fresh_database(postgres_server) as url:
        yield url
@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'evidencepack.db'}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database on each backend."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """An open store on a new, empty database, on each backend."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never touch the real user's data folder or a database named in the environment."""
    monkeypatch.delenv("EVIDENCEPACK_DATABASE_URL", raising=False)
    monkeypatch.setenv("EVIDENCEPACK_DATA_DIR", str(tmp_path / "data-dir-not-set-by-test"))
