"""Packs and versions: round-trips, append-only numbering, conflicts, archive, restore, integrity."""

from __future__ import annotations

import uuid
from datetime import UTC
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from evidencepack.canonical import canonical_json, content_sha256
from evidencepack.store import (
    ConflictError,
    DataIntegrityError,
    PackArchivedError,
    PackExistsError,
    PackNotFound,
    Store,
    StoreError,
    VersionNotFound,
)


def pack(title: str, **extra: Any) -> dict[str, Any]:
    return {"metadata": {"title": title, "status": "draft"}, **extra}


UNICODE_PACK = {
    "metadata": {"title": "Résumé of the falls pilot — ward 7 🩺", "status": "draft"},
    "innovation": {"name": "Acoustic monitoring 夜间", "summary": "Staff said: “fewer night checks” 👍🏽"},
    "principles": {"p1": {"narrative": "Co-designed with residents [E1]\nLine two\ttabbed \u0000 nul"}},
    "measures": [{"baseline": {"value": 12.5}, "latest": {"value": -0.0}, "target": 10**30}],
    "flags": [True, False, None],
    "empty": {},
    "": "empty key",
}


def test_create_then_latest_round_trips_data_exactly(store: Store) -> None:
    pack_id = store.create_pack(UNICODE_PACK, saved_by="Ada Lead")
    info, data = store.latest(pack_id)
    assert data == UNICODE_PACK
    assert canonical_json(data) == canonical_json(UNICODE_PACK)
    assert info.number == 1
    assert info.sha256 == content_sha256(UNICODE_PACK)
    assert info.saved_by == "Ada Lead"
    assert info.saved_at.tzinfo is UTC
    assert store.summary(pack_id).title == "Résumé of the falls pilot — ward 7 🩺"


json_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | json_text
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(json_text, children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(json_text, json_values, max_size=6))
def test_any_json_object_round_trips_exactly(store: Store, data: dict[str, Any]) -> None:
    data = {"metadata": {"id": str(uuid.uuid4())}, "body": data}
    pack_id = store.create_pack(data, saved_by="hypothesis")
    info, loaded = store.latest(pack_id)
    assert canonical_json(loaded) == canonical_json(data)
    assert info.sha256 == content_sha256(data)


def test_pack_id_is_the_metadata_id_when_present_else_a_new_uuid(store: Store) -> None:
    given_id = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
    assert store.create_pack({"metadata": {"id": given_id}}, saved_by="a") == given_id.lower()
    assert store.latest(given_id)[1] == {"metadata": {"id": given_id}}  # any spelling of the UUID finds it
    new_id = store.create_pack(pack("no id"), saved_by="a")
    assert uuid.UUID(new_id).version == 4
    with pytest.raises(StoreError, match="not a UUID"):
        store.create_pack({"metadata": {"id": "pack-1"}}, saved_by="a")


def test_creating_a_pack_that_exists_is_refused(store: Store) -> None:
    pack_id = str(uuid.uuid4())
    store.create_pack({"metadata": {"id": pack_id, "title": "first"}}, saved_by="a")
    with pytest.raises(PackExistsError, match=pack_id):
        store.create_pack({"metadata": {"id": pack_id, "title": "second"}}, saved_by="b")
    assert [v.number for v in store.versions(pack_id)] == [1]
    assert store.latest(pack_id)[1]["metadata"]["title"] == "first"


def test_versions_are_append_only_and_numbered_with_content_hashes(store: Store) -> None:
    contents = [pack(f"draft {n}", n=n) for n in range(1, 6)]
    pack_id = store.create_pack(contents[0], saved_by="u1", note="first")
    for n, content in enumerate(contents[1:], start=1):
        saved = store.save(pack_id, content, base_version=n, saved_by=f"u{n + 1}", note=f"edit {n}")
        assert saved.number == n + 1
    history = store.versions(pack_id)
    assert [v.number for v in history] == [1, 2, 3, 4, 5]
    assert [v.sha256 for v in history] == [content_sha256(c) for c in contents]
    assert [v.saved_by for v in history] == ["u1", "u2", "u3", "u4", "u5"]
    assert [v.note for v in history] == ["first", "edit 1", "edit 2", "edit 3", "edit 4"]
    assert all(a.saved_at <= b.saved_at for a, b in zip(history, history[1:], strict=False))
    for info, content in zip(history, contents, strict=True):
        assert store.get_version(pack_id, info.number) == (info, content)
    assert store.latest(pack_id) == (history[-1], contents[-1])
    summary = store.summary(pack_id)
    assert (summary.current_version, summary.saved_by, summary.title) == (5, "u5", "draft 5")


def test_saving_identical_data_returns_the_current_version_without_a_new_one(store: Store) -> None:
    pack_id = store.create_pack(pack("same"), saved_by="a")
    again = store.save(pack_id, pack("same"), base_version=1, saved_by="b")
    assert again.number == 1
    assert again.saved_by == "a"
    assert len(store.versions(pack_id)) == 1


def test_stale_save_raises_conflict_and_loses_nothing(store: Store) -> None:
    pack_id = store.create_pack(pack("v1"), saved_by="alice")
    _, alice_copy = store.latest(pack_id)
    _, bob_copy = store.latest(pack_id)
    store.save(pack_id, {**bob_copy, "bob": "added a measure"}, base_version=1, saved_by="bob")

    alice_edit = {**alice_copy, "alice": "added an action"}
    with pytest.raises(ConflictError) as raised:
        store.save(pack_id, alice_edit, base_version=1, saved_by="alice")
    conflict = raised.value
    assert conflict.base_version == 1
    assert conflict.current.number == 2
    assert conflict.current.saved_by == "bob"
    assert conflict.current_data == {**bob_copy, "bob": "added a measure"}
    assert "version 2" in str(conflict) and "bob" in str(conflict)
    assert [v.number for v in store.versions(pack_id)] == [1, 2]

    merged = {**conflict.current_data, "alice": "added an action"}
    resolved = store.save(pack_id, merged, base_version=conflict.current.number, saved_by="alice")
    assert resolved.number == 3
    assert store.get_version(pack_id, 1)[1] == pack("v1")
    assert store.get_version(pack_id, 2)[1] == {**bob_copy, "bob": "added a measure"}
    assert store.get_version(pack_id, 3)[1] == merged


def test_stale_save_with_data_identical_to_the_latest_is_still_a_conflict(store: Store) -> None:
    pack_id = store.create_pack(pack("v1"), saved_by="a")
    store.save(pack_id, pack("v2"), base_version=1, saved_by="b")
    with pytest.raises(ConflictError):
        store.save(pack_id, pack("v2"), base_version=1, saved_by="a")


def test_archive_hides_from_default_list_and_keeps_versions(store: Store) -> None:
    kept = store.create_pack(pack("kept"), saved_by="a")
    gone = store.create_pack(pack("archived"), saved_by="a")
    store.save(gone, pack("archived", more=1), base_version=1, saved_by="a")

    store.archive(gone)
    store.archive(gone)  # idempotent
    assert [p.id for p in store.list_packs()] == [kept]
    listed = {p.id: p for p in store.list_packs(include_archived=True)}
    assert listed[gone].archived and not listed[kept].archived
    assert [v.number for v in store.versions(gone)] == [1, 2]
    assert store.latest(gone)[1] == pack("archived", more=1)
    with pytest.raises(PackArchivedError, match="unarchive"):
        store.save(gone, pack("edited"), base_version=2, saved_by="a")

    store.unarchive(gone)
    assert {p.id for p in store.list_packs()} == {kept, gone}
    assert store.save(gone, pack("edited"), base_version=2, saved_by="a").number == 3


def test_list_packs_shows_title_version_and_last_save(store: Store) -> None:
    first = store.create_pack(pack("Falls sensors"), saved_by="a")
    untitled = store.create_pack({"metadata": {}}, saved_by="b")
    store.save(first, pack("Falls sensors, phase 2"), base_version=1, saved_by="c")
    listed = store.list_packs()
    assert [p.id for p in listed] == [first, untitled]  # most recently saved first
    latest = listed[0]
    assert (latest.title, latest.current_version, latest.saved_by) == ("Falls sensors, phase 2", 2, "c")
    assert listed[1].title is None


def test_restore_saves_the_old_content_as_a_new_version(store: Store) -> None:
    pack_id = store.create_pack(pack("original"), saved_by="a")
    store.save(pack_id, pack("mistake"), base_version=1, saved_by="b")
    restored = store.restore(pack_id, 1, base_version=2, saved_by="c")
    assert restored.number == 3
    assert restored.note == "Restored version 1"
    assert restored.sha256 == content_sha256(pack("original"))
    assert store.latest(pack_id)[1] == pack("original")
    assert [v.number for v in store.versions(pack_id)] == [1, 2, 3]
    assert store.get_version(pack_id, 2)[1] == pack("mistake")
    with pytest.raises(ConflictError):
        store.restore(pack_id, 2, base_version=2, saved_by="d")


def test_unknown_pack_and_version_give_clear_errors(store: Store) -> None:
    missing = str(uuid.uuid4())
    for call in (store.latest, store.versions, store.summary, store.archive):
        with pytest.raises(PackNotFound, match=missing):
            call(missing)
    with pytest.raises(PackNotFound):
        store.save(missing, pack("x"), base_version=1, saved_by="a")
    pack_id = store.create_pack(pack("one"), saved_by="a")
    with pytest.raises(VersionNotFound, match="no version 2; its versions are numbered 1 to 1"):
        store.get_version(pack_id, 2)


def test_data_that_is_not_a_json_object_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="JSON object"):
        store.create_pack(["not", "a", "dict"], saved_by="a")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot be stored as JSON"):
        store.create_pack({"value": float("nan")}, saved_by="a")
    with pytest.raises(StoreError, match="saved_by"):
        store.create_pack(pack("x"), saved_by="  ")


def test_tampered_version_data_is_detected_on_read(store: Store, store_url: str) -> None:
    pack_id = store.create_pack(pack("honest"), saved_by="a")
    store.save(pack_id, pack("honest, v2"), base_version=1, saved_by="a")
    raw = create_engine(store_url)
    with raw.begin() as conn:
        conn.execute(
            text("UPDATE pack_versions SET data = :data WHERE pack_id = :id AND number = 1"),
            {"data": canonical_json(pack("forged")).decode(), "id": pack_id},
        )
    raw.dispose()
    with pytest.raises(DataIntegrityError, match=rf"version 1 of evidence pack '{pack_id}'.*SHA-256"):
        store.get_version(pack_id, 1)
    with pytest.raises(DataIntegrityError):
        store.restore(pack_id, 1, base_version=2, saved_by="a")
    assert store.latest(pack_id)[1] == pack("honest, v2")  # other versions still read


def test_corrupt_version_json_is_detected_on_read(store: Store, store_url: str) -> None:
    pack_id = store.create_pack(pack("honest"), saved_by="a")
    raw = create_engine(store_url)
    with raw.begin() as conn:
        conn.execute(text("UPDATE pack_versions SET data = '{\"trunc' WHERE pack_id = :id"), {"id": pack_id})
    raw.dispose()
    with pytest.raises(DataIntegrityError, match="not valid JSON"):
        store.latest(pack_id)
