"""The Packs page: list, new (blank or from an example), import, archive."""

from __future__ import annotations

import io
import json
import zipfile

import yaml
from ui_support import EXAMPLES, USER, example, ok, texts

from evidencepack.blank import dump_pack


def test_first_visit_shows_the_packs_page_with_an_empty_list(app):
    at = app(user=None)
    assert texts(at, "title") == ["Evidence packs"]
    assert any("No packs yet" in t for t in texts(at, "info"))


def test_first_visit_says_what_the_app_is_for_and_lists_the_steps(app):
    at = app(user=None)
    words = texts(at, "markdown")
    assert any("six principles of innovation" in t for t in words)
    (steps,) = [t for t in words if t.startswith("1. ")]
    assert [line.split(". ", 1)[1].split(":")[0] for line in steps.splitlines()] == [
        "Details of the provider and the innovation", "Evidence register", "The six principles",
        "Outcomes", "Review", "Export the document for your inspector"]
    assert any("Give your name first" in t for t in texts(at, "info"))  # the name is asked before anything else


def test_the_checklist_shows_progress_for_the_open_pack(app, stored):
    at = app("packs", pack_id=stored(example()))
    assert any("Your progress:" in t for t in texts(at, "markdown"))
    (steps,) = [t for t in texts(at, "markdown") if t.startswith("1. ")]
    assert "(done)" in steps.splitlines()[0] and "(4 of 4)" in steps.splitlines()[0]
    assert "(done)" not in steps.splitlines()[5]  # not exported yet


def test_a_new_blank_pack_is_stored_as_version_1_by_the_person_named(app, store):
    at = app(user=None)
    at.text_input(key="ep.your_name").input("Ana Quality").run()
    at.text_input(key="ep.new.title").input("Night-time acoustic monitoring").run()
    ok(at.button(key="ep.new.create").click().run())
    (summary,) = store.list_packs()
    assert summary.title == "Night-time acoustic monitoring"
    assert summary.current_version == 1 and summary.saved_by == "Ana Quality"
    assert texts(at, "title") == ["Details"]
    assert "All changes saved (save 1)" in texts(at.sidebar, "caption")


def test_creating_a_pack_needs_a_name_which_is_asked_first(app, store):
    at = app(user=None)
    assert at.button(key="ep.new.create").disabled
    assert any("Give your name above to create a pack" in t for t in texts(at, "caption"))
    assert store.list_packs() == []


def test_a_pack_from_an_example_gets_a_new_id_and_starts_as_a_draft(app, store):
    at = app()
    assert ("The example: Digital care planning and electronic medicines recording at Larkfield House and "
            "Larkfield Lodge") in at.selectbox(key="ep.new.example").options
    at.selectbox(key="ep.new.example").select("care-home-digital-care-planning.json").run()
    ok(at.button(key="ep.new.create").click().run())
    (summary,) = store.list_packs()
    _, data = store.latest(summary.id)
    original = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    assert data["metadata"]["id"] == summary.id != original["metadata"]["id"]
    assert data["metadata"]["status"] == "draft" and data["evidence"] == original["evidence"]


def test_the_list_shows_score_readiness_status_and_last_saved(app, stored):
    stored(example())
    at = app()
    bars = [p.proto.text for p in at.get("progress")]
    assert any(t.startswith("Score ") for t in bars)
    captions = texts(at, "caption")
    assert "Draft" in captions
    assert any(t.startswith("Last saved") and t.endswith("by Setup (save 1)") for t in captions)
    assert any(t in ("Ready", "Nearly ready", "Not ready") for t in captions)


def test_importing_json_yaml_and_an_exported_word_document_creates_packs(app, store):
    from evidencepack.export import export_docx

    json_pack, yaml_pack, docx_pack = example(), example(), example()
    _import(app, "pack.json", dump_pack(json_pack, "json").encode())
    _import(app, "pack.yaml", yaml.safe_dump(yaml_pack).encode())
    _import(app, "pack.docx", export_docx(docx_pack))
    for pack in (json_pack, yaml_pack, docx_pack):
        assert store.latest(pack["metadata"]["id"])[1] == pack
    assert len(store.list_packs()) == 3


def _import(app, name: str, content: bytes):
    at = app()
    at.file_uploader(key="ep.import.file").upload(name, content, "application/octet-stream")
    ok(at.run())
    return ok(at.button(key="ep.import.go").click().run())


def test_a_broken_json_file_gets_a_clear_error_and_stores_nothing(app, store):
    at = _import(app, "broken.json", b'{"metadata": {"title": "x",}}')
    (error,) = [t for t in texts(at, "error")]
    assert "Could not import broken.json" in error and "line 1" in error
    assert store.list_packs() == []


def test_a_broken_yaml_file_gets_a_clear_error_and_stores_nothing(app, store):
    at = _import(app, "broken.yaml", b"metadata:\n  title: [unclosed\n")
    assert any("Could not import broken.yaml" in t for t in texts(at, "error"))
    assert store.list_packs() == []


def test_a_foreign_word_document_gets_a_clear_error_and_stores_nothing(app, store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    at = _import(app, "letter.docx", buffer.getvalue())
    assert any("Could not import letter.docx" in t for t in texts(at, "error"))
    assert store.list_packs() == []


def test_a_file_over_the_size_limit_is_refused(app, store):
    at = _import(app, "huge.json", b" " * (20 * 1024 * 1024 + 1))
    assert any("over the limit" in t for t in texts(at, "error"))
    assert store.list_packs() == []


def test_importing_a_pack_that_is_already_stored_is_refused(app, store, stored):
    data = example()
    stored(data)
    at = _import(app, "again.json", json.dumps(data).encode())
    assert any("already exists" in t for t in texts(at, "error"))
    assert store.latest(data["metadata"]["id"])[0].number == 1


def test_archiving_hides_a_pack_and_unarchiving_brings_it_back(app, store, stored):
    pack = stored()
    at = app()
    ok(at.button(key=f"ep.archive.{pack}").click().run())
    assert store.list_packs() == [] and store.summary(pack).archived
    at.toggle(key="ep.show_archived").set_value(True).run()
    assert any("archived" in t for t in texts(at, "caption"))
    ok(at.button(key=f"ep.unarchive.{pack}").click().run())
    assert [s.id for s in store.list_packs()] == [pack]


def test_opening_a_pack_goes_to_its_details(app, stored):
    pack = stored()
    at = app()
    ok(at.button(key=f"ep.open.{pack}").click().run())
    assert texts(at, "title") == ["Details"]
    assert at.session_state["ep.pack_id"] == pack
    assert at.session_state["ep.user"] == USER
