"""Moving between the app's pages. The router (``navigation``) installs how a page is made; views call ``go``.

Views import this module, never ``navigation`` (which imports every view), so the app has no import loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from evidencepack.findings import Place
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


def target(place: Place, content: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The page (and query) where the thing at ``place`` (a finding's or a next action's) is edited."""
    if place.principle and load_framework().principle(place.principle):
        query = {"criterion": place.criterion.partition(".")[2]} if place.criterion else {}
        return f"principle:{place.principle}", query
    if place.section == "evidence":
        items = content.get("evidence", [])
        if place.item is not None and place.item < len(items) and isinstance(items[place.item], dict):
            return "evidence", {"item": str(items[place.item].get("id", ""))}
        return "evidence", {}
    if place.section == "measures":
        return "outcomes", ({"measure": str(place.item)} if place.item is not None else {})
    if place.section == "actions":
        return "actions", ({"action": str(place.item)} if place.item is not None else {})
    return "details", {}


def _page(name: str) -> st.Page:
    if _make_page is None:
        raise RuntimeError("the app's router (evidencepack.ui.navigation) has not been imported")
    return _make_page(name)
