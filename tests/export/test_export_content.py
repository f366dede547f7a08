"""What the exported document says: every section in order, gaps written as gaps, links that resolve."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from harness import OVERRIDE
from packs import blank, evidence_item, full_pack, measure
from wordml import Docx, Styles, paragraph_style, q, w

from evidencepack.canonical import content_sha256
from evidencepack.export.gate import ExportOverride
from evidencepack.framework import load_framework

FRAMEWORK = load_framework()


def headings(docx: Docx) -> list[str]:
    styles = Styles(docx)
    out = []
    for p in docx.document.iter(w("p")):
        style = paragraph_style(p)
        if styles.outline_level(style) == 0 or styles.name(style) == "TOC Heading":
            out.append("".join(t.text or "" for t in p.iter(w("t"))))
    return out


def header_text(docx: Docx) -> str:
    return " ".join(
        "".join(t.text or "" for t in story.iter(w("t"))) for name, story in docx.stories() if "header" in name
    )


def test_sections_come_in_the_documented_order(export_to: Any) -> None:
    docx = Docx.open(export_to(full_pack()))
    expected = [
        "Inspector summary", "Document control", "Contents",
        *[f"Principle {p.number}: {p.title}" for p in FRAMEWORK.principles],
        "Outcome measures", "Action plan", "Appendix A: Evidence register",
        "Appendix B: The criteria and the single assessment framework", "Appendix C: Findings for the provider",
    ]
    assert headings(docx) == expected


def test_every_criterion_of_the_framework_has_its_own_heading(export_to: Any) -> None:
    text = Docx.open(export_to(blank())).text()
    for principle in FRAMEWORK.principles:
        for number, criterion in enumerate(principle.criteria, start=1):
            assert f"{principle.number}.{number} {criterion.title}" in text


def test_unanswered_criteria_say_so_plainly(export_to: Any) -> None:
    text = Docx.open(export_to(blank())).text()
    assert text.count("Status: Not yet answered") == len(FRAMEWORK.criteria)
    assert text.count("No narrative written yet.") == len(FRAMEWORK.criteria)
    assert text.count("No evidence cited yet.") == len(FRAMEWORK.criteria)


def test_not_applicable_shows_its_reason(export_to: Any) -> None:
    data = full_pack()
    principle = FRAMEWORK.principles[-1]
    criterion = principle.criteria[-1]
    data["principles"][principle.key]["criteria"][criterion.key] = {
        "status": "not_applicable", "justification": "The innovation is not digital."
    }
    text = Docx.open(export_to(data)).text()
    assert "Status: Not applicable. Reason: The innovation is not digital." in text


def test_a_draft_is_marked_draft_on_every_page(export_to: Any) -> None:
    docx = Docx.open(export_to(full_pack()))
    sections = list(docx.document.iter(w("sectPr")))
    first = sections[0].findall(w("headerReference"))
    assert [ref.get(w("type")) for ref in first] == ["default"]  # one header for every page of section 1
    target = dict(docx.relationship_targets("word/document.xml"))[first[0].get(q("r", "id"))]
    assert "DRAFT" in "".join(t.text or "" for t in docx.xml(target).iter(w("t")))
    for section in sections[1:]:  # later sections inherit it: no reference of their own, no title page
        assert section.find(w("headerReference")) is None
    assert all(section.find(w("titlePg")) is None for section in sections)


@pytest.mark.parametrize(
    ("status", "marking"),
    [
        ("draft", "DRAFT: not approved"),
        ("in_review", "DRAFT: not approved (in review)"),
        (None, "DRAFT: not approved (no status recorded)"),
        ("superseded", "SUPERSEDED: replaced by a later version of this pack"),
    ],
)
def test_the_marking_says_why_the_pack_is_not_approved(export_to: Any, status: str | None, marking: str) -> None:
    data = full_pack()
    data["metadata"].pop("status")
    if status:
        data["metadata"]["status"] = status
    assert header_text(Docx.open(export_to(data))) == marking


def test_an_approved_pack_names_its_approver_instead_of_draft(export_to: Any) -> None:
    data = full_pack()
    data["metadata"]["status"] = "approved"
    data["metadata"]["approval"] = {"name": "Dr Ada Jones", "role": "Registered manager", "date": "2026-11-20"}
    docx = Docx.open(export_to(data))
    header = header_text(docx)
    assert "DRAFT" not in header
    assert "Approved by Dr Ada Jones, Registered manager on 20 November 2026" in header


def test_inline_citations_link_to_the_evidence_register(export_to: Any) -> None:
    data = full_pack()
    principle, criterion = FRAMEWORK.principles[0], FRAMEWORK.principles[0].criteria[0]
    data["principles"][principle.key]["criteria"][criterion.key]["narrative"] += " See [E1, E2] and [E2]."
    docx = Docx.open(export_to(data))
    anchors = [h.get(w("anchor")) for h in docx.document.iter(w("hyperlink"))]
    bookmarks = {b.get(w("name")) for b in docx.document.iter(w("bookmarkStart"))}
    assert anchors.count("evidence_E1") >= 2  # the narrative and the evidence cited
    assert {a for a in anchors if a} <= bookmarks  # every internal link resolves
    assert {f"evidence_{item['id']}" for item in data["evidence"]} <= bookmarks


def test_a_citation_missing_from_the_register_is_shown_not_linked(export_to: Any) -> None:
    data = full_pack()
    principle, criterion = FRAMEWORK.principles[0], FRAMEWORK.principles[0].criteria[0]
    data["principles"][principle.key]["criteria"][criterion.key]["narrative"] += " Also [E999]."
    docx = Docx.open(export_to(data, override=OVERRIDE))  # EP203 is an error
    assert "evidence_E999" not in {h.get(w("anchor")) for h in docx.document.iter(w("hyperlink"))}
    text = docx.text()
    assert "E999 (not in the evidence register)" in text
    criterion_section = text.split(f"\n1.1 {criterion.title}\nStatus:")[1].split("\n1.2 ")[0]
    assert "Error: " in criterion_section and "E999" in criterion_section  # and the finding says so, in place


def test_control_characters_are_replaced_visibly(export_to: Any) -> None:
    data = full_pack()
    data["innovation"]["name"] = "Bell\x07 and\x00 tab\tstop"
    text = Docx.open(export_to(data)).text()
    assert "Bell\ufffd and\ufffd tab" in text


def test_the_document_prints_the_pack_content_hash(export_to: Any) -> None:
    data = full_pack()
    assert f"Pack content SHA-256: {content_sha256(data)}" in Docx.open(export_to(data)).text()


def test_measures_show_baseline_latest_change_target_and_groups(export_to: Any) -> None:
    data = full_pack()
    data["measures"] = [measure()]
    text = Docx.open(export_to(data)).text()
    assert "8.2 falls per 1,000 occupied bed nights (31 January 2026)" in text
    assert "\u22123.1 falls per 1,000 occupied bed nights (\u221237.8%), better" in text  # minus signs: no wrap
    assert "5 falls per 1,000 occupied bed nights (not yet reached)" in text
    assert "living with dementia" in text


def test_percentage_measures_change_in_percentage_points(export_to: Any) -> None:
    data = full_pack()
    data["measures"] = [measure(unit="%", direction="higher_is_better", baseline={"value": 71, "date": "2026-01-31"},
                                latest={"value": 86, "date": "2026-10-31"}, target=85)]
    text = Docx.open(export_to(data)).text()
    assert "+15 percentage points, better" in text
    assert "85% (reached)" in text


def test_a_measure_shows_its_own_findings(export_to: Any) -> None:
    data = full_pack()
    data["measures"] = [measure(breakdown=[])]
    del data["measures"][0]["source"]
    text = Docx.open(export_to(data)).text()
    # from the heading (not the contents' entry) to the next section
    measure_section = text.split("\nOutcome measures\n")[-1].split("\nAction plan\n")[0]
    assert "Warning: Falls at night has no data source" in measure_section
    assert measure_section.count("Warning: ") == 2
    assert "EP503" not in measure_section and "EP504" not in measure_section  # codes only in the appendix


def test_actions_name_the_criterion_they_close(export_to: Any) -> None:
    data = full_pack()
    criterion = FRAMEWORK.principles[1].criteria[1]
    data["actions"] = [{"criterion": criterion.id, "action": "Run a staff ideas session", "due": "2027-01-15",
                        "owner": {"name": "Kim Lee", "role": "Deputy manager"}, "status": "open"}]
    text = Docx.open(export_to(data)).text()
    assert f"2.2 {criterion.title}" in text
    assert "Run a staff ideas session" in text and "15 January 2027" in text and "Kim Lee, Deputy manager" in text


def test_completeness_is_one_named_line_never_in_words_that_judge_the_evidence(export_to: Any) -> None:
    """Completeness counts what is filled in; the bands judge the evidence. The document keeps them apart."""
    data = full_pack()
    principle, criterion = FRAMEWORK.principles[0], FRAMEWORK.principles[0].criteria[0]
    del data["principles"][principle.key]["criteria"][criterion.key]
    text = Docx.open(export_to(data)).text()
    total = len(FRAMEWORK.criteria)
    [line] = [p for p in text.split("\n") if p.startswith("Answered: ")]
    assert f"({total - 1} of {total} criteria have a status)" in line
    assert "not how good the evidence is" in line
    for judging in ("Well evidenced", "Partly evidenced", "Little evidence yet", "Readiness", "Ready means"):
        assert judging not in text
    assert "How scoring works" in text  # where to read how the figure and the bands are worked out


def test_gaps_without_an_action_are_named_once_and_next_actions_stay_with_the_provider(export_to: Any) -> None:
    data = full_pack()
    principle, criterion = FRAMEWORK.principles[0], FRAMEWORK.principles[0].criteria[0]
    data["principles"][principle.key]["criteria"][criterion.key]["status"] = "partly"
    text = Docx.open(export_to(data)).text()
    assert "Partly met, with no action recorded: criteria 1.1." in text
    assert "next best actions" not in text.lower() and "Rank\nCriterion" not in text  # the ranked list: the app's


def test_a_pack_that_fails_the_schema_still_exports_and_says_why(export_to: Any) -> None:
    data = copy.deepcopy(full_pack())
    data["principles"]["seventh"] = {"criteria": {"made_up": {"status": "met", "narrative": "Not in the framework."}}}
    data["evidence"].append({"id": "E9999", "title": 42})
    text = Docx.open(export_to(data, override=OVERRIDE)).text()
    assert "Answered: not scored (the pack does not match the schema; Appendix C lists the problems)." in text
    assert "Responses to principles not in the framework" in text
    assert "seventh.made_up" in text and "Not in the framework." in text
    assert "EP100" in text


def test_an_export_override_is_shown_on_the_cover(export_to: Any) -> None:
    data = full_pack()
    data["evidence"].append(evidence_item("E1"))  # a duplicate id: an error-level finding
    override = ExportOverride(reason="Inspection tomorrow", by="Kim Lee", date=dt.date(2026, 11, 25))
    text = Docx.open(export_to(data, override=override)).text()
    assert "the pack has 1 error-level finding" in text
    assert "Exported despite errors: Inspection tomorrow (recorded by Kim Lee, 25 November 2026)" in text


@pytest.mark.parametrize("title", [None, "An explicit title"])
def test_the_one_title_is_the_pack_title_or_the_innovation(export_to: Any, title: str | None) -> None:
    data = full_pack()
    data["metadata"].pop("title")
    if title:
        data["metadata"]["title"] = title
    docx = Docx.open(export_to(data))
    expected = title or f"{data['innovation']['name']}: innovation evidence pack"
    assert docx.core_value("dc:title") == expected
    styles = Styles(docx)
    titles = ["".join(t.text or "" for t in p.iter(w("t"))) for p in docx.document.iter(w("p"))
              if styles.name(paragraph_style(p)) == "Title"]
    assert titles == [expected]


def test_the_document_is_one_portrait_section_with_the_register_in_four_columns(export_to: Any) -> None:
    """The register's columns are few and wide enough not to wrap a word a line, so it needs no landscape pages."""
    docx = Docx.open(export_to(full_pack()))
    sizes = [s.find(w("pgSz")) for s in docx.document.iter(w("sectPr"))]
    assert [int(z.get(w("w"))) > int(z.get(w("h"))) for z in sizes] == [False]
    text = docx.text()
    assert "ID\nEvidence, where it is and who holds it\nKind and category\nDated; review due\nE1\n" in text


def test_the_provider_s_appendix_gives_one_check_s_advice_once_with_every_place_in_document_order(
    export_to: Any,
) -> None:
    """A blank pack: every criterion lacks a status (one check, one piece of advice): one row names them all, in
    the document's order, each finding's own words kept; checks with advice of their own keep their own rows."""
    text = Docx.open(export_to(blank())).text()
    appendix = text.split("\nAppendix C: Findings for the provider\n")[-1]
    rows = appendix.split("\n")
    assert rows.count("EP601") == 1
    numbers = [f"{p.number}.{i}" for p in FRAMEWORK.principles for i, _ in enumerate(p.criteria, start=1)]
    where = rows[rows.index("EP601") + 2]
    assert where == ", ".join(numbers)
    finding = rows[rows.index("EP601") + 3]
    assert finding.count("What to do:") == 1
    assert all(f"criterion {n} " in finding for n in numbers)
    assert rows.count("EP603") > 1  # "cite evidence such as ..." names each criterion's own typical evidence
