"""GitHub Actions workflow commands: one annotation per error or warning."""

from __future__ import annotations

from evidencepack.findings import Severity
from evidencepack.report.run import RunResult

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(run: RunResult) -> str:
    lines = []
    for result in run.results:
        for f in result.findings:
            level = _LEVEL.get(f.severity)
            if level is None:
                continue
            title = _escape_property(f"{f.code} {f.pointer or '/'}")
            lines.append(
                f"::{level} file={_escape_property(result.path)},title={title}::"
                f"{_escape_data(f.message + ' — fix: ' + f.hint)}"
            )
        if result.score is not None:
            lines.append(
                f"::notice file={_escape_property(result.path)},title=evidencepack score::"
                f"{result.score.overall:g}/100 ({result.score.readiness.value})"
            )
        reasons = run.reasons(result)
        if reasons and not any(f.severity is Severity.ERROR for f in result.findings):
            lines.append(f"::error file={_escape_property(result.path)}::{_escape_data('; '.join(reasons))}")
    return "\n".join(lines) + ("\n" if lines else "")
