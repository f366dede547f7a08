"""The machine-readable report: a contract for pipelines (see docs/cli.md)."""

from __future__ import annotations

import json

from evidencepack.report.run import RunResult

REPORT_VERSION = "2.0"  # 2.0: the assessment (bands, criteria 1-4, answered, risks); 1.x had completeness only


def render(run: RunResult) -> str:
    """The report as JSON, one pack per line: indenting every level would use json's slow pure-Python encoder
    (several ms a pack), while each pack on its own line keeps a 1,000-pack report readable and fast."""
    packs = [
        json.dumps({**r.contract(), "passed": not run.failed(r), "fail_reasons": run.reasons(r)}, ensure_ascii=False)
        for r in run.results
    ]
    head = json.dumps({"report_version": REPORT_VERSION, "passed": run.passed}, ensure_ascii=False)[:-1]
    body = ",\n    ".join(packs)
    return f'{head},\n  "packs": [\n    {body}\n  ]\n}}\n' if packs else f'{head}, "packs": []}}\n'
