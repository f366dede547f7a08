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


def test_changes_to_different_fields_by_two_people_are_both_kept(app, store, stored):
    """The lost update a quality lead met: "Save mine" reverted a colleague's other field. Now no choice is asked."""
    pack = stored()
    mine = app("details", pack_id=pack)
    theirs = app("details", pack_id=pack, user="Ben Other")
    widget(theirs, "text_input", "Provider name").input("Their provider").run()
    widget(mine, "text_input", "ODS code").input("ZZL01").run()
    info, data = store.latest(pack)
    assert info.number == 3 and info.saved_by == "Tess Lead"
    assert data["metadata"]["provider"] == {"name": "Their provider", "ods_code": "ZZL01"}
    assert "Merged with version 2 (Ben Other)" in info.note
    assert not texts(mine, "error")
    assert any("Ben Other" in t and "merged in" in t for t in texts(mine, "info"))
    assert widget(mine, "text_input", "Provider name").value == "Their provider"  # the page shows theirs now


def _same_field(app, store, pack):
    mine = app("details", pack_id=pack)
    theirs = app("details", pack_id=pack, user="Ben Other")
    widget(theirs, "text_input", "Provider name").input("Their provider").run()
    widget(theirs, "text_input", "ODS code").input("THEIRS").run()
    widget(mine, "text_input", "ODS code").input("ZZL01").run()
    return mine


def test_the_same_field_changed_by_both_is_shown_side_by_side_and_nothing_is_written(app, store, stored):
    pack = stored()
    mine = _same_field(app, store, pack)
    info, data = store.latest(pack)
    assert info.number == 3 and info.saved_by == "Ben Other"
    (error,) = texts(mine, "error")
    assert "Ben Other saved this pack" in error and "changed a field you changed too" in error
    assert any("Details: provider: ODS code" in t for t in texts(mine, "markdown"))
    assert {"THEIRS", "ZZL01"} <= {t.value for t in mine.text}
    assert all(w.disabled for w in mine.text_input if w.key and w.key.startswith("f"))
    assert any("Not saved" in t for t in texts(mine.sidebar, "warning"))


def test_choosing_mine_keeps_their_other_changes(app, store, stored):
    pack = stored()
    mine = _same_field(app, store, pack)
    mine.radio(key="ep.conflict.choice.0").set_value("mine")
    ok(mine.button(key="ep.conflict.save").click().run())
    info, data = store.latest(pack)
    assert info.number == 4 and info.saved_by == "Tess Lead"
    assert data["metadata"]["provider"] == {"name": "Their provider", "ods_code": "ZZL01"}
    assert "All changes saved (save 4)" in texts(mine.sidebar, "caption")


def test_choosing_theirs_keeps_their_value_and_the_pack_stays_editable(app, store, stored):
    pack = stored()
    mine = _same_field(app, store, pack)
    mine.radio(key="ep.conflict.choice.0").set_value("theirs")
    ok(mine.button(key="ep.conflict.save").click().run())
    assert store.latest(pack)[1]["metadata"]["provider"] == {"name": "Their provider", "ods_code": "THEIRS"}
    assert widget(mine, "text_input", "ODS code").value == "THEIRS"
    widget(mine, "text_input", "ODS code").input("ZZL02").run()
    assert store.latest(pack)[1]["metadata"]["provider"]["ods_code"] == "ZZL02"


def test_an_archived_pack_is_read_only(app, store, stored):
    pack = stored()
    store.archive(pack)
    at = app("details", pack_id=pack)
    assert all(w.disabled for w in at.text_input)
    assert any("archived" in t for t in texts(at, "info"))
