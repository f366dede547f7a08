"""Moving between the app's pages. The router (``navigation``) installs how a page is made; views call ``go``.

Views import this module, never ``navigation`` (which imports every view), so the app has no import loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from evidencepack.framework import load_framework

from . import state

_make_page: Callable[[str], st.Page] | None = None


def install(make_page: Callable[[str], st.Page]) -> None:
    """Called once by the router: how to make the page named ``name``."""
    global _make_page
    _make_page = make_page


def go(name: str, **query: Any) -> None:
    """Switch to page ``name``, with query parameters (for example the criterion to work on); the open pack stays
    in the address (``?pack=<id>``)."""
    if state.pack_id() is not None:
        query = {state.PACK_PARAM: state.pack_id(), **query}
    st.switch_page(_page(name), query_params={k: str(v) for k, v in query.items()} or None)


def target(pointer: str, content: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The page (and query) where the value at a JSON pointer is edited."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")] if pointer else []
    head = parts[0] if parts else ""
    if head == "principles" and len(parts) >= 2 and load_framework().principle(parts[1]):
        query = {"criterion": parts[3]} if len(parts) >= 4 and parts[2] == "criteria" else {}
        return f"principle:{parts[1]}", query
    if head == "evidence":
        items = content.get("evidence", [])
        if len(parts) >= 2 and parts[1].isdigit() and int(parts[1]) < len(items):
            return "evidence", {"item": str(items[int(parts[1])].get("id", ""))}
        return "evidence", {}
    if head == "measures":
        return "outcomes", ({"measure": parts[1]} if len(parts) >= 2 and parts[1].isdigit() else {})
    if head == "actions":
        return "actions", ({"action": parts[1]} if len(parts) >= 2 and parts[1].isdigit() else {})
    return "details", {}


def _page(name: str) -> st.Page:
    if _make_page is None:
        raise RuntimeError("the app's router (evidencepack.ui.navigation) has not been imported")
    return _make_page(name)
