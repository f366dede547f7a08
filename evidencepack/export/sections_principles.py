"""One section per principle: its summary, then each criterion with its status, narrative, evidence and findings."""

from __future__ import annotations

from typing import Any

from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import Bold, Cell
from evidencepack.export.pack_words import cited_evidence, obj
from evidencepack.export.wording import as_text, category_words, date_words, percent, rating_words, status_words
from evidencepack.findings import pointer
from evidencepack.framework import Criterion, Principle


def principle(ctx: DocumentContext, principle: Principle) -> None:
    w = ctx.w
    w.heading(f"Principle {principle.number}: {principle.title}", 1, new_page=True)
    w.labelled("What it asks", principle.summary or "No summary in the framework.")
    if principle.source:
        w.labelled("Source", principle.source)
    response = obj(obj(ctx.data.get("principles")).get(principle.key))
    w.labelled("Our summary", as_text(response.get("summary")) or "No summary given yet.")
    scored = ctx.score.principles.get(principle.key) if ctx.score else None
    if scored is not None:
        rating = rating_words(scored.score, ctx.ready, ctx.nearly).lower()
        w.labelled("Completeness", f"{percent(scored.score)} ({rating})")
    criteria_at = pointer("principles", principle.key, "criteria")
    own = [f for f in ctx.findings_at(pointer("principles", principle.key))
           if not (f.pointer == criteria_at or f.pointer.startswith(criteria_at + "/"))]
    own += [f for f in ctx.findings_at(criteria_at) if f.pointer == criteria_at]
    if own:
        w.line(Bold("Findings for this principle:"))
        for f in own:
            ctx.finding_line(f)
    responses = obj(response.get("criteria"))
    for criterion in principle.criteria:
        criterion_response(ctx, principle, criterion, obj(responses.get(criterion.key)), scored)
    known = {c.key for c in principle.criteria}
    extra = [key for key in responses if key not in known]
    if extra:
        w.heading("Responses to criteria not in the framework", 2)
        for key in extra:
            unmatched(ctx, f"{principle.key}.{key}", responses[key])



def criterion_response(
    ctx: DocumentContext, principle: Principle, criterion: Criterion, response: dict[str, Any], scored: Any
) -> None:
    w = ctx.w
    number_ = ctx.numbers[criterion.id]
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
        w.labelled("Completeness", percent(result.score))
    narrative = response.get("narrative")
    if narrative:
        w.line(Bold("Narrative:"))
        w.rich_text(as_text(narrative), ctx.anchors.get)
    else:
        w.labelled("Narrative", "Not written yet.")
    cited = cited_evidence(response)
    if cited:
        w.table(("ID", "Title", "Category", "Date"), [evidence_row(ctx, key) for key in cited],
                (0.8, 3.6, 2.0, 1.4), f"Evidence cited for {number_}")
    else:
        w.labelled("Evidence cited", "None yet.")
    found = ctx.findings_at(pointer("principles", principle.key, "criteria", criterion.key))
    if found:
        w.line(Bold("Open findings:"))
        for f in found:
            ctx.finding_line(f)
    else:
        w.labelled("Open findings", "None.")



def evidence_row(ctx: DocumentContext, key: Any) -> tuple[Cell, ...]:
    item = ctx.by_id.get(key) if isinstance(key, str) else None
    if item is None:
        return ([ctx.evidence_link(key)], "Not in the evidence register", "", "")
    return (
        [ctx.evidence_link(key)],
        as_text(item.get("title")) or "Untitled",
        category_words(item.get("category")),
        date_words(item.get("date")),
    )



def unmatched(ctx: DocumentContext, label: str, response: Any) -> None:
    body = obj(response)
    text = f"{status_words(body.get('status'))}. {as_text(body.get('narrative'))}".strip() if body else ""
    ctx.w.labelled(label, text or as_text(response))



def unmatched_principles(ctx: DocumentContext) -> None:
    known = {p.key for p in ctx.framework.principles}
    principles = obj(ctx.data.get("principles"))
    extra = [key for key in principles if key not in known]
    if not extra:
        return
    ctx.w.heading("Responses to principles not in the framework", 1, new_page=True)
    ctx.w.line("The pack holds these responses, but the framework has no such principle; they are not scored.")
    for key in extra:
        criteria = obj(obj(principles[key]).get("criteria"))
        if not criteria:
            unmatched(ctx, as_text(key), principles[key])
        for ckey, response in criteria.items():
            unmatched(ctx, f"{key}.{ckey}", response)
