"""The Review page: findings grouped by principle with their fixes, the next best actions, and jumps to the
field that needs work."""

from __future__ import annotations

from ui_support import app_module, example, ok, texts, widget

from evidencepack.framework import load_framework
from evidencepack.result import check_document

FRAMEWORK = load_framework()
check_options = app_module("state").check_options


def test_the_next_best_actions_are_listed_with_their_points(app, stored):
    data = example()
    result = check_document(data, check_options())
    at = app("review", pack_id=stored(data))
    shown = texts(at, "markdown")
    for action in result.score.next_best_actions:
        assert action.action in shown
        assert f"**+{action.points:.1f}** points" in [m.value for m in at.markdown]
    assert [m.value for m in at.metric][0] == f"{result.score.overall:g}"


def test_findings_are_grouped_by_principle_with_their_fix(app, stored):
    at = app("review", pack_id=stored())
    labels = [e.label for e in at.expander]
    for principle in FRAMEWORK.principles:
        assert any(label.startswith(f"{principle.number}\\. ") for label in labels), labels
    assert all("Fix:" in t for t in texts(at, "info"))


def test_work_on_it_opens_the_principle_page_at_the_criterion(app, stored):
    data = example()
    result = check_document(data, check_options())
    first = result.score.next_best_actions[0]
    principle_key, criterion_key = first.criterion.split(".")
    principle = FRAMEWORK.principle(principle_key)
    at = app("review", pack_id=stored(data))
    ok(at.button(key=f"ep.review.next.{at.session_state['ep.rev']}.0").click().run())
    assert texts(at, "title") == [f"{principle.number}. {principle.title}"]
    assert at.query_params == {"criterion": criterion_key, "pack": at.session_state["ep.pack_id"]}
    assert at.subheader[0].value == principle.criterion(criterion_key).title


def test_go_to_it_on_an_evidence_finding_opens_that_item(app, stored):
    data = example()
    data["evidence"][2]["date"] = "2099-01-01"  # a date in the future: an error on that item
    at = app("review", pack_id=stored(data))
    result = check_document(data, check_options())
    index = next(i for i, f in enumerate(result.findings) if f.pointer.startswith("/evidence/2"))
    ok(at.button(key=f"ep.review.go.{at.session_state['ep.rev']}.{index}").click().run())
    assert texts(at, "title") == ["Evidence register"]
    assert widget(at, "selectbox", "Edit item").value == data["evidence"][2]["id"]


def test_a_pack_that_does_not_match_the_schema_is_explained_not_scored(app, store, stored):
    pack = stored()
    _, data = store.latest(pack)
    data["metadata"]["version"] = "three"
    store.save(pack, data, base_version=1, saved_by="Setup")
    at = app("review", pack_id=pack)
    assert any("cannot be scored" in t for t in texts(at, "error"))
    assert any("Not scored" in t for t in texts(at.sidebar, "error"))
