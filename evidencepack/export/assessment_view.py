"""What the document reads from the checks and the assessment, in one place: the check result (findings and the
assessment in the single assessment framework's language), each principle's band and evidence strength in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from evidencepack.assessment import assess as score_pack
from evidencepack.export.pack_words import cited_evidence, items, obj
from evidencepack.export.wording import as_text, category_words, percent
from evidencepack.findings import Finding
from evidencepack.framework import Framework, Principle
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document
from evidencepack.validate import validate


def check_for_document(
    data: dict[str, object], options: CheckOptions, framework: Framework, extra: Iterable[Finding] = ()
) -> PackResult:
    """The check result a document is made from. ``extra`` are findings about files outside the pack that were
    found when the document was made (verify cannot look at those files again); they count as they did then."""
    extra = list(extra)
    if not extra:
        return check_document(data, options, framework)
    validation = validate(data, options, framework)
    findings = [*validation.findings, *extra]
    if validation.pack is None:
        return PackResult(path="<pack>", valid=False, score=None, findings=_sorted(findings))
    scored = score_pack(validation.pack, options, framework, findings)
    every = _sorted([*findings, *scored.findings])
    return PackResult(path="<pack>", valid=not any(f.severity.value == "error" for f in every), score=scored,
                      findings=every)


def file_findings(data: dict[str, object], result: PackResult, options: CheckOptions,
                  framework: Framework) -> list[Finding]:
    """The findings in ``result`` that came from looking at files outside the pack: those a check without the
    files does not make."""
    if not options.check_files or options.base_dir is None:
        return []
    without = check_document(data, options.model_copy(update={"check_files": False}), framework)
    seen = {(f.code, f.pointer, f.message) for f in without.findings}
    return [f for f in result.findings if (f.code, f.pointer, f.message) not in seen]


def _strongest(scored: Any, framework: Framework) -> str | None:
    """The strongest evidence any criterion of the principle uses, in the assessment's words (its ladder)."""
    if scored is None:
        return None
    labels = framework.assessment.get("strength", {}).get("labels", {})
    ladder = {label: int(level) for level, label in labels.items()}
    strengths = [c.strength for c in scored.criteria.values() if c.strength]
    return max(strengths, key=lambda label: ladder.get(label, 0)) if strengths else None


def _sorted(findings: list[Finding]) -> list[Finding]:
    """In the order ``check_document`` gives: errors first, then by place and code."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.pointer, f.code))


@dataclass(frozen=True)
class PrincipleView:
    """What the inspector summary says about one principle: its band, the strength of its evidence and how much of
    it is answered (completeness, named as such)."""

    band: str
    evidence: str
    answered: str = "not scored"


def principle_view(data: dict[str, Any], result: PackResult, principle: Principle,
                   framework: Framework) -> PrincipleView:
    """The principle's band from the assessment (its words, as the single assessment framework's scale), and the
    evidence it cites in words: how many items, in how many evidence categories, the strongest on the strength
    ladder, and whether an outcome was measured against a baseline. Without an assessment (a pack that fails
    the schema) there is no band: it says so, and never puts completeness in its place (how much is answered says
    nothing about how good the evidence is)."""
    scored = result.score.principles.get(principle.key) if result.score else None
    if scored is not None and scored.band_label:
        band = scored.band_label[:1].upper() + scored.band_label[1:]
    else:
        band = "Not assessed" if scored is None else "Not assessed: no criterion applies"
    responses = obj(obj(obj(data.get("principles")).get(principle.key)).get("criteria"))
    cited: list[str] = []
    for criterion in principle.criteria:
        for key in cited_evidence(obj(responses.get(criterion.key))):
            if as_text(key) not in cited:
                cited.append(as_text(key))
    answered = percent(scored.answered) if scored is not None else "not scored"
    if not cited:
        return PrincipleView(band, "No evidence cited yet", answered)
    by_id = {as_text(obj(e).get("id")): obj(e) for e in items(data.get("evidence"))}
    categories = sorted({category_words(by_id[k].get("category")) for k in cited if k in by_id
                         and by_id[k].get("category")})
    measured = any(
        as_text(m.get("source")) in cited and obj(m.get("baseline")) and obj(m.get("latest"))
        for m in (obj(x) for x in items(data.get("measures")))
    )
    words = f"{len(cited)} item{'s' if len(cited) != 1 else ''}"
    if categories:
        words += f", {len(categories)} categor{'ies' if len(categories) != 1 else 'y'}"
    strongest = _strongest(scored, framework)
    if strongest:
        words += f"; at best {strongest}"
    elif measured:
        words += "; an outcome measured against a baseline"
    return PrincipleView(band, words, answered)
