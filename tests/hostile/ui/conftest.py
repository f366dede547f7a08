"""The app tests' fixtures (a real SQLite store and the real app under AppTest), for the hostile uploads."""

from __future__ import annotations

import sys
from pathlib import Path

_UI_TESTS = Path(__file__).resolve().parents[2] / "ui"
if str(_UI_TESTS) not in sys.path:  # tests/ui/conftest.py imports its helpers by name
    sys.path.insert(0, str(_UI_TESTS))

from tests.ui.conftest import app, database_url, store  # noqa: E402, F401 - fixtures, registered by import
