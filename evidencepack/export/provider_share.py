"""How much of a document's text is the provider's own words: the measure behind issue 11's "the provider's words
first" (at least half of the care home example's document), shared by ``bench/document_pages.py`` and the layout
tests so that the two count alike.

- total words: every white-space separated word of the document's text (running heads and page numbers included);
- the provider's words: every string value the pack holds (narratives, summaries, names, titles, descriptions,
  actions, notes, references, ...), counted once each time the text shows it, longest values first so that a value
  inside a longer one is not counted twice; a value of fewer than two words is not counted (a status or a date is
  not the provider's prose), and numbers are never counted.
"""

from __future__ import annotations

from typing import Any


def strings(node: Any) -> list[str]:
    """Every string value in a pack, depth first."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in strings(value)]
    return []


def provider_words(data: dict[str, Any], text: str) -> tuple[int, int]:
    """(total words, the provider's words) in ``text``, the text of the document made from the pack ``data``."""
    total = len(text.split())
    flat = " ".join(text.split())
    provider = 0
    for value in sorted(set(strings(data)), key=len, reverse=True):
        words = value.split()
        if len(words) < 2:
            continue
        joined = " ".join(words)
        provider += flat.count(joined) * len(words)
        flat = flat.replace(joined, " ")
    return total, provider
