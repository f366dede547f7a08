"""What every content check receives."""

from __future__ import annotations

from dataclasses import dataclass

from evidencepack.framework import Framework
from evidencepack.model import INLINE_CITATION, EvidenceItem, Pack, inline_citations
from evidencepack.options import CheckOptions

# citations are read on the model; re-exported here for older imports
__all__ = ["INLINE_CITATION", "CheckContext", "inline_citations"]


@dataclass
class CheckContext:
    pack: Pack
    framework: Framework
    options: CheckOptions

    @property
    def evidence_by_id(self) -> dict[str, EvidenceItem]:
        return self.pack.evidence_by_id

    @property
    def max_age_days(self) -> int:
        return self.options.evidence_max_age_days or self.framework.scoring.evidence_max_age_days
