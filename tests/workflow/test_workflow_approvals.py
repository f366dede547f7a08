"""Approval against a real store: who made the last change, and what the approval is recorded with."""

from __future__ import annotations

import copy

import pytest

from evidencepack.blank import blank_pack
from evidencepack.store import open_store
from evidencepack.workflow import approvals

PACK_ID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"


@pytest.fixture
def store(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'packs.db'}") as opened:
        yield opened


@pytest.fixture
def pack(store) -> str:
    """Created by Setup, its content last changed by Ana, then only its status changed by Ben."""
    data = blank_pack(title="Falls", pack_id=PACK_ID)
    pack = store.create_pack(data, saved_by="Setup")
    data = copy.deepcopy(data)
    data["innovation"]["name"] = "Falls sensors"
    store.save(pack, data, base_version=1, saved_by="Ana Quality (ana@example.org)")
    data = copy.deepcopy(data)
    data["metadata"]["status"] = "in_review"
    store.save(pack, data, base_version=2, saved_by="Ben Reviewer")
    return pack


def _decide(store, pack, approver: str, **kwargs):
    content = store.latest(pack)[1]
    return approvals.decide(store, pack, content, approver=approver, ready=True, errors=0, **kwargs)


def test_the_last_editor_of_the_content_is_refused_without_the_setting(store, pack, monkeypatch):
    monkeypatch.delenv(approvals.SELF_APPROVAL_ENV, raising=False)
    decided = _decide(store, pack, "Ana Quality")
    assert decided.last_editor == "Ana Quality (ana@example.org)"  # Ben's status change is not a change of content
    (problem,) = decided.problems
    assert "someone else must approve it" in problem and "EVIDENCEPACK_ALLOW_SELF_APPROVAL=1" in problem


def test_with_the_setting_the_last_editor_may_approve_and_it_is_a_self_approval(store, pack, monkeypatch):
    monkeypatch.setenv(approvals.SELF_APPROVAL_ENV, "1")
    decided = _decide(store, pack, "Ana Quality")
    assert decided.problems == () and decided.self_approved is True


def test_someone_else_approving_is_not_a_self_approval(store, pack, monkeypatch):
    monkeypatch.setenv(approvals.SELF_APPROVAL_ENV, "1")
    decided = _decide(store, pack, "Ben Reviewer")
    assert decided.problems == () and decided.self_approved is False


def test_a_pack_that_is_not_ready_needs_a_reason_whoever_approves(store, pack):
    content = store.latest(pack)[1]
    refused = approvals.decide(store, pack, content, approver="Ben Reviewer", ready=False, errors=0)
    assert any("it is not ready: give a reason" in p for p in refused.problems)
    allowed = approvals.decide(store, pack, content, approver="Ben Reviewer", ready=False, errors=0,
                               reason="Board meets tomorrow")
    assert allowed.problems == ()
