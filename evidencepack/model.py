"""Typed view of a pack (pydantic v2), for code that reads a schema-valid pack.

The JSON Schemas are the source of the structure; ``tests/test_model_drift.py`` fails when these models and
the schemas name different fields. Principles are a mapping keyed as in ``pack.schema.json`` so that a new
principle needs no change here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["met", "partly", "not_yet", "not_applicable"]
EvidenceCategory = Literal[
    "people_experience", "staff_leader_feedback", "partner_feedback", "observation", "processes", "outcomes"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Person(_Model):
    name: str | None = None
    role: str | None = None


class Approval(_Model):
    name: str | None = None
    role: str | None = None
    date: dt.date | None = None


class Provider(_Model):
    name: str | None = None
    cqc_provider_id: str | None = None
    ods_code: str | None = None
    sector: str | None = None


class Location(_Model):
    name: str | None = None
    cqc_location_id: str | None = None
    postcode: str | None = None


class Period(_Model):
    start: dt.date | None = None
    end: dt.date | None = None


class ExportOverride(_Model):
    reason: str | None = None
    by: str | None = None
    date: dt.date | None = None


class Metadata(_Model):
    schema_version: str | None = None
    id: str | None = None
    title: str | None = None
    version: int | None = None
    status: Literal["draft", "in_review", "approved", "superseded"] | None = None
    approval: Approval | None = None
    provider: Provider | None = None
    locations: list[Location] = Field(default_factory=list)
    period: Period | None = None
    prepared_by: Person | None = None
    export_override: ExportOverride | None = None


class Assurance(_Model):
    dtac_version: str | None = None
    dtac_date: dt.date | None = None
    dcb0129_reference: str | None = None
    dcb0160_reference: str | None = None
    dpia_reference: str | None = None


class Innovation(_Model):
    name: str | None = None
    summary: str | None = None
    kind: Literal["digital", "service_model", "workforce", "process", "other"] | None = None
    supplier: str | None = None
    product_version: str | None = None
    go_live: dt.date | None = None
    stage: Literal["idea", "pilot", "rollout", "business_as_usual", "stopped"] | None = None
    assurance: Assurance | None = None


class EvidenceSource(_Model):
    path: str | None = None
    url: str | None = None
    attachment: str | None = None


class EvidenceItem(_Model):
    id: str
    title: str | None = None
    description: str | None = None
    kind: str | None = None
    category: EvidenceCategory | None = None
    date: dt.date | None = None
    review_due: dt.date | None = None
    owner: Person | None = None
    source: EvidenceSource | None = None
    sha256: str | None = None
    personal_data: Literal["none", "consent_recorded"] | None = None


class CriterionResponse(_Model):
    status: Status | None = None
    narrative: str | None = None
    evidence: list[str] = Field(default_factory=list)
    justification: str | None = None


class PrincipleResponse(_Model):
    summary: str | None = None
    criteria: dict[str, CriterionResponse] = Field(default_factory=dict)


class Observation(_Model):
    value: float | None = None
    date: dt.date | None = None


class GroupResult(_Model):
    group: str | None = None
    baseline: float | None = None
    latest: float | None = None


class Measure(_Model):
    name: str | None = None
    unit: str | None = None
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    baseline: Observation | None = None
    latest: Observation | None = None
    target: float | None = None
    population: str | None = None
    denominator: float | None = None
    source: str | None = None
    inequalities: bool | None = None
    breakdown: list[GroupResult] = Field(default_factory=list)
    notes: str | None = None


class Action(_Model):
    criterion: str | None = None
    action: str | None = None
    owner: Person | None = None
    due: dt.date | None = None
    status: Literal["open", "done"] | None = None


class Pack(_Model):
    """A whole evidence pack."""

    metadata: Metadata = Field(default_factory=Metadata)
    innovation: Innovation = Field(default_factory=Innovation)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    principles: dict[str, PrincipleResponse] = Field(default_factory=dict)
    measures: list[Measure] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
