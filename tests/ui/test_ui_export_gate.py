"""The Export page's gate: a pack with an error-level finding is refused (each finding listed, masked) until the
user gives a reason and confirms; the override is saved as a new version and stated in the document.

NHS numbers are made at run time (``evidencepack.privacy.synthetic``), never written into this file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.etree import ElementTree

import pytest
from ui_support import assert_valid_ooxml, example, ok, texts, widget

from evidencepack.export.verify import verify_bytes
from evidencepack.framework import load_framework
from evidencepack.load import parse_bytes
from evidencepack.privacy.synthetic import grouped, nhs_number

FIRST = load_framework().principles[0]
CRITERION = FIRST.criteria[0]
REASON = "The inspector asked for the pack today; the number is being removed"
EXPORT_KEYS = ("ep.export.word", "ep.export.bundle", "ep.export.json", "ep.export.yaml")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x", "client_id": "a",
        "client_secret": "b", "server_metadata_url": "https://login.example.org/.well-known/openid-configuration"}


def with_error(number: str) -> dict[str, Any]:
    data = example()
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] += f" Resident {grouped(number)} agreed."
    return data


def document_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def export_buttons(at: Any) -> list[str]:
    keys = [b.key for b in at.button] + [b.key for b in at.get("download_button")]
    return [k for k in keys if k in EXPORT_KEYS]


def override(at: Any, reason: str = REASON, confirm: bool = True) -> Any:
    at.text_area(key="ep.export.override.reason").input(reason)
    if confirm:
        at.checkbox(key="ep.export.override.confirm").check()
    return ok(widget(at, "button", "Record the reason and allow the export").click().run())


def test_a_pack_with_an_error_is_refused_and_nothing_is_offered(app, store, stored):
    number = nhs_number()
    pack = stored(with_error(number))
    at = app("export", pack_id=pack)
    (refusal,) = [t for t in texts(at, "error") if "error-level finding" in t]
    assert "This pack has 1 error-level finding, so it is not exported" in refusal
    assert f"EP801 at /principles/{FIRST.key}/criteria/{CRITERION.key}/narrative" in refusal
    assert f"{number[:3]} *** ****" in refusal and number not in refusal and grouped(number) not in refusal
    assert export_buttons(at) == []
    assert store.latest(pack)[0].number == 1


def test_the_override_needs_a_reason_and_a_confirmation(app, store, stored):
    pack = stored(with_error(nhs_number()))
    at = app("export", pack_id=pack)
    override(at, confirm=False)
    assert any("Tick the box" in t for t in texts(at, "error"))
    override(at, reason="   ")
    assert any("needs a reason" in t for t in texts(at, "error"))
    override(at, reason="Resident DOB 14/02/1939 asked for it")
    assert any("looks like personal data" in t and "14/02/1939" not in t for t in texts(at, "error"))
    assert export_buttons(at) == []
    assert store.latest(pack)[0].number == 1  # nothing saved


@pytest.mark.word_validator
def test_with_an_override_the_pack_is_saved_and_the_document_states_it(app, store, stored, tmp_path):
    pack = stored(with_error(nhs_number()))
    at = override(app("export", pack_id=pack))
    info, saved = store.latest(pack)
    today = dt.date.today()
    assert info.number == 2 and info.saved_by == "Tess Lead"
    assert saved["metadata"]["export_override"] == {"reason": REASON, "by": "Tess Lead", "date": today.isoformat()}
    assert any("Exporting despite 1 error-level finding" in t and REASON in t for t in texts(at, "warning"))
    assert set(export_buttons(at)) == set(EXPORT_KEYS)
    ok(at.button(key="ep.export.word").click().run())
    docx = at.session_state["ep.export.made"]["docx"][1]
    (tmp_path / "pack.docx").write_bytes(docx)
    assert_valid_ooxml(tmp_path / "pack.docx")
    assert parse_bytes(docx, "pack.docx").data == saved  # the stored version, override and all
    text = document_text(docx)
    when = f"{today.day} {today:%B %Y}"
    assert f"Exported despite errors: {REASON} (recorded by Tess Lead, {when})" in text
    assert f"Decided by Tess Lead on {when}. Reason: {REASON}" in text
    assert verify_bytes(docx, "pack.docx").ok


def test_the_bundle_carries_the_override_and_verifies(app, stored):
    data = with_error(nhs_number())
    for item in data["evidence"]:  # files on disk beside the example are not in the app's reach
        item.pop("source", None)
        item.pop("sha256", None)
    at = override(app("export", pack_id=stored(data)))
    ok(at.button(key="ep.export.bundle").click().run())
    assert texts(at, "error") == []
    bundle = at.session_state["ep.export.made"]["zip"][1]
    report = verify_bytes(bundle, "pack.zip")
    assert report.ok, report.to_text()


def test_a_change_after_the_override_asks_for_it_again(app, store, stored):
    pack = stored(with_error(nhs_number()))
    at = override(app("export", pack_id=pack))
    assert export_buttons(at)
    # Every edit in the session bumps its revision (state.touch); the Export page has no field to edit, so the
    # test bumps it as an edit on another page would.
    at.session_state["ep.rev"] = at.session_state["ep.rev"] + 1
    ok(at.run())
    assert export_buttons(at) == []
    assert at.text_area(key="ep.export.override.reason").value == REASON  # offered again, filled in


def test_an_approved_pack_with_errors_can_still_be_exported_with_a_reason(app, store, stored):
    data = with_error(nhs_number())
    data["metadata"]["status"] = "approved"
    data["metadata"]["approval"] = {"name": "Rae Manager", "date": "2026-01-10"}
    pack = stored(data)
    at = override(app("export", pack_id=pack))
    info, saved = store.latest(pack)
    assert info.number == 2 and saved["metadata"]["status"] == "approved"
    assert saved["metadata"]["export_override"]["reason"] == REASON
    assert export_buttons(at)


def test_signed_in_the_override_records_the_signed_in_person(app, store, stored):
    pack = stored(with_error(nhs_number()))
    signed_in = {"is_logged_in": True, "name": "Ana Quality", "email": "ana@example.org"}
    at = override(app("export", pack_id=pack, user="Mallory Typed", secrets={"auth": AUTH}, signed_in=signed_in))
    info, saved = store.latest(pack)
    assert saved["metadata"]["export_override"]["by"] == "Ana Quality"
    assert info.saved_by == "Ana Quality (ana@example.org)"
    assert export_buttons(at)


def test_a_pack_without_errors_is_exported_without_asking(app, stored):
    at = app("export", pack_id=stored(example()))
    assert not [t for t in texts(at, "error") if "error-level" in t]
    assert "ep.export.override.reason" not in [a.key for a in at.text_area]
    assert set(export_buttons(at)) >= {"ep.export.word", "ep.export.bundle"}


def test_the_name_in_the_confirmation_is_not_markdown(app, stored):
    at = app("export", pack_id=stored(with_error(nhs_number())), user="[Kim](https://example.org) **Lee**")
    label = at.checkbox(key="ep.export.override.confirm").label
    assert label.startswith("I, \\[Kim\\]\\(https\\:\\/\\/example\\.org\\) \\*\\*Lee\\*\\*, decide")
