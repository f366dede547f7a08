"""Reporters: each turns a run's results into text for one audience. They only format."""

from __future__ import annotations

from collections.abc import Callable

from evidencepack.report import github, json_report, junit, text
from evidencepack.report.run import RunResult

Reporter = Callable[[RunResult], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "github": github.render,
}

__all__ = ["REPORTERS", "Reporter", "RunResult"]
