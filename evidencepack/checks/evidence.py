"""The evidence register: sources, attestations, breadth of categories, and the plan for gaps."""

from __future__ import annotations

from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer


def sources_and_attestations(ctx: CheckContext) -> Iterator[Finding]:
    for index, item in enumerate(ctx.pack.evidence):
        source = item.source
        if not (source and (source.path or source.url or source.attachment)):
            yield finding("EP705", pointer("evidence", index, "source"), f"evidence {item.id} has no source")
        if not item.personal_data:
            yield finding(
                "EP706",
                pointer("evidence", index, "personal_data"),
                f"evidence {item.id} has no personal-data attestation",
            )


def category_breadth(ctx: CheckContext) -> Iterator[Finding]:
    known = ctx.evidence_by_id  # read once: a cached property is not free to read
    for key, principle in ctx.pack.principles.items():
        cited = {e for response in principle.criteria.values() for e in response.cited_ids()}
        categories = {known[e].category for e in cited if e in known and known[e].category}
        if len(cited) >= 2 and len(categories) == 1:
            yield finding(
                "EP605",
                pointer("principles", key),
                f"all evidence cited for {key} is in one category ({categories.pop()})",
            )


def gaps_without_actions(ctx: CheckContext) -> Iterator[Finding]:
    planned = {a.criterion for a in ctx.pack.actions if a.criterion}
    for key, principle in ctx.pack.principles.items():
        for ckey, response in principle.criteria.items():
            if response.status in ("partly", "not_yet") and f"{key}.{ckey}" not in planned:
                yield finding(
                    "EP606",
                    pointer("principles", key, "criteria", ckey),
                    f"{key}.{ckey} is {response.status.replace('_', ' ')} and has no action in the plan",
                )


CHECKS = (sources_and_attestations, category_breadth, gaps_without_actions)
