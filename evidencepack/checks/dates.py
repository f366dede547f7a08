"""Dates that make sense: nothing from the future, periods in order, evidence fresh, reviews kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer
from evidencepack.model import Pack
from evidencepack.options import CheckOptions


def reporting_period(ctx: CheckContext) -> Iterator[Finding]:
    period = ctx.pack.metadata.period
    if period and period.start and period.end and period.start > period.end:
        yield finding(
            "EP302", pointer("metadata", "period"), f"the period starts {period.start} but ends {period.end}"
        )


def currency_day(pack: Pack, options: CheckOptions) -> tuple[dt.date, str]:
    """The day evidence is judged current against, and its words: the end of the pack's period, else today."""
    period = pack.metadata.period
    if period and period.end and period.end <= options.today:
        return period.end, f"the end of the period ({period.end})"
    return options.today, str(options.today)


def evidence_dates(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.options.today
    reference, said = currency_day(ctx.pack, ctx.options)
    oldest = reference - dt.timedelta(days=ctx.max_age_days)
    for index, item in enumerate(ctx.pack.evidence):
        start, end = item.start_date, item.end_date
        if start and start > today:
            yield finding("EP301", pointer("evidence", index, "date"), f"evidence {item.id} is dated {item.date}")
        elif end and end < oldest:
            yield finding(
                "EP303",
                pointer("evidence", index, "date"),
                f"evidence {item.id} is dated {item.date}, more than {ctx.max_age_days} days before {said}",
            )
        if item.review_due and item.review_due < today:
            yield finding(
                "EP304",
                pointer("evidence", index, "review_due"),
                f"evidence {item.id} was due for review on {item.review_due}",
            )


def measure_dates(ctx: CheckContext) -> Iterator[Finding]:
    today = ctx.options.today
    for index, measure in enumerate(ctx.pack.measures):
        name = measure.name or f"measure {index + 1}"
        for part in ("baseline", "latest"):
            observation = getattr(measure, part)
            if observation and observation.day and observation.day > today:
                yield finding(
                    "EP307", pointer("measures", index, part, "date"), f"{name}: {part} is dated {observation.date}"
                )
        base, latest = measure.baseline, measure.latest
        if base and latest and base.day and latest.day and base.day > latest.day:
            yield finding(
                "EP305",
                pointer("measures", index),
                f"{name}: baseline dated {base.date} comes after the latest value dated {latest.date}",
            )


def overdue_actions(ctx: CheckContext) -> Iterator[Finding]:
    for index, action in enumerate(ctx.pack.actions):
        if action.status != "done" and action.due and action.due < ctx.options.today:
            yield finding(
                "EP306", pointer("actions", index, "due"), f"action {index + 1} was due on {action.due}"
            )


CHECKS = (reporting_period, evidence_dates, measure_dates, overdue_actions)
