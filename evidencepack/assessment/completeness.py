"""Completeness ("answered"): how much of the form is filled in, per criterion, principle and pack.

A second, clearly named figure beside the assessment; it says nothing about how good the evidence is. A
criterion earns credit in three parts whose shares are set in the schemas (``x-scoring.parts``): its status,
its narrative (in proportion to the minimum number of words) and its evidence (in proportion to its
``x-min-evidence``). A ``not_applicable`` criterion with a justification leaves the figure entirely. Each gap is
an info finding (EP601-EP604) carrying the completeness points it costs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evidencepack.assessment.criteria import Place, layout
from evidencepack.findings import Finding, finding
from evidencepack.framework import Criterion, Framework, Principle
from evidencepack.model import CriterionResponse, Pack


@dataclass(frozen=True)
class Completeness:
    overall: float  # 0-100
    principles: dict[str, float | None]  # principle key -> 0-100, None when nothing applies
    criteria: dict[str, float]  # criterion id -> 0-100
    findings: list[Finding]


def _words(text: str | None, enough: int) -> int:
    """The number of words in ``text``, exact up to ``enough``; above it, some number above it (the rest of a
    long narrative is not split into words that would only be counted)."""
    return len(text.split(None, enough)) if text else 0


def justified(response: CriterionResponse) -> bool:
    """Marked not applicable with some justification (whether it is one of substance is the assessment's call)."""
    return response.status == "not_applicable" and bool((response.justification or "").strip())


def _criterion_parts(
    criterion: Criterion, response: CriterionResponse, known: set[str], framework: Framework, counted: int | None
) -> tuple[dict[str, float], list[tuple[str, str, str]]]:
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
    words = _words(response.narrative, scoring.narrative_min_words)
    credit["narrative"] = min(1.0, words / scoring.narrative_min_words) if scoring.narrative_min_words else 1.0
    if credit["narrative"] < 1:
        gaps.append(
            ("narrative", "EP602", f"{criterion.id} narrative has {words} of {scoring.narrative_min_words} words")
        )
    cited = counted if counted is not None else len([e for e in response.cited_ids() if e in known])
    credit["evidence"] = min(1.0, cited / criterion.min_evidence) if criterion.min_evidence else 1.0
    if credit["evidence"] < 1:
        gaps.append(("evidence", "EP603", f"{criterion.id} cites {cited} of {criterion.min_evidence} evidence items"))
    return credit, gaps


def _hint(code: str, criterion: Criterion) -> str | None:
    if code == "EP603" and criterion.typical_evidence:
        return "Cite evidence such as: " + "; ".join(criterion.typical_evidence) + "."
    return None


_UNANSWERED = CriterionResponse()  # read, never changed
_Gap = tuple[str, str, str, str | None]  # the finding a gap will be: code, pointer, message, hint


def _principle(
    principle: Principle, places: tuple[Place, ...], pack: Pack, known: set[str], framework: Framework,
    cited: Mapping[str, int],
) -> tuple[float | None, dict[str, float], list[tuple[float, _Gap]]]:
    answers = pack.principles.get(principle.key)
    responses = answers.criteria if answers else {}
    criteria: dict[str, float] = {}
    weighted: list[tuple[Criterion, float, list[tuple[float, _Gap]]]] = []
    parts = framework.scoring.parts
    shares = tuple(parts.items())
    for criterion, criterion_id, where in places:
        response = responses.get(criterion.key) or _UNANSWERED
        if response.status == "not_applicable" and justified(response):
            continue
        credit, gaps = _criterion_parts(criterion, response, known, framework, cited.get(criterion_id))
        value: float = 0  # as sum() starts
        for part, share in shares:  # in the schema's order, as a sum over the parts would add them
            value += share * credit[part]
        lost = [((1 - credit[part]) * parts[part], (code, where, message, _hint(code, criterion)))
                for part, code, message in gaps] if gaps else []
        weighted.append((criterion, value, lost))
        criteria[criterion_id] = round(100 * value, 1)
    total = sum(c.weight for c, _, _ in weighted)
    if not total:
        return None, criteria, []
    value = sum(c.weight * v for c, v, _ in weighted) / total
    shares = [(c.weight / total * share, f) for c, _, lost in weighted for share, f in lost]
    return 100 * value, criteria, shares


def completeness(pack: Pack, framework: Framework, cited: Mapping[str, int] | None = None) -> Completeness:
    """``cited``: criterion id -> the number of register items its response cites, where already counted."""
    cited = cited or {}
    known = set(pack.evidence_by_id)
    principles: dict[str, float | None] = {}
    criteria: dict[str, float] = {}
    raw: list[tuple[Principle, float, _Gap]] = []
    for principle, places in layout(framework):
        value, scores, shares = _principle(principle, places, pack, known, framework, cited)
        principles[principle.key] = None if value is None else round(value, 1)
        criteria.update(scores)
        raw.extend((principle, share, f) for share, f in shares)
    counted = [p for p in framework.principles if principles[p.key] is not None]
    total = sum(p.weight for p in counted)
    overall = sum(p.weight * (principles[p.key] or 0) for p in counted) / total if total else 0.0
    findings = [  # made once their points are known (the share of the pack's figure each gap costs)
        finding(code, where, message, hint, round(100 * share * principle.weight / total, 3) if total else 0.0)
        for principle, share, (code, where, message, hint) in raw
    ]
    return Completeness(overall=round(overall, 1), principles=principles, criteria=criteria, findings=findings)
