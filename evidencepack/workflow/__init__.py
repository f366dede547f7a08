"""The workflow: the rules of a pack's life, which the app and the CLI both call (neither holds its own).

- ``lifecycle``: draft → in review → approved → superseded; who may approve and when a reason is needed.
- ``overrides``: exporting despite error-level findings, with who, why and when (one rule for both faces).
- ``packs``: a new pack (blank or from an example), the next evidence id.
- ``stored``: importing into the store, exporting and bundling from it, its history.
- ``masking``: personal data behind a finding, shown and replaced masked (the core's detector).
"""

from __future__ import annotations

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

__all__ = [
    "READ_ONLY_STATUSES",
    "ApprovalPolicy",
    "Example",
    "LifecycleError",
    "approval_note",
    "approval_problems",
    "approve",
    "back_to_draft",
    "decide_override",
    "evidence_ids",
    "example_pack",
    "examples",
    "is_read_only",
    "new_blank_pack",
    "next_evidence_id",
    "pack_from_example",
    "prepared_by",
    "record_override",
    "start_new_version",
    "status_of",
    "submit_for_review",
]
