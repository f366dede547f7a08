"""The one place that decides whether a pack passes: for ``validate`` (a run's gate) and for the export.

``Gate.reasons`` says why a pack fails a validate run (each reason in words a pipeline can print);
``blocking`` is the export's rule (every error-level finding blocks unless a person overrides).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from evidencepack.findings import Finding, Severity

if TYPE_CHECKING:  # only for annotations; result imports the assessment, which must not import the gate
    from evidencepack.result import PackResult


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop a pack being shared: every error-level one."""
    return [f for f in findings if f.severity is Severity.ERROR]


@dataclass(frozen=True)
class Gate:
    """When a pack fails a validate run: when it is invalid (has an error); below ``min_score``; at ``fail_on``
    severity; or, with a baseline, when a principle's band drops or a new error appears (``regressions``)."""

    min_score: float | None = None
    fail_on: Severity = Severity.ERROR

    def reasons(self, result: PackResult, regressions: Iterable[str] = ()) -> list[str]:
        reasons = []
        errors = blocking(result.findings)
        if result.score is None:
            reasons.append("the pack could not be assessed (it does not match the schema)")
        elif errors or not result.valid:
            reasons.append(f"it has {len(errors)} error-level finding{'s' if len(errors) != 1 else ''}")
        if self.min_score is not None and result.score is not None and result.score.overall < self.min_score:
            reasons.append(f"score {result.score.overall:g} is below the minimum {self.min_score:g}")
        if self.fail_on is Severity.WARNING and any(f.severity is Severity.WARNING for f in result.findings):
            reasons.append("it has warnings (--fail-on warning)")
        reasons.extend(regressions)
        return reasons

    def passed_checks(self) -> str:
        """What a pass means, in words: the text report prints this beside "pass", never "pass" alone."""
        said = "no error-level findings"
        if self.fail_on is Severity.WARNING:
            said += " and no warnings"
        if self.min_score is not None:
            said += f", score at least {self.min_score:g}"
        return said
