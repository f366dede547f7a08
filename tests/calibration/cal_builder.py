"""Builds invented calibration packs from short specifications (no real provider, person or patient).

A specification gives the pack's setting and, for each criterion, a *profile* of the claim and the evidence
behind it. Profiles:

- ``blank``: nothing answered.            - ``gap``: not yet, with an action planned.
- ``undocumented``: not documented.       - ``na``: not applicable, with a reason of its own.
- ``claim``: met, no evidence cited.      - ``describe``: met, citing a description or plan.
- ``records``: met, citing fitting records or feedback.
- ``records2``: met, citing two fitting items of records or feedback in different categories.
- ``measured``: met, citing fitting measured change and a second fitting item.
- ``evaluated``: met, citing an independent evaluation and fitting measured change.
- ``partly``: partly met, citing fitting records.
- ``unfit``: met, citing records of a category the criterion does not name.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from evidencepack.framework import Criterion, load_framework

FW = load_framework()
OTHER_CATEGORY = {c: next(o for o in FW.evidence_categories if o != c) for c in FW.evidence_categories}


@dataclass
class Spec:
    name: str
    sector: str
    innovation: str
    kind: str = "service_model"
    stage: str = "rollout"
    go_live: str = "2025-06"
    period: tuple[str, str] = ("2025-04-01", "2026-09-30")
    evidence_date: str = "2026-03-15"
    default: str = "records"
    principles: dict[str, str] = field(default_factory=dict)  # principle key -> profile for all its criteria
    criteria: dict[str, str] = field(default_factory=dict)  # criterion id -> profile
    measures: list[dict[str, Any]] = field(default_factory=list)
    assurance: dict[str, Any] | None = None
    personal_data: bool | None = None
    undated: bool = False
    reasons: dict[str, str] = field(default_factory=dict)  # criterion id -> why it does not apply
    categories: bool = True  # False: the register gives kinds but no SAF category, as in published case studies


def _fitting(criterion: Criterion) -> str:
    return criterion.evidence_categories[0] if criterion.evidence_categories else "processes"


def _second(criterion: Criterion) -> str:
    cats = criterion.evidence_categories
    return cats[1] if len(cats) > 1 else cats[0] if cats else "processes"


class _Register:
    def __init__(self, spec: Spec):
        self.items: list[dict[str, Any]] = []
        self.spec = spec

    def add(self, criterion: Criterion, category: str, how: str, kind: str = "document", **extra: Any) -> str:
        evidence_id = f"E{len(self.items) + 1}"
        item = {
            "id": evidence_id,
            "title": f"{criterion.title} ({how.replace('_', ' ')})",
            "kind": kind,
            "category": category,
            "how_produced": how,
            "source": {"path": f"evidence/{evidence_id.lower()}.pdf"},
            "personal_data": "none",
            **extra,
        }
        if not self.spec.undated:
            item["date"] = self.spec.evidence_date
        if not self.spec.categories:
            del item["category"]
        self.items.append(item)
        return evidence_id


def _narrative(spec: Spec, criterion: Criterion) -> str:
    return (f"For {spec.innovation} we did this: {criterion.guidance} The register items cited below record "
            f"what happened and when.")


def _answer(spec: Spec, criterion: Criterion, profile: str, register: _Register) -> dict[str, Any] | None:
    fit, second = _fitting(criterion), _second(criterion)
    text = _narrative(spec, criterion)
    if profile == "blank":
        return None
    if profile == "gap":
        return {"status": "not_yet", "narrative": f"Not yet in place for {spec.innovation}; a plan is recorded."}
    if profile == "undocumented":
        return {"status": "not_documented"}
    if profile == "na":
        reason = spec.reasons.get(criterion.id, f"{criterion.title} does not arise for {spec.innovation}.")
        return {"status": "not_applicable", "justification": reason}
    if profile == "claim":
        return {"status": "met", "narrative": text}
    ids: list[str]
    if profile == "describe":
        ids = [register.add(criterion, fit, "description")]
    elif profile == "records":
        ids = [register.add(criterion, fit, "records")]
    elif profile == "records2":
        ids = [register.add(criterion, fit, "records"), register.add(criterion, second, "feedback", kind="survey")]
    elif profile == "measured":
        ids = [register.add(criterion, fit, "measured_change", kind="data"),
               register.add(criterion, second, "feedback", kind="survey")]
    elif profile == "evaluated":
        ids = [register.add(criterion, fit, "independent_evaluation", independent=True),
               register.add(criterion, second, "measured_change", kind="data")]
    elif profile == "partly":
        return {"status": "partly", "narrative": text, "evidence": [register.add(criterion, fit, "records")]}
    elif profile == "unfit":
        wrong = next(c for c in FW.evidence_categories if c not in criterion.evidence_categories)
        ids = [register.add(criterion, wrong, "records")]
    else:
        raise ValueError(profile)
    return {"status": "met", "narrative": text, "evidence": ids}


def build(spec: Spec) -> dict[str, Any]:
    register = _Register(spec)
    principles: dict[str, Any] = {}
    actions = []
    for principle in FW.principles:
        criteria = {}
        for criterion in principle.criteria:
            profile = spec.criteria.get(criterion.id, spec.principles.get(principle.key, spec.default))
            answer = _answer(spec, criterion, profile, register)
            if answer is not None:
                criteria[criterion.key] = answer
            if profile in ("gap", "partly"):
                actions.append({"criterion": criterion.id, "action": f"Close the gap in {criterion.title.lower()}",
                                "owner": {"name": "Quality lead"}, "due": "2026-12-31", "status": "open"})
        principles[principle.key] = {"criteria": criteria}
    measures = []
    for measure in spec.measures:
        measure = copy.deepcopy(measure)
        if "source" not in measure:
            register.items.append({"id": f"E{len(register.items) + 1}", "title": f"Data for {measure['name']}",
                                   "kind": "data", "category": "outcomes", "how_produced": "measured_change",
                                   "date": spec.period[1], "source": {"path": "evidence/data.csv"},
                                   "personal_data": "none"})
            measure["source"] = register.items[-1]["id"]
        measures.append(measure)
    innovation: dict[str, Any] = {"name": spec.innovation, "summary": f"{spec.innovation}, invented for calibration.",
                                  "kind": spec.kind, "stage": spec.stage, "go_live": spec.go_live}
    if spec.assurance is not None:
        innovation["assurance"] = spec.assurance
    if spec.personal_data is not None:
        innovation["personal_data"] = spec.personal_data
    return {
        "metadata": {
            "schema_version": "1.1", "id": str(uuid.uuid5(uuid.NAMESPACE_URL, spec.name)),
            "title": spec.innovation, "version": 1, "status": "draft",
            "provider": {"name": f"Invented {spec.sector.replace('_', ' ')} provider", "sector": spec.sector},
            "period": {"start": spec.period[0], "end": spec.period[1]},
        },
        "innovation": innovation,
        "evidence": register.items,
        "principles": principles,
        "measures": measures,
        "actions": actions,
    }


def outcome_measure(name: str, baseline: float, latest: float, direction: str = "lower_is_better",
                    dates: tuple[str, str] = ("2025-04-30", "2026-08-31"), **extra: Any) -> dict[str, Any]:
    return {"name": name, "unit": "per 1,000", "direction": direction,
            "baseline": {"value": baseline, "date": dates[0]}, "latest": {"value": latest, "date": dates[1]},
            "population": "people using the service", **extra}


TODAY = dt.date(2026, 11, 26)
