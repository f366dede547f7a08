"""Helpers for the app tests (imported by name: pytest puts this folder on the path)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

from streamlit.testing.v1 import AppTest

from evidencepack.ui_launch import app_path

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = app_path().parent
APP_PACKAGE = "evidencepack.ui"
EXAMPLES = ROOT / "examples"
USER = "Tess Lead"
CARE_HOME = "care-home-digital-care-planning.json"


def assert_valid_ooxml(*paths: Path) -> None:
    """The export tests' own Open XML SDK validator check (it fails, never skips, when the tool is missing)."""
    folder = ROOT / "tests" / "export"
    source = next(p for p in (folder / "harness.py", folder / "conftest.py") if p.is_file())
    spec = importlib.util.spec_from_file_location("export_test_harness", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.assert_valid_ooxml(*paths)


def app_module(name: str) -> ModuleType:
    """A module of the app (``state``, ``navigation``, ``widgets``, ``views.packs`` ...)."""
    return importlib.import_module(f"{APP_PACKAGE}.{name}")


def app_script(root: str, package: str, start: str | None) -> None:
    """The script AppTest runs: the real router, landing on page ``start``."""
    import importlib
    import sys

    if root not in sys.path:
        sys.path.insert(0, root)
    importlib.import_module(f"{package}.app").main(start)


def example(name: str = CARE_HOME) -> dict[str, Any]:
    """An example pack as a new draft with a new id."""
    data = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    data["metadata"]["id"] = str(uuid.uuid4())
    data["metadata"]["status"] = "draft"
    data["metadata"].pop("approval", None)
    return data


def ok(at: AppTest) -> AppTest:
    """Fail with the app's own error when a run raised."""
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: Any, kind: str) -> list[str]:
    """The text of every element of one kind (error, warning, info, success, caption, markdown ...), unescaped."""
    return [unescape(str(e.value)) for e in getattr(at, kind)]


def unescape(text: str) -> str:
    """Markdown-escaped app text back to plain text, for assertions."""
    out, escaped = [], False
    for char in text:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    return "".join(out).replace("  \n", "\n")


def progress(at: Any) -> dict[str, int]:
    """Progress bars by label (the text before the colon): value 0-100."""
    bars = {}
    for bar in at.get("progress"):
        label = bar.proto.text.rsplit(":", 1)[0] if ":" in bar.proto.text else bar.proto.text
        bars[label] = bar.proto.value
    return bars


def widget(at: AppTest, kind: str, label: str, index: int = 0) -> Any:
    """The ``index``-th widget of a kind with this label."""
    found = [w for w in getattr(at, kind) if w.label == label]
    assert len(found) > index, f"no {kind} labelled {label!r} (found {[w.label for w in getattr(at, kind)]})"
    return found[index]


def finding_codes(at: Any) -> set[str]:
    """The finding codes in the page's collapsed details tables (the main view shows plain words only)."""
    codes: set[str] = set()
    for frame in at.dataframe:
        table = frame.value
        if "code" in getattr(table, "columns", []):
            codes.update(str(c) for c in table["code"])
    return codes
