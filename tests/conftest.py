"""Shared fixtures: the repository's folders and a way to run the real CLI in a subprocess."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import tiers

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
EXAMPLES = ROOT / "examples"
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def today() -> dt.date:
    return TODAY


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `evidencepack ARGS` as a real process (the installed entry point's module)."""
    return subprocess.run(
        [sys.executable, "-m", "evidencepack", *args],
        input=input.decode() if input is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tiers.mark_by_fixtures(items)


@pytest.fixture(autouse=True)
def _tool_tier_guard(request: pytest.FixtureRequest):
    """Let ``tiers.require`` see which test is running (see tests/tiers.py)."""
    tiers.set_current(request.node)
    yield
    tiers.set_current(None)
