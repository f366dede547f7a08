"""Human-readable report for a terminal."""

from __future__ import annotations

from evidencepack.findings import Severity
from evidencepack.report.run import RunResult


def render(run: RunResult, show_info: bool = False) -> str:
    lines: list[str] = []
    for result in run.results:
        if result.score is None:
            head = f"{result.path}: INVALID (not scored)"
        else:
            readiness = result.score.readiness.value.replace("_", " ")
            head = f"{result.path}: {result.score.overall:g}/100, {readiness}"
        reasons = run.gate.reasons(result)
        lines.append(f"{head} — {'FAIL: ' + '; '.join(reasons) if reasons else 'pass'}")
        if result.score is not None:
            for principle in result.score.principles.values():
                shown = "n/a" if principle.score is None else f"{principle.score:g}"
                lines.append(f"  {principle.number}. {principle.title}: {shown}")
        hidden = 0
        for f in result.findings:
            if f.severity is Severity.INFO and not show_info:
                hidden += 1
                continue
            lines.append(f"  {f.severity.value:7} {f.code} {f.pointer or '/'}: {f.message}")
            lines.append(f"          fix: {f.hint}")
        if hidden:
            lines.append(f"  ({hidden} completeness notes not shown; --format json lists them)")
        if result.score is not None and result.score.next_best_actions:
            lines.append("  Next best actions:")
            for action in result.score.next_best_actions:
                lines.append(f"    +{action.points:g} {action.criterion}: {action.action}")
    failed = sum(1 for r in run.results if run.failed(r))
    lines.append(f"{len(run.results)} pack(s) checked, {failed} failed")
    return "\n".join(lines) + "\n"
