"""The machine-readable report: a contract for pipelines (see docs/cli.md)."""

from __future__ import annotations

import json

from evidencepack.report.run import RunResult


def render(run: RunResult) -> str:
    packs = [{**r.contract(), "passed": not run.failed(r)} for r in run.results]
    return json.dumps({"passed": run.passed, "packs": packs}, ensure_ascii=False, indent=2) + "\n"
