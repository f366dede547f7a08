"""The workflow: the rules of a pack's life, which the app and the CLI both call (neither holds its own).

- ``lifecycle``: draft → in review → approved → superseded; who may approve and when a reason is needed.
- ``overrides``: exporting despite error-level findings, with who, why and when (one rule for both faces).
- ``packs``: a new pack (blank or from an example), the next evidence id.
- ``stored``: importing into the store, exporting and bundling from it, its history.
- ``standing``: where a pack stands (the one place that reads the score: the sidebar and approval use it).
- ``approvals``: who last changed a pack's substance; whether self-approval is allowed; an approval's decision
  (``decide``); a lifecycle step's line in the log, against the save that made it (``record_step``).
- ``saving``: a save merges field by field with versions saved meanwhile (``store.merge``).
- ``labels``: a field's name in words, findings in plain words (help for fields is in the schemas).
- ``checklist``: the six steps (details, evidence, principles, outcomes, review, export) and what is done.
- ``masking``: personal data behind a finding, shown and replaced masked (the core's detector).
"""

from __future__ import annotations

from evidencepack.workflow.checklist import Step, checklist
from evidencepack.workflow.lifecycle import (
    READ_ONLY_STATUSES,
    ApprovalPolicy,
    LifecycleError,
    approval_note,
    approval_problems,
    approve,
    back_to_draft,
    is_read_only,
    start_new_version,
    status_of,
    submit_for_review,
)
from evidencepack.workflow.overrides import decide_override, prepared_by, record_override
from evidencepack.workflow.packs import (
    Example,
    evidence_ids,
    example_pack,
    examples,
    new_blank_pack,
    next_evidence_id,
    pack_from_example,
)
from evidencepack.workflow.standing import PrincipleStanding, Standing, pack_standing

__all__ = [
    "READ_ONLY_STATUSES",
    "ApprovalPolicy",
    "Example",
    "PrincipleStanding",
    "Standing",
    "Step",
    "LifecycleError",
    "approval_note",
    "approval_problems",
    "approve",
    "back_to_draft",
    "checklist",
    "decide_override",
    "evidence_ids",
    "example_pack",
    "examples",
    "is_read_only",
    "new_blank_pack",
    "next_evidence_id",
    "pack_from_example",
    "pack_standing",
    "prepared_by",
    "record_override",
    "start_new_version",
    "status_of",
    "submit_for_review",
]
