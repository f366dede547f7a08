"""Next actions: risks first, then the criteria whose improvement would add most, each saying what is missing."""

from __future__ import annotations

from evidencepack.assessment.types import NextAction, PrincipleAssessment
from evidencepack.findings import Finding
from evidencepack.framework import Framework


def next_actions(
    principles: dict[str, PrincipleAssessment],
    framework: Framework,
    total_max: float,
    findings: list[Finding],
    risk_codes: list[str],
) -> list[NextAction]:
    actions = [
        NextAction(criterion=f.criterion or "", code=f.code, pointer=f.pointer, action=f"{f.message}: {f.hint}",
                   points=0.0, risk=True)
        for f in findings
        if f.code in risk_codes
    ]
    gains: list[NextAction] = []
    for principle in framework.principles:
        assessed = principles[principle.key]
        for criterion in principle.criteria:
            judged = assessed.criteria.get(criterion.key)
            if judged is None or judged.score is None or judged.score >= 4 or not total_max:
                continue
            target = 3 if judged.score < 3 else 4
            gain = 100 * principle.weight * criterion.weight * (target - judged.score) / total_max
            reason = judged.reasons[0] if judged.reasons else "strengthen the evidence"
            gains.append(NextAction(
                criterion=criterion.id, code="", pointer=f"/principles/{principle.key}/criteria/{criterion.key}",
                action=f"{criterion.title}: {reason}", points=round(gain, 2),
            ))
    gains.sort(key=lambda a: -a.points)
    return actions + gains[: framework.scoring.next_best_actions]
