"""Evidence ids, citations and references between sections."""

from __future__ import annotations

from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer
from evidencepack.model import inline_citations


def duplicate_evidence_ids(ctx: CheckContext) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for index, item in enumerate(ctx.pack.evidence):
        if item.id in seen:
            yield finding(
                "EP201",
                pointer("evidence", index, "id"),
                f"evidence id {item.id} is used again (first at /evidence/{seen[item.id]})",
            )
        else:
            seen[item.id] = index


def criterion_citations(ctx: CheckContext) -> Iterator[Finding]:
    known = ctx.evidence_by_id
    for key, principle in ctx.pack.principles.items():
        for ckey, response in principle.criteria.items():
            if not response.justification and known.keys() >= set(response.cited_ids()):
                continue  # every id it cites, in its list or its narrative, is in the register
            for index, evidence_id in enumerate(response.evidence):
                if evidence_id not in known:
                    yield finding(
                        "EP202",
                        pointer("principles", key, "criteria", ckey, "evidence", index),
                        f"{key}.{ckey} cites {evidence_id}, which is not in the evidence register",
                    )
            for field in ("narrative", "justification"):
                for evidence_id in dict.fromkeys(inline_citations(getattr(response, field))):
                    if evidence_id not in known:
                        yield finding(
                            "EP203",
                            pointer("principles", key, "criteria", ckey, field),
                            f"the {field} of {key}.{ckey} cites [{evidence_id}], which is not in the evidence register",
                        )
        for evidence_id in dict.fromkeys(inline_citations(principle.summary)):
            if evidence_id not in known:
                yield finding(
                    "EP203",
                    pointer("principles", key, "summary"),
                    f"the summary of {key} cites [{evidence_id}], which is not in the evidence register",
                )


def measure_sources(ctx: CheckContext) -> Iterator[Finding]:
    for index, measure in enumerate(ctx.pack.measures):
        if measure.source and measure.source not in ctx.evidence_by_id:
            yield finding(
                "EP204",
                pointer("measures", index, "source"),
                f"measure {measure.name or index + 1!s} names source {measure.source}, "
                "which is not in the evidence register",
            )


def unused_evidence(ctx: CheckContext) -> Iterator[Finding]:
    used: set[str] = {m.source for m in ctx.pack.measures if m.source}
    for principle in ctx.pack.principles.values():
        used.update(inline_citations(principle.summary))
        for response in principle.criteria.values():
            used.update(response.cited_ids())
            used.update(inline_citations(response.justification))
    for index, item in enumerate(ctx.pack.evidence):
        if item.id not in used:
            yield finding("EP205", pointer("evidence", index), f"evidence {item.id} is not cited anywhere")


def action_criteria(ctx: CheckContext) -> Iterator[Finding]:
    for index, action in enumerate(ctx.pack.actions):
        if action.criterion and ctx.framework.criterion(action.criterion) is None:
            yield finding(
                "EP206",
                pointer("actions", index, "criterion"),
                f"action {index + 1} names criterion {action.criterion!r}, which does not exist",
            )


CHECKS = (
    duplicate_evidence_ids,
    criterion_citations,
    measure_sources,
    unused_evidence,
    action_criteria,
)
