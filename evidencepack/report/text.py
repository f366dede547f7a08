"""Human-readable report for a terminal."""

from __future__ import annotations

from evidencepack.findings import Severity
from evidencepack.report.run import RunResult

DISCLAIMER = "indicative self-assessment, not a CQC rating"


def _head(result, run: RunResult) -> str:
    reasons = run.reasons(result)
    if result.score is None:
        verdict = "FAIL: " + "; ".join(reasons)
        return f"{result.path}: INVALID (not assessed) — {verdict}"
    score = result.score
    readiness = score.readiness.value.replace("_", " ")
    verdict = "FAIL: " + "; ".join(reasons) if reasons else f"checks passed ({run.gate.passed_checks()})"
    return (f"{result.path}: {score.overall:g}/100, {score.band_label} ({DISCLAIMER}); {readiness}; "
            f"answered {score.completeness:g}% — {verdict}")


def render(run: RunResult, show_info: bool = False) -> str:
    lines: list[str] = []
    for result in run.results:
        lines.append(_head(result, run))
        score = result.score
        if score is not None:
            for risk in score.risks:
                lines.append(f"  RISK {risk.code} {risk.pointer or '/'}: {risk.message}")
            for limit in score.limits:
                lines.append(f"  limit: {limit}")
            for principle in score.principles.values():
                shown = "n/a" if principle.score is None else f"{principle.score:g}% {principle.band_label}"
                answered = "" if principle.answered is None else f" (answered {principle.answered:g}%)"
                lines.append(f"  {principle.number}. {principle.title}: {shown}{answered}")
                for limit in principle.limits:
                    lines.append(f"       limit: {limit}")
        hidden = 0
        for f in result.findings:
            if f.severity is Severity.INFO and not show_info:
                hidden += 1
                continue
            lines.append(f"  {f.severity.value:7} {f.code} {f.pointer or '/'}: {f.message}")
            lines.append(f"          fix: {f.hint}")
        if hidden:
            lines.append(f"  ({hidden} completeness notes not shown; --show-info or --format json lists them)")
        if score is not None and score.next_best_actions:
            lines.append("  Next actions (risks first, then by gain):")
            for action in score.next_best_actions:
                gain = "RISK" if action.risk else f"+{action.points:g}"
                lines.append(f"    {gain} {action.criterion or '/'}: {action.action}")
    failed = sum(1 for r in run.results if run.failed(r))
    lines.append(f"{len(run.results)} pack(s) checked, {failed} failed")
    return "\n".join(lines) + "\n"
