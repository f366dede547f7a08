"""The event log, and purging an identifier from every stored version with a redaction event that the store's
integrity check accepts (each backend)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from evidencepack.blank import blank_pack
from evidencepack.privacy.synthetic import nhs_number
from evidencepack.store import DataIntegrityError, StoreError

PACK_ID = "5b0e2c7d-8a9f-4b6c-9d1e-3f2a1b0c9d8e"


def _with_identifier(store, number: str) -> str:
    data = blank_pack(title="Falls", pack_id=PACK_ID)
    pack = store.create_pack(data, saved_by="Ana")
    data["actions"] = [{"action": f"Call back the resident, NHS number {number}"}]
    store.save(pack, data, base_version=1, saved_by="Ana")
    data["actions"][0]["action"] = f"Call back the resident ({number.replace(' ', '')}) today"
    data["innovation"]["summary"] = "Sensors in bedrooms"
    store.save(pack, data, base_version=2, saved_by="Ben")
    return pack


def test_events_are_kept_in_order_with_who_version_and_details(store):
    pack = store.create_pack(blank_pack(title="Falls", pack_id=PACK_ID), saved_by="Ana")
    store.record_event(pack, "submitted", by="Ana", version=1)
    store.record_event(pack, "approved", by="Ben", version=1, detail={"reason": "Board meeting"})
    events = store.events(pack)
    assert [(e.kind, e.by, e.version, e.detail) for e in events] == [
        ("submitted", "Ana", 1, {}), ("approved", "Ben", 1, {"reason": "Board meeting"})]


def test_an_unknown_event_kind_is_refused(store):
    pack = store.create_pack(blank_pack(title="Falls", pack_id=PACK_ID), saved_by="Ana")
    with pytest.raises(StoreError, match="unknown event kind"):
        store.record_event(pack, "deleted", by="Ana")


def test_a_purge_removes_the_identifier_from_every_version_however_it_was_spaced(store):
    number = nhs_number()
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    pack = _with_identifier(store, spaced)
    event = store.redact(pack, spaced, replacement="[NHS number removed]", by="Cara", reason="Resident's number")
    assert [v["number"] for v in event.detail["versions"]] == [2, 3]
    for info in store.versions(pack):
        _, data = store.get_version(pack, info.number)
        text_ = str(data)
        assert number not in text_.replace(" ", "")
    assert store.get_version(pack, 3)[1]["innovation"]["summary"] == "Sensors in bedrooms"  # the rest is kept
    assert store.get_version(pack, 2)[1]["actions"][0]["action"].endswith("[NHS number removed]")
    (recorded,) = [e for e in store.events(pack) if e.kind == "redacted"]
    assert recorded.by == "Cara" and recorded.detail["reason"] == "Resident's number"
    assert number not in str(recorded.detail).replace(" ", "")  # the event never holds the identifier
    assert store.integrity_problems(pack) == []


def test_a_purge_needs_a_reason_and_a_real_match(store):
    pack = _with_identifier(store, nhs_number())
    with pytest.raises(StoreError, match="needs a reason"):
        store.redact(pack, "1234567890", replacement="x", by="Cara", reason=" ")
    with pytest.raises(StoreError, match="no version of this pack holds"):
        store.redact(pack, "0000000000", replacement="x", by="Cara", reason="tidy")


def test_the_integrity_check_finds_a_version_edited_outside_evidencepack(store, store_url):
    pack = _with_identifier(store, nhs_number())
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE pack_versions SET data = :d WHERE pack_id = :p AND number = 1"),
                     {"d": '{"edited": true}', "p": pack})
    engine.dispose()
    problems = store.integrity_problems(pack)
    assert len(problems) == 1 and "version 1" in problems[0]
    with pytest.raises(DataIntegrityError):
        store.get_version(pack, 1)
