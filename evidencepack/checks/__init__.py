"""Content rules run after the schema check. Each check yields findings with codes from the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from evidencepack.checks import dates, evidence, files, identifiers, measures, references
from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding

Check = Callable[[CheckContext], Iterable[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
    *references.CHECKS,
    *dates.CHECKS,
    *identifiers.CHECKS,
    *measures.CHECKS,
    *evidence.CHECKS,
    *files.CHECKS,
)


def run_checks(ctx: CheckContext) -> list[Finding]:
    return [found for check in ALL_CHECKS for found in check(ctx)]
