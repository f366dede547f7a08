"""The lifecycle and approval rules, as both faces use them."""

from __future__ import annotations

import datetime as dt

import pytest

from evidencepack import workflow
from evidencepack.blank import blank_pack
from evidencepack.framework import load_framework
from evidencepack.model import Pack
from evidencepack.validate import schema_findings


def _pack(status: str = "draft", version: int = 1) -> dict:
    return {"metadata": {"title": "Night checks", "status": status, "version": version}}


def test_a_draft_is_submitted_for_review_and_can_go_back():
    pack = _pack()
    workflow.submit_for_review(pack)
    assert pack["metadata"]["status"] == "in_review"
    workflow.back_to_draft(pack)
    assert pack["metadata"]["status"] == "draft"


def test_only_a_draft_is_submitted():
    pack = _pack("approved")
    with pytest.raises(workflow.LifecycleError, match="only a draft"):
        workflow.submit_for_review(pack)
    assert pack["metadata"]["status"] == "approved"


def test_approve_records_who_role_and_date_and_makes_the_pack_read_only():
    pack = _pack("in_review")
    workflow.approve(pack, name=" Ana Quality ", role="Registered manager", when=dt.date(2026, 11, 30))
    assert pack["metadata"]["approval"] == {"name": "Ana Quality", "role": "Registered manager",
                                            "date": "2026-11-30", "self_approved": False}
    assert workflow.is_read_only(pack)


def test_approve_records_a_self_approval_and_the_reason_in_the_pack_and_the_pack_stays_valid():
    pack = blank_pack("Night checks", "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")
    workflow.approve(pack, name="Ana Quality", role="Registered manager", when=dt.date(2026, 11, 30),
                     reason="  Board meets before the survey closes ", self_approved=True)
    approval = pack["metadata"]["approval"]
    assert approval["self_approved"] is True
    assert approval["reason"] == "Board meets before the survey closes"
    assert schema_findings(pack, load_framework()) == []
    assert Pack.model_validate(pack).metadata.approval.self_approved is True


def test_an_approval_reason_longer_than_the_schema_allows_is_a_schema_error():
    pack = blank_pack("Night checks", "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b")
    workflow.approve(pack, name="Ana Quality", reason="x" * 2001)
    (problem,) = schema_findings(pack, load_framework())
    assert "approval/reason" in problem.pointer


def test_a_new_version_of_an_approved_pack_is_a_draft_with_the_next_number_and_no_approval():
    pack = _pack("approved", version=3)
    pack["metadata"]["approval"] = {"name": "Ana Quality"}
    workflow.start_new_version(pack)
    assert pack["metadata"] == {"title": "Night checks", "status": "draft", "version": 4}
    assert not workflow.is_read_only(pack)


def test_the_last_editor_cannot_approve_unless_self_approval_is_allowed():
    pack = _pack("in_review")
    problems = workflow.approval_problems(pack, approver="Ana Quality", last_editor="Ana Quality (ana@example.org)",
                                          ready=True, errors=0)
    assert any("someone else must approve" in p for p in problems)
    allowed = workflow.approval_problems(pack, approver="Ana Quality", last_editor="Ana Quality", ready=True,
                                         errors=0, policy=workflow.ApprovalPolicy(allow_self_approval=True))
    assert allowed == []
    assert workflow.approval_problems(pack, approver="Ben Reviewer", last_editor="Ana Quality", ready=True,
                                      errors=0) == []


def test_approving_a_pack_that_is_not_ready_or_has_errors_needs_a_reason():
    pack = _pack("in_review")
    not_ready = workflow.approval_problems(pack, approver="Ben", last_editor="Ana", ready=False, errors=0)
    with_errors = workflow.approval_problems(pack, approver="Ben", last_editor="Ana", ready=True, errors=2)
    assert any("not ready" in p for p in not_ready)
    assert any("2 error-level findings" in p for p in with_errors)
    assert workflow.approval_problems(pack, approver="Ben", last_editor="Ana", ready=False, errors=2,
                                      reason="Board asked for it as it stands") == []
