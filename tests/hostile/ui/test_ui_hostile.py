"""The app's Packs page meets every hostile upload with a clear error, no exception, and nothing stored."""

from __future__ import annotations

import time

import pytest
from hostile_inputs import Hostile, hostile_bundles, hostile_documents, hostile_packs, million_items_json
from ui_support import ok, texts

# The uploader takes .docx, not .zip; a bundle renamed .docx is read like one (load looks at the bytes).
UPLOADS = hostile_packs() + [
    Hostile(case.name.replace(".zip", "-bundle.docx"), case.content, case.code, case.says)
    for case in hostile_documents() + hostile_bundles()
    if case.code
]
UPLOADS.append(Hostile("million-items.json", million_items_json(), "EP004", "1,000,000 items"))


def _import(app, name: str, content: bytes):
    at = app()
    at.file_uploader(key="ep.import.file").upload(name, content, "application/octet-stream")
    ok(at.run())
    return ok(at.button(key="ep.import.go").click().run())


@pytest.mark.parametrize("case", UPLOADS, ids=[case.name for case in UPLOADS])
def test_a_hostile_upload_is_a_clear_error_and_stores_nothing(app, store, case: Hostile) -> None:
    started = time.perf_counter()
    at = _import(app, case.name, case.content)
    assert time.perf_counter() - started < 30
    errors = texts(at, "error")
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"Could not import {case.name}: ") and case.says in errors[0], errors
    assert "Traceback" not in errors[0]
    assert store.list_packs() == []
    assert texts(at, "title") == ["Evidence packs"]  # still on the Packs page, nothing opened
