"""Older name of the assessment, kept so that existing imports keep working (see evidencepack.assessment)."""

from __future__ import annotations

from evidencepack.assessment import Assessment, CriterionAssessment, NextAction, PrincipleAssessment, Readiness
from evidencepack.assessment import assess as score

Score = Assessment
CriterionScore = CriterionAssessment
PrincipleScore = PrincipleAssessment

__all__ = ["CriterionScore", "NextAction", "PrincipleScore", "Readiness", "Score", "score"]
