"""Completeness score per criterion, principle and pack, with every lost point explained by a finding.

A criterion earns credit in three parts whose shares are set in the schemas (``x-scoring.parts``): its
status, its narrative (in proportion to the minimum number of words) and its evidence (in proportion to
its ``x-min-evidence``). A ``not_applicable`` criterion with a justification leaves the score entirely.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel

from evidencepack.checks.context import inline_citations
from evidencepack.findings import Finding, Severity, finding, pointer
from evidencepack.framework import Criterion, Framework, Principle, load_framework
from evidencepack.model import CriterionResponse, Pack
from evidencepack.options import CheckOptions


class Readiness(StrEnum):
    READY = "ready"
    NEARLY_READY = "nearly_ready"
    NOT_READY = "not_ready"


class CriterionScore(BaseModel):
    id: str
    title: str
    weight: float
    applicable: bool
    status: str | None
    evidence_count: int
    score: float  # 0-100


class PrincipleScore(BaseModel):
    key: str
    number: int
    title: str
    weight: float
    score: float | None  # None when no criterion applies
    criteria: dict[str, CriterionScore]


class NextAction(BaseModel):
    criterion: str
    code: str
    pointer: str
    action: str
    points: float


class Score(BaseModel):
    overall: float
    readiness: Readiness
    principles: dict[str, PrincipleScore]
    next_best_actions: list[NextAction]
    findings: list[Finding]


def _words(text: str | None) -> int:
    return len(text.split()) if text else 0


def _cited(response: CriterionResponse, known: set[str]) -> set[str]:
    return {e for e in (*response.evidence, *inline_citations(response.narrative)) if e in known}


def _applicable(response: CriterionResponse) -> bool:
    return not (response.status == "not_applicable" and (response.justification or "").strip())


def _criterion_parts(
    criterion: Criterion, response: CriterionResponse, known: set[str], framework: Framework
) -> tuple[dict[str, float], list[tuple[str, str, str]], int]:
    """Credit (0-1) per part, and for each part short of full credit: (part, code, message)."""
    scoring = framework.scoring
    credit: dict[str, float] = {}
    gaps: list[tuple[str, str, str]] = []
    status = response.status
    if status is None:
        credit["status"] = 0.0
        gaps.append(("status", "EP601", f"{criterion.id} has no status"))
    elif status == "not_applicable":
        credit["status"] = 0.0
        gaps.append(("status", "EP210", f"{criterion.id} is marked not applicable without a justification"))
    else:
        credit["status"] = scoring.status_credit.get(status, 0.0)
        if credit["status"] < 1:
            gaps.append(("status", "EP604", f"{criterion.id} is {status.replace('_', ' ')}"))
    words = _words(response.narrative)
    credit["narrative"] = min(1.0, words / scoring.narrative_min_words) if scoring.narrative_min_words else 1.0
    if credit["narrative"] < 1:
        gaps.append(
            ("narrative", "EP602", f"{criterion.id} narrative has {words} of {scoring.narrative_min_words} words")
        )
    cited = len(_cited(response, known))
    credit["evidence"] = min(1.0, cited / criterion.min_evidence) if criterion.min_evidence else 1.0
    if credit["evidence"] < 1:
        gaps.append(("evidence", "EP603", f"{criterion.id} cites {cited} of {criterion.min_evidence} evidence items"))
    return credit, gaps, cited


def _hint(code: str, criterion: Criterion) -> str | None:
    if code == "EP603" and criterion.typical_evidence:
        return "Cite evidence such as: " + "; ".join(criterion.typical_evidence) + "."
    return None


def _readiness(overall: float, has_errors: bool, framework: Framework, options: CheckOptions) -> Readiness:
    ready = options.ready_threshold if options.ready_threshold is not None else framework.scoring.readiness["ready"]
    nearly = (
        options.nearly_ready_threshold
        if options.nearly_ready_threshold is not None
        else framework.scoring.readiness["nearly_ready"]
    )
    if overall >= ready and not has_errors:
        return Readiness.READY
    if overall >= nearly:
        return Readiness.NEARLY_READY
    return Readiness.NOT_READY


def _score_principle(
    principle: Principle, pack: Pack, known: set[str], framework: Framework
) -> tuple[PrincipleScore, list[tuple[float, Finding]]]:
    """The principle's score and its gap findings, each with its share (0-1) of the principle's score."""
    answers = pack.principles.get(principle.key)
    responses = answers.criteria if answers else {}
    scores: dict[str, CriterionScore] = {}
    weighted: list[tuple[Criterion, float, list[tuple[float, Finding]]]] = []
    for criterion in principle.criteria:
        response = responses.get(criterion.key) or CriterionResponse()
        where = pointer("principles", principle.key, "criteria", criterion.key)
        if not _applicable(response):
            scores[criterion.key] = CriterionScore(
                id=criterion.id, title=criterion.title, weight=criterion.weight, applicable=False,
                status=response.status, evidence_count=0, score=0.0,
            )
            continue
        credit, gaps, cited = _criterion_parts(criterion, response, known, framework)
        parts = framework.scoring.parts
        value = sum(parts[p] * credit[p] for p in parts)
        lost = [
            ((1 - credit[part]) * parts[part], finding(code, where, message, _hint(code, criterion)))
            for part, code, message in gaps
        ]
        weighted.append((criterion, value, lost))
        scores[criterion.key] = CriterionScore(
            id=criterion.id, title=criterion.title, weight=criterion.weight, applicable=True,
            status=response.status, evidence_count=cited, score=round(100 * value, 1),
        )
    total_weight = sum(c.weight for c, _, _ in weighted)
    if not total_weight:
        return PrincipleScore(
            key=principle.key, number=principle.number, title=principle.title, weight=principle.weight,
            score=None, criteria=scores,
        ), []
    value = sum(c.weight * v for c, v, _ in weighted) / total_weight
    shares = [(c.weight / total_weight * share, f) for c, _, lost in weighted for share, f in lost]
    return PrincipleScore(
        key=principle.key, number=principle.number, title=principle.title, weight=principle.weight,
        score=round(100 * value, 1), criteria=scores,
    ), shares


def score(
    pack: Pack,
    options: CheckOptions | None = None,
    framework: Framework | None = None,
    other_findings: list[Finding] | None = None,
) -> Score:
    """Score a schema-valid pack. ``other_findings`` (from validate) only affect the readiness band."""
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    known = {item.id for item in pack.evidence}
    principle_scores: dict[str, PrincipleScore] = {}
    raw_shares: list[tuple[Principle, float, Finding]] = []
    for principle in framework.principles:
        result, shares = _score_principle(principle, pack, known, framework)
        principle_scores[principle.key] = result
        raw_shares.extend((principle, share, f) for share, f in shares)
    counted = [p for p in framework.principles if principle_scores[p.key].score is not None]
    total = sum(p.weight for p in counted)
    overall = sum(p.weight * principle_scores[p.key].score for p in counted) / total if total else 0.0
    findings = [
        f.model_copy(update={"points": round(100 * share * principle.weight / total, 3) if total else 0.0})
        for principle, share, f in raw_shares
    ]
    next_actions = _next_best_actions(findings, framework)
    has_errors = any(f.severity is Severity.ERROR for f in [*(other_findings or []), *findings])
    return Score(
        overall=round(overall, 1),
        readiness=_readiness(overall, has_errors, framework, options),
        principles=principle_scores,
        next_best_actions=next_actions,
        findings=findings,
    )


def _criterion_id(where: str) -> str:
    parts = where.strip("/").split("/")
    return f"{parts[1]}.{parts[3]}" if len(parts) >= 4 else ""


_STEP = {
    "EP601": "answer it (set a status)",
    "EP210": "justify 'not applicable' or answer it",
    "EP604": "close the gap so that it is met",
    "EP602": "write a fuller narrative",
    "EP603": "cite more evidence",
}


def _next_best_actions(findings: list[Finding], framework: Framework) -> list[NextAction]:
    """The criteria whose completion would add most to the overall score, with the steps and points."""
    by_criterion: dict[str, list[Finding]] = {}
    for f in findings:
        if f.points:
            by_criterion.setdefault(_criterion_id(f.pointer), []).append(f)
    ranked = sorted(by_criterion.items(), key=lambda item: -sum(f.points or 0 for f in item[1]))
    actions = []
    for criterion_id, group in ranked[: framework.scoring.next_best_actions]:
        criterion = framework.criterion(criterion_id)
        steps = "; ".join(_STEP.get(f.code, f.hint) for f in group)
        title = criterion.title if criterion else criterion_id
        actions.append(
            NextAction(
                criterion=criterion_id,
                code=group[0].code,
                pointer=group[0].pointer,
                action=f"{title}: {steps}",
                points=round(sum(f.points or 0 for f in group), 2),
            )
        )
    return actions
