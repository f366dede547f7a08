"""The back of the document: outcome measures, the action plan and the appendices (evidence register,
findings, how the score was computed)."""

from __future__ import annotations

from typing import Any

from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import Bold, Cell
from evidencepack.export.pack_words import (
    change_words,
    items,
    obj,
    observation_words,
    source_words,
    target_words,
    value_words,
)
from evidencepack.export.wording import (
    SEVERITY_WORDS,
    as_text,
    category_words,
    date_words,
    number,
    person_words,
    status_words,
)
from evidencepack.findings import pointer


def measures(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Outcome measures", 1, new_page=True)
    measures = [obj(m) for m in items(ctx.data.get("measures"))]
    for f in ctx.findings_at(pointer("measures")):
        if f.pointer == pointer("measures"):
            ctx.finding_line(f)
    if not measures:
        w.line("No outcome measures are recorded in this pack.")
        return
    rows = []
    for m in measures:
        unit = as_text(m.get("unit"))
        baseline, latest = obj(m.get("baseline")), obj(m.get("latest"))
        rows.append((
            as_text(m.get("name")) or "Unnamed measure",
            observation_words(baseline, unit),
            observation_words(latest, unit),
            change_words(baseline.get("value"), latest.get("value"), unit, m.get("direction")),
            target_words(m.get("target"), latest.get("value"), unit, m.get("direction")),
        ))
    w.table(("Measure", "Baseline", "Latest", "Change", "Target"), rows, (2.4, 1.6, 1.6, 1.8, 1.6),
            "Outcome measures: baseline, latest value, change and target")
    for index, m in enumerate(measures):
        measure_detail(ctx, index, m)


def measure_detail(ctx: DocumentContext, index: int, m: dict[str, Any]) -> None:
    w = ctx.w
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
        item = ctx.by_id.get(source) if isinstance(source, str) else None
        title = f" {as_text(item.get('title'))}" if item and item.get("title") else ""
        w.labelled("Data source", ctx.evidence_link(source), title or " (not in the evidence register)")
    else:
        w.labelled("Data source", "Not given")
    if m.get("notes"):
        w.labelled("Notes", as_text(m.get("notes")))
    breakdown = [obj(g) for g in items(m.get("breakdown"))]
    if breakdown:
        rows = [
            (as_text(g.get("group")) or "Unnamed group", value_words(g.get("baseline"), unit),
             value_words(g.get("latest"), unit), change_words(g.get("baseline"), g.get("latest"), unit, direction))
            for g in breakdown
        ]
        w.table(("Group", "Baseline", "Latest", "Change"), rows, (2.6, 1.6, 1.6, 2.2),
                f"Breakdown by group: {as_text(m.get('name'))}")
    elif m.get("inequalities"):
        w.line("This measure is marked as showing an effect on health inequalities, "
               "but no breakdown by group is recorded.")
    else:
        w.labelled("Breakdown by group", "None recorded.")
    found = ctx.findings_at(pointer("measures", index))
    if found:
        w.line(Bold("Open findings:"))
        for f in found:
            ctx.finding_line(f)


def actions(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Action plan", 1)
    actions = [obj(a) for a in items(ctx.data.get("actions"))]
    if not actions:
        w.line("No actions are recorded in this pack.")
        return
    rows = [
        (
            ctx.criterion_name(as_text(a.get("criterion"))),
            as_text(a.get("action")) or "Not described",
            person_words(a.get("owner")) or "Not given",
            date_words(a.get("due")),
            as_text(a.get("status")).capitalize() or "Open",
        )
        for a in actions
    ]
    w.table(("Gap (criterion)", "Action", "Owner", "Due", "Status"), rows, (2.2, 3.2, 1.6, 1.3, 0.9),
            "Action plan")


def evidence_register(ctx: DocumentContext) -> None:
    w = ctx.w
    w.new_section(landscape=True)  # seven columns need the width
    w.heading("Appendix A: Evidence register", 1)
    if not ctx.evidence:
        w.line("The evidence register is empty.")
    rows: list[tuple[Cell, ...]] = []
    bookmarks: list[str | None] = []
    for item in ctx.evidence:
        key = item.get("id")
        anchor = ctx.anchors.get(key) if isinstance(key, str) else None
        if anchor in bookmarks:  # a duplicate id: the first entry holds the bookmark
            anchor = None
        bookmarks.append(anchor)
        title = as_text(item.get("title")) or "Untitled"
        description = as_text(item.get("description"))
        rows.append((
            as_text(key) or "No id",
            f"{title}. {description}" if description else title,
            category_words(item.get("category")),
            date_words(item.get("date")),
            date_words(item.get("review_due")) if item.get("review_due") else "Not given",
            person_words(item.get("owner")) or "Not given",
            source_words(item.get("source")),
        ))
    if rows:
        w.table(("ID", "Title and description", "Category", "Date", "Review due", "Owner", "Source"), rows,
                (0.6, 4.6, 1.6, 1.3, 1.3, 1.9, 2.4), "Evidence register", bookmarks=bookmarks)
    for f in ctx.findings_at(pointer("evidence")):
        ctx.finding_line(f)


def criteria_appendix(ctx: DocumentContext) -> None:
    """What each principle and criterion asks, once, with the single assessment framework's quality statements
    each relates to."""
    w = ctx.w
    w.new_section(landscape=False)
    w.heading("Appendix B: What each criterion asks, and the single assessment framework", 1)
    sources = sorted({p.source for p in ctx.framework.principles if p.source})
    w.line(
        "The criteria are our own wording of CQC's six principles of innovation"
        + (f" (source: {'; '.join(sources)})" if sources else "")
        + ". Each relates to quality statements of CQC's single assessment framework; the evidence register "
        "gives each item's evidence category in the framework's terms."
    )
    for principle in ctx.framework.principles:
        w.heading(f"Principle {principle.number}: {principle.title}", 2)
        if principle.summary:
            w.line(principle.summary)
        for c in principle.criteria:
            statements = "; ".join(c.quality_statements) or "none named"
            w.line(Bold(f"{ctx.numbers[c.id]} {c.title}. "), f"{c.guidance} ", Bold("Quality statements: "),
                   f"{statements}.")


def findings_appendix(ctx: DocumentContext) -> None:
    """For the provider's own use: every finding not already shown where it applies (mostly the gaps that
    lower completeness), with the code of the check that made it."""
    w = ctx.w
    w.heading("Appendix C: Findings for the provider", 1, new_page=True)
    findings = [f for f in ctx.result.findings if id(f) not in ctx.placed]
    if not findings:
        w.line("Every finding is shown where it applies." if ctx.result.findings
               else "The checks found nothing to report.")
        return
    w.line("The findings not shown in the body, mostly gaps that lower completeness, with the code of the check "
           "that made each and what to do.")
    rows = []
    for f in findings:
        text = ctx.plain(f.message) + (f". What to do: {ctx.plain(f.hint)}" if f.hint else "")
        rows.append((f.code, SEVERITY_WORDS.get(f.severity.value, f.severity.value), ctx.where(f), text))
    w.table(("Code", "Severity", "Where", "Finding and what to do"), rows, (0.8, 1.1, 2.1, 5.0),
            "Findings for the provider")


def scoring_appendix(ctx: DocumentContext) -> None:
    w, scoring = ctx.w, ctx.framework.scoring
    w.heading("Appendix D: How completeness is computed", 1)
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
        f"Ready means at least {number(ctx.ready)}% with no error-level findings; nearly ready means at "
        f"least {number(ctx.nearly)}%; below that a pack is not ready."
    )
