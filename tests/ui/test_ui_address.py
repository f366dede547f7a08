"""The address keeps the open pack (``?pack=<id>``), and the typed name is kept by the browser."""

from __future__ import annotations

from ui_support import texts


def test_an_address_naming_a_pack_opens_it_in_a_fresh_session(app, stored, store):
    pack = stored()
    at = app("details", query={"pack": pack})
    assert at.session_state["ep.pack_id"] == pack
    assert at.query_params["pack"] == pack


def test_the_open_pack_is_written_into_the_address(app, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    assert at.query_params["pack"] == pack


def test_an_address_naming_an_unknown_pack_says_so_and_opens_nothing(app):
    at = app("packs", query={"pack": "00000000-0000-4000-8000-000000000000"})
    assert "ep.pack_id" not in at.session_state or at.session_state["ep.pack_id"] is None
    assert any("cannot be opened" in t for t in texts(at, "error"))
    assert "pack" not in at.query_params
