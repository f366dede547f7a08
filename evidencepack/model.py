"""The one typed model of a pack (pydantic v2) that every stage reads: checks, assessment, document, app.

Hand-written, not generated: the schemas carry rubric annotations (``x-weight`` ...) and principle files that a
generator would turn into one class per principle, while here principles are a mapping so that a seventh
principle needs no code. ``tests/test_model_drift.py`` fails when these models and the schemas differ in
fields, types, enums or required keys.

Domain questions are answered here once: which evidence a response cites, the pack's own postcodes, a
measure's change and whether it met its target. ``draft_view`` gives a typed view of a pack the schema rejects.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

Status = Literal["met", "partly", "not_yet", "not_documented", "not_applicable"]
EvidenceCategory = Literal[
    "people_experience", "staff_leader_feedback", "partner_feedback", "observation", "processes", "outcomes"
]
EvidenceKind = Literal["document", "survey", "minutes", "data", "testimony", "photo", "link", "other"]
Sector = Literal[
    "care_home", "home_care", "gp_practice", "nhs_trust", "community_health", "mental_health", "dental",
    "independent_hospital", "hospice", "ambulance", "other",
]
HowProduced = Literal[
    "intention", "description", "records", "feedback", "measured_change", "comparison", "independent_evaluation",
    "replicated",
]

INLINE_CITATION = re.compile(r"\[(E[0-9]+(?:\s*[,;]\s*E[0-9]+)*)\]")
_EVIDENCE_ID = re.compile(r"E[0-9]+")  # within a citation's brackets, each id in turn
_YEAR_MONTH = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?$")


def inline_citations(text: str | None) -> tuple[str, ...]:
    """Evidence ids cited inline as [E3] or [E3, E4] in ``text``, in order. Not cached by text: a response keeps
    its own (``CriterionResponse.cited_ids``), and a cache by text would only speed up reading the same pack
    again (and hold its text)."""
    if not text or "[" not in text:
        return ()
    groups = INLINE_CITATION.findall(text)
    return tuple(_EVIDENCE_ID.findall(" ".join(groups))) if groups else ()


def normalise_postcode(postcode: str) -> str:
    """Upper case without spaces: "ls1 4ap" and "LS1 4AP" are the same place."""
    return "".join(postcode.split()).upper()


def partial_date(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """A date from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (schema 1.1): the first day, or the last with ``end``."""
    if value is None or isinstance(value, dt.date):
        return value
    return _known_date(value, end) if len(value) <= 10 else _read_date(value, end)  # no date is longer


def _read_date(value: str, end: bool) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    match = _YEAR_MONTH.match(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2) or (12 if end else 1))
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12):  # "0000" is no year a date can hold
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)


_known_date = lru_cache(maxsize=4096)(_read_date)  # each item's date is read by several checks and the assessment


PartialDate = str  # YYYY, YYYY-MM or YYYY-MM-DD; read with partial_date()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Person(_Model):
    name: str | None = None
    role: str | None = None


class Approval(_Model):
    name: str | None = None
    role: str | None = None
    date: dt.date | None = None
    self_approved: bool | None = None  # the approver was also the last editor (a one-person provider)
    reason: str | None = None  # why it was approved although not ready or with error-level findings


class Provider(_Model):
    name: str | None = None
    cqc_provider_id: str | None = None
    ods_code: str | None = None
    sector: Sector | None = None


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
    dcb0129_date: dt.date | None = None
    dcb0160_reference: str | None = None
    dcb0160_date: dt.date | None = None
    clinical_safety_officer: str | None = None
    dpia_reference: str | None = None
    dpia_date: dt.date | None = None
    dpia_signed_by: str | None = None
    dpia_status: Literal["draft", "approved", "not_needed"] | None = None
    safety_case_status: Literal["draft", "approved", "not_needed"] | None = None


class Innovation(_Model):
    name: str | None = None
    summary: str | None = None
    serves: str | None = None
    people_reached: str | None = None
    kind: Literal["digital", "service_model", "workforce", "process", "other"] | None = None
    supplier: str | None = None
    product_version: str | None = None
    go_live: PartialDate | None = None
    stage: Literal["idea", "pilot", "rollout", "business_as_usual", "stopped"] | None = None
    personal_data: bool | None = None
    assurance: Assurance | None = None

    @property
    def go_live_date(self) -> dt.date | None:
        return partial_date(self.go_live)


class EvidenceSource(_Model):
    path: str | None = None
    url: str | None = None
    attachment: str | None = None


class EvidenceItem(_Model):
    id: str
    title: str | None = None
    description: str | None = None
    kind: EvidenceKind | None = None
    category: EvidenceCategory | None = None
    how_produced: HowProduced | None = None
    independent: bool | None = None
    date: PartialDate | None = None
    review_due: dt.date | None = None
    owner: Person | None = None
    source: EvidenceSource | None = None
    sha256: str | None = None
    personal_data: Literal["none", "consent_recorded"] | None = None
    notes: str | None = None

    @property
    def start_date(self) -> dt.date | None:
        """The earliest day the item's date can mean (its day, or the first of its month or year)."""
        return partial_date(self.date)

    @property
    def end_date(self) -> dt.date | None:
        """The latest day the item's date can mean."""
        return partial_date(self.date, end=True)


_CITED = "_cited_ids"  # where a response keeps its cited ids (in its __dict__: not a field, never serialised)


class CriterionResponse(_Model):
    status: Status | None = None
    narrative: str | None = None
    evidence: list[str] = Field(default_factory=list)
    justification: str | None = None

    def cited_ids(self) -> tuple[str, ...]:
        """Evidence ids the response cites, in its list or inline as [E3] in its narrative; first mention first.
        Worked out once per response (several checks and the assessment ask; a validated pack is not changed),
        and kept as functools.cached_property would keep it, without the lock that costs it a third more here."""
        found = self.__dict__.get(_CITED)
        if found is None:
            found = self.__dict__[_CITED] = tuple(dict.fromkeys((*self.evidence, *inline_citations(self.narrative))))
        return found


class PrincipleResponse(_Model):
    summary: str | None = None
    criteria: dict[str, CriterionResponse] = Field(default_factory=dict)


class Observation(_Model):
    value: float | None = None
    date: PartialDate | None = None

    @property
    def day(self) -> dt.date | None:
        return partial_date(self.date)


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
    relative_change: float | None = None
    target: float | None = None
    population: str | None = None
    denominator: float | None = None
    source: str | None = None
    inequalities: bool | None = None
    breakdown: list[GroupResult] = Field(default_factory=list)
    notes: str | None = None

    @property
    def has_baseline_and_followup(self) -> bool:
        """A before and an after: two values, or a relative change stated with its period and population."""
        base, latest = self.baseline, self.latest
        if base and latest and base.value is not None and latest.value is not None:
            return True
        return self.relative_change is not None and bool(self.population) and bool(
            base and base.date and latest and latest.date
        )

    def change(self) -> float | None:
        """Latest minus baseline, or None when either value is missing."""
        base, latest = self.baseline, self.latest
        if base and latest and base.value is not None and latest.value is not None:
            return latest.value - base.value
        return None

    def relative(self) -> float | None:
        """The change as a fraction of the baseline (0.2 = 20 % up), stated or computed."""
        if self.relative_change is not None:
            return self.relative_change / 100
        change = self.change()
        if change is None or not self.baseline or not self.baseline.value:
            return None
        return change / abs(self.baseline.value)

    def improved(self) -> bool | None:
        """True when the change goes the better way, False when it goes the worse way, None when unknown/flat."""
        rel = self.relative()
        change = self.change() if rel is None else rel
        if change is None or change == 0 or self.direction is None:
            return None
        return (change > 0) == (self.direction == "higher_is_better")

    def target_met(self) -> bool | None:
        """Whether the latest value reached the target, given the direction; None when it cannot be told."""
        if self.target is None or not self.latest or self.latest.value is None or self.direction is None:
            return None
        if self.direction == "higher_is_better":
            return self.latest.value >= self.target
        return self.latest.value <= self.target


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

    @cached_property
    def evidence_by_id(self) -> dict[str, EvidenceItem]:
        """The register by id; the first item wins where an id is used twice (EP201 reports that)."""
        by_id: dict[str, EvidenceItem] = {}
        for item in self.evidence:
            by_id.setdefault(item.id, item)
        return by_id

    def response(self, principle_key: str, criterion_key: str) -> CriterionResponse | None:
        principle = self.principles.get(principle_key)
        return principle.criteria.get(criterion_key) if principle else None

    def cited_evidence(self, principle_key: str, criterion_key: str) -> list[EvidenceItem]:
        """The register items a criterion's response cites (unknown ids left out; EP202/EP203 report them)."""
        response = self.response(principle_key, criterion_key)
        if response is None:
            return []
        known = self.evidence_by_id
        return [known[e] for e in response.cited_ids() if e in known]

    def own_postcodes(self) -> frozenset[str]:
        """The pack's own locations' postcodes, normalised: naming them is not personal data."""
        return frozenset(normalise_postcode(loc.postcode) for loc in self.metadata.locations if loc.postcode)


_MAX_REPAIRS = 500


def draft_view(data: Any) -> Pack:
    """A typed view of a pack that the schema may reject: each value the model cannot read is left out.

    For showing a broken draft (the app must); never for judging one: the checks run on schema-valid packs.
    """
    if not isinstance(data, dict):
        return Pack()

    work = copy.deepcopy(data)
    for _ in range(_MAX_REPAIRS):
        try:
            return Pack.model_validate(work)
        except ValidationError as exc:
            if not any(_drop(work, error["loc"]) for error in exc.errors()):
                return Pack()
    return Pack()


def _drop(data: Any, loc: tuple[Any, ...]) -> bool:
    """Remove the value at ``loc`` (or its nearest removable parent); False when nothing could be removed."""
    path = [p for p in loc if not (isinstance(p, str) and ("[" in p or p in {"literal", "function-after"}))]
    while path:
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            last = path[-1]
            if isinstance(node, dict) and last in node:
                del node[last]
                return True
            if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
                del node[last]
                return True
        except (KeyError, IndexError, TypeError):
            pass
        path = path[:-1]
    return False
