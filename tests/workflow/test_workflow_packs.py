"""New packs from examples, the next evidence id, and the one override rule."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from evidencepack import workflow
from evidencepack.export.gate import OverrideError
from evidencepack.result import check_document


def test_examples_are_offered_by_their_titles_not_their_file_names():
    found = workflow.examples()
    assert len(found) >= 2
    for example in found:
        assert example.title == workflow.example_pack(example.name)["metadata"]["title"]
        assert not example.title.endswith((".json", ".yaml"))
    assert all(not e.name.startswith("blank.") for e in found)


def test_a_pack_from_an_example_is_a_new_valid_draft():
    example = workflow.examples()[0]
    original = workflow.example_pack(example.name)
    made = workflow.pack_from_example(example.name, "  Our own pilot ")
    metadata = made["metadata"]
    assert metadata["id"] != original["metadata"]["id"]
    uuid.UUID(metadata["id"])
    assert (metadata["title"], metadata["status"], metadata["version"]) == ("Our own pilot", "draft", 1)
    assert "approval" not in metadata and "export_override" not in metadata
    assert check_document(made).score is not None  # schema-valid


def test_an_unknown_example_is_refused_by_name():
    with pytest.raises(ValueError, match="no example called 'nope.json'"):
        workflow.example_pack("nope.json")


@pytest.mark.parametrize(("ids", "expected"), [([], "E1"), (["E1", "E2"], "E3"), (["E9", "E2", "X7", "E"], "E10")])
def test_the_next_evidence_id_follows_the_highest_in_use(ids, expected):
    assert workflow.next_evidence_id(ids) == expected


def test_an_override_is_by_the_person_named_else_whoever_prepared_the_pack():
    pack = {"metadata": {"prepared_by": {"name": "Cara Lead"}}}
    named = workflow.decide_override(pack, "Board deadline", "Dan Deputy", dt.date(2026, 11, 30))
    assert (named.by, named.reason, named.date) == ("Dan Deputy", "Board deadline", dt.date(2026, 11, 30))
    assert workflow.decide_override(pack, "Board deadline").by == "Cara Lead"


def test_an_override_without_a_person_or_a_reason_is_refused():
    with pytest.raises(OverrideError, match="name of the person"):
        workflow.decide_override({"metadata": {}}, "Board deadline")
    with pytest.raises(OverrideError, match="needs a reason"):
        workflow.decide_override({"metadata": {}}, "  ", "Dan Deputy")


def test_recording_an_override_writes_it_into_the_pack():
    pack: dict = {"metadata": {}}
    override = workflow.decide_override(pack, "Board deadline", "Dan Deputy", dt.date(2026, 11, 30))
    workflow.record_override(pack, override)
    assert pack["metadata"]["export_override"] == {"reason": "Board deadline", "by": "Dan Deputy",
                                                   "date": "2026-11-30"}
