"""The field-level three-way merge: only the same field changed by both sides is a conflict."""

from __future__ import annotations

import copy

import pytest

from evidencepack.store.merge import MISSING, merge


def _base() -> dict:
    return {
        "metadata": {"title": "Night checks", "provider": {"name": "Larkfield", "ods_code": "AB1"}},
        "innovation": {"product_version": "4.2", "summary": "Acoustic monitoring"},
        "evidence": [{"id": "E1", "title": "Survey"}, {"id": "E2", "title": "Minutes"}],
        "actions": [{"action": "Train staff"}],
    }


def test_changes_to_different_fields_both_survive():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs["innovation"]["product_version"] = "4.3"
    mine["metadata"]["provider"]["ods_code"] = "XY9"
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.merged["innovation"]["product_version"] == "4.3"
    assert result.merged["metadata"]["provider"]["ods_code"] == "XY9"


def test_the_same_field_changed_by_both_is_one_conflict_with_both_values():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["innovation"]["summary"] = "Mine"
    theirs["innovation"]["summary"] = "Theirs"
    theirs["metadata"]["title"] = "Their title"
    result = merge(base, mine, theirs)
    [conflict] = result.conflicts
    assert (conflict.path, conflict.base, conflict.mine, conflict.theirs) == (
        ("innovation", "summary"), "Acoustic monitoring", "Mine", "Theirs")
    kept = result.resolved(["mine"])
    assert kept["innovation"]["summary"] == "Mine" and kept["metadata"]["title"] == "Their title"
    assert result.resolved(["theirs"])["innovation"]["summary"] == "Theirs"


def test_the_same_change_on_both_sides_is_no_conflict():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["metadata"]["title"] = theirs["metadata"]["title"] = "Same"
    assert merge(base, mine, theirs).clean


def test_evidence_items_merge_by_id_additions_on_both_sides_kept():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["evidence"].append({"id": "E3", "title": "Audit"})
    theirs["evidence"][0]["title"] = "Relatives survey"
    theirs["evidence"].append({"id": "E4", "title": "Photo"})
    result = merge(base, mine, theirs)
    assert result.clean
    assert [(e["id"], e["title"]) for e in result.merged["evidence"]] == [
        ("E1", "Relatives survey"), ("E2", "Minutes"), ("E4", "Photo"), ("E3", "Audit")]


def test_a_removed_field_stays_removed_unless_the_other_side_changed_it():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine["innovation"]["summary"]
    theirs["metadata"]["title"] = "Theirs"
    assert "summary" not in merge(base, mine, theirs).merged["innovation"]
    theirs["innovation"]["summary"] = "Rewritten"
    [conflict] = merge(base, mine, theirs).conflicts
    assert conflict.mine is MISSING and conflict.theirs == "Rewritten"
    assert "summary" not in merge(base, mine, theirs).resolved(["mine"])["innovation"]


def test_an_item_removed_by_me_and_edited_by_them_is_a_conflict_settled_either_way():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine["evidence"][0]
    theirs["evidence"][0]["title"] = "Relatives survey"
    result = merge(base, mine, theirs)
    assert len(result.conflicts) == 1
    assert [e["id"] for e in result.resolved(["mine"])["evidence"]] == ["E2"]
    assert [e["title"] for e in result.resolved(["theirs"])["evidence"]] == ["Relatives survey", "Minutes"]


def test_lists_without_ids_that_changed_length_on_both_sides_are_one_field():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["actions"].append({"action": "Mine"})
    theirs["actions"].append({"action": "Theirs"})
    [conflict] = merge(base, mine, theirs).conflicts
    assert conflict.path == ("actions",)


def test_a_choice_is_needed_for_each_conflict():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["metadata"]["title"], theirs["metadata"]["title"] = "A", "B"
    with pytest.raises(ValueError, match="1 conflicts need a choice each"):
        merge(base, mine, theirs).resolved([])
