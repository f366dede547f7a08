"""What a field of a pack is called, in words a quality lead uses ("Innovation: product version",
"Evidence E3: title", "With the people who use it: co-design: narrative"), for conflicts and history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from evidencepack.framework import Framework, load_framework

_WORDS = {
    "ods_code": "ODS code", "cqc_provider_id": "CQC provider ID", "cqc_location_id": "CQC location ID",
    "dtac_version": "DTAC version", "dtac_date": "DTAC date", "dcb0129_reference": "DCB0129 clinical safety case",
    "dcb0160_reference": "DCB0160 clinical safety case", "dpia_reference": "DPIA", "go_live": "go-live date",
    "dcb0129_date": "DCB0129 report date", "dcb0160_date": "DCB0160 sign-off date", "dpia_date": "DPIA sign-off date",
    "dpia_signed_by": "DPIA signed off by", "dpia_status": "DPIA status", "safety_case_status": "safety case status",
    "personal_data": "personal data", "people_reached": "people reached",
    "sha256": "SHA-256", "url": "web address", "prepared_by": "prepared by", "export_override": "export override",
}
_SECTIONS = {"metadata": "Details", "innovation": "Innovation", "evidence": "Evidence", "principles": "Principles",
             "measures": "Outcome measure", "actions": "Action"}


_ACRONYMS = {"nhs": "NHS", "gp": "GP", "cqc": "CQC", "ods": "ODS", "dtac": "DTAC", "dpia": "DPIA"}


def enum_words(value: Any) -> str:
    """An enumeration value as a label: ``care_home`` → "Care home", ``nhs_trust`` → "NHS trust"."""
    words_ = [_ACRONYMS.get(w.lower(), w) for w in str(value).replace("_", " ").split()]
    if not words_:
        return str(value)
    first = words_[0]
    words_[0] = first if first.isupper() else first[:1].upper() + first[1:]
    return " ".join(words_)


def words(key: str | int) -> str:
    """A schema key in words: ``product_version`` → "product version"."""
    return _WORDS.get(str(key), str(key).replace("_", " "))


def field_label(path: Sequence[str | int], content: dict[str, Any] | None = None,
                framework: Framework | None = None) -> str:
    """The field at ``path`` in words. ``content`` (the pack) lets list items be named by their id or name."""
    if not path:
        return "The whole pack"
    head, *rest = path
    section = _SECTIONS.get(str(head), words(head).capitalize())
    if head == "principles" and rest:
        framework = framework or load_framework()
        principle = framework.principle(str(rest[0]))
        parts = [principle.short_title if principle else words(rest[0])]
        if len(rest) >= 3 and rest[1] == "criteria":
            criterion = principle.criterion(str(rest[2])) if principle else None
            parts.append(criterion.title if criterion else words(rest[2]))
            parts += [words(p) for p in rest[3:] if not isinstance(p, int)]
        else:
            parts += [words(p) for p in rest[1:] if not isinstance(p, int)]
        return ": ".join(parts)
    if head in ("evidence", "measures", "actions") and rest and isinstance(rest[0], int):
        item = _item(content, str(head), rest[0])
        name = item.get("id") if head == "evidence" else rest[0] + 1
        extra = item.get("name") if head == "measures" else None
        title = f"{section} {name}" + (f" ({extra})" if extra else "")
        tail = [words(p) for p in rest[1:] if not isinstance(p, int)]
        return ": ".join([title, *tail])
    return ": ".join([section, *(words(p) for p in rest if not isinstance(p, int))])


def _item(content: dict[str, Any] | None, section: str, index: int) -> dict[str, Any]:
    items = content.get(section) if isinstance(content, dict) else None
    if isinstance(items, list) and 0 <= index < len(items) and isinstance(items[index], dict):
        return items[index]
    return {}


def plain(text: str, framework: Framework | None = None) -> str:
    """``text`` with criterion keys ("people.co_design") written as the criterion's title, for a main view."""
    framework = framework or load_framework()
    titles = {c.id: c.title for p in framework.principles for c in p.criteria}
    if not titles:
        return text
    pattern = re.compile(r"(?<![\w/.])(" + "|".join(re.escape(k) for k in sorted(titles, key=len, reverse=True))
                         + r")(?![\w])")
    return pattern.sub(lambda m: f"“{titles[m.group(1)]}”", text)


def place(json_pointer: str, content: dict[str, Any] | None = None, framework: Framework | None = None) -> str:
    """Where a JSON pointer points, in words ("Evidence E3: title"); "The pack" for the root."""
    if not json_pointer or json_pointer == "/":
        return "The pack"
    parts: list[str | int] = []
    for raw in json_pointer.strip("/").split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return field_label(parts, content, framework)
