"""What every content check receives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from evidencepack.framework import Framework
from evidencepack.model import EvidenceItem, Pack
from evidencepack.options import CheckOptions

INLINE_CITATION = re.compile(r"\[(E[0-9]+(?:\s*[,;]\s*E[0-9]+)*)\]")


@lru_cache(maxsize=4096)  # the same narrative is read by several checks and the scorer
def inline_citations(text: str | None) -> tuple[str, ...]:
    """Evidence ids cited inline as [E3] or [E3, E4] in ``text``, in order."""
    if not text or "[" not in text:
        return ()
    return tuple(part.strip() for match in INLINE_CITATION.finditer(text) for part in re.split(r"[,;]", match.group(1)))


@dataclass
class CheckContext:
    pack: Pack
    framework: Framework
    options: CheckOptions

    @cached_property
    def evidence_by_id(self) -> dict[str, EvidenceItem]:
        by_id: dict[str, EvidenceItem] = {}
        for item in self.pack.evidence:
            by_id.setdefault(item.id, item)
        return by_id

    @property
    def max_age_days(self) -> int:
        return self.options.evidence_max_age_days or self.framework.scoring.evidence_max_age_days
