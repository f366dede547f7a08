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
    "sha256": "SHA-256", "url": "web address", "prepared_by": "prepared by", "export_override": "export override",
}
_SECTIONS = {"metadata": "Details", "innovation": "Innovation", "evidence": "Evidence", "principles": "Principles",
             "measures": "Outcome measure", "actions": "Action"}


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


#: Help for fields whose schema gives no description: what it is and where to find it, in our own words.
HELP: dict[tuple[str, ...], str] = {
    ("metadata", "provider", "cqc_provider_id"): "Your provider ID on the CQC register: 1- followed by 9 or 10 "
    "digits, as on your registration certificate or the CQC website.",
    ("metadata", "provider", "ods_code"): "Your Organisation Data Service (ODS) code, the NHS identifier of your "
    "organisation (for example 8JK12 or RXX). Find it with the ODS Portal's search; leave blank if you have none.",
    ("metadata", "provider", "sector"): "The kind of service you run; it decides which examples and wording fit.",
    ("metadata", "locations", "cqc_location_id"): "The location's ID on the CQC register: 1- followed by 9 or 10 "
    "digits (each registered location has its own).",
    ("metadata", "locations", "postcode"): "The location's postcode. Your own locations' postcodes are not treated "
    "as personal data.",
    ("metadata", "period", "start"): "First day of the period the evidence covers (DD/MM/YYYY).",
    ("metadata", "period", "end"): "Last day of the period the evidence covers (DD/MM/YYYY).",
    ("innovation", "product_version"): "The version of the product in use, as the supplier names it (for example "
    "4.2).",
    ("innovation", "go_live"): "The date people first used it for real (DD/MM/YYYY).",
    ("innovation", "assurance", "dtac_version"): "The Digital Technology Assessment Criteria (DTAC): the version of "
    "the criteria the supplier's assessment used (for example 2024). Ask the supplier for their completed DTAC.",
    ("innovation", "assurance", "dtac_date"): "When the DTAC assessment was completed or last reviewed.",
    ("innovation", "assurance", "dpia_reference"): "Your Data Protection Impact Assessment (DPIA) for this use: its "
    "document reference or title, and version. UK GDPR requires one where processing is likely to be high risk.",
    ("innovation", "assurance", "dcb0129_reference"): "DCB0129 is the clinical risk management standard for the "
    "manufacturer: the supplier's clinical safety case report and hazard log. Give its reference and version.",
    ("innovation", "assurance", "dcb0160_reference"): "DCB0160 is the clinical risk management standard for you, the "
    "organisation deploying it: your own clinical safety case, signed by your Clinical Safety Officer. Give its "
    "reference and version.",
}


def help_for(path: Sequence[str | int]) -> str | None:
    """Help for the field at ``path`` (list indexes ignored), when we have words for it."""
    return HELP.get(tuple(str(p) for p in path if not isinstance(p, int)))
