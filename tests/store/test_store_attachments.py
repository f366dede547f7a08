"""Attachments: stored once by SHA-256, size limit, links to packs, integrity."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import create_engine, func, select, text

from evidencepack.store import (
    DEFAULT_MAX_ATTACHMENT_BYTES,
    AttachmentNotFound,
    AttachmentTooLarge,
    DataIntegrityError,
    PackNotFound,
    Store,
    open_store,
)
from evidencepack.store import schema as tables


def count_attachments(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tables.attachments)).scalar_one()
    finally:
        engine.dispose()


def test_attachments_are_stored_once_by_hash(store: Store, store_url: str) -> None:
    content = b"%PDF-1.7 survey results \x00\xff" * 100
    first = store.put_attachment(content, filename="survey.pdf", media_type="application/pdf")
    second = store.put_attachment(content, filename="copy of survey.pdf", media_type="application/pdf")
    assert first.sha256 == second.sha256 == hashlib.sha256(content).hexdigest()
    assert first.size == len(content)
    assert second.filename == "survey.pdf"  # the first name is kept
    assert count_attachments(store_url) == 1
    assert store.get_attachment(first.sha256) == content
    assert store.get_attachment(first.sha256.upper()) == content
    other = store.put_attachment(b"minutes", filename="minutes.txt", media_type="text/plain")
    assert other.sha256 != first.sha256
    assert count_attachments(store_url) == 2
    assert store.attachment_info(other.sha256) == other


def test_attachments_link_to_packs(store: Store, store_url: str) -> None:
    pack_id = store.create_pack({"metadata": {"title": "with files"}}, saved_by="a")
    photo = store.put_attachment(b"jpeg bytes", filename="ward.jpg", media_type="image/jpeg", pack_id=pack_id)
    store.put_attachment(b"jpeg bytes", filename="ward.jpg", media_type="image/jpeg", pack_id=pack_id)
    linked = store.pack_attachments(pack_id)
    assert [(a.sha256, a.filename, a.size) for a in linked] == [(photo.sha256, "ward.jpg", 10)]
    assert count_attachments(store_url) == 1
    with pytest.raises(PackNotFound):
        store.put_attachment(b"x", filename="x.txt", pack_id="no-such-pack")


def test_attachment_over_the_size_limit_is_refused_and_nothing_stored(store_url: str) -> None:
    assert DEFAULT_MAX_ATTACHMENT_BYTES == 20 * 1024 * 1024
    with open_store(store_url, max_attachment_bytes=1024) as store:
        at_limit = store.put_attachment(b"a" * 1024, filename="ok.bin")
        too_big = b"b" * 1025
        with pytest.raises(AttachmentTooLarge) as raised:
            store.put_attachment(too_big, filename="scan.tiff", media_type="image/tiff")
        message = str(raised.value)
        assert "scan.tiff" in message and "1025 bytes" in message and "1 KB (1024 bytes)" in message
        assert count_attachments(store_url) == 1
        with pytest.raises(AttachmentNotFound):
            store.get_attachment(hashlib.sha256(too_big).hexdigest())
        assert store.get_attachment(at_limit.sha256) == b"a" * 1024


def test_default_attachment_limit_is_20_mb(store: Store) -> None:
    with pytest.raises(AttachmentTooLarge, match=r"20\.0 MB .*over the limit of 20 MB \(20971520 bytes\)"):
        store.put_attachment(bytes(20 * 1024 * 1024 + 1), filename="video.mp4")


def test_tampered_attachment_is_detected_on_read(store: Store, store_url: str) -> None:
    info = store.put_attachment(b"original", filename="a.txt", media_type="text/plain")
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE attachments SET content = :c WHERE sha256 = :s"),
            {"c": b"forged!!", "s": info.sha256},
        )
    engine.dispose()
    with pytest.raises(DataIntegrityError, match=info.sha256):
        store.get_attachment(info.sha256)
