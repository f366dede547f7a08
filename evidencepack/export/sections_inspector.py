"""The inspector summary, first after the cover (at most two pages): what the innovation is, its assurance,
key outcomes, each principle's band and the strength of its evidence, how much of the form is answered, the risks
and gaps with their actions, and who approved the pack. Mostly the provider's own words, in tables an inspector
can scan."""

from __future__ import annotations

from typing import Any

from evidencepack.export import assessment_view
from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import NOT_SCORED_NOTE, SCORE_LABEL, Bold, Part, answered_note
from evidencepack.export.pack_words import (
    change_words,
    items,
    location_words,
    obj,
    observation_words,
    target_words,
)
from evidencepack.export.wording import as_text, date_words, humanise, percent, person_words, status_words
from evidencepack.findings import pointer

_ASSURANCE = (  # (label, what it is, the pack's fields: reference, status, date, who signed)
    ("DTAC", "technology assessment", "dtac_version", None, "dtac_date", None),
    ("DCB0129", "supplier's safety case", "dcb0129_reference", None, "dcb0129_date", None),
    ("DCB0160", "our safety case", "dcb0160_reference", "safety_case_status", "dcb0160_date",
     "clinical_safety_officer"),
    ("DPIA", "data protection impact assessment", "dpia_reference", "dpia_status", "dpia_date", "dpia_signed_by"),
)
_GAP_STATUSES = ("partly", "not_yet", None)


def inspector_summary(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Inspector summary", 1, new_page=True)
    approval(ctx)
    innovation(ctx)
    assurance(ctx)
    outcomes(ctx)
    principles(ctx)
    gaps(ctx)


def innovation(ctx: DocumentContext) -> None:
    w, about = ctx.w, ctx.innovation
    w.heading("What the innovation is", 2)
    w.line(as_text(about.get("summary")) or "The pack does not describe the innovation yet.")
    provider = obj(ctx.metadata.get("provider"))
    sites = [location_words(obj(loc)) for loc in items(ctx.metadata.get("locations"))]
    kind = ", ".join(humanise(about[k]).lower() for k in ("kind", "stage") if about.get(k))
    name = as_text(about.get("name")) or "Not given"
    supplier = ", ".join(filter(None, [as_text(about.get("supplier")), as_text(about.get("product_version"))]))
    rows = [
        ("Innovation", f"{name} ({kind})" if kind else name),
        ("Provider", " ".join(filter(None, [as_text(provider.get("name")),
                                            f"({humanise(provider['sector'])})" if provider.get("sector") else ""]))
         or "Not given"),
        ("Who it serves", as_text(about.get("serves")) or "Not given"),
        ("Supplier, product and version", supplier or "Not given"),
        ("Went live", date_words(about.get("go_live")) if about.get("go_live") else "Not given"),
        ("Sites", "; ".join(sites) or "Not given"),
        ("People reached", as_text(about.get("people_reached")) or "Not given"),
    ]
    w.table(("Item", "Detail"), rows, (1.4, 3.2), "What the innovation is")


def assurance(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Assurance", 2)
    recorded = obj(ctx.innovation.get("assurance"))
    if not recorded and ctx.innovation.get("kind") not in (None, "digital"):
        w.line(f"Digital assurance (DTAC, DCB0129, DCB0160, DPIA) is not recorded: this is a "
               f"{humanise(ctx.innovation.get('kind'))} innovation.")
    else:
        _assurance_table(recorded, w)
    for f in ctx.findings_at(pointer("innovation")):
        ctx.finding_line(f)


def _assurance_table(recorded: dict[str, Any], w: Any) -> None:
    rows = [(f"{label}: {meaning}", *_assurance_row(recorded, reference, status, when, by))
            for label, meaning, reference, status, when, by in _ASSURANCE]
    w.table(("Assurance", "Status", "Reference", "Signed off"), rows, (1.7, 1.0, 2.6, 2.1),
            "Assurance: status, reference, and when and by whom each was signed off")


def _assurance_row(recorded: dict[str, Any], reference: str, status: str | None, when: str,
                   by: str | None) -> tuple[str, str, str]:
    """(status, reference, signed off) in words. The status is what the pack states; a reference alone is not
    called approved."""
    text = as_text(recorded.get(reference))
    stated = recorded.get(status) if status else None
    if stated:
        status_words = humanise(stated)
    elif text:
        status_words = "Reference given" if status else "Recorded"
    else:
        status_words = "Not given"
    signed = ", ".join(filter(None, [date_words(recorded[when]) if recorded.get(when) else "",
                                     as_text(recorded.get(by)) if by else ""]))
    return status_words, text or "Not given", signed or "Not given"


def outcomes(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Key outcomes", 2)
    measures = [obj(m) for m in items(ctx.data.get("measures"))]
    if not measures:
        w.line("No outcome measures are recorded in this pack.")
        return
    rows = []
    for m in measures:
        unit = as_text(m.get("unit"))
        baseline, latest = obj(m.get("baseline")), obj(m.get("latest"))
        rows.append((
            measure_parts(ctx, m),
            f"{observation_words(baseline, unit)} to {observation_words(latest, unit)}",
            change_words(baseline.get("value"), latest.get("value"), unit, m.get("direction")),
            target_words(m.get("target"), latest.get("value"), unit, m.get("direction")),
        ))
    w.table(("Measure, population and data source", "Baseline to latest (dates)", "Change", "Target"), rows,
            (3.0, 2.5, 1.6, 1.4), "Key outcomes: population, data source, baseline to latest, change and target")


def measure_parts(ctx: DocumentContext, m: dict[str, Any]) -> list[Part]:
    """A measure's first cell: its name, population (and denominator), direction and data source."""
    parts: list[Part] = [Bold(as_text(m.get("name")) or "Unnamed measure"), ". "]
    population = as_text(m.get("population"))
    if m.get("denominator") is not None:
        population = f"{population} (denominator {as_text(m.get('denominator'))})".strip()
    parts.append(f"{population or 'Population not given'}. ")
    if m.get("direction"):
        parts.append(f"{humanise(m.get('direction'))}. ")
    source = m.get("source")
    if source:
        item = ctx.by_id.get(source) if isinstance(source, str) else None
        title = f" {as_text(item.get('title'))}" if item and item.get("title") else ""
        parts += ["Source: ", ctx.evidence_link(source), title or " (not in the evidence register)"]
    else:
        parts.append("Source: not given")
    return parts


def principles(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("The six principles at a glance", 2)
    rows = []
    for principle in ctx.framework.principles:
        view = assessment_view.principle_view(ctx.data, ctx.result, principle, ctx.framework)
        rows.append((f"{principle.number}. {principle.short_title or principle.title}", view.band, view.evidence,
                     view.answered))
    w.table(("Principle", "Band", "Strength of the evidence", "Answered"), rows, (1.9, 1.2, 3.5, 1.0),
            "Each principle's band, the strength of its evidence and how much of it is answered")
    answered(ctx)


def answered(ctx: DocumentContext) -> None:
    """Completeness, in one clearly named line: how much of the form is filled in, which is not a judgement of the
    evidence (the bands are). Verify reads the figure back from this line."""
    w, score = ctx.w, ctx.score
    if score is None:
        w.labelled(SCORE_LABEL, f"not scored{NOT_SCORED_NOTE}")
        return
    total = sum(len(p.criteria) for p in ctx.framework.principles)
    given = sum(ctx.answered(p) for p in ctx.framework.principles)
    w.labelled(SCORE_LABEL, f"{percent(score.completeness)}{answered_note(given, total)}")


def gap_criteria(ctx: DocumentContext) -> list[tuple[Any, Any]]:
    """(criterion, status) of every criterion not met and not marked not applicable, in document order."""
    out = []
    for principle in ctx.framework.principles:
        responses = obj(obj(obj(ctx.data.get("principles")).get(principle.key)).get("criteria"))
        for criterion in principle.criteria:
            status = obj(responses.get(criterion.key)).get("status")
            if status in _GAP_STATUSES:
                out.append((criterion, status))
    return out


def gaps(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Risks and gaps, with their actions", 2)
    actions: dict[str, list[dict[str, Any]]] = {}
    for action in (obj(a) for a in items(ctx.data.get("actions"))):
        actions.setdefault(as_text(action.get("criterion")), []).append(action)
    rows = []
    unplanned: dict[str, list[str]] = {}
    for criterion, status in gap_criteria(ctx):
        if criterion.id not in actions:  # no plan: listed by number below the table, so the table stays short
            unplanned.setdefault(status_words(status).lower(), []).append(ctx.numbers[criterion.id])
            continue
        planned = actions.get(criterion.id, [])
        rows.append((
            f"{ctx.numbers[criterion.id]} {criterion.title}",
            status_words(status),
            "; ".join(as_text(a.get("action")) for a in planned) or "No action recorded",
            "; ".join(person_words(a.get("owner")) or "Not given" for a in planned) or "Not given",
            "; ".join(date_words(a.get("due")) for a in planned) or "Not given",
        ))
    if rows:
        w.table(("Gap", "Status", "Action", "Owner", "Due"), rows, (1.8, 0.8, 3.5, 1.4, 1.1),
                "Risks and gaps, with their actions")
    for status, numbers in unplanned.items():
        w.labelled(f"{status.capitalize()}, with no action recorded", f"criteria {', '.join(numbers)}.")
    if not rows and not unplanned:
        w.line("Every criterion is met or does not apply.")


def approval(ctx: DocumentContext) -> None:
    w = ctx.w
    if ctx.metadata.get("status") == "approved":
        recorded = obj(ctx.metadata.get("approval"))
        w.labelled("Approved", f"by {person_words(recorded) or 'someone not named'} on "
                   f"{date_words(recorded.get('date'))}")
        if recorded.get("self_approved") is True:
            w.labelled("Self-approved", "the approver also made the last changes to this pack (allowed for a "
                       "one-person provider); no second person reviewed it")
        if as_text(recorded.get("reason")):
            w.labelled("Approved as it stood, because", as_text(recorded.get("reason")))
    else:
        w.labelled("Approved", f"not yet ({ctx.status_words().split(':')[0].lower()})")
