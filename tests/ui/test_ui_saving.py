"""Saving: every change is a version; the first save asks who is saving; a conflict is never overwritten
silently."""

from __future__ import annotations

from ui_support import ok, texts, widget


def test_the_first_change_asks_for_a_name_and_saves_once_it_is_given(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack, user=None)
    widget(at, "text_input", "Provider name").input("Larkfield").run()
    assert store.latest(pack)[0].number == 1
    assert any("enter your name" in t for t in texts(at.sidebar, "warning"))
    at.text_input(key="ep.name_prompt").input("Ana Quality").run()
    info, data = store.latest(pack)
    assert info.number == 2 and info.saved_by == "Ana Quality"
    assert data["metadata"]["provider"] == {"name": "Larkfield"}
    assert at.session_state["ep.user"] == "Ana Quality"


def _conflict(app, store, pack):
    mine = app("details", pack_id=pack)
    theirs = app("details", pack_id=pack, user="Ben Other")
    widget(theirs, "text_input", "Provider name").input("Their provider").run()
    widget(mine, "text_input", "ODS code").input("ZZL01").run()
    return mine


def test_a_save_on_a_stale_version_shows_the_conflict_and_writes_nothing(app, store, stored):
    pack = stored()
    mine = _conflict(app, store, pack)
    info, data = store.latest(pack)
    assert info.number == 2 and info.saved_by == "Ben Other"
    assert data["metadata"]["provider"] == {"name": "Their provider"}
    (error,) = texts(mine, "error")
    assert "Ben Other saved version 2" in error and "Nothing was overwritten" in error
    rows = mine.dataframe[0].value.to_dict("records")
    fields = {r["field"] for r in rows}
    assert {"/metadata/provider/name", "/metadata/provider/ods_code"} <= fields
    assert all(w.disabled for w in mine.text_input if w.key and w.key.startswith("f"))
    assert any("Not saved" in t for t in texts(mine.sidebar, "warning"))


def test_keeping_theirs_drops_my_change_and_continues_from_their_version(app, store, stored):
    pack = stored()
    mine = _conflict(app, store, pack)
    ok(mine.button(key="ep.conflict.theirs").click().run())
    assert store.latest(pack)[0].number == 2
    assert widget(mine, "text_input", "Provider name").value == "Their provider"
    assert widget(mine, "text_input", "ODS code").value == ""
    widget(mine, "text_input", "ODS code").input("ZZL02").run()
    info, data = store.latest(pack)
    assert info.number == 3 and data["metadata"]["provider"] == {"name": "Their provider", "ods_code": "ZZL02"}


def test_overwriting_with_mine_saves_a_new_version_on_top_of_theirs(app, store, stored):
    pack = stored()
    mine = _conflict(app, store, pack)
    ok(mine.button(key="ep.conflict.mine").click().run())
    info, data = store.latest(pack)
    assert info.number == 3 and info.saved_by == "Tess Lead"
    assert data["metadata"]["provider"] == {"ods_code": "ZZL01"}
    assert store.get_version(pack, 2)[1]["metadata"]["provider"] == {"name": "Their provider"}
    assert "Saved, version 3" in texts(mine.sidebar, "caption")


def test_an_archived_pack_is_read_only(app, store, stored):
    pack = stored()
    store.archive(pack)
    at = app("details", pack_id=pack)
    assert all(w.disabled for w in at.text_input)
    assert any("archived" in t for t in texts(at, "info"))
