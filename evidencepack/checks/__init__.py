"""Content rules run after the schema check. Each check yields findings with codes from the registry."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from evidencepack.checks import (
    assurance,
    dates,
    details,
    evidence,
    files,
    identifiers,
    measures,
    personal_data,
    references,
)
from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding

Check = Callable[[CheckContext], Iterable[Finding]]

ALL_CHECKS: tuple[Check, ...] = (
    *assurance.CHECKS,
    *references.CHECKS,
    *dates.CHECKS,
    *details.CHECKS,
    *identifiers.CHECKS,
    *measures.CHECKS,
    *evidence.CHECKS,
    *files.CHECKS,
    *personal_data.CHECKS,
)


MAX_FINDINGS_PER_CODE = 200


def run_checks(ctx: CheckContext) -> list[Finding]:
    """Every check's findings; past MAX_FINDINGS_PER_CODE of one code, a single finding counts the rest."""
    found: list[Finding] = []
    counts: Counter[str] = Counter()
    for check in ALL_CHECKS:
        for item in check(ctx):
            counts[item.code] += 1
            if counts[item.code] <= MAX_FINDINGS_PER_CODE:
                found.append(item)
    for code, count in counts.items():
        if count > MAX_FINDINGS_PER_CODE:
            found.append(finding(code, "", f"{count - MAX_FINDINGS_PER_CODE:,} more {code} findings not listed"))
    return found
