"""The front of the document: cover, document control, contents and completeness."""

from __future__ import annotations

from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import HASH_LABEL, SCORE_LABEL, Bold
from evidencepack.export.gate import blocking, masked
from evidencepack.export.pack_words import count_words, items, location_words, obj
from evidencepack.export.wording import (
    READINESS_WORDS,
    SEVERITY_WORDS,
    as_text,
    date_words,
    number,
    percent,
    person_words,
    rating_words,
)
from evidencepack.findings import pointer

_COVER_FINDINGS = 10  # error-level findings listed on the cover under an override (document control has all)


def cover(ctx: DocumentContext) -> None:
    w = ctx.w
    w.line(ctx.title(), style=w.styles.title)
    w.line("Evidence against CQC's six principles of innovation")
    provider = obj(ctx.metadata.get("provider"))
    ids = "; ".join(
        f"{label} {as_text(provider[key])}"
        for key, label in (("cqc_provider_id", "CQC provider ID"), ("ods_code", "ODS code"))
        if provider.get(key)
    )
    name = as_text(provider.get("name")) or "Not given"
    w.labelled("Provider", f"{name} ({ids})" if ids else name)
    locations = [location_words(obj(loc)) for loc in items(ctx.metadata.get("locations"))]
    w.labelled("Locations", "; ".join(locations) if locations else "Not given")
    kind = [as_text(ctx.innovation[k]).replace("_", " ") for k in ("kind", "stage") if ctx.innovation.get(k)]
    innovation = as_text(ctx.innovation.get("name")) or "Not named"
    w.labelled("Innovation", f"{innovation} ({', '.join(kind)})" if kind else innovation)
    period = obj(ctx.metadata.get("period"))
    w.labelled(
        "Reporting period",
        f"{date_words(period.get('start'))} to {date_words(period.get('end'))}" if period else "Not given",
    )
    w.labelled("Pack version", as_text(ctx.metadata.get("version")) or "Not given")
    w.labelled("Status", ctx.status_words())
    w.labelled("Date of this document", date_words(ctx.generated_at.date()))
    errors = blocking(ctx.result.findings)
    if errors:
        w.labelled(
            "Warning",
            f"the pack has {len(errors)} error-level finding{'s' if len(errors) != 1 else ''}; "
            "each is shown where it applies, with what to do.",
        )
        override = ctx.override()
        if override:
            who, when, reason = override
            w.labelled("Exported despite errors", f"{reason} (recorded by {who}, {when})")
            w.line(
                f"{who} chose on {when} to export this pack although it has "
                f"{count_words(len(errors), 'error-level finding')}, for the reason above. The decision is recorded "
                "in the pack that travels inside this file. The findings it was exported despite:"
            )
            for f in errors[:_COVER_FINDINGS]:
                w.line(Bold(f"{ctx.where(f)}: "), masked(ctx.plain(f.message)))
            if len(errors) > _COVER_FINDINGS:
                w.line(f"and {len(errors) - _COVER_FINDINGS} more: Document control lists them all.")


def document_control(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Document control", 1, new_page=True)
    approval = obj(ctx.metadata.get("approval"))
    approved = (
        f"{person_words(approval) or 'Not recorded'}, {date_words(approval.get('date'))}"
        if ctx.metadata.get("status") == "approved"
        else "Not approved"
    )
    rows = [
        ("Title", ctx.title()),
        ("Version", as_text(ctx.metadata.get("version")) or "Not given"),
        ("Status", ctx.status_words()),
        ("Prepared by", person_words(ctx.metadata.get("prepared_by")) or "Not given"),
        ("Approved by", approved),
        ("Pack ID", as_text(ctx.metadata.get("id")) or "Not given"),
        ("Schema version", as_text(ctx.metadata.get("schema_version")) or "Not given"),
        ("Generated at", f"{date_words(ctx.generated_at.date())}, {ctx.generated_at:%H:%M} UTC"),
        ("Made with", f"evidencepack {ctx.record.made_with}, rules version {ctx.record.rules}"),
    ]
    errors = blocking(ctx.result.findings)
    override = ctx.override() if errors else None
    if override:
        who, when, reason = override
        rows.append((
            "Export override",
            f"Exported despite {count_words(len(errors), 'error-level finding')}. Decided by {who} on {when}. "
            f"Reason: {reason}",
        ))
    w.table(("Item", "Detail"), rows, (1, 2.4), "Document control")
    for f in ctx.findings_at(pointer("metadata")):
        ctx.finding_line(f)
    w.labelled(HASH_LABEL, ctx.sha256)
    w.line(
        "The pack this document was made from is stored inside this file. Run "
        "'evidencepack verify' on the file to check that the pack and this document still agree."
    )
    if override:
        w.line(Bold("Error-level findings this document was exported despite"))
        rows = [(ctx.where(f), masked(ctx.plain(f.message))) for f in errors]
        w.table(("Where", "Finding"), rows, (2.6, 5.4),
                "Error-level findings this document was exported despite")


def contents(ctx: DocumentContext) -> None:
    ctx.w.line("Contents", style=ctx.w.styles.toc_heading)
    ctx.w.contents('TOC \\o "1-1" \\h \\z \\u', max_level=1)


def summary(ctx: DocumentContext) -> None:
    """How fully the form is answered: a secondary figure, after the inspector summary. The table gives every
    figure in words and numbers (no chart: a chart without labels told a reader nothing the table does not)."""
    w, score = ctx.w, ctx.score
    w.heading("Completeness", 1, new_page=True)
    if score is None:
        w.labelled(SCORE_LABEL, "not scored")
        w.line("The pack does not match the schema, so it has not been scored. Appendix C lists the problems.")
    else:
        readiness = READINESS_WORDS.get(score.readiness.value, score.readiness.value)
        w.labelled(SCORE_LABEL, f"{percent(score.completeness)}. ", Bold("Readiness: "), f"{readiness}.")
    w.line(
        "Completeness measures how fully each criterion is answered: its status, its narrative and the "
        f"evidence it cites. Ready means at least {number(ctx.ready)}% with no error-level findings; "
        f"nearly ready means at least {number(ctx.nearly)}%."
    )
    counts = dict.fromkeys(SEVERITY_WORDS, 0)
    for f in ctx.result.findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    w.labelled(
        "Findings",
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}, "
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}, "
        f"{counts['info']} for information.",
    )
    if score is None:
        return
    rows = []
    for principle in ctx.framework.principles:
        scored = score.principles.get(principle.key)
        value = scored.answered if scored else None  # completeness ("answered"), as labelled
        rows.append((
            f"{principle.number}. {principle.title}",
            percent(value),
            rating_words(value, ctx.ready, ctx.nearly),
            f"{ctx.answered(principle)} of {len(principle.criteria)}",
        ))
    w.table(("Principle", "Completeness", "Rating", "Criteria answered"), rows, (3.0, 1.6, 1.7, 1.4),
            "Completeness by principle")
    w.heading("Top gaps and next best actions", 2)
    if not score.next_best_actions:
        w.line("No gaps to close: every criterion is fully answered.")
        return
    w.line("The additions that would raise completeness most, largest first.")
    messages = {(f.pointer, f.code): f.message for f in score.findings}
    rows = [
        (str(rank), ctx.criterion_name(action.criterion),
         ctx.plain(messages.get((action.pointer, action.code), "")) or "A gap", ctx.plain(action.action))
        for rank, action in enumerate(score.next_best_actions, start=1)
    ]
    w.table(("Rank", "Criterion", "Gap", "What to do"), rows, (0.7, 2.4, 2.3, 3.2), "Next best actions")
