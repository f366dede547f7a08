"""Repeated text: a narrative pasted (exactly or nearly) into several criteria earns credit once."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+")
_CITATION = re.compile(r"\[E[0-9][^\]]*\]")


def words(text: str | None) -> list[str]:
    """The words of ``text`` in lower case, with inline citations taken out."""
    return _WORD.findall(_CITATION.sub(" ", text or "").lower())


def shingles(tokens: list[str], size: int) -> frozenset[tuple[str, ...]]:
    if len(tokens) < size:
        return frozenset([tuple(tokens)]) if tokens else frozenset()
    return frozenset(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Containment of the smaller set in the larger (so a pasted text with a few words added still matches)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class RepeatFinder:
    """Remembers the texts seen so far; says which earlier one a new text repeats, if any."""

    def __init__(self, size: int, threshold: float):
        self.size, self.threshold = size, threshold
        self._seen: list[tuple[str, frozenset[tuple[str, ...]]]] = []

    def repeats(self, where: str, text: str | None) -> str | None:
        tokens = words(text)
        if len(tokens) < 3:
            return None
        mine = shingles(tokens, self.size)
        for earlier, theirs in self._seen:
            if similarity(mine, theirs) >= self.threshold:
                return earlier
        self._seen.append((where, mine))
        return None
