"""The outcome of one validate run over many packs, and the gate that decides pass or fail."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidencepack.findings import Severity
from evidencepack.result import PackResult


@dataclass(frozen=True)
class Gate:
    """When a pack fails the run: always when invalid; below ``min_score``; or at ``fail_on`` severity."""

    min_score: float | None = None
    fail_on: Severity = Severity.ERROR

    def reasons(self, result: PackResult) -> list[str]:
        reasons = []
        if not result.valid or result.score is None:
            reasons.append("the pack is invalid")
        if self.min_score is not None and result.score is not None and result.score.overall < self.min_score:
            reasons.append(f"score {result.score.overall:g} is below the minimum {self.min_score:g}")
        if self.fail_on is Severity.WARNING and any(f.severity is Severity.WARNING for f in result.findings):
            reasons.append("it has warnings (--fail-on warning)")
        return reasons


@dataclass
class RunResult:
    results: list[PackResult]
    gate: Gate = field(default_factory=Gate)

    def failed(self, result: PackResult) -> bool:
        return bool(self.gate.reasons(result))

    @property
    def passed(self) -> bool:
        return not any(self.failed(r) for r in self.results)
