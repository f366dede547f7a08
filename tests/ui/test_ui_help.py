"""Help under a field's ⓘ has one source: the field's ``description`` in the schemas.

The test reads the schema files itself (its own small ``$ref`` walk, not the app's), runs the real app on each
page that edits a pack, and compares every field's help with the description of the field it edits.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

import pytest
from ui_support import ROOT, example

from evidencepack.framework import load_framework

SCHEMAS = ROOT / "schemas"
#: The assurance and identifier fields a quality lead needs help with (issue 12): each must have help.
MUST_HAVE_HELP = [
    ("metadata", "provider", "cqc_provider_id"),
    ("metadata", "provider", "ods_code"),
    ("metadata", "locations", 0, "cqc_location_id"),
    ("metadata", "locations", 0, "postcode"),
    ("metadata", "period", "start"),
    ("metadata", "period", "end"),
    ("innovation", "go_live"),
    ("innovation", "assurance", "dtac_version"),
    ("innovation", "assurance", "dtac_date"),
    ("innovation", "assurance", "dcb0129_reference"),
    ("innovation", "assurance", "dcb0160_reference"),
    ("innovation", "assurance", "dpia_reference"),
    ("innovation", "serves"),
    ("innovation", "people_reached"),
    ("innovation", "personal_data"),
    ("innovation", "assurance", "dcb0129_date"),
    ("innovation", "assurance", "dcb0160_date"),
    ("innovation", "assurance", "clinical_safety_officer"),
    ("innovation", "assurance", "safety_case_status"),
    ("innovation", "assurance", "dpia_date"),
    ("innovation", "assurance", "dpia_signed_by"),
    ("innovation", "assurance", "dpia_status"),
]
_KINDS = ("text_input", "text_area", "selectbox", "date_input", "multiselect", "checkbox", "toggle")


def _file(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _follow(file: str, node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Follow ``$ref``s; a description written beside a ``$ref`` is the field's own and wins."""
    own = {k: v for k, v in node.items() if k != "$ref"}
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        file = posixpath.normpath(posixpath.join(posixpath.dirname(file), target)) if target else file
        node = _file(file)
        for part in pointer.strip("/").split("/"):
            node = node[part] if part else node
        own = {**{k: v for k, v in node.items() if k != "$ref"}, **own}
    return file, {**node, **own}


def described(path: tuple[str | int, ...]) -> str | None:
    """The schema description of the field at ``path`` in a pack, read straight from the files."""
    file, node = _follow("pack.schema.json", _file("pack.schema.json"))
    for part in path:
        child = node["items"] if isinstance(part, int) else node["properties"][part]
        file, node = _follow(file, child)
    return node.get("description")


def _path(key: str) -> tuple[str | int, ...] | None:
    """The pack path a field widget edits, from its key (``f<generation>|metadata/provider/ods_code``)."""
    if not key or not key.startswith("f") or "|" not in key:
        return None
    return tuple(int(p) if p.isdigit() else p for p in key.split("|", 1)[1].split("/"))


def _fields(at) -> dict[tuple[str | int, ...], str | None]:
    found = {}
    for kind in _KINDS:
        for element in getattr(at, kind):
            path = _path(element.key)
            if path is not None:
                found[path] = element.help or None
    return found


def _pages() -> list[str]:
    return ["details", "evidence", "outcomes", "actions",
            *(f"principle:{p.key}" for p in load_framework().principles)]


@pytest.mark.parametrize("page", _pages())
def test_every_field_shows_its_schema_description_as_help_and_nothing_else(app, stored, page):
    at = app(page, pack_id=stored(example()))
    fields = _fields(at)
    assert fields, f"no fields bound to the pack on {page}"
    wrong = {path: (shown, described(path)) for path, shown in fields.items() if shown != described(path)}
    assert wrong == {}


def test_every_assurance_and_identifier_field_on_the_details_page_has_help(app, stored):
    data = example()
    assert data["metadata"]["locations"], "the example needs a location for its fields to be shown"
    at = app("details", pack_id=stored(data))
    fields = _fields(at)
    missing = [path for path in MUST_HAVE_HELP if path not in fields or not fields[path]]
    assert missing == []
    assert "DCB0160" in fields[("innovation", "assurance", "dcb0160_reference")]
    assert "ODS" in fields[("metadata", "provider", "ods_code")]


def test_the_approval_form_reads_its_help_from_the_schema(app, stored):
    at = app("approval", pack_id=stored())
    (reason,) = at.text_area
    assert reason.help == described(("metadata", "approval", "reason"))
    assert "not ready" in reason.help
