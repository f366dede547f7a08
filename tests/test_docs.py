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


def test_scoring_doc_worked_example_matches_the_scorer():
    import json

    from evidencepack.result import check_document

    text = (ROOT / "docs" / "scoring.md").read_text()
    pack = json.loads(re.search(r"```json\n(.*?)\n```", text, flags=re.S).group(1))
    result = check_document(pack)
    people = result.score.principles["people"]
    assert f"**{people.score:g}**" in text
    assert f"**{result.score.overall:g}**" in text
    assert people.criteria["co_design"].score == 80 and people.criteria["feedback_route"].score == 100
    assert people.criteria["user_testing"].score == 67.2 and not people.criteria["equality_assessment"].applicable
    points = {(f.pointer.rsplit("/", 1)[-1], f.code): f.points for f in result.findings}
    assert points[("co_design", "EP603")] == 1.111 and points[("inclusion", "EP601")] == 2.222
    assert result.score.readiness == "not_ready"
