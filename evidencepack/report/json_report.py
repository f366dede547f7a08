"""The machine-readable report: a contract for pipelines (see docs/cli.md)."""

from __future__ import annotations

import json

from evidencepack.report.run import RunResult

REPORT_VERSION = "2.0"  # 2.0: the assessment (bands, criteria 1-4, answered, risks); 1.x had completeness only


def render(run: RunResult) -> str:
    packs = [{**r.contract(), "passed": not run.failed(r), "fail_reasons": run.reasons(r)}
             for r in run.results]
    report = {"report_version": REPORT_VERSION, "passed": run.passed, "packs": packs}
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
