"""The store, on SQLite and PostgreSQL, with hostile content: control characters and huge strings round-trip
exactly; what no backend can hold is refused with a clear StoreError and nothing stored; data tampered with in any
hostile form is a DataIntegrityError on read; an oversized attachment is refused before anything is written."""

from __future__ import annotations

import hashlib
import json

import pytest
from hostile_inputs import example
from sqlalchemy import create_engine, text

from evidencepack.canonical import content_sha256
from evidencepack.load import parse_bytes
from evidencepack.store import (
    AttachmentNotFound,
    AttachmentTooLarge,
    DataIntegrityError,
    Store,
    StoreError,
)
from evidencepack.store.store import TITLE_CHARS

CONTROL = "".join(chr(c) for c in range(0x20)) + "\x7f\u0085\u2028\u2029\ufeff\ufffe\uffff"


def _hostile_content() -> dict:
    data = example()
    data["metadata"]["title"] = f"Title with every control character: {CONTROL}"
    data["innovation"]["summary"] = "A huge summary. " * 400_000  # 6.4 MB
    data["evidence"][0]["title"] = "=HYPERLINK(\"http://evil.example\",\"x\") 😀 تحسين \u202eeciov\u202c"
    data["evidence"][0]["description"] = CONTROL * 1000
    data["measures"][0]["target"] = 10**4000  # the longest number a pack may hold
    data["evidence"][1]["title"] = ""
    return data


def test_hostile_content_round_trips_exactly(store: Store) -> None:
    data = _hostile_content()
    pack_id = store.create_pack(data, saved_by="A. Lead\tnight shift", note=f"note {CONTROL[1:]}")
    info, back = store.latest(pack_id)
    assert back == data and info.sha256 == content_sha256(data)
    summary = store.summary(pack_id)
    assert summary.title is not None and summary.title.startswith("Title with every control character: \ufffd\x01")
    edited = {**back, "actions": [{"action": CONTROL[1:] * 10_000}]}
    saved = store.save(pack_id, edited, base_version=1, saved_by="A. Lead")
    assert store.get_version(pack_id, saved.number)[1] == edited


def test_a_pack_read_from_a_file_with_escaped_control_characters_round_trips(store: Store) -> None:
    document = parse_bytes(json.dumps(_hostile_content()).encode(), "hostile.json")
    pack_id = store.create_pack(document.data, saved_by="A. Lead")
    assert store.latest(pack_id)[1] == document.data


def test_the_listed_title_is_cut_to_a_readable_length(store: Store) -> None:
    data = {"metadata": {"title": "x" * 1_000_000}}
    pack_id = store.create_pack(data, saved_by="A. Lead")
    assert store.summary(pack_id).title == "x" * TITLE_CHARS
    assert store.latest(pack_id)[1] == data  # the data keeps the whole title


@pytest.mark.parametrize("field", ["saved_by", "note"])
@pytest.mark.parametrize("bad", ["a\x00b", "\udc80"], ids=["NUL", "lone surrogate"])
def test_a_person_or_note_no_backend_can_hold_is_refused_and_nothing_stored(store: Store, field: str,
                                                                              bad: str) -> None:
    kwargs = {"saved_by": "A. Lead", "note": ""} | {field: bad}
    with pytest.raises(StoreError, match="NUL character or an unpaired surrogate"):
        store.create_pack({"metadata": {"title": "t"}}, **kwargs)
    assert store.list_packs() == []
    pack_id = store.create_pack({"metadata": {"title": "t"}}, saved_by="A. Lead")
    with pytest.raises(StoreError, match="NUL character or an unpaired surrogate"):
        store.save(pack_id, {"metadata": {"title": "t2"}}, base_version=1, **kwargs)
    assert [v.number for v in store.versions(pack_id)] == [1]


def test_pack_text_that_is_not_unicode_is_refused_clearly(store: Store) -> None:
    with pytest.raises(StoreError, match="not valid Unicode"):
        store.create_pack({"metadata": {"title": "\ud800"}}, saved_by="A. Lead")
    assert store.list_packs() == []


@pytest.mark.parametrize(
    ("filename", "media_type"),
    [("a\x00.txt", "text/plain"), ("\udc80.txt", "text/plain"), ("a.txt", "text/plain\x00"),
     ("a.txt", "x/" + "y" * 300)],
    ids=["NUL in the name", "lone surrogate in the name", "NUL in the type", "a type over 255 characters"],
)
def test_an_attachment_name_or_type_no_backend_can_hold_is_refused(store: Store, filename: str,
                                                                    media_type: str) -> None:
    with pytest.raises(StoreError, match="filename|media type"):
        store.put_attachment(b"content", filename=filename, media_type=media_type)
    with pytest.raises(AttachmentNotFound):
        store.get_attachment(hashlib.sha256(b"content").hexdigest())


def test_an_oversized_attachment_is_refused_before_anything_is_written(store: Store) -> None:
    content = bytes(store.max_attachment_bytes + 1)
    with pytest.raises(AttachmentTooLarge, match="nothing was stored"):
        store.put_attachment(content, filename="scan.tiff", media_type="image/tiff")
    with pytest.raises(AttachmentNotFound):
        store.get_attachment(hashlib.sha256(content).hexdigest())


TAMPERED = {
    "other JSON": json.dumps({"metadata": {"title": "forged"}}),
    "nested 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "NaN": '{"metadata": {"version": NaN}}',
    "a 10,000-digit number": '{"metadata": {"version": ' + "9" * 10_000 + "}}",
    "not JSON": "\x01\x02 not json",
    "a list": "[1, 2]",
    "empty": "",
    "a huge string": json.dumps({"metadata": {"title": "x" * 5_000_000}}),
}


@pytest.mark.parametrize("case", list(TAMPERED))
def test_tampered_version_data_in_any_form_is_a_data_integrity_error(store: Store, store_url: str,
                                                                     case: str) -> None:
    pack_id = store.create_pack({"metadata": {"title": "honest"}}, saved_by="a")
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE pack_versions SET data = :data WHERE pack_id = :id"),
                     {"data": TAMPERED[case], "id": pack_id})
    engine.dispose()
    with pytest.raises(DataIntegrityError, match=f"version 1 of evidence pack '{pack_id}'"):
        store.latest(pack_id)
    with pytest.raises(DataIntegrityError):
        store.save(pack_id, {"metadata": {"title": "edit"}}, base_version=0, saved_by="a")  # conflict reads it
