"""What changed between two versions of a pack: bands, criterion scores, claims and findings.

``regressions`` is the baseline gate's rule (``validate --baseline``): a principle's band (or the pack's)
dropped, or an error-level finding appeared that the baseline did not have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from evidencepack.assessment import Assessment
from evidencepack.findings import Finding, Severity
from evidencepack.result import PackResult

_BANDS = ["significant_shortfalls", "some_shortfalls", "good", "exceptional"]


def _rank(band: str | None) -> int:
    return _BANDS.index(band) if band in _BANDS else -1


@dataclass
class Change:
    kind: str  # score, band, criterion, claim, finding_new, finding_gone
    where: str  # "pack", a principle key, a criterion id, or a finding's code and pointer
    before: Any
    after: Any
    worse: bool

    def words(self) -> str:
        arrow = f"{self.before} → {self.after}"
        return {
            "score": f"{self.where} score {arrow}",
            "band": f"{self.where} band {arrow}",
            "criterion": f"{self.where} criterion score {arrow}",
            "claim": f"{self.where} status {arrow}",
            "finding_new": f"new {self.after}",
            "finding_gone": f"resolved {self.before}",
        }[self.kind]


@dataclass
class PackDiff:
    changes: list[Change] = field(default_factory=list)

    @property
    def regressions(self) -> list[str]:
        return [c.words() for c in self.changes if c.worse and c.kind in ("band", "finding_new")]

    def to_json(self) -> dict[str, Any]:
        return {"changes": [c.__dict__ | {"words": c.words()} for c in self.changes],
                "regressions": self.regressions}


def _finding_key(f: Finding) -> tuple[str, str]:
    return f.code, f.pointer


def _finding_words(f: Finding) -> str:
    return f"{f.severity.value} {f.code} {f.pointer or '/'}: {f.message}"


def _assessment_changes(old: Assessment, new: Assessment) -> list[Change]:
    changes: list[Change] = []
    if old.overall != new.overall:
        changes.append(Change("score", "pack", old.overall, new.overall, new.overall < old.overall))
    if old.band != new.band:
        changes.append(Change("band", "pack", old.band, new.band, _rank(new.band) < _rank(old.band)))
    for key, after in new.principles.items():
        before = old.principles.get(key)
        if before is None:
            continue
        if before.band != after.band:
            changes.append(Change("band", key, before.band, after.band, _rank(after.band) < _rank(before.band)))
        for ckey, criterion in after.criteria.items():
            was = before.criteria.get(ckey)
            if was is None:
                continue
            if was.status != criterion.status:
                changes.append(Change("claim", criterion.id, was.status, criterion.status, False))
            if was.score != criterion.score:
                changes.append(Change("criterion", criterion.id, was.score, criterion.score,
                                      (criterion.score or 0) < (was.score or 0)))
    return changes


def diff(old: PackResult, new: PackResult) -> PackDiff:
    changes: list[Change] = []
    if old.score is not None and new.score is not None:
        changes.extend(_assessment_changes(old.score, new.score))
    elif (old.score is None) != (new.score is None):
        changes.append(Change("band", "pack", old.score.band if old.score else "not assessed",
                              new.score.band if new.score else "not assessed", new.score is None))
    before = {_finding_key(f): f for f in old.findings}
    after = {_finding_key(f): f for f in new.findings}
    for key, f in after.items():
        if key not in before:
            changes.append(Change("finding_new", f.code, None, _finding_words(f), f.severity is Severity.ERROR))
    for key, f in before.items():
        if key not in after:
            changes.append(Change("finding_gone", f.code, _finding_words(f), None, False))
    return PackDiff(changes)


def regressions(old: PackResult, new: PackResult) -> list[str]:
    """Why ``new`` is worse than its baseline ``old`` (empty when it is not): the ``--baseline`` gate."""
    return [f"since the baseline: {r}" for r in diff(old, new).regressions]
