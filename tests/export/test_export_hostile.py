"""Awkward and hostile packs still give a document that the Open XML SDK validator accepts, that reads back
as the same pack, and that keeps its accessibility properties."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from harness import OVERRIDE
from packs import evidence_item, full_pack
from wordml import Docx, accessibility_problems

from evidencepack.canonical import content_sha256
from evidencepack.export.gate import with_override
from evidencepack.export.wording import REPLACEMENT
from evidencepack.framework import load_framework
from evidencepack.load import load

FRAMEWORK = load_framework()
FIRST = FRAMEWORK.principles[0]
CONTROL = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"


def _narrate(text: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["principles"][FIRST.key]["criteria"][FIRST.criteria[0].key]["narrative"] = text

    return change


def _many_evidence(data: dict[str, Any]) -> None:
    data["evidence"] = [evidence_item(f"E{i}") for i in range(1, 1001)]
    for principle in FRAMEWORK.principles:
        for criterion in principle.criteria:
            data["principles"][principle.key]["criteria"][criterion.key]["evidence"] = [
                f"E{i}" for i in range(1, 31)
            ]


def _everywhere(text: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["metadata"]["title"] = text[:400]
        data["metadata"]["provider"]["name"] = text[:400]
        data["innovation"]["name"] = text[:400]
        data["evidence"][0]["title"] = text[:400]
        data["measures"][0]["name"] = text[:400]
        _narrate(text)(data)

    return change


CASES: dict[str, Callable[[dict[str, Any]], None]] = {
    "control-characters": _everywhere(f"before{CONTROL}after [E1]"),
    "emoji": _everywhere("Residents loved it 😀👍🏽 👨‍👩‍👧 and 🏳️‍🌈 [E1]"),
    "right-to-left": _everywhere("تحسين الرعاية للمقيمين [E1] שיפור הטיפול mixed with English"),
    "combining-and-astral": _everywhere("Zalgo z̸̢̛a̷l̶g̴o 𝕳𝖊𝖑𝖑𝖔 𐍈 \u200b\u200d\u2028\u2029 [E1]"),
    "markup-lookalikes": _everywhere("<w:p>]]></w:t> &amp; &lt;script&gt; ' \" [E1] {{field}} MERGEFIELD"),
    "100k-narrative": _narrate(("Long narrative with a citation [E1]. " * 3000)[:100_000]),
    "1000-evidence-items": _many_evidence,
}


@pytest.mark.parametrize("case", list(CASES))
def test_awkward_pack_gives_a_valid_accessible_document_that_reads_back(case: str, export_to: Any) -> None:
    data = copy.deepcopy(full_pack())
    CASES[case](data)
    path = export_to(data, f"{case}.docx")  # validated by the Open XML SDK validator
    assert accessibility_problems(Docx.open(path)) == []
    assert content_sha256(load(path).data) == content_sha256(data)


def test_empty_pack_gives_a_valid_document_that_reads_back(export_to: Any) -> None:
    path = export_to({}, "empty.docx")
    assert accessibility_problems(Docx.open(path), author="evidencepack") == []
    assert load(path).data == {}


def test_control_characters_become_a_visible_replacement(export_to: Any) -> None:
    data = copy.deepcopy(full_pack())
    CASES["control-characters"](data)
    text = Docx.open(export_to(data)).text()
    assert f"before{REPLACEMENT * (len(CONTROL))}after" in text


@pytest.mark.parametrize("status", [[], {}, ["approved"], 5], ids=["list", "object", "list-of-text", "number"])
def test_a_status_of_any_type_is_marked_unrecognised(status: Any, export_to: Any) -> None:
    """A status that is a list or an object (unhashable) once made the export raise TypeError."""
    data = full_pack()
    data["metadata"]["status"] = status
    text = Docx.open(export_to(data, "odd-status.docx", override=OVERRIDE)).text()
    assert "Unrecognised status" in text and "Approved: not yet" in text


def test_wrong_types_everywhere_still_export(export_to: Any) -> None:
    """A pack that fails the schema in every section is still written out, with the findings."""
    data = {
        "metadata": {"title": ["not", "text"], "provider": "a string", "locations": {"x": 1}, "status": 5},
        "innovation": [],
        "evidence": [None, 3, {"id": 7, "title": {"nested": True}}, {"source": "x"}],
        "principles": {FIRST.key: {"criteria": {FIRST.criteria[0].key: {"status": ["met"], "evidence": "E1"}}}},
        "measures": [{"baseline": 5, "breakdown": "none"}, "text"],
        "actions": [{"criterion": 12, "owner": "someone"}],
    }
    path = export_to(data, "wrong-types.docx", override=OVERRIDE)  # schema errors: the gate needs an override
    text = Docx.open(path).text()
    assert "Answered: not scored" in text
    assert load(path).data == with_override(data, OVERRIDE)
