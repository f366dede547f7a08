"""The evidence register: items added and edited, files uploaded into the store with their SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib

from ui_support import example, ok, texts, widget

from evidencepack.store import DEFAULT_MAX_ATTACHMENT_BYTES

SURVEY = b"question,answer\nDid the new care plans help?,yes\n"


def _upload(at, name: str, content: bytes, media_type: str = "text/csv"):
    (uploader,) = [u for u in at.file_uploader if u.label.startswith("Upload a file")]
    return ok(uploader.upload(name, content, media_type).run())


def test_an_added_item_gets_the_next_id_and_is_selected_for_editing(app, store, stored):
    pack = stored(example())
    at = app("evidence", pack_id=pack)
    count = len(store.latest(pack)[1]["evidence"])
    ok(at.button(key="ep.evidence.add").click().run())
    evidence = store.latest(pack)[1]["evidence"]
    assert evidence[-1] == {"id": f"E{count + 1}"}
    assert widget(at, "selectbox", "Edit item").value == f"E{count + 1}"


def test_item_fields_are_saved(app, store, stored):
    pack = stored()
    at = app("evidence", pack_id=pack)
    assert any("register is empty" in t for t in texts(at, "info"))
    ok(at.button(key="ep.evidence.add").click().run())
    widget(at, "text_input", "Title").input("Six-month survey").run()
    widget(at, "selectbox", "Kind").set_value("survey").run()
    widget(at, "selectbox", "Evidence category").set_value("people_experience").run()
    widget(at, "date_input", "Date it describes").set_value(dt.date(2026, 3, 20)).run()
    widget(at, "date_input", "Review due").set_value(dt.date(2027, 3, 31)).run()
    widget(at, "text_input", "Owner (name)").input("A. Example").run()
    widget(at, "text_input", "Owner (role)").input("Quality lead").run()
    widget(at, "selectbox", "Personal data").set_value("none").run()
    (item,) = store.latest(pack)[1]["evidence"]
    assert item == {"id": "E1", "title": "Six-month survey", "kind": "survey", "category": "people_experience",
                    "date": "2026-03-20", "review_due": "2027-03-31",
                    "owner": {"name": "A. Example", "role": "Quality lead"}, "personal_data": "none"}
    assert widget(at, "selectbox", "Evidence category").options[1:3] == ["People's experience",
                                                                       "Feedback from staff and leaders"]
    register = next(d.value for d in at.dataframe if "category" in d.value.columns)
    assert register["category"].tolist() == ["People's experience"]


def test_an_uploaded_file_is_stored_and_becomes_the_items_source_with_its_hash(app, store, stored):
    pack = stored()
    at = app("evidence", pack_id=pack)
    ok(at.button(key="ep.evidence.add").click().run())
    at = _upload(at, "survey.csv", SURVEY)
    sha = hashlib.sha256(SURVEY).hexdigest()
    (item,) = store.latest(pack)[1]["evidence"]
    assert item == {"id": "E1", "source": {"attachment": sha}, "sha256": sha}
    assert store.get_attachment(sha) == SURVEY
    assert [a.filename for a in store.pack_attachments(pack)] == ["survey.csv"]
    assert any(t.startswith("Stored survey.csv") for t in texts(at, "success"))
    assert any("Stored file: survey.csv" in t for t in texts(at, "markdown"))
    assert [b.label for b in at.get("download_button")] == ["Download the stored file"]


def test_an_upload_over_the_limit_is_refused_and_changes_nothing(app, store, stored):
    pack = stored()
    at = app("evidence", pack_id=pack)
    ok(at.button(key="ep.evidence.add").click().run())
    version = store.latest(pack)[0].number
    at = _upload(at, "video.mp4", b"\0" * (DEFAULT_MAX_ATTACHMENT_BYTES + 1), "video/mp4")
    (error,) = texts(at, "error")
    assert "video.mp4 was not stored" in error and "over the limit" in error
    info, data = store.latest(pack)
    assert info.number == version and data["evidence"] == [{"id": "E1"}]
    assert store.pack_attachments(pack) == []


def test_a_web_address_replaces_a_stored_file_as_the_source(app, store, stored):
    pack = stored()
    at = app("evidence", pack_id=pack)
    ok(at.button(key="ep.evidence.add").click().run())
    at = _upload(at, "survey.csv", SURVEY)
    widget(at, "text_input", "Or a web address").input("https://intranet.example/survey").run()
    (item,) = store.latest(pack)[1]["evidence"]
    assert item == {"id": "E1", "source": {"url": "https://intranet.example/survey"}}


def test_removing_an_item_keeps_the_rest(app, store, stored):
    data = example()
    pack = stored(data)
    at = app("evidence", pack_id=pack)
    widget(at, "selectbox", "Edit item").set_value("E2").run()
    ok([b for b in at.button if b.label == "Remove E2"][0].click().run())
    ids = [i["id"] for i in store.latest(pack)[1]["evidence"]]
    assert "E2" not in ids and len(ids) == len(data["evidence"]) - 1


def test_the_register_table_lists_every_item(app, stored):
    data = example()
    at = app("evidence", pack_id=stored(data))
    (table,) = at.dataframe
    assert list(table.value["id"]) == [i["id"] for i in data["evidence"]]


def test_an_item_named_in_the_address_is_opened_for_editing(app, stored):
    at = app("evidence", pack_id=stored(example()), query={"item": "E3"})
    assert widget(at, "selectbox", "Edit item").value == "E3"
