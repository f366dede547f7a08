"""History (versions, what changed, restore) and approval (who and when; read-only until a new version)."""

from __future__ import annotations

import datetime as dt

from ui_support import ok, texts, widget

from evidencepack.privacy.synthetic import nhs_number


def _two_versions(store, pack):
    _, data = store.latest(pack)
    data["metadata"]["title"] = "Renamed pack"
    data["innovation"]["name"] = "CareLoop"
    store.save(pack, data, base_version=1, saved_by="Ana Quality", note="renamed")


def test_saves_are_grouped_into_sittings_listing_what_changed_by_label(app, store, stored):
    pack = stored()
    _two_versions(store, pack)
    at = app("history", pack_id=pack)
    titles = [e.label for e in at.expander if e.label.startswith(("Ana Quality", "Setup"))]
    assert titles[0].startswith("Ana Quality") and titles[0].endswith("save 2")
    assert titles[1].startswith("Setup") and titles[1].endswith("save 1")
    assert any("Changed: Details: title; Innovation: name." in t for t in texts(at, "markdown"))


def test_compare_shows_labels_and_values_not_json_paths(app, store, stored):
    pack = stored()
    _two_versions(store, pack)
    at = app("history", pack_id=pack)
    rows = {r["field"]: (r["change"], r["before"], r["after"]) for r in at.dataframe[0].value.to_dict("records")}
    assert rows == {"Details: title": ("changed", "Test pack", "Renamed pack"),
                    "Innovation: name": ("added", "", "CareLoop")}
    assert not at.code  # no JSON diff


def test_restoring_asks_for_confirmation_then_says_what_it_did(app, store, stored):
    pack = stored()
    _two_versions(store, pack)
    at = app("history", pack_id=pack)
    at.selectbox(key="ep.history.restore").set_value(1)
    ok(at.button(key="ep.history.restore.go").click().run())
    assert store.latest(pack)[0].number == 2  # nothing yet
    assert any("Make the pack as it was at save 1?" in t for t in texts(at, "warning"))
    ok(at.button(key="ep.history.restore.yes").click().run())
    info, data = store.latest(pack)
    assert info.number == 3 and info.note == "Restored version 1" and info.saved_by == "Tess Lead"
    assert data == store.get_version(pack, 1)[1]
    assert at.session_state["ep.data"]["metadata"]["title"] == "Test pack"
    assert any("Restored: the pack is now as it was at save 1, kept as save 3." in t for t in texts(at, "success"))
    assert "All changes saved (save 3)" in texts(at.sidebar, "caption")


def test_cancelling_a_restore_changes_nothing(app, store, stored):
    pack = stored()
    _two_versions(store, pack)
    at = app("history", pack_id=pack)
    ok(at.button(key="ep.history.restore.go").click().run())
    ok(at.button(key="ep.history.restore.no").click().run())
    assert store.latest(pack)[0].number == 2
    assert not any("Make the pack" in t for t in texts(at, "warning"))


def test_milestones_are_listed_by_name(app, store, stored):
    pack = stored()
    at = app("approval", pack_id=pack)
    ok(at.button(key="ep.approval.submit").click().run())
    at = app("history", pack_id=pack)
    assert any("Submitted for review by Tess Lead (save 2)" in t for t in texts(at, "markdown"))


def _approve(at, reason: str = "") -> None:
    widget(at, "text_input", "Your role").input("Registered manager")
    widget(at, "date_input", "Date").set_value(dt.date(2026, 11, 20))
    if reason:
        at.text_area[0].input(reason)
    ok(at.button[-1].click().run())


def test_approving_a_pack_that_is_not_ready_records_who_when_and_the_reason_in_the_pack(app, store, stored):
    pack = stored()  # a blank pack: not ready
    at = app("approval", pack_id=pack)
    _approve(at, "Board asked to see it as it stands")
    info, data = store.latest(pack)
    metadata = data["metadata"]
    assert metadata["status"] == "approved"
    assert metadata["approval"] == {"name": "Tess Lead", "role": "Registered manager", "date": "2026-11-20",
                                    "reason": "Board asked to see it as it stands", "self_approved": False}
    assert "reason: Board asked to see it as it stands" in info.note
    (event,) = [e for e in store.events(pack) if e.kind == "approved"]
    assert event.by == "Tess Lead" and event.version == info.number
    assert event.detail["reason"] == "Board asked to see it as it stands" and event.detail["self_approved"] is False
    assert any("Reason: Board asked to see it as it stands" in t for t in texts(at, "success"))
    at = app("details", pack_id=pack)
    assert all(w.disabled for w in at.text_input)
    assert any("read-only" in t for t in texts(at, "info"))


def test_an_approved_pack_cannot_be_changed_until_a_new_version_starts(app, store, stored):
    pack = stored()
    _, data = store.latest(pack)
    data["metadata"].update(status="approved", approval={"name": "Ana Quality", "date": "2026-11-20"})
    store.save(pack, data, base_version=1, saved_by="Setup")
    at = app("approval", pack_id=pack)
    assert any("Approved by Ana Quality" in t for t in texts(at, "success"))
    ok(at.button(key="ep.approval.new").click().run())
    metadata = store.latest(pack)[1]["metadata"]
    assert metadata["status"] == "draft" and metadata["version"] == 2 and "approval" not in metadata
    at = app("details", pack_id=pack)
    assert not any(w.disabled for w in at.text_input)


def test_submitting_for_review_and_back_to_draft(app, store, stored):
    pack = stored()
    at = app("approval", pack_id=pack)
    ok(at.button(key="ep.approval.submit").click().run())
    assert store.latest(pack)[1]["metadata"]["status"] == "in_review"
    ok(at.button(key="ep.approval.draft").click().run())
    assert store.latest(pack)[1]["metadata"]["status"] == "draft"
    assert [e.kind for e in store.events(pack)] == ["submitted", "returned_to_draft"]


def test_a_pack_that_is_not_ready_is_not_approved_without_a_reason(app, store, stored):
    pack = stored()
    at = app("approval", pack_id=pack)
    assert any("approved only with a reason" in t for t in texts(at, "warning"))
    _approve(at)
    assert any("give a reason for approving it as it stands" in t for t in texts(at, "error"))
    assert store.latest(pack)[1]["metadata"]["status"] == "draft"
    assert "approval" not in store.latest(pack)[1]["metadata"]


def test_the_last_editor_cannot_approve_their_own_change(app, store, stored, monkeypatch):
    monkeypatch.delenv("EVIDENCEPACK_ALLOW_SELF_APPROVAL", raising=False)
    pack = stored()
    _, data = store.latest(pack)
    data["innovation"]["name"] = "CareLoop"
    store.save(pack, data, base_version=1, saved_by="Tess Lead")
    at = app("approval", pack_id=pack)
    _approve(at, "Board deadline")
    assert any("You made the last change to this pack, so someone else must approve it" in t
               and "EVIDENCEPACK_ALLOW_SELF_APPROVAL=1" in t for t in texts(at, "error"))
    info, data = store.latest(pack)
    assert info.number == 2 and data["metadata"]["status"] == "draft" and "approval" not in data["metadata"]
    assert store.events(pack) == []
    other = app("approval", pack_id=pack, user="Ben Reviewer")
    _approve(other, "Board deadline")
    approval = store.latest(pack)[1]["metadata"]["approval"]
    assert approval["name"] == "Ben Reviewer" and approval["self_approved"] is False


def test_a_one_person_provider_may_self_approve_and_the_history_says_so(app, store, stored, monkeypatch):
    monkeypatch.setenv("EVIDENCEPACK_ALLOW_SELF_APPROVAL", "1")
    pack = stored()
    _, data = store.latest(pack)
    data["innovation"]["name"] = "CareLoop"
    store.save(pack, data, base_version=1, saved_by="Tess Lead")
    at = app("approval", pack_id=pack)
    _approve(at, "Board deadline")
    info, data = store.latest(pack)
    assert data["metadata"]["status"] == "approved"
    assert data["metadata"]["approval"]["self_approved"] is True
    assert data["metadata"]["approval"]["reason"] == "Board deadline"
    assert "self-approved" in info.note
    (event,) = [e for e in store.events(pack) if e.kind == "approved"]
    assert event.detail["self_approved"] is True
    assert any("(self-approved: a one-person provider)" in t for t in texts(at, "success"))


def test_history_masks_personal_data_and_a_purge_removes_it_from_every_save(app, store, stored):
    number = nhs_number()
    pack = stored()
    _, data = store.latest(pack)
    data["innovation"]["summary"] = f"Asked for by the resident with NHS number {number}"
    store.save(pack, data, base_version=1, saved_by="Ana Quality")
    data["innovation"]["summary"] = "Asked for by residents"
    store.save(pack, data, base_version=2, saved_by="Ana Quality")
    at = app("history", pack_id=pack)
    at.selectbox(key="ep.history.from").set_value(1).run()
    at.selectbox(key="ep.history.to").set_value(2).run()
    shown = " ".join(str(v) for v in at.dataframe[0].value.to_dict("records"))
    assert number not in shown.replace(" ", "") and "***" in shown
    assert any("in save 2" in t for t in texts(at, "markdown"))
    at.text_input(key="ep.history.purge.reason.0").input("A resident's NHS number")
    ok(at.button[-1].click().run())
    assert any(t.startswith("Purged") and "from save 2;" in t for t in texts(at, "success"))
    for info in store.versions(pack):
        assert number not in str(store.get_version(pack, info.number)[1]).replace(" ", "")
    (event,) = [e for e in store.events(pack) if e.kind == "redacted"]
    assert event.by == "Tess Lead" and event.detail["reason"] == "A resident's NHS number"
    assert store.integrity_problems(pack) == []
    assert any("Personal data purged by Tess Lead" in t for t in texts(at, "markdown"))


def test_two_people_submitting_one_pack_the_milestone_names_who_saved_it(app, store, stored):
    """Ben submits; Ana, whose page still shows the draft, submits too. Her save merges into Ben's version and
    writes nothing, so the log must not credit her with Ben's save."""
    pack = stored()
    ana = app("approval", pack_id=pack, user="Ana Quality")
    ben = app("approval", pack_id=pack, user="Ben Reviewer")
    ok(ben.button(key="ep.approval.submit").click().run())
    ok(ana.button(key="ep.approval.submit").click().run())
    assert [(v.number, v.saved_by) for v in store.versions(pack)] == [(1, "Setup"), (2, "Ben Reviewer")]
    assert [(e.kind, e.by, e.version) for e in store.events(pack)] == [("submitted", "Ben Reviewer", 2)]
    assert any("Nothing to do: Ben Reviewer had already made this change (save 2)" in t for t in texts(ana, "info"))
    assert ana.session_state["ep.data"]["metadata"]["status"] == "in_review"
    at = app("history", pack_id=pack)
    lines = [t for t in texts(at, "markdown") if "Submitted for review" in t]
    assert len(lines) == 1 and lines[0].endswith("Submitted for review by Ben Reviewer (save 2)")
    assert any(e.label.startswith("Ben Reviewer") and e.label.endswith("save 2") for e in at.expander)


def test_a_step_merged_with_a_colleagues_change_is_credited_to_its_own_save(app, store, stored):
    pack = stored()
    ana = app("approval", pack_id=pack, user="Ana Quality")
    _, data = store.latest(pack)
    data["innovation"]["name"] = "CareLoop"
    store.save(pack, data, base_version=1, saved_by="Ben Reviewer")  # save 2, while Ana's page shows save 1
    ok(ana.button(key="ep.approval.submit").click().run())
    info, data = store.latest(pack)
    assert (info.number, info.saved_by, data["innovation"]["name"]) == (3, "Ana Quality", "CareLoop")
    assert [(e.kind, e.by, e.version) for e in store.events(pack)] == [("submitted", "Ana Quality", 3)]
    at = app("history", pack_id=pack)
    assert any(t.endswith("Submitted for review by Ana Quality (save 3)") for t in texts(at, "markdown"))
