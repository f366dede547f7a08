"""The assessment's public shape: what the export, the app and the JSON report read."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, Field

from evidencepack.findings import Finding


class Readiness(StrEnum):
    READY = "ready"
    NEARLY_READY = "nearly_ready"
    NOT_READY = "not_ready"


@dataclass
class CriterionAssessment:
    """One criterion: a score of 1 to 4 (None when it does not apply) and the reasons for it.

    A plain dataclass (pydantic serialises it inside the models below): a pack has dozens, made for every check.
    """

    id: str
    title: str
    weight: float
    applicable: bool
    status: str | None
    score: int | None  # 1 significant shortfalls, 2 some shortfalls, 3 good standard, 4 exceptional
    band: str | None  # the words for the score
    strength: str | None  # the strongest usable evidence cited, on the strength ladder
    evidence_count: int  # register items cited (resolved)
    reasons: list[str] = field(default_factory=list)  # why not higher, each saying what is missing
    answered: float = 0.0  # completeness of this criterion, 0-100

    @property
    def percent(self) -> float | None:
        """The score on the 0-100 scale of principles and the pack."""
        return None if self.score is None else 100 * (self.score - 1) / 3


class PrincipleAssessment(BaseModel):
    key: str
    number: int
    title: str
    weight: float
    score: float | None  # 0-100: criteria at 1 count 0, at 4 count 100; None when no criterion applies
    band: str | None  # band id (exceptional, good, some_shortfalls, significant_shortfalls)
    band_label: str | None
    limits: list[str] = Field(default_factory=list)  # limiting rules that capped the band
    answered: float | None = None  # completeness, 0-100
    criteria: dict[str, CriterionAssessment]


class NextAction(BaseModel):
    criterion: str  # "principle.criterion", or "" for a pack-wide risk
    code: str
    pointer: str
    action: str  # what specifically is missing, and what to do
    points: float  # percentage points the overall score would gain (0 for a risk)
    risk: bool = False


class Assessment(BaseModel):
    """An indicative self-assessment of a pack, in the single assessment framework's language (not a CQC rating)."""

    overall: float  # 0-100 over every applicable criterion (1 counts 0, 4 counts 100)
    band: str
    band_label: str
    readiness: Readiness
    limits: list[str] = Field(default_factory=list)  # limiting rules that capped the pack's band or readiness
    principles: dict[str, PrincipleAssessment]
    risks: list[Finding] = Field(default_factory=list)  # safety and assurance gaps, listed first everywhere
    next_best_actions: list[NextAction]
    completeness: float  # "answered": how much of the form is filled in, 0-100 (a second figure, not the score)
    findings: list[Finding]  # the assessment's own findings (repeated text, thin "not applicable", ...)
