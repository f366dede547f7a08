"""The assessment: what a pack shows, in the single assessment framework's language, and how complete it is.

Each criterion gets 1 to 4 (``criteria.judge``); a principle's score is how far its criteria stand between 1
(0 %) and 4 (100 %), weighted by ``x-weight``, and the pack's is the same over every criterion (weighted by
criterion and principle weights). A band is read from each percentage, then limiting rules cap it. All of it is
data in ``x-assessment`` (defs.schema.json); docs/scoring.md works two packs by hand. It is an indicative
self-assessment, never a CQC rating.
"""

from __future__ import annotations

from collections import Counter

from evidencepack.assessment.completeness import completeness, justified
from evidencepack.assessment.criteria import Context, Rules, judge, layout, rules_of
from evidencepack.assessment.next_actions import next_actions
from evidencepack.assessment.text import RepeatFinder, words
from evidencepack.assessment.types import (
    Assessment,
    CriterionAssessment,
    NextAction,
    PrincipleAssessment,
    Readiness,
)
from evidencepack.checks.dates import currency_day
from evidencepack.findings import Finding, Severity, finding
from evidencepack.framework import Framework, load_framework
from evidencepack.model import CriterionResponse, EvidenceItem, Pack
from evidencepack.options import CheckOptions

__all__ = [
    "Assessment",
    "CriterionAssessment",
    "NextAction",
    "PrincipleAssessment",
    "Readiness",
    "assess",
]

_ORDER = ["significant_shortfalls", "some_shortfalls", "good", "exceptional"]
_ANSWERED = ("met", "partly")


def _band(percent: float, bands: list[dict]) -> dict:
    return next(b for b in bands if percent >= b["min"])


def _cap(band: dict, cap_id: str, bands: list[dict]) -> dict:
    """``band`` or ``cap_id``, whichever is lower."""
    by_id = {b["id"]: b for b in bands}
    order = [b["id"] for b in sorted(bands, key=lambda b: b["min"])]
    return band if order.index(band["id"]) <= order.index(cap_id) else by_id[cap_id]


def _responses(pack: Pack, framework: Framework) -> dict[str, tuple[CriterionResponse, list[EvidenceItem]]]:
    """Each criterion's response (an empty one where the pack has none) and the register items it cites, read once
    for the assessment, the completeness figure and the reuse count."""
    known = pack.evidence_by_id
    out = {}
    for principle, places in layout(framework):
        block = pack.principles.get(principle.key)
        for criterion, criterion_id, _ in places:
            response = (block.criteria.get(criterion.key) if block else None) or CriterionResponse()
            out[criterion_id] = (response, [known[e] for e in response.cited_ids() if e in known])
    return out


def _uses(responses: dict[str, tuple[CriterionResponse, list[EvidenceItem]]]) -> Counter[str]:
    """How many answered claims cite each evidence id (gaps do not count: their citations earn nothing)."""
    return Counter(item.id for response, cited in responses.values() if response.status in _ANSWERED
                   for item in cited)


def _substantive_reason(response: CriterionResponse, rules: Rules, repeated: str | None) -> bool:
    return justified(response) and len(words(response.justification)) >= rules.justification_min_words and not repeated


_READINESS_ORDER = [Readiness.NOT_READY, Readiness.NEARLY_READY, Readiness.READY]


def _readiness(overall: float, band: dict, bands: list[dict], options: CheckOptions) -> Readiness:
    """The band's readiness; thresholds given in the options move the line, but never above a capped band's."""
    from_band = Readiness(band["readiness"])
    if options.ready_threshold is None and options.nearly_ready_threshold is None:
        return from_band
    ready_min = min(b["min"] for b in bands if b["readiness"] == "ready")
    nearly_min = min(b["min"] for b in bands if b["readiness"] == "nearly_ready")
    ready = options.ready_threshold if options.ready_threshold is not None else ready_min
    nearly = options.nearly_ready_threshold if options.nearly_ready_threshold is not None else nearly_min
    by_score = (Readiness.READY if overall >= ready else
                Readiness.NEARLY_READY if overall >= nearly else Readiness.NOT_READY)
    natural = _band(overall, bands)
    if natural is not band:  # a limiting rule capped the band: the options cannot lift it
        return min(by_score, from_band, key=_READINESS_ORDER.index)
    return by_score


def assess(
    pack: Pack,
    options: CheckOptions | None = None,
    framework: Framework | None = None,
    other_findings: list[Finding] | None = None,
) -> Assessment:
    """Assess a schema-valid pack. ``other_findings`` (from validate) supply the risks and the errors."""
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    raw = framework.assessment
    rules = rules_of(framework)
    bands = sorted(raw["bands"], key=lambda b: -b["min"])
    limits_cfg = raw["limits"]
    reference, _ = currency_day(pack, options)
    responses = _responses(pack, framework)
    cited = {criterion_id: items for criterion_id, (_, items) in responses.items()}
    ctx = Context(pack, framework, rules, reference,
                  options.evidence_max_age_days or framework.scoring.evidence_max_age_days, _uses(responses),
                  cited=cited)
    answered = completeness(pack, framework, {criterion_id: len(items) for criterion_id, items in cited.items()})
    narratives = RepeatFinder(rules.shingle_words, rules.duplicate_similarity)
    reasons_seen = RepeatFinder(rules.shingle_words, rules.duplicate_similarity)
    own: list[Finding] = []
    principles: dict[str, PrincipleAssessment] = {}
    total = total_max = 0.0
    excluded = counted = 0
    for principle, places in layout(framework):
        criteria: dict[str, CriterionAssessment] = {}
        got = most = 0.0
        any_at_one = False
        for criterion, criterion_id, where in places:
            response = responses[criterion_id][0]
            counted += 1
            if response.status == "not_applicable" and justified(response):
                repeated = reasons_seen.repeats(criterion_id, response.justification)
                if _substantive_reason(response, rules, repeated):
                    excluded += 1
                    criteria[criterion.key] = CriterionAssessment(
                        id=criterion_id, title=criterion.title, weight=criterion.weight, applicable=False,
                        status=response.status, score=None, band=None, strength=None, evidence_count=0,
                    )
                    continue
                own.append(finding("EP211", where + "/justification",
                                   f"{criterion_id} is marked not applicable with a reason too thin to rely on "
                                   f"({len(words(response.justification))} words"
                                   + (f", repeated from {repeated}" if repeated else "") + ")"))
            repeated_from = None
            has_narrative = False  # judge reads it only for an answered claim (met, partly): only those are split
            if response.status in _ANSWERED:
                tokens = words(response.narrative)
                has_narrative = len(tokens) >= rules.narrative_min_words
                if has_narrative:
                    repeated_from = narratives.repeats(criterion_id, response.narrative, tokens)
                    if repeated_from:
                        own.append(finding("EP607", where + "/narrative",
                                           f"the narrative of {criterion_id} repeats that of {repeated_from}"))
            judged = judge(criterion, response, ctx, repeated_from, has_narrative, criterion_id)
            any_at_one = any_at_one or judged.score == 1
            criteria[criterion.key] = CriterionAssessment(
                id=criterion_id, title=criterion.title, weight=criterion.weight, applicable=True,
                status=response.status, score=judged.score, band=rules.score_label(judged.score),
                strength=judged.strength, evidence_count=judged.evidence_count, reasons=judged.reasons,
                answered=answered.criteria.get(criterion_id, 0.0),
            )
            got += criterion.weight * (judged.score - 1)  # 1 counts as nothing, 4 as everything
            most += criterion.weight * 3
        if most:
            percent = 100 * got / most
            band = _band(percent, bands)
            limits = []
            if any_at_one:
                capped = _cap(band, limits_cfg["criterion_at_1_caps_principle"], bands)
                if capped is not band:
                    limits.append("a criterion scores 1 (significant shortfalls), which caps the principle at "
                                  f"'{capped['label']}'")
                band = capped
            total += principle.weight * got
            total_max += principle.weight * most
        principles[principle.key] = PrincipleAssessment(
            key=principle.key, number=principle.number, title=principle.title, weight=principle.weight,
            score=round(percent, 1) if most else None, band=band["id"] if most else None,
            band_label=band["label"] if most else None, limits=limits if most else [],
            answered=answered.principles.get(principle.key), criteria=criteria,
        )
    overall = 100 * total / total_max if total_max else 0.0
    band = _band(overall, bands)
    pack_limits: list[str] = []
    everything = [*(other_findings or []), *own]
    risks = [f for f in everything if f.code in limits_cfg["risk_codes"]]
    if risks:
        capped = _cap(band, limits_cfg["risk_caps_pack"], bands)
        if capped is not band:
            pack_limits.append(f"an open safety or data-protection gap ({', '.join(sorted({f.code for f in risks}))}) "
                               f"caps the pack at '{capped['label']}'")
        band = capped
    if counted and excluded / counted > rules.not_applicable_max_share:
        own.append(finding("EP608", "/principles", f"{excluded} of {counted} criteria are marked not applicable, "
                           f"more than {rules.not_applicable_max_share:.0%}"))
        capped = _cap(band, limits_cfg["not_applicable_share_caps_pack"], bands)
        if capped is not band:
            pack_limits.append(f"{excluded} of {counted} criteria marked not applicable caps the pack at "
                               f"'{capped['label']}'")
        band = capped
    readiness = _readiness(overall, band, bands, options)
    if readiness is Readiness.READY and any(f.severity is Severity.ERROR for f in [*everything, *answered.findings]):
        readiness = Readiness(limits_cfg["errors_cap_readiness"])
        pack_limits.append("error-level findings keep the pack from 'ready'")
    findings = [*own, *answered.findings]
    shown_with_risks = {*limits_cfg["risk_codes"], *limits_cfg["shown_with_risks"]}
    return Assessment(
        overall=round(overall, 1), band=band["id"], band_label=band["label"], readiness=readiness,
        limits=pack_limits, principles=principles,
        risks=[f for f in everything if f.code in shown_with_risks],
        next_best_actions=next_actions(principles, framework, total_max, everything, limits_cfg["risk_codes"]),
        completeness=answered.overall, findings=findings,
    )
