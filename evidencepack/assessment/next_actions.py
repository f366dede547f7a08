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
    gains = []
    for order, (principle, criterion) in enumerate((p, c) for p in framework.principles for c in p.criteria):
        judged = principles[principle.key].criteria.get(criterion.key)
        if judged is None or judged.score is None or judged.score >= 4 or not total_max:
            continue
        target = 3 if judged.score < 3 else 4
        gain = round(100 * principle.weight * criterion.weight * (target - judged.score) / total_max, 2)
        gains.append((-gain, order, principle, criterion, judged))
    gains.sort(key=lambda g: g[:2])  # most gain first; ties in framework order
    for minus_gain, _, principle, criterion, judged in gains[: framework.scoring.next_best_actions]:
        reason = judged.reasons[0] if judged.reasons else "strengthen the evidence"
        actions.append(NextAction(
            criterion=criterion.id, code="", pointer=f"/principles/{principle.key}/criteria/{criterion.key}",
            action=f"{criterion.title}: {reason}", points=-minus_gain,
        ))
    return actions
