"""The inspector summary says what the innovation is and states each assurance document's status as the pack
gives it: a reference alone is never shown as approved."""

from __future__ import annotations

import copy
from typing import Any

from packs import full_pack
from test_export_model import model_of

from evidencepack.export.document_model import Table, cell_text


def summary_tables(data: dict[str, Any]) -> dict[str, list[tuple[str, ...]]]:
    """Each table of the inspector summary, by its first header cell: its rows as plain text."""
    section = next(s for s in model_of(data).sections if s.key == "inspector")
    tables = [b for b in section.blocks if isinstance(b, Table)]
    return {t.headers[0]: [tuple(cell_text(c) for c in row) for row in t.rows] for t in tables}


def row(rows: list[tuple[str, ...]], first: str) -> tuple[str, ...]:
    return next(r for r in rows if r[0].startswith(first))


def with_innovation(**fields: Any) -> dict[str, Any]:
    data = copy.deepcopy(full_pack())
    data["innovation"].update(fields)
    return data


def test_who_it_serves_and_people_reached_are_printed_or_said_to_be_missing() -> None:
    given = summary_tables(with_innovation(serves="Residents of an invented home and their families",
                                           people_reached="About 40 residents, June 2026"))["Item"]
    assert row(given, "Who it serves")[1] == "Residents of an invented home and their families"
    assert row(given, "People reached")[1] == "About 40 residents, June 2026"
    data = with_innovation()
    data["innovation"].pop("serves", None)
    data["innovation"].pop("people_reached", None)
    missing = summary_tables(data)["Item"]
    assert row(missing, "Who it serves")[1] == "Not given"
    assert row(missing, "People reached")[1] == "Not given"


def test_a_draft_dpia_is_shown_as_draft_with_who_signed_and_when() -> None:
    assurance = {"dpia_reference": "DPIA-7 v0.3", "dpia_status": "draft", "dpia_date": "2026-03-02",
                 "dpia_signed_by": "Dee Invented, data protection officer",
                 "dcb0160_reference": "CSC-1", "safety_case_status": "approved", "dcb0160_date": "2026-02-10",
                 "clinical_safety_officer": "Sam Madeup, clinical safety officer"}
    rows = summary_tables(with_innovation(kind="digital", assurance=assurance))["Assurance"]
    status, reference, signed = row(rows, "DPIA")[1:]
    assert (status, reference) == ("Draft", "DPIA-7 v0.3")
    assert "2 March 2026" in signed and "Dee Invented" in signed
    status, _, signed = row(rows, "DCB0160")[1:]
    assert status == "Approved"
    assert "10 February 2026" in signed and "Sam Madeup" in signed


def test_a_reference_without_a_status_is_not_called_approved() -> None:
    rows = summary_tables(with_innovation(kind="digital", assurance={"dpia_reference": "DPIA-9"}))["Assurance"]
    assert row(rows, "DPIA")[1] == "Reference given"
    assert row(rows, "DCB0160")[1:] == ("Not given", "Not given", "Not given")


def approval_lines(approval: dict[str, Any]) -> list[str]:
    data = copy.deepcopy(full_pack())
    data["metadata"]["status"] = "approved"
    data["metadata"]["approval"] = {"name": "Ana Invented", "role": "Registered manager", "date": "2026-11-20",
                                    **approval}
    section = next(s for s in model_of(data).sections if s.key == "inspector")
    return [" ".join(b.texts()) for b in section.blocks if not isinstance(b, Table)]


def test_a_self_approval_and_the_reason_for_approving_as_it_stood_are_stated() -> None:
    lines = approval_lines({"self_approved": True, "reason": "Submitted for the March inspection with the gaps "
                                                              "in principle 4 in our action plan"})
    assert any("Self-approved" in line and "no second person reviewed it" in line for line in lines)
    assert any("Submitted for the March inspection with the gaps in principle 4" in line for line in lines)


def test_an_approval_by_a_second_person_says_nothing_about_self_approval() -> None:
    lines = approval_lines({"self_approved": False})
    assert not any("Self-approved" in line or "as it stood" in line for line in lines)
    assert any("Ana Invented" in line for line in lines)
