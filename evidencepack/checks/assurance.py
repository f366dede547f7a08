"""Safety and assurance: the risks listed before everything else (docs/scoring.md, "Risk first").

- A digital innovation in use needs a clinical safety case: DCB0129 (the manufacturer's) and DCB0160 (the
  deploying organisation's). Missing, or still a draft, is EP208.
- Where personal data is processed (said in ``innovation.personal_data``, or assumed for a digital innovation
  unless it says otherwise) a DPIA is expected: missing or draft is EP209.
- DTAC applies to digital health technologies brought in from its publication (``x-assessment.risk.dtac_from``);
  a system live before that is not asked for it (EP207).
A reference whose text says "draft" counts as a draft.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer
from evidencepack.model import partial_date

_DRAFT = re.compile(r"\bdraft\b", re.IGNORECASE)
_IN_USE = {"pilot", "rollout", "business_as_usual"}


def _state(reference: str | None, status: str | None) -> str:
    """missing, draft, done or not_needed."""
    if status == "not_needed":
        return "not_needed"
    if not reference:
        return "missing"
    if status == "draft" or (status is None and _DRAFT.search(reference)):
        return "draft"
    return "done"


def _live(ctx: CheckContext) -> bool:
    innovation = ctx.pack.innovation
    if innovation.stage:
        return innovation.stage in _IN_USE or (innovation.stage == "stopped" and bool(innovation.go_live))
    return bool(innovation.go_live)


def clinical_safety(ctx: CheckContext) -> Iterator[Finding]:
    innovation = ctx.pack.innovation
    if innovation.kind != "digital" or not _live(ctx):
        return
    assurance = innovation.assurance
    status = assurance.safety_case_status if assurance else None
    problems = []
    cases = (("DCB0129 (manufacturer)", "dcb0129_reference"), ("DCB0160 (deployment)", "dcb0160_reference"))
    for label, field in cases:
        state = _state(getattr(assurance, field) if assurance else None, status)
        if state in ("missing", "draft"):
            problems.append(f"{label} safety case {'missing' if state == 'missing' else 'still a draft'}")
    if problems:
        yield finding("EP208", pointer("innovation", "assurance"),
                      f"a digital system in use ({innovation.stage or 'live'}) with " + "; ".join(problems))


def data_protection(ctx: CheckContext) -> Iterator[Finding]:
    innovation = ctx.pack.innovation
    processes = innovation.personal_data if innovation.personal_data is not None else innovation.kind == "digital"
    if not processes:
        return
    assurance = innovation.assurance
    state = _state(assurance.dpia_reference if assurance else None, assurance.dpia_status if assurance else None)
    if state in ("missing", "draft"):
        yield finding("EP209", pointer("innovation", "assurance"),
                      f"personal data is processed and the DPIA is {'missing' if state == 'missing' else 'a draft'}")


def dtac(ctx: CheckContext) -> Iterator[Finding]:
    innovation = ctx.pack.innovation
    if innovation.kind != "digital":
        return
    since = partial_date(ctx.framework.assessment.get("risk", {}).get("dtac_from", "2021-02"))
    go_live = innovation.go_live_date
    if go_live is not None and since is not None and go_live < since:
        return  # live before DTAC existed
    if not (innovation.assurance and innovation.assurance.dtac_version):
        yield finding("EP207", pointer("innovation", "assurance", "dtac_version"),
                      "a digital innovation brought in since DTAC was published has no DTAC assessment recorded")


CHECKS = (clinical_safety, data_protection, dtac)
