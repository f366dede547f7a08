"""Fixtures for the app tests: a real SQLite store in the test's folder, and the real app run by AppTest.

``app(start, pack_id=...)`` runs ``ui.app.main`` (the router that ``streamlit run ui/app.py`` runs) with
``start`` as the landing page, so each page is tested through the same menu, sidebar and store glue as in a
browser. Nothing of ours is mocked.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest
from ui_support import APP_PACKAGE, ROOT, USER, app_script, ok

from evidencepack.blank import blank_pack
from evidencepack.store import DATABASE_URL_ENV, Store, open_store


@pytest.fixture
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


@pytest.fixture
def stored(store: Store) -> Callable[..., str]:
    """Store a pack (default: a blank one titled "Test pack") and return its id."""

    def create(data: dict[str, Any] | None = None) -> str:
        content = copy.deepcopy(data) if data is not None else blank_pack("Test pack", str(uuid.uuid4()))
        return store.create_pack(content, saved_by="Setup")

    return create


@pytest.fixture
def app(database_url: str) -> Callable[..., AppTest]:
    """Run the app at page ``start`` (with ``query`` in the address), ``pack_id`` open and ``user`` known.

    ``secrets`` are the app's secrets (an ``auth`` section turns sign-in on); ``signed_in`` is what ``st.user``
    reads (AppTest's own simulation of Streamlit's OIDC login: ``{"is_logged_in": True, "name": ...}``).
    """

    def run(start: str | None = None, *, pack_id: str | None = None, user: str | None = USER,
            query: dict[str, str] | None = None, secrets: dict[str, Any] | None = None,
            signed_in: dict[str, Any] | None = None) -> AppTest:
        at = AppTest.from_function(app_script, args=(str(ROOT), APP_PACKAGE, start), default_timeout=60)
        at.query_params.update(query or {})
        at.secrets.update(secrets or {})
        if signed_in is not None:
            at.user = dict(signed_in)
        if user:
            at.session_state["ep.user"] = user
        if pack_id:
            at.session_state["ep.pack_id"] = pack_id
        return ok(at.run())

    return run


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Keep each phase's report on the test item, so fixtures can tell a failed test (for screenshots)."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """A throwaway PostgreSQL server (tests/postgres_support.py) for the team tests."""
    from postgres_support import running_postgres

    with running_postgres() as server:
        yield server


@pytest.fixture
def postgresql_url(postgres_server: Any) -> Iterator[str]:
    from postgres_support import fresh_database

    with fresh_database(postgres_server) as url:
        yield url
