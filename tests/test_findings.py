"""Findings: every code used in the code is in the registry; findings carry their place; one severity order."""

from __future__ import annotations

import re
from pathlib import Path

from evidencepack.findings import Severity, by_severity, finding, rules, worst
from evidencepack.gate import Gate, blocking

PACKAGE = Path(__file__).resolve().parent.parent / "evidencepack"
CODE = re.compile(r"""["'](EP[0-9]{3})["']""")


def test_every_finding_code_used_in_the_code_is_in_the_registry():
    used = {
        (code, path.relative_to(PACKAGE).as_posix())
        for path in PACKAGE.rglob("*.py")
        for code in CODE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no codes at all: the pattern is wrong"
    assert [(code, where) for code, where in sorted(used) if code not in rules()] == []


def test_a_finding_in_a_criterion_carries_its_principle_and_criterion():
    found = finding("EP604", "/principles/people/criteria/co_design/evidence/0", "x")
    assert (found.section, found.principle, found.criterion) == ("principles", "people", "people.co_design")


def test_a_finding_in_a_principle_summary_has_a_principle_but_no_criterion():
    found = finding("EP203", "/principles/culture/summary", "x")
    assert (found.section, found.principle, found.criterion) == ("principles", "culture", None)


def test_a_finding_elsewhere_names_only_its_section():
    found = finding("EP303", "/evidence/3/date", "x")
    assert (found.section, found.principle, found.criterion) == ("evidence", None, None)


def test_a_finding_can_be_placed_on_a_criterion_its_pointer_does_not_name():
    found = finding("EP506", "/measures", "x", criterion="outcomes.baseline_followup")
    assert (found.section, found.principle, found.criterion) == ("measures", "outcomes", "outcomes.baseline_followup")


def test_a_pointer_with_escaped_characters_is_read_once_correctly():
    found = finding("EP604", "/principles/a~1b/criteria/c~0d", "x")
    assert found.criterion == "a/b.c~d"


def test_severities_sort_worst_first_then_by_place():
    items = [finding("EP205", "/evidence/1", "i"), finding("EP303", "/evidence/0/date", "w"),
             finding("EP202", "/principles/p/criteria/c/evidence/0", "e")]
    assert [f.severity for f in by_severity(items)] == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert worst(items) is Severity.ERROR
    assert worst([]) is None


def test_the_core_gate_blocks_on_errors_only():
    items = [finding("EP205", "/evidence/1", "i"), finding("EP303", "/evidence/0/date", "w")]
    assert blocking(items) == []
    error = finding("EP202", "/principles/p/criteria/c/evidence/0", "e")
    assert blocking([*items, error]) == [error]


def test_the_gate_says_what_a_pass_means():
    assert Gate().passed_checks() == "no error-level findings"
    assert "at least 60" in Gate(min_score=60).passed_checks()
