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
