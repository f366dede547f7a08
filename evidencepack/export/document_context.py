"""The context the section builders share: the pack as read (a plain dict, read defensively, so that even a
pack that fails the schema gives a document that says so), the framework, the check result, and the words
used in several sections."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from evidencepack.export.document_model import HASH_LABEL, Bold, Link, Marking, Properties, SectionBuilder
from evidencepack.export.gate import recorded_override
from evidencepack.export.pack_words import items, obj
from evidencepack.export.render_record import RenderRecord
from evidencepack.export.wording import (
    PACK_STATUS_WORDS,
    SEVERITY_WORDS,
    STATUS_WORDS,
    as_text,
    date_words,
    person_words,
)
from evidencepack.findings import Finding, Place
from evidencepack.framework import Framework, Principle
from evidencepack.result import PackResult

_BOOKMARKABLE = re.compile(r"E[0-9]{1,20}")
_CRITERION_ID = re.compile(r"\b[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\b")
_PACK_SECTIONS = {"metadata", "innovation", "evidence", "principles", "measures", "actions"}
_STATUS_KEY = re.compile(r"(\bis |\bas )(" + "|".join(k for k in STATUS_WORDS if k) + r")\b")


class DocumentContext:
    """What every section builder reads: the pack, the framework, the check result, and words used in several
    sections."""

    def __init__(
        self,
        writer: SectionBuilder,
        data: dict[str, Any],
        framework: Framework,
        result: PackResult,
        record: RenderRecord,
        sha256: str,
    ):
        check = record.options()
        generated_at = record.generated_at.astimezone(dt.UTC)
        self.record = record
        self.placed: set[int] = set()  # the findings written in the body (by id), so the appendix skips them
        self.w = writer
        self.data = data
        self.framework = framework
        self.result = result
        self.score = result.score
        self.generated_at = generated_at
        self.sha256 = sha256
        self.metadata = obj(data.get("metadata"))
        self.innovation = obj(data.get("innovation"))
        self.evidence = [obj(item) for item in items(data.get("evidence"))]
        self.by_id: dict[str, dict[str, Any]] = {}
        for item in self.evidence:
            key = item.get("id")
            if isinstance(key, str) and key not in self.by_id:
                self.by_id[key] = item
        self.anchors = {key: f"evidence_{key}" for key in self.by_id if _BOOKMARKABLE.fullmatch(key)}
        readiness = framework.scoring.readiness
        self.ready = check.ready_threshold if check.ready_threshold is not None else readiness["ready"]
        self.nearly = (
            check.nearly_ready_threshold if check.nearly_ready_threshold is not None else readiness["nearly_ready"]
        )
        self.numbers = {
            c.id: f"{p.number}.{i}" for p in framework.principles for i, c in enumerate(p.criteria, start=1)
        }

    # Words used in several sections ------------------------------------------------------------------------

    def marking(self) -> Marking:
        status = self.metadata.get("status")
        if status == "approved":
            approval = obj(self.metadata.get("approval"))
            who = person_words(approval) or "approver not recorded"
            return Marking(f"Approved by {who} on {date_words(approval.get('date'))}", draft=False)
        if status == "superseded":
            return Marking("SUPERSEDED: replaced by a later version of this pack", draft=True)
        why = {"draft": "", "in_review": " (in review)", None: " (no status recorded)"}
        said = why.get(status, " (unrecognised status)") if isinstance(status, str | None) else " (unrecognised status)"
        return Marking(f"DRAFT: not approved{said}", draft=True)

    def status_words(self) -> str:
        status = self.metadata.get("status")
        if status == "approved":
            return self.marking().text
        if status == "superseded":
            return "Superseded"
        words = PACK_STATUS_WORDS.get(status) if isinstance(status, str | None) else None
        return f"{words or f'Unrecognised status {as_text(status)!r}'}: not approved"

    def title(self) -> str:
        title = self.metadata.get("title")
        if title:
            return as_text(title)
        name = self.innovation.get("name")
        return f"{as_text(name)}: innovation evidence pack" if name else "Innovation evidence pack"

    def properties(self) -> Properties:
        provider = obj(self.metadata.get("provider"))
        prepared_by = as_text(obj(self.metadata.get("prepared_by")).get("name"))
        author = prepared_by or as_text(provider.get("name")) or "evidencepack"
        return Properties(
            title=self.title(),
            author=author,
            subject=as_text(self.innovation.get("name")) or "Innovation evidence",
            comments=f"Made by evidencepack {self.record.made_with}; {HASH_LABEL} {self.sha256}",
            identifier=as_text(self.metadata.get("id")),
            status=self.status_words(),
            version=as_text(self.metadata.get("version")),
            created=self.generated_at,
        )

    def evidence_link(self, key: Any) -> Link:
        text = as_text(key)
        return Link(text, self.anchors.get(text) if isinstance(key, str) else None)

    def criterion_name(self, criterion_id: str) -> str:
        criterion = self.framework.criterion(criterion_id)
        if criterion is None:
            return f"{criterion_id} (not in the framework)" if criterion_id else "Not given"
        return f"{self.numbers[criterion.id]} {criterion.title}"

    def findings_at(self, where: str) -> list[Finding]:
        return [f for f in self.result.findings if f.pointer == where or f.pointer.startswith(where + "/")]

    def finding_line(self, f: Finding) -> None:
        """A finding where it belongs in the body, in plain words (no code, pointer or points). A completeness
        gap (a finding that costs points) restates what the criterion already shows, and information is for the
        provider, so both are left to the provider's appendix. Each finding is written once: the appendix lists
        those not written here."""
        if f.points or f.severity.value == "info":
            return
        self.placed.add(id(f))
        severity = SEVERITY_WORDS.get(f.severity.value, f.severity.value)
        text = self.plain(f.message) + (f". What to do: {self.plain(f.hint)}" if f.hint else "")
        self.w.line(Bold(f"{severity}: "), text)

    def plain(self, text: str) -> str:
        """A finding's words with our internal keys replaced: criterion ids by their number, status keys by
        their words."""
        def word(match: re.Match[str]) -> str:
            key = match.group()
            if key in self.numbers:
                return f"criterion {self.numbers[key]}"
            if key.split(".", 1)[0] in _PACK_SECTIONS:  # a field of the pack: its last name, in words
                return key.rsplit(".", 1)[-1].replace("_", " ")
            return key  # a file name or an address: left as it is

        text = _CRITERION_ID.sub(word, text)
        return _STATUS_KEY.sub(lambda m: f"{m.group(1)}{STATUS_WORDS[m.group(2)].lower()}", text)

    def override(self) -> tuple[str, str, str] | None:
        """(who, when, why) of the export override the pack records, in words; None when it records none."""
        recorded = recorded_override(self.data)
        if recorded is None:
            return None
        return (
            as_text(recorded.get("by")) or "someone not named",
            date_words(recorded.get("date")),
            as_text(recorded.get("reason")) or "no reason given",
        )

    def answered(self, principle: Principle) -> int:
        responses = obj(obj(obj(self.data.get("principles")).get(principle.key)).get("criteria"))
        return sum(1 for c in principle.criteria if obj(responses.get(c.key)).get("status"))

    def where(self, place: Place) -> str:
        """The plain name of a finding's place: a criterion's number and title, an evidence item, a measure."""
        if place.criterion and place.criterion in self.numbers:
            return self.criterion_name(place.criterion)
        if place.section in ("evidence", "measures") and place.item is not None:
            measures = [obj(m) for m in items(self.data.get("measures"))]
            listed = self.evidence if place.section == "evidence" else measures
            if place.item < len(listed):
                name = as_text(listed[place.item].get("id" if place.section == "evidence" else "name"))
                return f"{'Evidence' if place.section == 'evidence' else 'Measure'} {name}".strip()
        names = {"metadata": "Pack details", "innovation": "The innovation", "evidence": "Evidence register",
                 "measures": "Outcome measures", "actions": "Action plan", "principles": "Principles"}
        return names.get(place.section or "", "Whole pack")
