"""The short checklist a quality lead works through, with what is done: details, evidence, principles, outcomes,
review, export. Read from the pack, its check result and whether it has been exported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evidencepack.findings import Severity
from evidencepack.framework import load_framework
from evidencepack.result import PackResult


@dataclass(frozen=True)
class Step:
    key: str  # the app page that does it
    title: str
    done: bool
    progress: str  # "3 of 4", "" when a step is simply done or not


def _filled(content: dict[str, Any], *path: str) -> bool:
    node: Any = content
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return isinstance(node, str) and bool(node.strip())


def checklist(content: dict[str, Any], result: PackResult, *, exported: bool = False) -> list[Step]:
    """The six steps, in order, each done or not, with progress where it counts."""
    details = [("metadata", "title"), ("metadata", "provider", "name"), ("innovation", "name"),
               ("innovation", "summary")]
    details_done = sum(_filled(content, *p) for p in details)
    evidence = [e for e in content.get("evidence") or [] if isinstance(e, dict)]
    criteria = [response for principle in (content.get("principles") or {}).values() if isinstance(principle, dict)
                for response in (principle.get("criteria") or {}).values()]
    total = sum(len(p.criteria) for p in load_framework().principles)
    answered = sum(1 for r in criteria if isinstance(r, dict) and r.get("status"))
    measures = [m for m in content.get("measures") or [] if isinstance(m, dict)]
    measured = sum(1 for m in measures if isinstance(m.get("baseline"), dict) and isinstance(m.get("latest"), dict))
    errors = sum(1 for f in result.findings if f.severity is Severity.ERROR)
    return [
        Step("details", "Details of the provider and the innovation", details_done == len(details),
             f"{details_done} of {len(details)}"),
        Step("evidence", "Evidence register: what you can show", bool(evidence),
             f"{len(evidence)} item{'s' if len(evidence) != 1 else ''}"),
        Step("principles", "The six principles: each criterion answered", answered >= total,
             f"{answered} of {total} criteria"),
        Step("outcomes", "Outcomes: a measure with a baseline and a latest figure", measured > 0,
             f"{measured} of {len(measures)} measure{'s' if len(measures) != 1 else ''}"),
        Step("review", "Review: no errors left", result.score is not None and errors == 0,
             f"{errors} error{'s' if errors != 1 else ''} left" if errors else ""),
        Step("export", "Export the document for your inspector", exported, ""),
    ]

