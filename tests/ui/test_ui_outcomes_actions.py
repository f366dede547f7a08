"""Outcomes (measures with a breakdown by group) and the action plan."""

from __future__ import annotations

import datetime as dt

from ui_support import example, ok, texts, widget

from evidencepack.framework import load_framework


def test_a_measure_with_baseline_latest_target_and_source_is_saved(app, store, stored):
    pack = stored(example())
    at = app("outcomes", pack_id=pack)
    count = len(store.latest(pack)[1].get("measures", []))
    ok(at.button(key="ep.measure.add").click().run())
    i = count  # the new measure is the last one
    widget(at, "text_input", "Name", i).input("Falls per 1,000 bed days").run()
    widget(at, "selectbox", "Direction", i).set_value("lower_is_better").run()
    widget(at, "text_input", "Baseline value", i).input("7.5").run()
    widget(at, "date_input", "Baseline date", i).set_value(dt.date(2025, 4, 1)).run()
    widget(at, "text_input", "Latest value", i).input("5").run()
    widget(at, "text_input", "Target", i).input("4").run()
    widget(at, "selectbox", "Data source (evidence item)", i).set_value("E1").run()
    measure = store.latest(pack)[1]["measures"][i]
    assert measure == {"name": "Falls per 1,000 bed days", "direction": "lower_is_better",
                       "baseline": {"value": 7.5, "date": "2025-04-01"}, "latest": {"value": 5}, "target": 4,
                       "source": "E1"}


def test_a_breakdown_by_group_is_added_and_removed(app, store, stored):
    pack = stored()
    at = app("outcomes", pack_id=pack)
    ok(at.button(key="ep.measure.add").click().run())
    widget(at, "checkbox", "Used to show an effect on health inequalities").check().run()
    ok([b for b in at.button if b.label == "Add a group"][0].click().run())
    widget(at, "text_input", "Group").input("Living with dementia").run()
    widget(at, "text_input", "Baseline").input("9").run()
    widget(at, "text_input", "Latest").input("6.5").run()
    (measure,) = store.latest(pack)[1]["measures"]
    assert measure == {"inequalities": True, "breakdown": [{"group": "Living with dementia", "baseline": 9,
                                                            "latest": 6.5}]}
    ok([b for b in at.button if b.label == "Remove"][0].click().run())
    assert store.latest(pack)[1]["measures"] == [{"inequalities": True}]


def test_a_measure_is_removed(app, store, stored):
    pack = stored()
    at = app("outcomes", pack_id=pack)
    ok(at.button(key="ep.measure.add").click().run())
    ok([b for b in at.button if b.label == "Remove this measure"][0].click().run())
    assert store.latest(pack)[1]["measures"] == []
    assert any("No outcome measures" in t for t in texts(at, "info"))


def test_an_action_names_a_criterion_of_the_framework_an_owner_and_a_due_date(app, store, stored):
    pack = stored()
    criterion = load_framework().criteria[3]
    at = app("actions", pack_id=pack)
    ok(at.button(key="ep.action.add").click().run())
    criteria = widget(at, "selectbox", "Criterion")
    assert len(criteria.options) == len(load_framework().criteria) + 1
    criteria.set_value(criterion.id).run()
    widget(at, "text_area", "Action").input("Run a usability session on each shift.").run()
    widget(at, "text_input", "Owner (name)").input("G. Example").run()
    widget(at, "date_input", "Due").set_value(dt.date(2027, 1, 31)).run()
    widget(at, "selectbox", "Status").set_value("open").run()
    assert store.latest(pack)[1]["actions"] == [{"criterion": criterion.id,
                                                 "action": "Run a usability session on each shift.",
                                                 "owner": {"name": "G. Example"}, "due": "2027-01-31",
                                                 "status": "open"}]
    ok([b for b in at.button if b.label == "Remove"][0].click().run())
    assert store.latest(pack)[1]["actions"] == []


def test_a_number_that_cannot_be_read_is_kept_and_flagged_not_dropped(app, store, stored):
    pack = stored()
    at = app("outcomes", pack_id=pack)
    ok(at.button(key="ep.measure.add").click().run())
    widget(at, "text_input", "Baseline value").input("1,250").run()
    assert store.latest(pack)[1]["measures"][0]["baseline"] == {"value": 1250}
    before = store.latest(pack)[0].number
    widget(at, "text_input", "Baseline value").input("about 12").run()
    assert store.latest(pack)[0].number == before  # nothing half-read is saved
    assert widget(at, "text_input", "Baseline value").value == "about 12"  # what was typed stays
    assert any("“about 12” is not read as a number" in t for t in texts(at, "warning"))
    ok(at.button(key="ep.measure.add").click().run())  # the page is redrawn: the text is still there
    assert widget(at, "text_input", "Baseline value").value == "about 12"
    widget(at, "text_input", "Baseline value").input("12").run()
    assert store.latest(pack)[1]["measures"][0]["baseline"] == {"value": 12}
    assert not any("not read as a number" in t for t in texts(at, "warning"))
