"""Where a pack stands, as the faces show it: one figure with its band, each principle's, whether it is ready,
what blocks it, and the next step.

This is the ONE place that reads the score. When the assessment (1-4 per criterion, bands per principle, risks
first) lands in the core, only :func:`pack_standing` changes; the sidebar and the approval rules read
:class:`Standing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evidencepack.findings import Finding, Severity
from evidencepack.framework import Framework, load_framework
from evidencepack.result import PackResult

_BANDS = {"ready": "Ready", "nearly_ready": "Nearly ready", "not_ready": "Not ready"}


@dataclass(frozen=True)
class PrincipleStanding:
    key: str
    title: str  # "1. With the people who use it"
    value: float | None  # 0-100, None when nothing applies
    band: str  # in words ("" until the assessment gives principles bands)


@dataclass(frozen=True)
class Standing:
    scored: bool  # False when the pack does not match the schema (then only ``blocking`` says why)
    headline: str  # "Overall: 62.5"
    value: float | None
    band: str  # "Nearly ready"
    ready: bool
    principles: list[PrincipleStanding] = field(default_factory=list)
    blocking: list[Finding] = field(default_factory=list)  # error-level findings
    next_step: str = ""


def pack_standing(result: PackResult) -> Standing:
    """Where the checked pack stands (today: the completeness score and its readiness band)."""
    blocking = [f for f in result.findings if f.severity is Severity.ERROR]
    score = result.score
    if score is None:
        return Standing(False, "Not scored", None, "Not ready", False, [], blocking,
                        "Fix the problems that stop the pack being read (the Review page lists them).")
    framework = load_framework()
    principles = [
        PrincipleStanding(p.key, f"{p.number}. {_short(framework, p.key, p.title)}", p.score,
                          getattr(p, "band_label", None) or "")
        for p in sorted(score.principles.values(), key=lambda p: p.number)
    ]
    risks = list(getattr(score, "risks", []) or [])
    first = score.next_best_actions[0].action if score.next_best_actions else ""
    if blocking:
        step = "Fix the errors first: " + blocking[0].message
    elif risks:  # the assessment lists safety and assurance gaps first
        step = "Close this gap first: " + risks[0].message
    else:
        step = first
    band = getattr(score, "band_label", None)
    headline = f"{band[:1].upper()}{band[1:]} ({score.overall:g})" if band else f"Overall: {score.overall:g}"
    readiness = _BANDS.get(score.readiness.value, score.readiness.value)
    return Standing(True, headline, score.overall, readiness, score.readiness.value == "ready", principles,
                    blocking, step or "Submit the pack for review.")


def _short(framework: Framework, key: str, title: str) -> str:
    principle = framework.principle(key)
    return principle.short_title if principle else title
