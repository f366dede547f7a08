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

    def failed(self, result: PackResult) -> bool:
        return bool(self.gate.reasons(result))

    @property
    def passed(self) -> bool:
        return not any(self.failed(r) for r in self.results)
