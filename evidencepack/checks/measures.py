"""Outcome measures complete enough to show an effect."""

from __future__ import annotations

from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer


def measure_completeness(ctx: CheckContext) -> Iterator[Finding]:
    for index, measure in enumerate(ctx.pack.measures):
        name = measure.name or f"measure {index + 1}"
        relative = measure.relative_change is not None  # a relative change needs the dates, not the values
        if not (measure.baseline and (relative or measure.baseline.value is not None) and measure.baseline.date):
            yield finding("EP501", pointer("measures", index, "baseline"), f"{name} has no dated baseline value")
        if not (measure.latest and (relative or measure.latest.value is not None) and measure.latest.date):
            yield finding("EP502", pointer("measures", index, "latest"), f"{name} has no dated latest value")
        if not measure.source:
            yield finding("EP503", pointer("measures", index, "source"), f"{name} has no data source")
        if measure.inequalities and not any(g.group for g in measure.breakdown):
            yield finding(
                "EP504",
                pointer("measures", index, "breakdown"),
                f"{name} claims an effect on inequalities but has no breakdown by group",
            )
        missing = [f for f in ("name", "unit", "direction") if not getattr(measure, f)]
        if missing:
            yield finding(
                "EP505", pointer("measures", index), f"{name} has no {', '.join(missing)}"
            )


def worsening_results(ctx: CheckContext) -> Iterator[Finding]:
    """A result that went the wrong way is shown, never hidden (reporting it still counts as measuring)."""
    for index, measure in enumerate(ctx.pack.measures):
        if measure.improved() is False:
            name = measure.name or f"measure {index + 1}"
            change = measure.relative()
            size = f" ({change:+.0%})" if change is not None else ""
            yield finding("EP507", pointer("measures", index), f"{name} got worse{size}",
                          criterion=_first_measures_criterion(ctx))


def _first_measures_criterion(ctx: CheckContext) -> str | None:
    return next((c.id for c in ctx.framework.criteria if c.measures == "required"), None)


def principles_needing_measures(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.pack.measures:
        return
    for principle in ctx.framework.principles:
        if principle.requires_measures:
            yield finding(
                "EP506",
                pointer("measures"),
                f"principle {principle.number} ({principle.short_title}) needs outcome measures and there are none",
            )


CHECKS = (measure_completeness, worsening_results, principles_needing_measures)
