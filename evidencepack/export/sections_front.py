"""The front of the document: cover, document control and contents (on one page)."""

from __future__ import annotations

from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import HASH_LABEL, Bold
from evidencepack.export.gate import blocking, masked
from evidencepack.export.pack_words import count_words, items, location_words, obj
from evidencepack.export.wording import as_text, date_words, person_words
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
    w.heading("Document control", 1)
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
        "'evidencepack verify' on the file to check that the pack and this document still agree. How the bands "
        "and the answered figure are worked out: the evidencepack documentation, 'How scoring works'."
    )
    if override:
        w.line(Bold("Error-level findings this document was exported despite"))
        rows = [(ctx.where(f), masked(ctx.plain(f.message))) for f in errors]
        w.table(("Where", "Finding"), rows, (2.6, 5.4),
                "Error-level findings this document was exported despite")


def contents(ctx: DocumentContext) -> None:
    """The contents, on the page of document control: each section with the number of its page."""
    ctx.w.line("Contents", style=ctx.w.styles.toc_heading)
    ctx.w.contents(max_level=1)
