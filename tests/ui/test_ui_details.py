"""The Details page: provider, locations, period, people and the innovation, saved field by field."""

from __future__ import annotations

import datetime as dt

from ui_support import finding_codes, ok, texts, widget

from evidencepack.framework import load_framework


def test_each_field_is_saved_as_a_new_version_when_it_changes(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "text_input", "Provider name").input("Larkfield Care Ltd").run()
    widget(at, "text_input", "CQC provider ID").input("1-1028374651").run()
    info, data = store.latest(pack)
    assert data["metadata"]["provider"] == {"name": "Larkfield Care Ltd", "cqc_provider_id": "1-1028374651"}
    assert info.number == 3 and info.saved_by == "Tess Lead"
    assert "All changes saved (save 3)" in texts(at.sidebar, "caption")


def test_a_blank_field_removes_its_key_and_any_object_it_empties(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "text_input", "Provider name").input("Larkfield").run()
    widget(at, "text_input", "Provider name").input("   ").run()
    _, data = store.latest(pack)
    assert "provider" not in data["metadata"]
    assert data["metadata"]["title"] == "Test pack"


def test_dates_are_stored_as_iso_dates_and_can_be_cleared(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "date_input", "Period start").set_value(dt.date(2025, 5, 1)).run()
    assert store.latest(pack)[1]["metadata"]["period"] == {"start": "2025-05-01"}
    widget(at, "date_input", "Period start").set_value(None).run()
    assert "period" not in store.latest(pack)[1]["metadata"]


def test_choices_come_from_the_schema_and_the_blank_choice_removes_the_field(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    sector = widget(at, "selectbox", "Sector")
    documents = load_framework().documents["pack.schema.json"]
    allowed = documents["properties"]["metadata"]["properties"]["provider"]["properties"]["sector"]["enum"]
    assert len(sector.options) == len(allowed) + 1 and sector.options[0] == "—"
    assert "NHS trust" in sector.options and "Care home" in sector.options
    sector.set_value("care_home").run()
    assert store.latest(pack)[1]["metadata"]["provider"] == {"sector": "care_home"}
    widget(at, "selectbox", "Sector").select_index(0).run()
    assert "provider" not in store.latest(pack)[1]["metadata"]


def test_locations_are_added_edited_and_removed(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    ok(at.button(key="ep.loc.add").click().run())
    ok(at.button(key="ep.loc.add").click().run())
    widget(at, "text_input", "Location name", 0).input("Larkfield House").run()
    widget(at, "text_input", "Location name", 1).input("Larkfield Lodge").run()
    assert store.latest(pack)[1]["metadata"]["locations"] == [{"name": "Larkfield House"}, {"name": "Larkfield Lodge"}]
    remove = [b for b in at.button if b.label == "Remove"][0]
    ok(remove.click().run())
    assert store.latest(pack)[1]["metadata"]["locations"] == [{"name": "Larkfield Lodge"}]
    assert widget(at, "text_input", "Location name").value == "Larkfield Lodge"


def test_the_innovation_and_its_assurance_are_saved(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "text_input", "Name of the innovation").input("CareLoop").run()
    widget(at, "selectbox", "Kind").set_value("digital").run()
    widget(at, "text_area", "Summary").input("Digital care plans on handheld devices.").run()
    widget(at, "text_input", "DPIA reference").input("DPIA-2025-04").run()
    innovation = store.latest(pack)[1]["innovation"]
    assert innovation == {"name": "CareLoop", "kind": "digital", "summary": "Digital care plans on handheld devices.",
                          "assurance": {"dpia_reference": "DPIA-2025-04"}}


def test_findings_about_the_details_are_shown_with_their_fix(app, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "text_input", "CQC provider ID").input("12345").run()
    errors = texts(at, "error")
    assert any(t.startswith("'12345' is not 1- followed by 9 or 10 digits") and "Fix:" in t for t in errors), errors
    assert not any("EP401" in t for t in errors)  # codes only in the details table
    assert "EP401" in finding_codes(at)


def test_without_an_open_pack_the_page_points_to_the_packs_page(app):
    at = app("details")
    assert any("Open or create a pack" in t for t in texts(at, "info"))


def test_personal_data_no_is_kept_as_false_and_the_blank_choice_means_not_said(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "selectbox", "Does it process personal data?").set_value(False).run()
    assert store.latest(pack)[1]["innovation"] == {"personal_data": False}
    widget(at, "selectbox", "Does it process personal data?").set_value(True).run()
    assert store.latest(pack)[1]["innovation"] == {"personal_data": True}
    widget(at, "selectbox", "Does it process personal data?").select_index(0).run()
    assert "personal_data" not in store.latest(pack)[1].get("innovation", {})


def test_the_assurance_status_dates_and_signatories_are_saved(app, store, stored):
    pack = stored()
    at = app("details", pack_id=pack)
    widget(at, "selectbox", "Where the DPIA stands").set_value("draft").run()
    widget(at, "date_input", "DPIA signed off on").set_value(dt.date(2026, 3, 2)).run()
    widget(at, "text_input", "Clinical safety officer who signed it").input("Sam Madeup, CSO").run()
    assurance = store.latest(pack)[1]["innovation"]["assurance"]
    assert assurance == {"dpia_status": "draft", "dpia_date": "2026-03-02",
                         "clinical_safety_officer": "Sam Madeup, CSO"}
