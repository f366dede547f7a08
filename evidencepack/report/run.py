"""The outcome of one validate run over many packs; the gate (evidencepack.gate) decides pass or fail."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidencepack.gate import Gate
from evidencepack.result import PackResult

__all__ = ["Gate", "RunResult"]


@dataclass
class RunResult:
    results: list[PackResult]
    gate: Gate = field(default_factory=Gate)
    regressions: dict[str, list[str]] = field(default_factory=dict)  # pack path -> why worse than its baseline

    def reasons(self, result: PackResult) -> list[str]:
        return self.gate.reasons(result, self.regressions.get(result.path, ()))

    def failed(self, result: PackResult) -> bool:
        return bool(self.reasons(result))

    @property
    def passed(self) -> bool:
        return not any(self.failed(r) for r in self.results)
