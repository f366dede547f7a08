"""A criterion's score of 1 to 4 from its claim and the evidence behind it: strength, fit and currency.

Words never raise a score: the narrative only has to exist and be the criterion's own; citations in a gap
earn nothing; an item cited for many criteria counts for less each time it is reused; undated evidence counts
as weaker, as stale evidence does. The numbers are data (``x-assessment`` in defs.schema.json).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from evidencepack.framework import Criterion, Framework, Principle, load_framework
from evidencepack.model import CriterionResponse, EvidenceItem, Measure, Pack, partial_date


@cache  # read on first use, not when the package is imported (every command imports it)
def _category_words() -> dict[str, str]:
    """The evidence categories in words, lower case for use inside a sentence (the schemas' labels)."""
    return {key: label[:1].lower() + label[1:] for key, label in load_framework().category_labels.items()}


class Rules:
    """``x-assessment`` read once into plain attributes (read for every criterion of every pack)."""

    def __init__(self, raw: dict[str, Any]):
        self.raw = raw
        rules = raw["rules"]
        self.good_min_strength: float = rules["good_min_strength"]
        self.exceptional_min_strength: float = rules["exceptional_min_strength"]
        self.unfit_factor: float = rules["unfit_factor"]
        self.stale_factor: float = rules["stale_factor"]
        self.undated_factor: float = rules["undated_factor"]
        self.free_uses: int = rules["free_uses"]
        self.reuse_exponent: float = rules["reuse_exponent"]
        self.narrative_min_words: int = rules["narrative_min_words"]
        self.shingle_words: int = rules["shingle_words"]
        self.duplicate_similarity: float = rules["duplicate_similarity"]
        self.justification_min_words: int = rules["justification_min_words"]
        self.not_applicable_max_share: float = rules["not_applicable_max_share"]
        self.levels: dict[str, int] = raw["strength"]["levels"]
        self.inferred: dict[str, str] = raw["strength"]["inferred_from_kind"]
        self.kind_categories: dict[str, frozenset[str]] = {
            kind: frozenset(categories) for kind, categories in raw["fit"]["categories_from_kind"].items()
        }
        self._labels = {int(k): v for k, v in raw["strength"]["labels"].items()}
        self._top_level = max(self._labels)
        self._scores = {int(k): v for k, v in raw["criterion_scores"].items()}

    def level_label(self, level: float) -> str:
        return self._labels[max(1, min(int(level), self._top_level))]

    def score_label(self, score: int) -> str:
        return self._scores[score]


@dataclass(slots=True)
class Usable:
    """One piece of evidence as it counts in a pack, whichever criterion cites it (never changed once made:
    Context shares them). Whether it fits a criterion is decided for each criterion (``item_fits``)."""

    label: str  # "E3" or "measure 'Falls per 1,000 bed days'"
    level: int
    category: str | None
    factor: float  # currency x reuse
    notes: tuple[str, ...] = ()
    value: float = field(init=False)  # level x factor

    def __post_init__(self) -> None:
        self.value = self.level * self.factor


@cache  # the framework is immutable and read once per process: its rules are read once too
def rules_of(framework: Framework) -> Rules:
    return Rules(framework.assessment)


Place = tuple[Criterion, str, str]  # a criterion, its id ("people.co_design") and its JSON pointer in a pack


@cache  # the framework is immutable: each criterion's id and pointer are made once, not for every pack
def layout(framework: Framework) -> tuple[tuple[Principle, tuple[Place, ...]], ...]:
    """Each principle with its criteria in order, each with its id and its pointer (schema keys hold no ~ or /
    to escape)."""
    return tuple(
        (principle, tuple((c, c.id, f"/principles/{principle.key}/criteria/{c.key}") for c in principle.criteria))
        for principle in framework.principles
    )


@dataclass
class Context:
    """What every criterion's assessment needs from the whole pack, computed once."""

    pack: Pack
    framework: Framework
    rules: Rules
    reference: dt.date  # evidence is current against this day (the period's end, else today)
    max_age_days: int
    uses: Counter[str]  # evidence id -> number of criteria citing it (in an answered claim)
    _items: dict[str, Usable] = field(default_factory=dict)  # evidence id -> the item as it counts
    cited: dict[str, list[EvidenceItem]] = field(default_factory=dict)  # criterion id -> register items cited
    measures: dict[str, list[Usable]] = field(default_factory=dict)  # x-measures mode -> the measures that count

    def cited_items(self, criterion: Criterion, response: CriterionResponse, criterion_id: str | None = None
                    ) -> list[EvidenceItem]:
        """The register items a response cites (ids not in the register count for nothing), first mention first."""
        found = self.cited.get(criterion_id or criterion.id)
        if found is None:
            known = self.pack.evidence_by_id
            found = [known[e] for e in response.cited_ids() if e in known]
        return found

    def usable(self, criterion: Criterion, cited: list[EvidenceItem]) -> tuple[list[Usable], list[bool]]:
        """The cited items as they count, and whether each fits ``criterion``. Each item's strength level, currency
        x reuse factor and the notes on both are worked out once per pack, however many criteria cite it; only
        its fit differs."""
        known, rules = self._items, self.rules
        found = [known.get(item.id) or self._judge_item(item) for item in cited]
        return found, [item_fits(item, criterion, rules) for item in cited]

    def _judge_item(self, item: EvidenceItem) -> Usable:
        currency, note = _currency(item.end_date, self)
        notes = [f"{item.id} is {note}"] if note else []
        uses = self.uses[item.id]
        reuse = min(1.0, (self.rules.free_uses / uses) ** self.rules.reuse_exponent) if uses else 1.0
        if reuse < 1:
            notes.append(f"{item.id} is cited for {uses} criteria, so it counts for less in each")
        usable = self._items[item.id] = Usable(
            item.id, item_level(item, self.rules), item.category, currency * reuse, tuple(notes)
        )
        return usable


def item_level(item: EvidenceItem, rules: Rules) -> int:
    how = item.how_produced or rules.inferred.get(item.kind or "other", "description")
    return rules.levels.get(how, 1)


def item_fits(item: EvidenceItem, criterion: Criterion, rules: Rules) -> bool:
    """Whether an item suits a criterion: by its SAF category when it gives one; else by its kind, only where the
    criterion takes every category an item of that kind may be (so leaving the category out never helps)."""
    if item.category:
        return item.category in criterion.evidence_categories
    plausible = rules.kind_categories.get(item.kind or "other", frozenset())
    return bool(plausible) and plausible.issubset(criterion.evidence_categories)


def _currency(day_end: dt.date | None, ctx: Context) -> tuple[float, str | None]:
    if day_end is None:
        return ctx.rules.undated_factor, "undated, so it counts as weaker"
    if (ctx.reference - day_end).days > ctx.max_age_days:
        return ctx.rules.stale_factor, f"more than {ctx.max_age_days} days older than {ctx.reference}"
    return 1.0, None


def _measure_counts(measure: Measure, criterion: Criterion) -> bool:
    if criterion.measures == "breakdown":
        return any(g.baseline is not None and g.latest is not None for g in measure.breakdown)
    return measure.has_baseline_and_followup


def _from_measures(criterion: Criterion, ctx: Context) -> list[Usable]:
    """The pack's measures that count for ``criterion``, as evidence (made once per pack for each way a criterion
    can take measures: every criterion that takes them the same way gets the same list)."""
    if not criterion.measures:
        return []
    found = ctx.measures.get(criterion.measures)
    if found is None:
        found = ctx.measures[criterion.measures] = _measures_as_evidence(criterion, ctx)
    return found


def _measures_as_evidence(criterion: Criterion, ctx: Context) -> list[Usable]:
    level = ctx.rules.levels[ctx.rules.raw["strength"]["measure_level"]]
    found = []
    for index, measure in enumerate(ctx.pack.measures):
        if not _measure_counts(measure, criterion):
            continue
        currency, note = _currency(_end_of(measure), ctx)
        name = f"measure {measure.name or index + 1!s}"
        found.append(Usable(name, level, "outcomes", currency, (f"{name} is {note}",) if note else ()))
    return found


def _end_of(measure: Measure) -> dt.date | None:
    return partial_date(measure.latest.date, end=True) if measure.latest else None


@cache  # criteria are frozen, and the same few dozen are asked about for every pack
def _typical(criterion: Criterion) -> str:
    kinds = "; ".join(criterion.typical_evidence[:3])
    categories = " or ".join(_category_words().get(c, c) for c in criterion.evidence_categories)
    return f"{kinds} ({categories} evidence)" if kinds else f"{categories} evidence"


@dataclass
class Judgement:
    score: int
    strength: str | None
    evidence_count: int
    reasons: list[str]


def judge(
    criterion: Criterion, response: CriterionResponse, ctx: Context, repeated_from: str | None, has_narrative: bool,
    criterion_id: str | None = None,
) -> Judgement:
    """The score (1-4) of an applicable criterion, with the reasons it is not higher. ``criterion_id``: its id,
    where the caller has it (``layout``)."""
    rules = ctx.rules
    status = response.status
    cited = ctx.cited_items(criterion, response, criterion_id)
    typical = _typical(criterion)
    if status in (None, "not_yet", "not_documented", "not_applicable"):
        reason = {
            None: f"not answered: say what was done and cite evidence such as {typical}",
            "not_yet": f"not yet met: close the gap, then cite evidence such as {typical}",
            "not_documented": f"not documented: find or write down the evidence, such as {typical}",
            "not_applicable": "marked not applicable without a reason of substance: give one, or answer it",
        }[status]
        return Judgement(1, None, len(cited), [reason])
    usable, fits = ctx.usable(criterion, cited)
    if criterion.measures:
        measured = _from_measures(criterion, ctx)
        usable += measured
        fits += [True] * len(measured)  # a measure with a baseline and a follow-up is outcomes evidence
    fitting = []
    best = unfit_best = 0.0  # the strongest fitting item's value; the strongest unfitting one's, discounted
    top = 0  # the highest strength level cited
    for u, fit in zip(usable, fits, strict=True):
        if u.level > top:
            top = u.level
        if fit:
            fitting.append(u)
            if u.value > best:
                best = u.value
        elif u.value * rules.unfit_factor > unfit_best:
            unfit_best = u.value * rules.unfit_factor
    strength = rules.level_label(top) if usable else None
    reasons: list[str] = []
    if not usable:
        return Judgement(1, None, len(cited), [f"a claim with no evidence behind it: cite evidence such as {typical}"])
    if not fitting:
        words_ = _category_words()
        shown = ", ".join(f"{u.label} ({words_.get(u.category or '', 'no category')})" for u in usable[:3])
        reasons.append(f"the evidence cited ({shown}) is not of the kind this criterion needs: add {typical}")
    elif max(best, unfit_best) < rules.good_min_strength:
        weak = [n for u in fitting for n in u.notes] or [
            f"the strongest evidence is {rules.level_label(max(u.level for u in fitting))}"
        ]
        reasons.append("; ".join(weak[:2]) + f": add dated, current records or feedback, such as {typical}")
    score = 3 if (fitting and max(best, unfit_best) >= rules.good_min_strength) else 2
    if status == "partly":
        score = min(score, 2)
        reasons.insert(0, "only partly met: close the remaining gap")
    if repeated_from:
        score = min(score, 2)
        reasons.insert(0, f"the narrative repeats that of {repeated_from}: say what is specific to this criterion")
    elif not has_narrative:
        score = min(score, 2)
        reasons.insert(0, "no narrative of substance: say how the evidence shows the criterion is met")
    if criterion.measures == "required" and not any(u.label.startswith("measure") for u in usable):
        score = min(score, 2)
        reasons.insert(0, "no outcome measure with a baseline and a follow-up: add one to the measures section")
    if score == 3:
        strong = [u for u in fitting if u.value >= rules.exceptional_min_strength]
        enough = len(fitting) >= max(criterion.min_evidence, 2)
        if strong and enough:
            score = 4
        elif not strong:
            reasons.append("for exceptional: show measured change against a baseline, a comparison or an "
                           "independent evaluation")
        else:
            reasons.append(f"for exceptional: corroborate with at least {max(criterion.min_evidence, 2)} "
                           f"fitting, current items")
    return Judgement(score, strength, len(cited), reasons)
