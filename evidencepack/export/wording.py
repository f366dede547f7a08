"""The words the document uses for values in a pack, and text made safe for Word.

Statuses, bands and categories are always written out in words, so that no meaning rests on colour.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

from evidencepack.framework import load_framework

REPLACEMENT = "\ufffd"  # shown where a character Word cannot hold was removed
# Characters outside XML 1.0 (C0 controls other than tab/newline/CR, lone surrogates, U+FFFE/U+FFFF).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: A criterion's status in words: the schemas' labels, and the words for no status at all.
STATUS_WORDS: dict[str | None, str] = {**load_framework().status_labels, None: "Not yet answered"}
READINESS_WORDS = {"ready": "Ready", "nearly_ready": "Nearly ready", "not_ready": "Not ready"}
PACK_STATUS_WORDS = {
    "draft": "Draft",
    "in_review": "In review",
    "approved": "Approved",
    "superseded": "Superseded",
    None: "No status recorded",
}
SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Information"}
#: The schema's evidence categories in words; an unknown category falls back to its key in words.
CATEGORY_WORDS: dict[str, str] = load_framework().category_labels


def clean(text: Any) -> str:
    """Text Word can hold: line endings normalised, XML-illegal characters replaced visibly by U+FFFD."""
    if text is None:
        return ""
    if not isinstance(text, str):
        text = as_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub(REPLACEMENT, text)


def as_text(value: Any) -> str:
    """Any value from a pack as text: strings as they are, other values as compact JSON (nothing dropped)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def humanise(key: Any) -> str:
    text = as_text(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def status_words(status: Any) -> str:
    if (status is None or isinstance(status, str)) and status in STATUS_WORDS:
        return STATUS_WORDS[status]
    return f"Unrecognised status: {as_text(status)}"


def category_words(category: Any) -> str:
    if not category:
        return "No category"
    known = CATEGORY_WORDS.get(category) if isinstance(category, str) else None
    return known or humanise(category)


def number(value: Any) -> str:
    """A number without float noise: 3.0 → '3', 72.456 → '72.46', 1234567 → '1,234,567'."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return as_text(value)
    if isinstance(value, float) and value != value:
        return "not a number"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: float | None) -> str:
    return "not scored" if value is None else f"{number(round(value, 1))}%"


def date_words(value: Any) -> str:
    """An ISO date as '1 April 2025'; anything else as it was written."""
    if value is None or value == "":
        return "not given"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    try:
        parsed = dt.date.fromisoformat(str(value))
    except ValueError:
        return as_text(value)
    return f"{parsed.day} {parsed:%B %Y}"


def person_words(person: Any) -> str:
    """'Name, Role' from a person object; empty when neither is given."""
    if not isinstance(person, dict):
        return as_text(person)
    return ", ".join(as_text(person[k]) for k in ("name", "role") if person.get(k))


def right_to_left(text: str) -> bool:
    """Whether the first strongly directional character of ``text`` is right-to-left (Arabic, Hebrew, ...)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
