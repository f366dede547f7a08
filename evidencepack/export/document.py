"""Build the inspection-ready Word document for one pack.

The document is made from the pack as given (a plain dict, read defensively, so that even a pack that fails
the schema gives a document that says so), the framework (every principle and criterion comes from the
schemas) and the result of ``check_document`` (scores and findings). Nothing in the pack is dropped: a gap is
written as a gap, and the pack itself travels inside the file (see ``embed``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

import evidencepack
from evidencepack.canonical import content_sha256
from evidencepack.checks.context import inline_citations
from evidencepack.export.builder import Bold, Cell, DocumentWriter, Link
from evidencepack.export.chart import bar_chart
from evidencepack.export.embed import attach_pack
from evidencepack.export.errors import ExportError
from evidencepack.export.frame import Marking, Properties, frame_pages, set_properties
from evidencepack.export.gate import ExportOverride, ExportRefused, blocking, masked, recorded_override, with_override
from evidencepack.export.styles import prepare_styles
from evidencepack.export.template import Template, open_document
from evidencepack.export.verify import HASH_LABEL, SCORE_LABEL
from evidencepack.export.wording import (
    PACK_STATUS_WORDS,
    READINESS_WORDS,
    SEVERITY_WORDS,
    as_text,
    category_words,
    date_words,
    number,
    percent,
    person_words,
    rating_words,
    status_words,
)
from evidencepack.findings import Finding, pointer
from evidencepack.framework import Criterion, Framework, Principle, load_framework
from evidencepack.load import structure_problem
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document

CHART_WIDTH_EMU = 5_760_000  # 16 cm
_COVER_FINDINGS = 10  # error-level findings listed on the cover under an override (document control has all)
_BOOKMARKABLE = re.compile(r"E[0-9]{1,20}")


@dataclass(frozen=True)
class ExportOptions:
    """Settings for one export. ``generated_at`` defaults to now (UTC); fix it for reproducible output.

    ``override`` lets a pack with error-level findings be exported: it is recorded in the exported copy of the
    pack (``metadata.export_override``) and stated in the document. Without it such a pack is refused
    (``ExportRefused``). It is not needed, and not recorded, when the pack has no error-level finding.
    """

    check: CheckOptions = field(default_factory=CheckOptions)
    generated_at: dt.datetime | None = None
    framework: Framework | None = None
    override: ExportOverride | None = None


@dataclass(frozen=True)
class Exported:
    """One export: the .docx bytes, the pack as it travels inside them, and the findings it was exported despite
    (empty unless an override was used)."""

    content: bytes
    data: dict[str, Any]
    overridden: tuple[Finding, ...] = ()


def export_docx(
    pack_data: dict[str, Any], *, template: Template | None = None, options: ExportOptions | None = None
) -> bytes:
    """The Word document (.docx bytes) for a pack, carrying the pack inside it.

    ``template`` is a provider's .docx or .dotx (bytes or a path) whose styles, page set-up, headers and
    footers are used; its body is replaced. Raises ExportRefused (an ExportError) when the pack has an
    error-level finding and ``options.override`` is not given, ExportError otherwise (TemplateError for a bad
    template).
    """
    return export_pack(pack_data, template=template, options=options).content


def export_pack(
    pack_data: dict[str, Any], *, template: Template | None = None, options: ExportOptions | None = None
) -> Exported:
    """As ``export_docx``, also returning the pack as embedded (with the override recorded, when one was used:
    a bundle's ``pack.json`` must be this copy) and the error-level findings the override covered."""
    if not isinstance(pack_data, dict):
        raise ExportError(f"a pack is an object with the pack's sections, not {type(pack_data).__name__}")
    options = options or ExportOptions()
    framework = options.framework or load_framework(options.check.schema_dir)
    generated_at = options.generated_at or dt.datetime.now(dt.UTC)
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=dt.UTC)
    problem = structure_problem(pack_data, framework)
    if problem:  # values JSON cannot hold, or nesting past the schema's: no override makes these exportable
        raise ExportError(f"cannot export: {problem[1]}")
    result = check_document(pack_data, options.check, framework)
    errors = blocking(result.findings)
    if errors:
        if options.override is None:
            raise ExportRefused(errors, recorded_override(pack_data))
        pack_data = with_override(pack_data, options.override)
        result = check_document(pack_data, options.check, framework)  # what the embedded pack re-validates to
        errors = blocking(result.findings)
    try:
        sha256 = content_sha256(pack_data)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExportError(f"cannot export: the pack holds a value JSON cannot hold ({exc})") from None
    document = open_document(template)
    styles = prepare_styles(document, house=template is None)
    content = _PackDocument(DocumentWriter(document, styles), pack_data, framework, result, options.check,
                            generated_at.astimezone(dt.UTC), sha256)
    frame_pages(document, styles, content.marking())
    content.write()
    set_properties(document, content.properties())
    attach_pack(document, pack_data)
    out = io.BytesIO()
    document.save(out)
    return Exported(out.getvalue(), pack_data, tuple(errors))


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class _PackDocument:
    """The content, section by section, in the order of docs/export.md."""

    def __init__(
        self,
        writer: DocumentWriter,
        data: dict[str, Any],
        framework: Framework,
        result: PackResult,
        check: CheckOptions,
        generated_at: dt.datetime,
        sha256: str,
    ):
        self.w = writer
        self.data = data
        self.framework = framework
        self.result = result
        self.score = result.score
        self.generated_at = generated_at
        self.sha256 = sha256
        self.metadata = _obj(data.get("metadata"))
        self.innovation = _obj(data.get("innovation"))
        self.evidence = [_obj(item) for item in _items(data.get("evidence"))]
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

    def write(self) -> None:
        self.cover()
        self.document_control()
        self.contents()
        self.summary()
        for principle in self.framework.principles:
            self.principle(principle)
        self.unmatched_principles()
        self.measures()
        self.actions()
        self.evidence_register()
        self.findings_appendix()
        self.scoring_appendix()
        self.fill_contents()

    # Words used in several places ------------------------------------------------------------------------

    def marking(self) -> Marking:
        status = self.metadata.get("status")
        if status == "approved":
            approval = _obj(self.metadata.get("approval"))
            who = person_words(approval) or "approver not recorded"
            return Marking(f"Approved by {who} on {date_words(approval.get('date'))}", draft=False)
        if status == "superseded":
            return Marking("SUPERSEDED: replaced by a later version of this pack", draft=True)
        why = {"draft": "", "in_review": " (in review)", None: " (no status recorded)"}
        return Marking(f"DRAFT: not approved{why.get(status, ' (unrecognised status)')}", draft=True)

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
        provider = _obj(self.metadata.get("provider"))
        prepared_by = as_text(_obj(self.metadata.get("prepared_by")).get("name"))
        author = prepared_by or as_text(provider.get("name")) or "evidencepack"
        return Properties(
            title=self.title(),
            author=author,
            subject=as_text(self.innovation.get("name")) or "Innovation evidence",
            comments=f"Made by evidencepack {evidencepack.__version__}; {HASH_LABEL} {self.sha256}",
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
        severity = SEVERITY_WORDS.get(f.severity.value, f.severity.value).lower()
        text = f.message + (f". What to do: {f.hint}" if f.hint else "")
        if f.points:
            text += f" (worth {number(f.points)} points)"
        self.w.line(Bold(f"{f.code} ({severity}): "), text)

    # Cover, document control, contents -------------------------------------------------------------------

    def cover(self) -> None:
        w = self.w
        w.line(self.title(), style=w.styles.title)
        w.line("Evidence against CQC's six principles of innovation")
        provider = _obj(self.metadata.get("provider"))
        ids = "; ".join(
            f"{label} {as_text(provider[key])}"
            for key, label in (("cqc_provider_id", "CQC provider ID"), ("ods_code", "ODS code"))
            if provider.get(key)
        )
        name = as_text(provider.get("name")) or "Not given"
        w.labelled("Provider", f"{name} ({ids})" if ids else name)
        locations = [_location(_obj(loc)) for loc in _items(self.metadata.get("locations"))]
        w.labelled("Locations", "; ".join(locations) if locations else "None listed")
        kind = [as_text(self.innovation[k]).replace("_", " ") for k in ("kind", "stage") if self.innovation.get(k)]
        innovation = as_text(self.innovation.get("name")) or "Not named"
        w.labelled("Innovation", f"{innovation} ({', '.join(kind)})" if kind else innovation)
        period = _obj(self.metadata.get("period"))
        w.labelled(
            "Reporting period",
            f"{date_words(period.get('start'))} to {date_words(period.get('end'))}" if period else "Not given",
        )
        w.labelled("Pack version", as_text(self.metadata.get("version")) or "Not given")
        w.labelled("Status", self.status_words())
        w.labelled("Date of this document", date_words(self.generated_at.date()))
        errors = blocking(self.result.findings)
        if errors:
            w.labelled(
                "Warning",
                f"the pack has {len(errors)} error-level finding{'s' if len(errors) != 1 else ''}; "
                "Appendix B lists them with what to do.",
            )
            override = self.override()
            if override:
                who, when, reason = override
                w.labelled("Exported despite errors", f"{reason} (recorded by {who}, {when})")
                w.line(
                    f"{who} chose on {when} to export this pack although it has "
                    f"{_count(len(errors), 'error-level finding')}, for the reason above. The decision is recorded "
                    "in the pack that travels inside this file. The findings it was exported despite:"
                )
                for f in errors[:_COVER_FINDINGS]:
                    w.line(Bold(f"{f.code} "), f"({self.where(f.pointer)}): {masked(f.message)}")
                if len(errors) > _COVER_FINDINGS:
                    w.line(f"and {len(errors) - _COVER_FINDINGS} more: Document control lists them all.")

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

    def document_control(self) -> None:
        w = self.w
        w.heading("Document control", 1, new_page=True)
        approval = _obj(self.metadata.get("approval"))
        approved = (
            f"{person_words(approval) or 'Not recorded'}, {date_words(approval.get('date'))}"
            if self.metadata.get("status") == "approved"
            else "Not approved"
        )
        rows = [
            ("Title", self.title()),
            ("Version", as_text(self.metadata.get("version")) or "Not given"),
            ("Status", self.status_words()),
            ("Prepared by", person_words(self.metadata.get("prepared_by")) or "Not given"),
            ("Approved by", approved),
            ("Pack ID", as_text(self.metadata.get("id")) or "Not given"),
            ("Schema version", as_text(self.metadata.get("schema_version")) or "Not given"),
            ("Generated at", f"{date_words(self.generated_at.date())}, {self.generated_at:%H:%M} UTC"),
            ("Made with", f"evidencepack {evidencepack.__version__}"),
        ]
        errors = blocking(self.result.findings)
        override = self.override() if errors else None
        if override:
            who, when, reason = override
            rows.append((
                "Export override",
                f"Exported despite {_count(len(errors), 'error-level finding')}. Decided by {who} on {when}. "
                f"Reason: {reason}",
            ))
        w.table(("Item", "Detail"), rows, (1, 2.4), "Document control")
        w.labelled(HASH_LABEL, self.sha256)
        w.line(
            "The pack this document was made from is stored inside this file. Run "
            "'evidencepack verify' on the file to check that the pack and this document still agree."
        )
        if override:
            w.line(Bold("Error-level findings this document was exported despite"))
            rows = [(f.code, self.where(f.pointer), masked(f.message)) for f in errors]
            w.table(("Code", "Where", "Finding"), rows, (0.9, 2.6, 4.5),
                    "Error-level findings this document was exported despite")

    def contents(self) -> None:
        self.w.line("Contents", style=self.w.styles.toc_heading, new_page=True)
        self.toc_placeholder = self.w.contents_placeholder()

    def fill_contents(self) -> None:
        self.w.fill_contents(self.toc_placeholder, 'TOC \\o "1-2" \\h \\z \\u', max_level=2)

    # Summary ---------------------------------------------------------------------------------------------

    def summary(self) -> None:
        w, score = self.w, self.score
        w.heading("Summary", 1, new_page=True)
        if score is None:
            w.labelled(SCORE_LABEL, "not scored")
            w.line("The pack does not match the schema, so it has not been scored. Appendix B lists the problems.")
        else:
            readiness = READINESS_WORDS.get(score.readiness.value, score.readiness.value)
            w.labelled(SCORE_LABEL, f"{percent(score.completeness)}. ", Bold("Readiness: "), f"{readiness}.")
        w.line(
            "Completeness measures how fully each criterion is answered: its status, its narrative and the "
            f"evidence it cites. Ready means at least {number(self.ready)}% with no error-level findings; "
            f"nearly ready means at least {number(self.nearly)}%. Appendix C explains the scoring."
        )
        counts = dict.fromkeys(SEVERITY_WORDS, 0)
        for f in self.result.findings:
            counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
        w.labelled(
            "Findings",
            f"{counts['error']} error{'s' if counts['error'] != 1 else ''}, "
            f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
            f"{counts['info']} for information (Appendix B).",
        )
        if score is None:
            return
        w.heading("Principle scores", 2)
        rows = []
        for principle in self.framework.principles:
            scored = score.principles.get(principle.key)
            value = scored.answered if scored else None  # completeness ("answered"), as labelled
            rows.append((
                f"{principle.number}. {principle.title}",
                percent(value),
                rating_words(value, self.ready, self.nearly),
                f"{self.answered(principle)} of {len(principle.criteria)}",
            ))
        w.table(("Principle", "Completeness", "Rating", "Criteria answered"), rows, (3.0, 1.6, 1.7, 1.4),
                "Completeness by principle")
        self.chart()
        w.heading("Top gaps and next best actions", 2)
        if not score.next_best_actions:
            w.line("No gaps to close: every criterion has full credit.")
            return
        w.line("The additions that would raise the overall score most, with the points each is worth.")
        messages = {(f.pointer, f.code): f.message for f in score.findings}
        rows = [
            (str(rank), self.criterion_name(action.criterion), messages.get((action.pointer, action.code), action.code),
             action.action, number(action.points))
            for rank, action in enumerate(score.next_best_actions, start=1)
        ]
        w.table(("Rank", "Criterion", "Gap", "What to do", "Points"), rows, (0.9, 2.2, 2.1, 3.0, 0.9),
                "Next best actions")

    def answered(self, principle: Principle) -> int:
        responses = _obj(_obj(_obj(self.data.get("principles")).get(principle.key)).get("criteria"))
        return sum(1 for c in principle.criteria if _obj(responses.get(c.key)).get("status"))

    def chart(self) -> None:
        assert self.score is not None
        principles = self.framework.principles
        values = [self.score.principles[p.key].answered if p.key in self.score.principles else None for p in principles]
        described = "; ".join(
            f"principle {p.number}, {p.title}: {percent(v)}" for p, v in zip(principles, values, strict=True)
        )
        self.w.picture(
            bar_chart(values, thresholds=(self.nearly, self.ready)),
            CHART_WIDTH_EMU,
            name="Chart of completeness by principle",
            alt_text=f"Bar chart of completeness by principle, from 0% to 100%: {described}. Dashed lines mark "
            f"the nearly ready ({number(self.nearly)}%) and ready ({number(self.ready)}%) thresholds.",
        )
        self.w.line(
            "Figure 1. Completeness by principle (each bar runs from 0% to 100%; dashed lines mark the "
            "nearly ready and ready thresholds). The table above gives the figures.",
            style=self.w.styles.caption,
        )

    # Principles ------------------------------------------------------------------------------------------

    def principle(self, principle: Principle) -> None:
        w = self.w
        w.heading(f"Principle {principle.number}: {principle.title}", 1, new_page=True)
        w.labelled("What it asks", principle.summary or "No summary in the framework.")
        if principle.source:
            w.labelled("Source", principle.source)
        response = _obj(_obj(self.data.get("principles")).get(principle.key))
        w.labelled("Our summary", as_text(response.get("summary")) or "No summary given yet.")
        scored = self.score.principles.get(principle.key) if self.score else None
        if scored is not None:
            rating = rating_words(scored.answered, self.ready, self.nearly).lower()
            w.labelled("Completeness", f"{percent(scored.answered)} ({rating})")
        criteria_at = pointer("principles", principle.key, "criteria")
        own = [f for f in self.findings_at(pointer("principles", principle.key))
               if not (f.pointer == criteria_at or f.pointer.startswith(criteria_at + "/"))]
        own += [f for f in self.findings_at(criteria_at) if f.pointer == criteria_at]
        if own:
            w.line(Bold("Findings for this principle:"))
            for f in own:
                self.finding_line(f)
        responses = _obj(response.get("criteria"))
        for criterion in principle.criteria:
            self.criterion(principle, criterion, _obj(responses.get(criterion.key)), scored)
        known = {c.key for c in principle.criteria}
        extra = [key for key in responses if key not in known]
        if extra:
            w.heading("Responses to criteria not in the framework", 2)
            for key in extra:
                self.unmatched(f"{principle.key}.{key}", responses[key])

    def criterion(self, principle: Principle, criterion: Criterion, response: dict[str, Any], scored: Any) -> None:
        w = self.w
        number_ = self.numbers[criterion.id]
        w.heading(f"{number_} {criterion.title}", 2)
        if criterion.guidance:
            w.labelled("What it asks", criterion.guidance)
        status = response.get("status")
        status_text = status_words(status)
        if status == "not_applicable":
            reason = as_text(response.get("justification")).strip()
            status_text += f". Reason: {reason}" if reason else " (no reason given, so it still counts)"
        w.labelled("Status", status_text)
        result = scored.criteria.get(criterion.key) if scored is not None else None
        if result is not None and result.applicable:
            w.labelled("Completeness", percent(result.answered))
        narrative = response.get("narrative")
        if narrative:
            w.line(Bold("Narrative:"))
            w.rich_text(as_text(narrative), self.anchors.get)
        else:
            w.labelled("Narrative", "Not written yet.")
        cited = _cited(response)
        if cited:
            w.table(("ID", "Title", "Category", "Date"), [self.evidence_row(key) for key in cited],
                    (0.8, 3.6, 2.0, 1.4), f"Evidence cited for {number_}")
        else:
            w.labelled("Evidence cited", "None yet.")
        found = self.findings_at(pointer("principles", principle.key, "criteria", criterion.key))
        if found:
            w.line(Bold("Open findings:"))
            for f in found:
                self.finding_line(f)
        else:
            w.labelled("Open findings", "None.")

    def evidence_row(self, key: Any) -> tuple[Cell, ...]:
        item = self.by_id.get(key) if isinstance(key, str) else None
        if item is None:
            return ([self.evidence_link(key)], "Not in the evidence register", "", "")
        return (
            [self.evidence_link(key)],
            as_text(item.get("title")) or "Untitled",
            category_words(item.get("category")),
            date_words(item.get("date")),
        )

    def unmatched(self, label: str, response: Any) -> None:
        body = _obj(response)
        text = f"{status_words(body.get('status'))}. {as_text(body.get('narrative'))}".strip() if body else ""
        self.w.labelled(label, text or as_text(response))

    def unmatched_principles(self) -> None:
        known = {p.key for p in self.framework.principles}
        principles = _obj(self.data.get("principles"))
        extra = [key for key in principles if key not in known]
        if not extra:
            return
        self.w.heading("Responses to principles not in the framework", 1, new_page=True)
        self.w.line("The pack holds these responses, but the framework has no such principle; they are not scored.")
        for key in extra:
            criteria = _obj(_obj(principles[key]).get("criteria"))
            if not criteria:
                self.unmatched(as_text(key), principles[key])
            for ckey, response in criteria.items():
                self.unmatched(f"{key}.{ckey}", response)

    # Measures and actions --------------------------------------------------------------------------------

    def measures(self) -> None:
        w = self.w
        w.heading("Outcome measures", 1, new_page=True)
        measures = [_obj(m) for m in _items(self.data.get("measures"))]
        for f in self.findings_at(pointer("measures")):
            if f.pointer == pointer("measures"):
                self.finding_line(f)
        if not measures:
            w.line("No outcome measures are recorded in this pack.")
            return
        rows = []
        for m in measures:
            unit = as_text(m.get("unit"))
            baseline, latest = _obj(m.get("baseline")), _obj(m.get("latest"))
            rows.append((
                as_text(m.get("name")) or "Unnamed measure",
                _observation(baseline, unit),
                _observation(latest, unit),
                _change(baseline.get("value"), latest.get("value"), unit, m.get("direction")),
                _target(m.get("target"), latest.get("value"), unit, m.get("direction")),
            ))
        w.table(("Measure", "Baseline", "Latest", "Change", "Target"), rows, (2.4, 1.6, 1.6, 1.8, 1.6),
                "Outcome measures: baseline, latest value, change and target")
        for index, m in enumerate(measures):
            self.measure_detail(index, m)

    def measure_detail(self, index: int, m: dict[str, Any]) -> None:
        w = self.w
        unit = as_text(m.get("unit"))
        w.heading(as_text(m.get("name")) or "Unnamed measure", 2)
        direction = m.get("direction")
        w.labelled("Direction", as_text(direction).replace("_", " ") if direction else "Not given")
        population = as_text(m.get("population"))
        if m.get("denominator") is not None:
            population = f"{population} (denominator {as_text(m.get('denominator'))})".strip()
        w.labelled("Population", population or "Not given")
        source = m.get("source")
        if source:
            item = self.by_id.get(source) if isinstance(source, str) else None
            title = f" {as_text(item.get('title'))}" if item and item.get("title") else ""
            w.labelled("Data source", self.evidence_link(source), title or " (not in the evidence register)")
        else:
            w.labelled("Data source", "Not given")
        if m.get("notes"):
            w.labelled("Notes", as_text(m.get("notes")))
        breakdown = [_obj(g) for g in _items(m.get("breakdown"))]
        if breakdown:
            rows = [
                (as_text(g.get("group")) or "Unnamed group", _value(g.get("baseline"), unit),
                 _value(g.get("latest"), unit), _change(g.get("baseline"), g.get("latest"), unit, direction))
                for g in breakdown
            ]
            w.table(("Group", "Baseline", "Latest", "Change"), rows, (2.6, 1.6, 1.6, 2.2),
                    f"Breakdown by group: {as_text(m.get('name'))}")
        elif m.get("inequalities"):
            w.line("This measure is marked as showing an effect on health inequalities, "
                   "but no breakdown by group is recorded.")
        else:
            w.labelled("Breakdown by group", "None recorded.")
        found = self.findings_at(pointer("measures", index))
        if found:
            w.line(Bold("Open findings:"))
            for f in found:
                self.finding_line(f)

    def actions(self) -> None:
        w = self.w
        w.heading("Action plan", 1, new_page=True)
        actions = [_obj(a) for a in _items(self.data.get("actions"))]
        if not actions:
            w.line("No actions are recorded in this pack.")
            return
        rows = [
            (
                self.criterion_name(as_text(a.get("criterion"))),
                as_text(a.get("action")) or "Not described",
                person_words(a.get("owner")) or "Not given",
                date_words(a.get("due")),
                as_text(a.get("status")).capitalize() or "Open",
            )
            for a in actions
        ]
        w.table(("Gap (criterion)", "Action", "Owner", "Due", "Status"), rows, (2.2, 3.2, 1.6, 1.3, 0.9),
                "Action plan")

    # Appendices ------------------------------------------------------------------------------------------

    def evidence_register(self) -> None:
        w = self.w
        w.new_section(landscape=True)  # seven columns need the width
        w.heading("Appendix A: Evidence register", 1)
        if not self.evidence:
            w.line("The evidence register is empty.")
            return
        rows: list[tuple[Cell, ...]] = []
        bookmarks: list[str | None] = []
        for item in self.evidence:
            key = item.get("id")
            anchor = self.anchors.get(key) if isinstance(key, str) else None
            if anchor in bookmarks:  # a duplicate id: the first entry holds the bookmark
                anchor = None
            bookmarks.append(anchor)
            sha = as_text(item.get("sha256"))
            rows.append((
                as_text(key) or "No id",
                as_text(item.get("title")) or "Untitled",
                category_words(item.get("category")),
                date_words(item.get("date")),
                person_words(item.get("owner")) or "Not given",
                _source(item.get("source")),
                f"{sha[:12]}…" if len(sha) > 12 else sha or "None",
            ))
        w.table(("ID", "Title", "Category", "Date", "Owner", "Source", "SHA-256"), rows,
                (0.7, 3.0, 1.8, 1.5, 2.2, 3.2, 1.7), "Evidence register", bookmarks=bookmarks)

    def findings_appendix(self) -> None:
        w = self.w
        w.new_section(landscape=False)
        w.heading("Appendix B: Validation findings", 1)
        findings = self.result.findings
        if not findings:
            w.line("The checks found nothing to report.")
            return
        w.line(
            "Every finding of the schema and content checks, and every gap that costs points, with its code "
            "(docs/rules.md explains each code) and what to do."
        )
        rows = []
        for f in findings:
            text = f.message + (f". What to do: {f.hint}" if f.hint else "")
            if f.points:
                text += f" (costs {number(f.points)} points)"
            rows.append((f.code, SEVERITY_WORDS.get(f.severity.value, f.severity.value), self.where(f.pointer), text))
        w.table(("Code", "Severity", "Where", "Finding and what to do"), rows, (0.9, 1.3, 2.3, 5.0),
                "Validation findings")

    def where(self, where: str) -> str:
        parts = where.strip("/").split("/")
        if len(parts) >= 4 and parts[0] == "principles" and parts[2] == "criteria":
            criterion_id = f"{parts[1]}.{parts[3]}"
            if criterion_id in self.numbers:
                return f"{self.criterion_name(criterion_id)} ({where})"
        return where or "Whole pack"

    def scoring_appendix(self) -> None:
        w, scoring = self.w, self.framework.scoring
        w.heading("Appendix C: How the score was computed", 1, new_page=True)
        w.line(
            "Each criterion earns up to 100% in parts. The share of each part, and how it is earned, come from "
            "the scoring settings in the schemas:"
        )
        credit = ", ".join(
            f"{status_words(status).lower()} earns {number(100 * value)}%"
            for status, value in scoring.status_credit.items()
        )
        how = {
            "status": f"Its status: {credit}.",
            "narrative": f"Its narrative, in proportion to its length, up to {scoring.narrative_min_words} words.",
            "evidence": "The evidence it cites, in proportion to the number cited, up to the criterion's minimum.",
        }
        rows = [
            (part.capitalize(), f"{number(100 * share)}%", how.get(part, ""))
            for part, share in scoring.parts.items()
        ]
        w.table(("Part", "Share", "How it is earned"), rows, (1.2, 1.0, 5.0), "Parts of a criterion's score")
        w.line(
            "A criterion marked not applicable with a justification leaves the score. A principle's score is "
            "the weighted mean of its criteria; the overall score is the weighted mean of the principles. "
            f"Ready means at least {number(self.ready)}% with no error-level findings; nearly ready means at "
            f"least {number(self.nearly)}%; below that a pack is not ready."
        )
        rows = []
        for principle in self.framework.principles:
            rows.append((f"Principle {principle.number}: {principle.title}", number(principle.weight), ""))
            rows += [
                (f"{self.numbers[c.id]} {c.title}", number(c.weight), str(c.min_evidence)) for c in principle.criteria
            ]
        w.table(("Principle or criterion", "Weight", "Minimum evidence"), rows, (5.0, 1.0, 1.4),
                "Weights and minimum evidence")


# Helpers -------------------------------------------------------------------------------------------------

def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _location(location: dict[str, Any]) -> str:
    name = as_text(location.get("name")) or "Unnamed location"
    extra = [as_text(location[k]) for k in ("cqc_location_id", "postcode") if location.get(k)]
    return f"{name} ({', '.join(extra)})" if extra else name


def _cited(response: dict[str, Any]) -> list[Any]:
    """Evidence ids a response cites (its list, then inline citations), each once, in order."""
    narrative = response.get("narrative")
    inline = inline_citations(narrative if isinstance(narrative, str) else None)
    out: list[Any] = []
    seen: set[str] = set()
    for key in [*_items(response.get("evidence")), *inline]:
        if as_text(key) not in seen:
            seen.add(as_text(key))
            out.append(key)
    return out


def _value(value: Any, unit: str) -> str:
    if value is None:
        return "Not given"
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") and unit[1:2] in ("", " ") else f"{text} {unit}"


def _observation(observation: dict[str, Any], unit: str) -> str:
    if not observation:
        return "Not given"
    return f"{_value(observation.get('value'), unit)} ({date_words(observation.get('date'))})"


def _numeric(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _change(baseline: Any, latest: Any, unit: str, direction: Any) -> str:
    start, end = _numeric(baseline), _numeric(latest)
    if start is None or end is None:
        return "Not known"
    delta = end - start
    sign = "+" if delta > 0 else ""
    points = unit.startswith("%")
    text = f"{sign}{number(delta)}" + (" percentage points" if points else f" {unit}" if unit else "")
    if start and not points:
        text += f" ({sign}{number(round(100 * delta / abs(start), 1))}%)"
    if delta == 0:
        return f"{text}, no change"
    if direction in ("higher_is_better", "lower_is_better"):
        better = (delta > 0) == (direction == "higher_is_better")
        return f"{text}, {'better' if better else 'worse'}"
    return text


def _target(target: Any, latest: Any, unit: str, direction: Any) -> str:
    goal, value = _numeric(target), _numeric(latest)
    if goal is None:
        return "Not set"
    text = _value(goal, unit)
    if value is None or direction not in ("higher_is_better", "lower_is_better"):
        return text
    reached = value >= goal if direction == "higher_is_better" else value <= goal
    return f"{text} ({'reached' if reached else 'not yet reached'})"


def _source(source: Any) -> str:
    body = _obj(source)
    for key, label in (("path", "File"), ("url", "Link"), ("attachment", "Attachment")):
        if body.get(key):
            return f"{label}: {as_text(body[key])}"
    return "None" if not source else as_text(source)
