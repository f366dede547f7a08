"""One section per principle: its summary, then each criterion: its status and the evidence it cites on one line,
the provider's narrative, then one short line of ours (the quality statements it relates to and the evidence
categories behind it), and any findings."""

from __future__ import annotations

from typing import Any

from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import Bold, Part
from evidencepack.export.pack_words import cited_evidence, obj
from evidencepack.export.wording import as_text, category_words, percent, status_words
from evidencepack.findings import pointer
from evidencepack.framework import Criterion, Principle


def principle(ctx: DocumentContext, principle: Principle) -> None:
    """The provider's own words first; what the principle asks is in the appendix (once, not per criterion)."""
    w = ctx.w
    w.heading(f"Principle {principle.number}: {principle.title}", 1)
    response = obj(obj(ctx.data.get("principles")).get(principle.key))
    # the principle's opening lines stay on the page of its first criterion
    w.line(Bold("Our summary: "), as_text(response.get("summary")) or "No summary given yet.", keep_with_next=True)
    scored = ctx.score.principles.get(principle.key) if ctx.score else None
    if scored is not None and scored.band_label:  # the judgement, then how much is answered, each named as such
        band = scored.band_label[:1].upper() + scored.band_label[1:]
        w.line(Bold("Band: "), f"{band} ({percent(scored.answered)} of the form answered)", style=w.styles.small,
               keep_with_next=True)
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
    status = response.get("status")
    status_text = status_words(status)
    if status == "not_applicable":
        reason = as_text(response.get("justification")).strip()
        status_text += f". Reason: {reason}" if reason else " (no reason given, so it still counts)"
    parts: list[Part] = [Bold("Status: "), f"{status_text}. "]
    cited = cited_evidence(response)
    if cited:
        parts.append(Bold("Evidence: "))
        for index, key in enumerate(cited):
            parts += [*(["; "] if index else []), *evidence_parts(ctx, key)]
    else:
        parts.append("No evidence cited yet.")
    narrative = response.get("narrative")
    if not narrative:
        parts.append(" No narrative written yet.")
    w.line(*parts, keep_with_next=bool(narrative))
    if narrative:
        w.rich_text(as_text(narrative), ctx.anchors.get)
    framework_line(ctx, criterion, cited)
    for f in ctx.findings_at(pointer("principles", principle.key, "criteria", criterion.key)):
        ctx.finding_line(f)


def framework_line(ctx: DocumentContext, criterion: Criterion, cited: list[Any]) -> None:
    """One short line of ours: the quality statements the criterion relates to, and the evidence categories of the
    items it cites (the evidence behind it, in the single assessment framework's terms)."""
    categories: list[str] = []
    for key in cited:
        item = ctx.by_id.get(key) if isinstance(key, str) else None
        words = category_words(item.get("category")) if item and item.get("category") else ""
        if words and words not in categories:
            categories.append(words)
    parts: list[Part] = []
    if criterion.quality_statements:
        parts += [Bold("Quality statements: "), f"{'; '.join(criterion.quality_statements)}."]
    if categories:
        parts += [" " if parts else "", Bold("Evidence categories: "), f"{'; '.join(categories)}."]
    if parts:
        ctx.w.line(*parts, style=ctx.w.styles.small)


def evidence_parts(ctx: DocumentContext, key: Any) -> list[Part]:
    """One cited item: its id (linked to the register) and title; the register gives its kind and dates."""
    item = ctx.by_id.get(key) if isinstance(key, str) else None
    if item is None:
        return [ctx.evidence_link(key), " (not in the evidence register)"]
    return [ctx.evidence_link(key), f" {as_text(item.get('title')) or 'Untitled'}"]


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
    ctx.w.heading("Responses to principles not in the framework", 1)
    ctx.w.line("The pack holds these responses, but the framework has no such principle; they are not scored.")
    for key in extra:
        criteria = obj(obj(principles[key]).get("criteria"))
        if not criteria:
            unmatched(ctx, as_text(key), principles[key])
        for ckey, response in criteria.items():
            unmatched(ctx, f"{key}.{ckey}", response)
