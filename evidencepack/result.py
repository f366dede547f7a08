"""One pack's outcome end to end: load → validate → score, with errors carried as findings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from evidencepack.assessment import Assessment, Readiness, assess
from evidencepack.findings import Finding, Severity, by_severity
from evidencepack.findings import worst as worst_severity
from evidencepack.framework import Framework, load_framework
from evidencepack.load import LoadError, PackDocument, load
from evidencepack.options import CheckOptions
from evidencepack.validate import validate

_FINDINGS = TypeAdapter(list[Finding])  # one call to the compiled serialiser for a list, not one per finding


class PackResult(BaseModel):
    """What a pipeline needs to know about one pack."""

    path: str
    valid: bool
    score: Assessment | None  # the assessment (named score for older callers)
    findings: list[Finding]

    @property
    def assessment(self) -> Assessment | None:
        return self.score

    @property
    def readiness(self) -> Readiness | None:
        return self.score.readiness if self.score else None

    def worst(self) -> Severity | None:
        return worst_severity(self.findings)

    def contract(self) -> dict[str, Any]:
        """The JSON report entry for this pack (the documented pipeline contract, docs/cli.md)."""
        return {
            "path": self.path,
            "valid": self.valid,
            "score": None if self.score is None else score_contract(self.score),
            "readiness": self.readiness.value if self.readiness else None,
            "findings": _FINDINGS.dump_python(self.findings, mode="json"),
        }


def score_contract(assessment: Assessment) -> dict[str, Any]:
    """``score`` in the JSON report: overall 0-100, band, answered; per principle and per criterion (1-4)."""
    return {
        "overall": assessment.overall,
        "band": assessment.band,
        "band_label": assessment.band_label,
        "answered": assessment.completeness,
        "limits": assessment.limits,
        "principles": {
            key: {
                "score": p.score,
                "band": p.band,
                "band_label": p.band_label,
                "answered": p.answered,
                "limits": p.limits,
                "criteria": {
                    c.id: {"score": c.score, "band": c.band, "status": c.status, "strength": c.strength,
                           "reasons": c.reasons}
                    for c in p.criteria.values()
                },
            }
            for key, p in assessment.principles.items()
        },
        "risks": _FINDINGS.dump_python(assessment.risks, mode="json"),
        "next_best_actions": [a.model_dump(mode="json") for a in assessment.next_best_actions],
    }


def _sorted(findings: list[Finding]) -> list[Finding]:
    return by_severity(findings)


def check_document(
    document: PackDocument | dict[str, Any],
    options: CheckOptions | None = None,
    framework: Framework | None = None,
    path: str | None = None,
) -> PackResult:
    """Validate and score a pack that has been read."""
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    validation = validate(document, options, framework)
    name = path or (document.source if isinstance(document, PackDocument) else "<pack>")
    if validation.pack is None:
        return PackResult(path=name, valid=False, score=None, findings=_sorted(validation.findings))
    result = assess(validation.pack, options, framework, validation.findings)
    findings = _sorted([*validation.findings, *result.findings])
    valid = not any(f.severity is Severity.ERROR for f in findings)
    return PackResult(path=name, valid=valid, score=result, findings=findings)


def check_path(
    path: str | os.PathLike[str],
    options: CheckOptions | None = None,
    framework: Framework | None = None,
    max_bytes: int | None = None,
) -> PackResult:
    """Load, validate and score one file. A file that cannot be parsed is a result with one finding.

    OSError (missing or unreadable file) propagates: that is an I/O problem, not a pack problem.
    """
    options = options or CheckOptions()
    framework = framework or load_framework(options.schema_dir)
    try:
        document = load(path, framework=framework, max_bytes=max_bytes)
    except LoadError as exc:
        return PackResult(path=str(path), valid=False, score=None, findings=[exc.finding])
    return check_document(document, options, framework, path=str(Path(path)))
