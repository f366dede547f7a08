"""History as a person reads it: sittings, labels, masked comparisons, milestones, and a purge."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

import pytest

from evidencepack.blank import blank_pack
from evidencepack.privacy.synthetic import nhs_number
from evidencepack.store import open_store
from evidencepack.workflow import approvals, history, saving

PACK_ID = "7e3d2c1b-0a9f-4e8d-8c7b-6a5f4e3d2c1b"


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'packs.db'}") as opened:
        yield opened


def _saves(store, edits: list[tuple[str, dict]]) -> str:
    data = blank_pack(title="Falls", pack_id=PACK_ID)
    pack = store.create_pack(data, saved_by="Ana")
    for number, (who, change) in enumerate(edits, start=1):
        data = copy.deepcopy(data)
        for section, values in change.items():
            data[section].update(values)
        store.save(pack, data, base_version=number, saved_by=who)
    return pack


def test_saves_by_one_person_close_together_are_one_sitting_with_labels(store):
    pack = _saves(store, [("Ana", {"innovation": {"name": "CareLoop"}}),
                          ("Ana", {"innovation": {"product_version": "4.2"}}),
                          ("Ben", {"metadata": {"title": "Falls at night"}})])
    sittings = history.sittings(store, pack)
    assert [(s.by, s.first, s.last) for s in sittings] == [("Ben", 4, 4), ("Ana", 1, 3)]
    assert sittings[0].changed == ["Details: title"]
    assert sittings[1].changed == ["Innovation: name", "Innovation: product version"]


def test_a_gap_of_more_than_half_an_hour_starts_a_new_sitting(store):
    pack = _saves(store, [("Ana", {"innovation": {"name": "CareLoop"}})])
    versions = store.versions(pack)
    later = dataclasses.replace(versions[1], saved_at=versions[0].saved_at + dt.timedelta(minutes=31))
    assert [(s.first, s.last) for s in history.sittings(store, pack, [versions[0], later])] == [(2, 2), (1, 1)]


def test_compare_masks_personal_data_and_shows_word_changes_in_long_text():
    number = nhs_number()
    old = {"actions": [{"action": "Check every month that printed summaries reach relatives on time, by post."}]}
    new = {"actions": [{"action": f"Check every month that printed summaries reach relatives, NHS {number}."}]}
    (change,) = history.compare(old, new)
    assert change.label == "Action 1: action" and change.kind == "changed"
    assert number not in change.after.replace(" ", "") and "***" in change.after
    assert ("removed", "relatives on time, by post.") in change.words
    assert ("same", "Check every month that printed summaries reach") in change.words
    assert all(number not in text.replace(" ", "") for _kind, text in change.words)


def test_compare_shows_a_choice_by_its_label_and_free_text_as_written():
    old = {"metadata": {"status": "draft", "title": "in_review of care_home"},
           "principles": {"people": {"criteria": {"co_design": {"status": "not_yet"}}}}}
    new = {"metadata": {"status": "in_review", "title": "in_review of nhs_trust"},
           "principles": {"people": {"criteria": {"co_design": {"status": "not_documented"}}}}}
    changes = {c.label: (c.before, c.after) for c in history.compare(old, new)}
    assert changes["Details: status"] == ("Draft", "In review")
    assert changes["Details: title"] == ("in_review of care_home", "in_review of nhs_trust")
    (status,) = [v for k, v in changes.items() if k.endswith(": status") and not k.startswith("Details")]
    assert status == ("Not yet", "Not documented")


def test_milestones_are_named_in_words(store):
    pack = _saves(store, [])
    store.record_event(pack, "approved", by="Ben", version=1, detail={"reason": "Board"})
    (milestone,) = history.milestones(store.events(pack))
    assert (milestone.what, milestone.by, milestone.save, milestone.reason) == ("Approved", "Ben", 1, "Board")


def test_a_step_names_who_saved_its_version_as_the_store_recorded_and_an_export_names_the_exporter(store):
    pack = _saves(store, [("Ben", {"metadata": {"status": "in_review"}})])  # save 2 is Ben's
    store.record_event(pack, "submitted", by="Ana", version=2)  # a log line at odds with the save
    store.record_event(pack, "exported", by="Cara", version=2)
    exported, submitted = history.milestones(store.events(pack), store.versions(pack))
    assert (submitted.what, submitted.by, submitted.save) == ("Submitted for review", "Ben", 2)
    assert (exported.what, exported.by, exported.save) == ("Exported", "Cara", 2)


def test_a_step_that_someone_else_had_already_taken_is_not_logged_again(store):
    pack = _saves(store, [])
    _, base = store.latest(pack)
    submitted = copy.deepcopy(base)
    submitted["metadata"]["status"] = "in_review"
    ben = saving.save(store, pack, submitted, base_version=1, saved_by="Ben")
    assert ben.created and approvals.record_step(store, pack, ben, "submitted").by == "Ben"
    ana = saving.save(store, pack, copy.deepcopy(submitted), base_version=1, saved_by="Ana")  # her copy was stale
    assert not ana.created and ana.info.number == 2 and ana.info.saved_by == "Ben"
    assert approvals.record_step(store, pack, ana, "submitted") is None
    assert [(e.kind, e.by, e.version) for e in store.events(pack)] == [("submitted", "Ben", 2)]
    assert [v.number for v in store.versions(pack)] == [1, 2]


def test_identifiers_in_any_save_are_found_masked_and_purged_from_every_save(store):
    number = nhs_number()
    pack = _saves(store, [("Ana", {"innovation": {"summary": f"Resident {number} asked for it"}}),
                          ("Ana", {"innovation": {"summary": "Residents asked for it"}})])
    (found,) = history.identifiers(store, pack)
    assert found.saves == (2,) and number not in found.masked.replace(" ", "")
    event = history.purge(store, pack, found, by="Cara", reason="Resident's NHS number")
    assert [v["number"] for v in event.detail["versions"]] == [2]
    assert history.identifiers(store, pack) == []
    assert store.integrity_problems(pack) == []
