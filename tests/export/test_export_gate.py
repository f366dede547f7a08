"""The export gate: a pack with any error-level finding is refused unless an override (who, when, why) is given;
the override travels in the exported pack and the document states it, with the findings it was exported despite.

The library is tested here directly; test_export_gate_cli.py runs the commands as real processes. NHS numbers are
made at run time (``evidencepack.privacy.synthetic``), never written into this file.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from harness import TODAY, assert_valid_ooxml, export_options
from packs import evidence_item, full_pack
from wordml import Docx

from evidencepack.canonical import content_sha256
from evidencepack.export.bundle import build_bundle
from evidencepack.export.document import export_docx, export_pack
from evidencepack.export.gate import (
    MAX_BY_CHARS,
    MAX_REASON_CHARS,
    ExportOverride,
    ExportRefused,
    OverrideError,
    blocking,
    with_override,
)
from evidencepack.export.verify import verify_bytes
from evidencepack.framework import load_framework
from evidencepack.load import parse_bytes
from evidencepack.privacy.synthetic import grouped, nhs_number

FRAMEWORK = load_framework()
FIRST = FRAMEWORK.principles[0]
CRITERION = FIRST.criteria[0]
OVERRIDE = ExportOverride(reason="The inspector asked for it today", by="Kim Lee", date=dt.date(2026, 11, 25))


def with_nhs_number(number: str) -> dict[str, Any]:
    """The full pack with an NHS number in the first criterion's narrative (EP801, an error)."""
    data = full_pack()
    data["principles"][FIRST.key]["criteria"][CRITERION.key]["narrative"] += f" Resident {grouped(number)} agreed."
    return data


def test_a_pack_with_an_nhs_number_is_refused_with_the_finding_masked() -> None:
    number = nhs_number()
    with pytest.raises(ExportRefused) as refused:
        export_docx(with_nhs_number(number), options=export_options())
    (found,) = refused.value.findings
    assert found.code == "EP801"
    assert found.pointer == f"/principles/{FIRST.key}/criteria/{CRITERION.key}/narrative"
    message = str(refused.value)
    assert "1 error-level finding" in message and "EP801 at /principles/" in message
    assert f"{number[:3]} *** ****" in message
    for shown in (message, *refused.value.lines()):
        assert number not in shown and grouped(number) not in shown and number[3:] not in shown.replace(" ", "")


def test_every_error_blocks_not_only_personal_data() -> None:
    data = full_pack()
    data["evidence"].append(evidence_item("E1"))  # a duplicate id: EP201, an error
    with pytest.raises(ExportRefused) as refused:
        export_docx(data, options=export_options())
    assert [f.code for f in refused.value.findings] == ["EP201"]


def test_warnings_do_not_block() -> None:
    data = full_pack()
    data["innovation"]["summary"] += " Questions to quality@example.org."  # EP806, a warning
    exported = export_pack(data, options=export_options())
    assert exported.overridden == () and exported.data == data
    assert parse_bytes(exported.content, "pack.docx").data == data


def test_a_refusal_lists_every_error_and_the_message_stays_one_line() -> None:
    data = full_pack()
    for index in range(7):
        data["evidence"].append(evidence_item("E1") | {"title": f"Copy {index}"})
    with pytest.raises(ExportRefused) as refused:
        export_docx(data, options=export_options())
    assert len(refused.value.findings) == len(refused.value.lines()) == 7
    assert "\n" not in str(refused.value) and "and 2 more" in str(refused.value)


@pytest.mark.word_validator
def test_with_an_override_the_document_states_who_when_why_and_the_findings(tmp_path: Path) -> None:
    number = nhs_number()
    data = with_nhs_number(number)
    exported = export_pack(data, options=export_options(override=OVERRIDE))
    path = tmp_path / "override.docx"
    path.write_bytes(exported.content)
    assert_valid_ooxml(path)
    text = Docx.open(path).text()
    cover, control = text.split("\nDocument control\n", 1)
    assert "Exported despite errors: The inspector asked for it today (recorded by Kim Lee, 25 November 2026)" in cover
    assert "Kim Lee chose on 25 November 2026 to export this pack although it has 1 error-level finding" in cover
    assert f"1.1 {CRITERION.title}: possible NHS number" in cover and f"{number[:3]} *** ****" in cover
    assert "EP801" not in text  # the finding is in words: no code in the body, and it has its place
    assert ("Exported despite 1 error-level finding. Decided by Kim Lee on 25 November 2026. "
            "Reason: The inspector asked for it today") in control
    assert "Error-level findings this document was exported despite" in control
    # the pack inside carries the override, and the document and the pack inside it agree
    inside = parse_bytes(exported.content, "pack.docx").data
    assert inside["metadata"]["export_override"] == OVERRIDE.to_json()
    assert inside == exported.data == with_override(data, OVERRIDE)
    assert [f.code for f in exported.overridden] == ["EP801"]
    assert f"Pack content SHA-256: {content_sha256(inside)}" in text
    assert verify_bytes(exported.content, "override.docx").ok
    assert "export_override" not in data["metadata"]  # the caller's pack is not changed


def test_many_errors_are_all_listed_under_document_control(tmp_path: Path) -> None:
    data = full_pack()
    data["evidence"] += [evidence_item("E1") | {"title": f"Copy {index}"} for index in range(12)]
    path = tmp_path / "many.docx"
    path.write_bytes(export_docx(data, options=export_options(override=OVERRIDE)))
    text = Docx.open(path).text()
    cover, control = text.split("\nDocument control\n", 1)
    cover = cover.split("\nInspector summary\n", 1)[0]
    assert cover.count("evidence id E1 is used again") == 10 and "and 2 more: Document control lists them all." in cover
    control = control.split("\nContents\n", 1)[0]
    assert control.count("evidence id E1 is used again") == 12


def test_an_override_is_not_recorded_when_there_is_nothing_to_override() -> None:
    data = full_pack()
    exported = export_pack(data, options=export_options(override=OVERRIDE))
    assert exported.overridden == ()
    assert parse_bytes(exported.content, "pack.docx").data == data


def test_an_override_recorded_earlier_is_not_honoured_on_its_own() -> None:
    data = with_override(with_nhs_number(nhs_number()), OVERRIDE)
    with pytest.raises(ExportRefused) as refused:
        export_docx(data, options=export_options())
    assert refused.value.earlier == OVERRIDE.to_json()
    assert "earlier override (by Kim Lee on 2026-11-25)" in (refused.value.earlier_text() or "")


def test_a_new_override_replaces_the_recorded_one() -> None:
    data = with_override(with_nhs_number(nhs_number()), OVERRIDE)
    fresh = ExportOverride.make("Board meeting", "Ana Quality", TODAY)
    exported = export_pack(data, options=export_options(override=fresh))
    assert exported.data["metadata"]["export_override"] == {"reason": "Board meeting", "by": "Ana Quality",
                                                            "date": "2026-11-26"}


def test_a_bundle_follows_the_same_rule(tmp_path: Path) -> None:
    data = with_nhs_number(nhs_number())
    with pytest.raises(ExportRefused):
        build_bundle(data, tmp_path, options=export_options(tmp_path))
    recorded = with_override(data, OVERRIDE)
    bundle = build_bundle(recorded, tmp_path, options=export_options(tmp_path, OVERRIDE))
    report = verify_bytes(bundle, "pack.zip")
    assert report.ok, report.to_text()


@pytest.mark.parametrize(
    ("reason", "by", "problem"),
    [
        ("", "Kim Lee", "needs a reason"),
        ("   \n ", "Kim Lee", "needs a reason"),
        (None, "Kim Lee", "needs a reason"),
        ("Inspection", "  ", "needs the name"),
        ("x" * (MAX_REASON_CHARS + 1), "Kim Lee", "at most 2,000"),
        ("Inspection", "x" * (MAX_BY_CHARS + 1), "at most 200"),
        ("Resident DOB 14/02/1939 agreed", "Kim Lee", "[date of birth]"),
    ],
)
def test_an_override_needs_a_reason_and_a_name_without_personal_data(reason: Any, by: str, problem: str) -> None:
    with pytest.raises(OverrideError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        ExportOverride.make(reason, by)


def test_an_nhs_number_in_the_reason_is_refused_masked() -> None:
    number = nhs_number()
    with pytest.raises(OverrideError) as refused:
        ExportOverride.make(f"Resident {number} asked for it", "Kim Lee")
    assert number not in str(refused.value) and f"{number[:3]} *** ****" in str(refused.value)


def test_an_override_is_trimmed_and_dated_today_by_default() -> None:
    made = ExportOverride.make("  Inspection tomorrow \n", " Kim Lee ")
    assert (made.reason, made.by, made.date) == ("Inspection tomorrow", "Kim Lee", dt.date.today())


def test_the_limits_are_the_schemas() -> None:
    schema = json.loads((Path(FRAMEWORK.schema_dir) / "pack.schema.json").read_text(encoding="utf-8"))
    override = schema["properties"]["metadata"]["properties"]["export_override"]["properties"]
    assert override["reason"]["maxLength"] == MAX_REASON_CHARS
    assert override["by"]["maxLength"] == MAX_BY_CHARS


def test_with_override_leaves_the_pack_alone_and_refuses_odd_metadata() -> None:
    data = full_pack()
    before = copy.deepcopy(data)
    assert with_override(data, OVERRIDE)["metadata"]["export_override"]["by"] == "Kim Lee"
    assert data == before
    with pytest.raises(OverrideError):
        with_override({"metadata": "text"}, OVERRIDE)


def test_blocking_is_every_error() -> None:
    from packs import check

    data = with_nhs_number(nhs_number())
    data["evidence"].append(evidence_item("E1"))
    result = check(data)
    assert {f.code for f in blocking(result.findings)} == {"EP801", "EP201"}
    assert all(f.severity.value == "error" for f in blocking(result.findings))


def test_libreoffice_shows_the_override_on_the_cover_page(tmp_path: Path, to_pdf: Any) -> None:
    path = tmp_path / "override.docx"
    path.write_bytes(export_docx(with_nhs_number(nhs_number()), options=export_options(override=OVERRIDE)))
    _pdf, text = to_pdf(path)
    cover = " ".join(text.split("\f", 1)[0].split())
    assert "Exported despite errors: The inspector asked for it today (recorded by Kim Lee, 25 November 2026)" in cover
    assert "possible NHS number" in cover
