"""The assessment: criteria 1-4 from strength, fit and currency; words cannot buy points; outcomes count;
risks first. Each gaming variant of issue 10 is a test on an invented pack (built in tests/calibration)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "calibration"))

from cal_builder import FW, TODAY, build  # noqa: E402
from cal_specs import SPECS  # noqa: E402

from evidencepack.api import check  # noqa: E402
from evidencepack.options import CheckOptions  # noqa: E402

OPTIONS = CheckOptions(today=TODAY, check_files=False)
EVERY = [(p, c) for p in FW.principles for c in p.criteria]


def _assess(data):
    result = check(data, OPTIONS)
    assert result.score is not None, result.findings
    return result


def _good() -> dict:
    return build(SPECS["09-mental-health-measured"])


def _criteria(data):
    return [(p.key, c.key, data["principles"][p.key]["criteria"].get(c.key, {})) for p, c in EVERY]


def _codes(result, code):
    return [f for f in result.findings if f.code == code]


BASE = _assess(_good())


# Words cannot buy points -----------------------------------------------------------------------------------

def test_one_narrative_pasted_into_every_criterion_earns_credit_once_and_warns():
    data = _good()
    text = ("We worked closely with residents, families and staff at every stage and the evidence shows "
            "that this works well for everyone involved [E1][E2].")
    for _, _, answer in _criteria(data):
        answer.update(status="met", narrative=text, evidence=["E1", "E2"])
    result = _assess(data)
    assert result.score.overall < BASE.score.overall
    assert result.score.band in ("some_shortfalls", "significant_shortfalls")
    assert len(_codes(result, "EP607")) == len(EVERY) - 1


def test_a_near_copy_with_a_few_words_changed_is_still_a_repeat():
    data = _good()
    base = ("Residents and staff shaped the change in workshops, we tested it with them before and after go-live "
            "and we keep a feedback route open for everyone who uses the service")
    for index, (_, _, answer) in enumerate(_criteria(data)):
        answer["narrative"] = base.replace("workshops", f"workshops number {index}").replace("everyone", "all")
    result = _assess(data)
    assert len(_codes(result, "EP607")) == len(EVERY) - 1
    assert result.score.overall < BASE.score.overall


def test_citations_inside_a_gap_statement_earn_nothing():
    data = build(SPECS["04-dental-half-gaps"])
    before = _assess(data).score
    ids = [item["id"] for item in data["evidence"][:2]]
    for _, _, answer in _criteria(data):
        if answer.get("status") == "not_yet":
            answer["narrative"] += f" [{ids[0]}][{ids[1]}] does not cover this yet."
            answer["evidence"] = ids
    after = _assess(data).score
    assert after.overall == before.overall
    assert after.band == before.band


def test_padding_a_narrative_earns_nothing():
    data = _good()
    before = _assess(data).score
    for _, key, answer in _criteria(data):
        if answer.get("narrative"):
            answer["narrative"] += " " + " ".join(f"{key}{n}" for n in range(300))
    after = _assess(data).score
    assert after.overall == before.overall


def test_the_same_padding_pasted_into_every_narrative_is_repeated_text():
    data = _good()
    for _, _, answer in _criteria(data):
        if answer.get("narrative"):
            answer["narrative"] += " " + " ".join(f"moreover{n}" for n in range(300))
    result = _assess(data)
    assert _codes(result, "EP607")
    assert result.score.overall < BASE.score.overall


def test_padding_a_gap_narrative_earns_nothing():
    data = build(SPECS["04-dental-half-gaps"])
    before = _assess(data).score
    for _, key, answer in _criteria(data):
        if answer.get("status") == "not_yet":
            answer["narrative"] = f"{key}: " + " ".join(f"word{n}" for n in range(25))
    assert _assess(data).score.overall == before.overall


def test_all_met_with_evidence_that_does_not_fit_stays_at_some_shortfalls_at_best():
    result = _assess(build(SPECS["13-hospital-unfit"]))
    scores = [c.score for p in result.score.principles.values() for c in p.criteria.values()]
    assert max(scores) <= 2
    assert result.score.band != "good"


def test_blanket_not_applicable_with_n_a_raises_nothing_and_warns():
    data = build(SPECS["04-dental-half-gaps"])
    before = _assess(data).score
    for _, _, answer in _criteria(data):
        if answer.get("status") == "not_yet":
            answer.clear()
            answer.update(status="not_applicable", justification="n/a")
    result = _assess(data)
    assert result.score.overall <= before.overall
    assert _codes(result, "EP211")


def test_many_not_applicable_with_reasons_cap_readiness_and_warn():
    data = _good()
    for index, (_, key, answer) in enumerate(_criteria(data)[:12]):
        answer.clear()
        answer.update(status="not_applicable",
                      justification=f"Reason {index}: {key} has no part in this service " + "x" * index
                      + f" because the team {'is' * (index + 1)} small and works with no partners {index}")
    result = _assess(data)
    assert _codes(result, "EP608")
    assert result.score.band == "some_shortfalls"
    assert result.score.limits


def test_one_item_cited_for_every_criterion_earns_less_than_items_of_their_own():
    data = _good()
    first = data["evidence"][0]["id"]
    for _, _, answer in _criteria(data):
        if answer.get("evidence"):
            answer["evidence"] = [first]
    for item in data["evidence"]:
        item["category"] = data["evidence"][0]["category"]
    result = _assess(data)
    assert result.score.overall < BASE.score.overall


def test_reusing_an_item_costs_more_the_more_it_is_reused():
    def reused(times: int) -> float:
        data = _good()
        first = data["evidence"][0]
        for _, _, answer in [x for x in _criteria(data) if x[2].get("evidence")][:times]:
            answer["evidence"] = [first["id"]]
        people = FW.principles[0]
        return _assess(data).score.principles[people.key].score

    assert reused(8) <= reused(4)


def test_dropping_dates_never_raises_a_score():
    data = _good()
    before = _assess(data).score
    undated = copy.deepcopy(data)
    for item in undated["evidence"]:
        item.pop("date", None)
    after = _assess(undated).score
    assert after.overall <= before.overall
    stale = build(SPECS["11-ambulance-stale"])
    stale_undated = copy.deepcopy(stale)
    for item in stale_undated["evidence"]:
        item.pop("date", None)
    assert _assess(stale_undated).score.overall <= _assess(stale).score.overall


# Criterion scores -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("profile", "expected"), [
    ("blank", 1), ("gap", 1), ("undocumented", 1), ("claim", 1), ("describe", 2), ("unfit", 2), ("partly", 2),
    ("records", 3), ("records2", 3), ("measured", 4), ("evaluated", 4),
])
def test_a_criterion_scores_by_its_claim_and_evidence(profile, expected):
    spec = copy.deepcopy(SPECS["06-hospice-no-measures"])
    criterion = FW.principles[0].criteria[0]
    spec.criteria = {criterion.id: profile}
    result = _assess(build(spec))
    assert result.score.principles[criterion.principle_key].criteria[criterion.key].score == expected


def test_a_criterion_at_1_caps_its_principle_band():
    spec = copy.deepcopy(SPECS["10-mental-health-evaluated"])
    criterion = FW.principles[0].criteria[0]
    spec.criteria = {criterion.id: "gap"}
    principle = _assess(build(spec)).score.principles[criterion.principle_key]
    assert principle.score >= 51  # the percentage alone would be good
    assert principle.band == "some_shortfalls"
    assert principle.limits


def test_evidence_is_current_against_the_period_not_today():
    spec = copy.deepcopy(SPECS["06-hospice-no-measures"])
    spec.period, spec.evidence_date, spec.go_live = ("2017-01-01", "2017-12-31"), "2017-06", "2017-03"
    old_but_current = _assess(build(spec)).score
    assert old_but_current.band == "good"
    assert not [f for f in check(build(spec), OPTIONS).findings if f.code == "EP303"]


# Outcomes count --------------------------------------------------------------------------------------------

def _outcomes(data) -> float:
    return _assess(data).score.principles["outcomes"].score


def test_removing_the_only_outcome_measure_lowers_principle_5():
    data = _good()
    without = copy.deepcopy(data)
    without["measures"] = []
    assert _outcomes(without) < _outcomes(data)


def test_a_worsening_result_is_a_warning_shown_with_the_risks():
    data = _good()
    data["measures"][0]["latest"]["value"] = data["measures"][0]["baseline"]["value"] * 100
    result = _assess(data)
    (worse,) = _codes(result, "EP507")
    assert worse in result.score.risks
    assert "got worse" in worse.message


def test_reporting_a_bad_result_honestly_never_scores_below_reporting_none():
    data = _good()
    none = copy.deepcopy(data)
    none["measures"] = []
    bad = copy.deepcopy(data)
    bad["measures"][0]["latest"]["value"] = bad["measures"][0]["baseline"]["value"] * 100
    assert _assess(bad).score.overall >= _assess(none).score.overall
    assert _outcomes(bad) >= _outcomes(none)


def test_a_relative_change_with_its_period_and_population_counts_as_a_measure():
    data = _good()
    values = copy.deepcopy(data)
    relative = copy.deepcopy(data)
    measure = relative["measures"][0]
    measure["baseline"].pop("value")
    measure["latest"].pop("value")
    measure.pop("breakdown", None)
    measure.pop("inequalities", None)
    measure["relative_change"] = -38
    values["measures"][0].pop("breakdown", None)
    values["measures"][0].pop("inequalities", None)
    none = copy.deepcopy(data)
    none["measures"] = []
    assert _outcomes(relative) == _outcomes(values) > _outcomes(none)
    assert not [f for f in check(relative, OPTIONS).findings if f.code in ("EP501", "EP502")]


# Risk first ------------------------------------------------------------------------------------------------

def test_open_safety_and_data_protection_gaps_come_first_and_cap_readiness():
    open_risks = _assess(build(SPECS["07-trust-digital-open-risks"])).score
    assured = _assess(build(SPECS["08-trust-digital-assured"])).score
    assert {f.code for f in open_risks.risks} == {"EP208", "EP209"}
    assert [a.risk for a in open_risks.next_best_actions[:2]] == [True, True]
    assert not any(a.risk for a in open_risks.next_best_actions[2:])
    assert open_risks.band == "some_shortfalls" and assured.band == "good"
    assert open_risks.readiness.value == "nearly_ready"


def test_dtac_is_not_asked_of_a_system_live_before_it_existed():
    spec = copy.deepcopy(SPECS["08-trust-digital-assured"])
    spec.assurance = {k: v for k, v in spec.assurance.items() if not k.startswith("dtac")}
    spec.go_live = "2017-09"
    assert not _codes(_assess(build(spec)), "EP207")
    spec.go_live = "2022-01"
    assert _codes(_assess(build(spec)), "EP207")


def test_next_actions_are_ranked_by_gain_and_each_says_what_is_missing():
    result = _assess(build(SPECS["04-dental-half-gaps"]))
    actions = [a for a in result.score.next_best_actions if not a.risk]
    assert [a.points for a in actions] == sorted((a.points for a in actions), reverse=True)
    assert len({a.action for a in actions}) == len(actions)
    for action in actions:
        criterion = FW.criterion(action.criterion)
        assert action.action.startswith(criterion.title + ": ")
        assert any(t in action.action for t in criterion.typical_evidence) or "exceptional" in action.action


def test_completeness_is_a_second_figure_beside_the_score():
    claims = _assess(build(SPECS["02-gp-claims-only"])).score
    assert claims.completeness > 50 > claims.overall


def test_the_report_never_calls_it_a_cqc_rating():
    from evidencepack.report.run import RunResult
    from evidencepack.report.text import render

    text = render(RunResult([check(_good(), OPTIONS)]))
    assert "not a CQC rating" in text
    assert "— pass" not in text and "checks passed (no error-level findings)" in text


def test_a_strong_item_that_genuinely_supports_ten_criteria_still_counts_in_each():
    data = _good()
    data["evidence"].append({"id": "E900", "title": "Independent evaluation", "kind": "document",
                             "category": "processes", "how_produced": "independent_evaluation",
                             "date": "2026-03", "source": {"path": "evidence/eval.pdf"}, "personal_data": "none"})
    using = [(p, c) for p, c in EVERY if "processes" in c.evidence_categories and not c.measures][:10]
    assert len(using) == 10  # cited 10 times: 4 x sqrt(4/10) = 2.5, still good (4 x 4/10 = 1.6 would not be)
    for principle, criterion in using:
        data["principles"][principle.key]["criteria"][criterion.key]["evidence"] = ["E900"]
    result = _assess(data)
    for principle, criterion in using:
        assert result.score.principles[principle.key].criteria[criterion.key].score == 3, criterion.id


# Evidence with no SAF category -----------------------------------------------------------------------------

# The kind a writer would give each kind of evidence when they leave out its category (written for this test).
_WRITTEN_AS = {"processes": "document", "outcomes": "data", "observation": "photo", "people_experience": "survey",
               "staff_leader_feedback": "survey", "partner_feedback": "testimony"}


def _scores(result) -> dict[str, int | None]:
    return {c.id: c.score for p in result.score.principles.values() for c in p.criteria.values()}


def test_a_pack_whose_evidence_gives_kinds_but_no_categories_reaches_good_standard():
    data = _good()
    with_categories = _assess(data)
    for item in data["evidence"]:
        item["kind"] = _WRITTEN_AS[item.pop("category")]
    result = _assess(data)
    assert result.score.band == "good"
    scores = _scores(result)
    # A processes criterion cited with a dated document of records, and co-design (people's experience or staff
    # feedback) cited with a dated survey: strong, current and fitting by kind.
    assert scores["people.equality_assessment"] == 3
    assert scores["people.co_design"] >= 3
    assert result.score.overall <= with_categories.score.overall


def test_an_explicit_category_that_does_not_fit_is_not_rescued_by_a_fitting_kind():
    def equality_score(**item: str) -> int:
        data = _good()
        data["evidence"].append({"id": "E900", "title": "Equality impact assessment", "how_produced": "records",
                                 "date": "2026-03", "source": {"path": "evidence/eia.pdf"}, "personal_data": "none",
                                 **item})
        answer = data["principles"]["people"]["criteria"]["equality_assessment"]
        answer["evidence"] = ["E900"]
        answer["narrative"] = ("The equality lead assessed the change against each protected characteristic "
                               "and the actions are tracked at the quality meeting.")
        return _scores(_assess(data))["people.equality_assessment"]

    # equality_assessment takes processes; a document with no category fits it by its kind...
    assert equality_score(kind="document") == 3
    assert equality_score(kind="document", category="processes") == 3
    # ...but a document that says it is people's experience does not, whatever its kind.
    assert equality_score(kind="document", category="people_experience") == 2


def _one_item_each(kind: str, category: str | None) -> dict:
    """Every criterion met, citing one dated record of its own with this kind and category (or none)."""
    data = _good()
    data["evidence"], data["measures"] = [], []
    for number, (principle, criterion, answer) in enumerate(_criteria(data), start=1):
        item = {"id": f"E{number}", "title": f"Record for {criterion}", "kind": kind, "how_produced": "records",
                "date": "2026-03", "source": {"path": f"evidence/e{number}.pdf"}, "personal_data": "none"}
        if category:
            item["category"] = category
        data["evidence"].append(item)
        answer.clear()
        answer.update(status="met", evidence=[item["id"]],
                      narrative=f"For {principle} {criterion} the record cited shows what we did and when, "
                                f"item {number} of the register.")
    return data


def test_leaving_the_category_out_never_scores_higher_than_giving_the_category_the_kind_stands_for():
    raw = FW.assessment["fit"]["categories_from_kind"]
    for kind, plausible in raw.items():
        without = _scores(_assess(_one_item_each(kind, None)))
        for category in plausible or FW.evidence_categories:  # a kind that stands for none: against every one
            given = _scores(_assess(_one_item_each(kind, category)))
            higher = [c for c in without if (without[c] or 0) > (given[c] or 0)]
            assert not higher, (kind, category, higher)
        if not plausible:
            assert max(s for s in without.values() if s is not None) <= 2, kind  # fits nowhere


def test_an_item_of_a_kind_with_no_category_fits_only_where_the_criterion_takes_all_it_may_be():
    survey = _scores(_assess(_one_item_each("survey", None)))
    for criterion in FW.criteria:
        takes_both = {"people_experience", "staff_leader_feedback"} <= set(criterion.evidence_categories)
        assert (survey[criterion.id] == 3) == takes_both, criterion.id
