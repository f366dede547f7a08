"""The principle pages: one per principle of the framework, each criterion with its guidance, answer and
findings."""

from __future__ import annotations

import pytest
from ui_support import app_module, example, finding_codes, ok, progress, texts, widget

from evidencepack.framework import load_framework

FRAMEWORK = load_framework()
NARRATIVE = ("We ran three co-design workshops with residents, relatives and day and night staff, and changed "
             "the care plan screens because of what they told us, as the change log shows.")


def test_the_menu_has_one_page_per_principle_of_the_framework():
    pages = [s for s in app_module("navigation").specs() if s.name.startswith("principle:")]
    assert [s.name for s in pages] == [f"principle:{p.key}" for p in FRAMEWORK.principles]
    assert [s.title for s in pages] == [f"{p.number}. {p.short_title}" for p in FRAMEWORK.principles]


@pytest.mark.parametrize("principle", FRAMEWORK.principles, ids=lambda p: p.key)
def test_each_criterion_is_shown_with_its_guidance_and_typical_evidence(app, stored, principle):
    at = app(f"principle:{principle.key}", pack_id=stored())
    assert texts(at, "title") == [f"{principle.number}. {principle.title}"]
    assert [h.value for h in at.subheader] == [c.title for c in principle.criteria]
    shown = "\n".join(texts(at, "markdown"))
    for criterion in principle.criteria:
        assert criterion.guidance in shown
        for item in criterion.typical_evidence:
            assert item in shown
    assert len([s for s in at.selectbox if s.label == "Status"]) == len(principle.criteria)


def test_status_narrative_and_evidence_are_saved_and_raise_the_score(app, store, stored):
    pack = stored(example())
    principle = FRAMEWORK.principles[0]
    criterion = principle.criteria[0]
    at = app(f"principle:{principle.key}", pack_id=pack)
    before = progress(at.sidebar)[f"{principle.number}. {principle.short_title}"]
    path = ("principles", principle.key, "criteria", criterion.key)
    _, data = store.latest(pack)
    data["principles"][principle.key]["criteria"][criterion.key] = {}
    store.save(pack, data, base_version=1, saved_by="Setup")
    at = app(f"principle:{principle.key}", pack_id=pack)
    low = progress(at.sidebar)[f"{principle.number}. {principle.short_title}"]
    assert low < before
    widget(at, "selectbox", "Status").set_value("met").run()
    widget(at, "text_area", "Narrative").input(NARRATIVE).run()
    widget(at, "multiselect", "Evidence").set_value(["E1", "E2"]).run()
    ok(at)
    saved = store.latest(pack)[1]
    assert saved["principles"][path[1]]["criteria"][path[3]] == {
        "status": "met", "narrative": NARRATIVE, "evidence": ["E1", "E2"]}
    assert progress(at.sidebar)[f"{principle.number}. {principle.short_title}"] > low


def test_the_evidence_picker_lists_register_ids_with_titles(app, stored):
    data = example()
    at = app(f"principle:{FRAMEWORK.principles[0].key}", pack_id=stored(data))
    picker = widget(at, "multiselect", "Evidence")
    assert picker.options[0] == f"E1 · {data['evidence'][0]['title']}"
    assert len(picker.options) == len(data["evidence"])


def test_a_cited_id_missing_from_the_register_stays_visible_and_flagged(app, stored):
    data = example()
    principle, criterion = FRAMEWORK.principles[0], FRAMEWORK.principles[0].criteria[0]
    data["principles"][principle.key]["criteria"][criterion.key]["evidence"] = ["E99"]
    at = app(f"principle:{principle.key}", pack_id=stored(data))
    assert widget(at, "multiselect", "Evidence").value == ["E99"]
    assert "E99 · not in the register" in widget(at, "multiselect", "Evidence").options
    assert any("E99" in t for t in texts(at, "error"))
    assert "EP202" in finding_codes(at)


def test_findings_are_shown_beside_their_criterion(app, stored):
    principle = FRAMEWORK.principles[1]
    at = app(f"principle:{principle.key}", pack_id=stored())
    infos = texts(at, "info")
    for criterion in principle.criteria:
        assert any(f"“{criterion.title}” has no status" in t for t in infos)
        assert not any(criterion.id in t for t in infos)  # keys only in the details table


def test_not_applicable_asks_why(app, store, stored):
    pack = stored()
    principle, criterion = FRAMEWORK.principles[2], FRAMEWORK.principles[2].criteria[0]
    at = app(f"principle:{principle.key}", pack_id=pack)
    widget(at, "selectbox", "Status").set_value("not_applicable").run()
    assert "EP210" in finding_codes(at) and texts(at, "error")
    widget(at, "text_area", "Why it does not apply").input("We have no volunteers.").run()
    response = store.latest(pack)[1]["principles"][principle.key]["criteria"][criterion.key]
    assert response == {"status": "not_applicable", "justification": "We have no volunteers."}


def test_a_criterion_named_in_the_address_is_shown_first(app, stored):
    principle = FRAMEWORK.principles[0]
    last = principle.criteria[-1]
    at = app(f"principle:{principle.key}", pack_id=stored(), query={"criterion": last.key})
    assert at.subheader[0].value == last.title
    assert any(last.title in t for t in texts(at, "info"))


def test_user_text_is_shown_escaped_never_as_markdown_or_html(app, stored):
    data = example()
    data["metadata"]["title"] = "<img src=x onerror=alert(1)> **bold** [link](http://evil.example)"
    at = app("details", pack_id=stored(data))
    (raw,) = [m.value for m in at.sidebar.markdown if "img" in m.value]
    assert raw.startswith("**\\<img") and "\\*\\*bold\\*\\*" in raw and "\\[link\\]\\(http\\:" in raw


def test_the_status_choices_use_the_same_words_as_the_document(app, stored):
    pack = stored()
    principle = FRAMEWORK.principles[0]
    at = app(f"principle:{principle.key}", pack_id=pack)
    options = widget(at, "selectbox", "Status").options
    assert options == ["—", "Met", "Partly met", "Not yet met", "Not documented", "Not applicable"]
