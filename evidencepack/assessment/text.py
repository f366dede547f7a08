"""Repeated text: a narrative pasted (exactly or nearly) into several criteria earns credit once.

Texts are compared by their word shingles (runs of ``size`` words); a text repeats an earlier one when at
least ``threshold`` of the shingles of the shorter of the two are shared (containment, so a pasted text with
a few words added or changed still matches). Long texts are compared on a fixed sample of their shingles.
"""

from __future__ import annotations

from collections.abc import Iterator

_SPACES = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
# ASCII letters and digits in lower case, everything else a space (bytes.lower() and the spaces in one pass)
_ASCII_WORDS = bytes(ord(chr(c).lower()) if chr(c).isalnum() else ord(" ") for c in range(128)) + bytes(range(128, 256))


def words(text: str | None) -> list[str]:
    """The words of ``text`` in lower case, ASCII punctuation (and so inline citations' brackets) as spaces."""
    if not text:
        return []
    if text.isascii():  # the same words, but bytes.translate reads a flat table where str.translate asks a dict
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return text.lower().translate(_SPACES).split()


_SAMPLE = 4  # long texts: only the shingles that start at an "anchor" word (its length is 0 modulo this)
_MIN_WORDS_TO_SAMPLE = 40  # shorter texts keep every shingle
_MIN_SAMPLED = 12  # a sample smaller than this is too coarse to judge by: keep every shingle


def shingles(tokens: list[str], size: int) -> set[int]:
    """Hashes of the text's shingles (runs of ``size`` words). A long text keeps those starting at anchor words,
    chosen by the word itself (its length, not Python's per-process string hash), so the same passage gives the
    same sample in every text and every run, and containment is kept on average. Only the sampled runs are built
    (about a quarter of them); tests/test_assessment_fast_paths.py checks them against plain tuples of words."""
    count = len(tokens)
    if count < size:
        return {hash(tuple(tokens))} if tokens else set()
    if count >= _MIN_WORDS_TO_SAMPLE:  # one pass: a run is built where its first word is an anchor
        sampled = {hash(tuple(tokens[i : i + size])) for i in range(count - size + 1) if not len(tokens[i]) % _SAMPLE}
        if len(sampled) >= _MIN_SAMPLED:
            return sampled
    return set(map(hash, _runs(tokens, size)))


def _runs(tokens: list[str], size: int) -> Iterator[tuple[str, ...]]:
    return zip(*(tokens[i:] for i in range(size)), strict=False)


class RepeatFinder:
    """Remembers the texts seen so far; says which earlier one a new text repeats, if any."""

    def __init__(self, size: int, threshold: float):
        self.size, self.threshold = size, threshold
        self._seen: list[tuple[str, set[int], int]] = []  # (where, shingles, how many), in the order first seen

    def repeats(self, where: str, text: str | None, tokens: list[str] | None = None) -> str | None:
        """The earlier text this one repeats, or None (then it is remembered). ``tokens``: ``words(text)``."""
        tokens = words(text) if tokens is None else tokens
        if len(tokens) < 3:
            return None
        mine = shingles(tokens, self.size)
        threshold, size = self.threshold, len(mine)
        for earlier, theirs, their_size in self._seen:  # set intersections run in C: cheap for a few dozen texts
            if len(mine & theirs) >= threshold * (size if size < their_size else their_size):
                return earlier
        self._seen.append((where, mine, size))
        return None
