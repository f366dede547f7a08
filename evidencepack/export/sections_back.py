"""The back of the document: outcome measures, the action plan and the appendices (evidence register, the criteria
and the single assessment framework, findings for the provider)."""

from __future__ import annotations

from typing import Any

from evidencepack.export import sections_inspector
from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import Bold, Cell
from evidencepack.export.pack_words import (
    change_words,
    count_words,
    items,
    obj,
    source_words,
    value_words,
)
from evidencepack.export.wording import (
    SEVERITY_WORDS,
    as_text,
    category_words,
    date_words,
    humanise,
    person_words,
)
from evidencepack.findings import pointer


def measures(ctx: DocumentContext) -> None:
    """What the provider adds to each measure beyond the inspector summary's table (which gives every measure's
    population, data source, baseline, latest value, change and target): notes, breakdowns by group, findings."""
    w = ctx.w
    w.heading("Outcome measures", 1)
    measures = [obj(m) for m in items(ctx.data.get("measures"))]
    for f in ctx.findings_at(pointer("measures")):
        if f.pointer == pointer("measures"):
            ctx.finding_line(f)
    if not measures:
        w.line("No outcome measures are recorded in this pack.")
        return
    w.line("Each measure's population, data source, baseline, latest value, change and target are in the inspector "
           "summary (Key outcomes)" + (". The notes and breakdowns by group given with them:"
                                       if any(m.get("notes") or m.get("breakdown") for m in measures) else "."),
           keep_with_next=True)
    for index, m in enumerate(measures):
        measure_detail(ctx, index, m)


def measure_detail(ctx: DocumentContext, index: int, m: dict[str, Any]) -> None:
    """A measure's notes and breakdown by group, where the pack gives them, and its findings."""
    w = ctx.w
    unit, direction, name = as_text(m.get("unit")), m.get("direction"), as_text(m.get("name")) or "Unnamed measure"
    breakdown = [obj(g) for g in items(m.get("breakdown"))]
    if m.get("notes"):
        w.line(Bold(f"{name}: "), as_text(m.get("notes")), keep_with_next=bool(breakdown))
    if breakdown:
        if not m.get("notes"):
            w.line(Bold(f"{name}, by group"), keep_with_next=True)
        rows = [
            (as_text(g.get("group")) or "Unnamed group", value_words(g.get("baseline"), unit),
             value_words(g.get("latest"), unit), change_words(g.get("baseline"), g.get("latest"), unit, direction))
            for g in breakdown
        ]
        w.table(("Group", "Baseline", "Latest", "Change"), rows, (3.4, 1.5, 1.5, 2.7),
                f"Breakdown by group: {name}")
    elif m.get("inequalities"):
        w.line(Bold(f"{name}: "), "this measure is marked as showing an effect on health inequalities, "
               "but no breakdown by group is recorded.")
    for f in ctx.findings_at(pointer("measures", index)):
        ctx.finding_line(f)


def actions(ctx: DocumentContext) -> None:
    w = ctx.w
    w.heading("Action plan", 1)
    every = [obj(a) for a in items(ctx.data.get("actions"))]
    if not every:
        w.line("No actions are recorded in this pack.")
        return
    in_summary = {criterion.id for criterion, _ in sections_inspector.gap_criteria(ctx)}
    actions = [a for a in every if as_text(a.get("criterion")) not in in_summary]
    if len(actions) < len(every):  # each action once: those for a gap are in the inspector summary
        w.line(f"{count_words(len(every) - len(actions), 'action')} for the gaps "
               f"{'is' if len(every) - len(actions) == 1 else 'are'} in the inspector summary, with "
               f"{'its' if len(every) - len(actions) == 1 else 'their'} owners and dates"
               + (". The others:" if actions else "."), keep_with_next=bool(actions))
    if not actions:
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
        description = as_text(item.get("description"))
        owner = person_words(item.get("owner")) or "not given"
        kind = humanise(item.get("kind")) if item.get("kind") else "Kind not given"
        rows.append((
            as_text(key) or "No id",
            [Bold(as_text(item.get("title")) or "Untitled"), f". {description}" if description else "",
             f" {source_words(item.get('source'))}. Owner: {owner}."],
            f"{kind}; {category_words(item.get('category')).lower()}",
            f"{date_words(item.get('date'))}; review "
            + (date_words(item.get("review_due")) if item.get("review_due") else "date not given"),
        ))
    if rows:
        w.table(("ID", "Evidence, where it is and who holds it", "Kind and category", "Dated; review due"), rows,
                (0.55, 5.6, 1.45, 1.4), "Evidence register", bookmarks=bookmarks)
    for f in ctx.findings_at(pointer("evidence")):
        ctx.finding_line(f)


CRITERIA_APPENDIX = "Appendix B: The criteria and the single assessment framework"


def criteria_appendix(ctx: DocumentContext) -> None:
    """Which criteria relate to each quality statement of the single assessment framework, as one short table (each
    criterion names its own in the body; what each criterion asks is in the documentation, not repeated here)."""
    w = ctx.w
    w.heading(CRITERIA_APPENDIX, 1)
    sources = sorted({p.source for p in ctx.framework.principles if p.source})
    w.line(
        "The criteria are our own wording of CQC's six principles of innovation"
        + (f" (source: {'; '.join(sources)})" if sources else "")
        + "; what each asks is in the evidencepack documentation. Each criterion relates to quality statements of "
        "CQC's single assessment framework; this table gives, for each quality statement, the criteria that relate "
        "to it.",
        keep_with_next=True,
    )
    criteria: dict[str, list[str]] = {}
    for principle in ctx.framework.principles:
        for c in principle.criteria:
            for statement in c.quality_statements:
                criteria.setdefault(statement, []).append(ctx.numbers[c.id])
    rows = [(statement, ", ".join(numbers)) for statement, numbers in sorted(criteria.items())]
    if rows:
        w.table(("Quality statement", "Criteria that relate to it"), rows, (4.0, 5.0),
                "Each quality statement and the criteria that relate to it")


_SECTION_ORDER = {"metadata": 0, "innovation": 1, "principles": 2, "measures": 3, "actions": 4, "evidence": 5}


def _in_order(ctx: DocumentContext, f: Any) -> tuple[Any, ...]:
    """Errors first, then warnings, then information; each in the order of the document (criteria by number)."""
    number = ctx.numbers.get(f.criterion or "")
    return (-f.severity.rank, _SECTION_ORDER.get(f.section or "", len(_SECTION_ORDER)),
            tuple(int(n) for n in number.split(".")) if number else (), -1 if f.item is None else f.item,
            f.pointer, f.code)


def findings_appendix(ctx: DocumentContext) -> None:
    """For the provider's own use: every finding not already shown where it applies (mostly the gaps in what is
    answered), with the code of the check that made it. Findings of one check with the same advice share a row,
    so that the advice is written once: each finding's own words are kept, and its place named."""
    w = ctx.w
    w.heading("Appendix C: Findings for the provider", 1)
    findings = sorted((f for f in ctx.result.findings if id(f) not in ctx.placed), key=lambda f: _in_order(ctx, f))
    if not findings:
        w.line("Every finding is shown where it applies." if ctx.result.findings
               else "The checks found nothing to report.")
        return
    w.line("The findings not shown in the body, mostly gaps in what is answered, with the code of the check "
           "that made each and what to do.", keep_with_next=True)
    groups: dict[tuple[str, str, str], list[Any]] = {}  # in the order of their first finding
    for f in findings:
        groups.setdefault((f.code, f.severity.value, ctx.plain(f.hint) if f.hint else ""), []).append(f)
    rows = []
    for (code, severity, hint), found in groups.items():
        if len(found) == 1:
            where = ctx.where(found[0])
        else:  # several places: criteria by number (their messages name them too), other places in words
            where = ", ".join(dict.fromkeys(
                ctx.numbers[f.criterion] if f.criterion in ctx.numbers else ctx.where(f) for f in found))
        messages = "; ".join(dict.fromkeys(ctx.plain(f.message) for f in found))
        rows.append((code, SEVERITY_WORDS.get(severity, severity), where,
                     messages + (f". What to do: {hint}" if hint else "")))
    w.table(("Code", "Severity", "Where", "Finding and what to do"), rows, (0.8, 1.3, 2.1, 4.8),
            "Findings for the provider")
