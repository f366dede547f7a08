"""Fixtures for the hostile-input tests: the store tests' real SQLite and PostgreSQL stores, and helpers."""

from __future__ import annotations

from tests.store.conftest import (  # noqa: F401 - fixtures, registered by being imported here
    _isolated_environment,
    postgres_server,
    postgresql_url,
    sqlite_url,
    store,
    store_url,
)
