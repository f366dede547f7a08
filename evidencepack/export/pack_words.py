"""Words for values in a pack, read defensively (a pack that fails the schema still reads): counts, places,
the evidence a response cites, and a measure's values, change and target."""

from __future__ import annotations

from typing import Any

from evidencepack.checks.context import inline_citations
from evidencepack.export.wording import as_text, date_words, number


def obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# Helpers -------------------------------------------------------------------------------------------------

def count_words(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def location_words(location: dict[str, Any]) -> str:
    name = as_text(location.get("name")) or "Unnamed location"
    extra = [as_text(location[k]) for k in ("cqc_location_id", "postcode") if location.get(k)]
    return f"{name} ({', '.join(extra)})" if extra else name


def cited_evidence(response: dict[str, Any]) -> list[Any]:
    """Evidence ids a response cites (its list, then inline citations), each once, in order."""
    narrative = response.get("narrative")
    inline = inline_citations(narrative if isinstance(narrative, str) else None)
    out: list[Any] = []
    seen: set[str] = set()
    for key in [*items(response.get("evidence")), *inline]:
        if as_text(key) not in seen:
            seen.add(as_text(key))
            out.append(key)
    return out


def value_words(value: Any, unit: str) -> str:
    if value is None:
        return "Not given"
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") and unit[1:2] in ("", " ") else f"{text} {unit}"


def observation_words(observation: dict[str, Any], unit: str) -> str:
    if not observation:
        return "Not given"
    return f"{value_words(observation.get('value'), unit)} ({date_words(observation.get('date'))})"


def numeric(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def signed(value: float) -> str:
    """A change with its sign: + for a rise, the minus sign (U+2212) for a fall, which a line never breaks
    after, so "(-" cannot wrap away from its number."""
    text = number(value)
    return f"+{text}" if value > 0 else text.replace("-", "\u2212", 1)


def change_words(baseline: Any, latest: Any, unit: str, direction: Any) -> str:
    start, end = numeric(baseline), numeric(latest)
    if start is None or end is None:
        return "Not known"
    delta = end - start
    points = unit.startswith("%")
    text = signed(delta) + (" percentage points" if points else f" {unit}" if unit else "")
    if start and not points:
        text += f" ({signed(round(100 * delta / abs(start), 1))}%)"
    if delta == 0:
        return f"{text}, no change"
    if direction in ("higher_is_better", "lower_is_better"):
        better = (delta > 0) == (direction == "higher_is_better")
        return f"{text}, {'better' if better else 'worse'}"
    return text


def target_words(target: Any, latest: Any, unit: str, direction: Any) -> str:
    goal, value = numeric(target), numeric(latest)
    if goal is None:
        return "Not set"
    text = value_words(goal, unit)
    if value is None or direction not in ("higher_is_better", "lower_is_better"):
        return text
    reached = value >= goal if direction == "higher_is_better" else value <= goal
    return f"{text} ({'reached' if reached else 'not yet reached'})"


def source_words(source: Any) -> str:
    """Where an item of evidence is, by file name or address; a stored attachment is named as such (the pack
    knows it only by its hash, which tells a reader nothing)."""
    body = obj(source)
    if body.get("path"):
        return f"File: {as_text(body['path'])}"
    if body.get("url"):
        return f"Link: {as_text(body['url'])}"
    if body.get("attachment"):
        return "A file stored with the pack"
    return "Not given" if not source else as_text(source)
