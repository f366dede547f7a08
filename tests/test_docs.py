"""User docs are generated from, or tested against, the registries they describe."""

from __future__ import annotations

import re

from evidencepack.exit_codes import ExitCode
from evidencepack.findings import rules
from evidencepack.rules_doc import rules_markdown
from tests.conftest import ROOT


def test_rules_doc_is_generated_from_the_registry():
    assert (ROOT / "docs" / "rules.md").read_text() == rules_markdown(), (
        "regenerate with: evidencepack explain --all --markdown > docs/rules.md"
    )


def test_every_rule_has_its_entry():
    text = (ROOT / "docs" / "rules.md").read_text()
    documented = set(re.findall(r"^## (EP\d{3}) ", text, flags=re.M))
    assert documented == set(rules())


def test_every_exit_code_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text()
    for code in ExitCode:
        assert re.search(rf"\|\s*{code.value}\s*\|\s*`{code.name}`", text), code


def test_readme_names_the_two_commands_and_ci_calls_the_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make test" in ci


def _worked_examples() -> list[dict]:
    import json

    text = (ROOT / "docs" / "scoring.md").read_text()
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", text, flags=re.S)]


def _assess(pack: dict):
    import datetime as dt

    from evidencepack.options import CheckOptions
    from evidencepack.result import check_document

    return check_document(pack, CheckOptions(today=dt.date(2026, 11, 26))).score


def test_scoring_doc_worked_example_1_matches_the_assessment():
    first, _ = _worked_examples()
    score = _assess(first)
    people = score.principles["people"]
    # the hand-worked figures in docs/scoring.md
    assert {c.id.split(".")[1]: c.score for c in people.criteria.values()} == {
        "co_design": 4, "user_testing": 2, "inclusion": 2, "equality_assessment": 2, "feedback_route": 1}
    assert people.score == 48.5 and people.band == "some_shortfalls"
    assert score.overall == 8.5 and score.band == "significant_shortfalls" and score.readiness == "not_ready"


def test_scoring_doc_worked_example_2_matches_the_assessment():
    import copy

    _, second = _worked_examples()
    outcomes = _assess(second).principles["outcomes"]
    assert outcomes.criteria["baseline_followup"].score == 4 and outcomes.criteria["harms"].score == 3
    assert outcomes.score == 28.9
    without = copy.deepcopy(second)
    without["measures"] = []
    assert _assess(without).principles["outcomes"].score == 15.6
    worse = copy.deepcopy(second)
    worse["measures"][0]["latest"]["value"] = 12.3
    result = _assess(worse)
    assert result.principles["outcomes"].score == 28.9 and [r.code for r in result.risks] == ["EP507"]
