"""Domain questions answered once on the model, and the lenient draft view."""

from __future__ import annotations

import datetime as dt

from evidencepack.model import CriterionResponse, Measure, Pack, draft_view, partial_date


def test_cited_ids_joins_the_list_and_inline_citations_once_each_in_order():
    response = CriterionResponse(evidence=["E2", "E1"], narrative="As [E1] and [E3, E4] show; again [E2].")
    assert response.cited_ids() == ("E2", "E1", "E3", "E4")


def test_cited_evidence_leaves_out_ids_not_in_the_register():
    pack = Pack.model_validate({
        "evidence": [{"id": "E1"}, {"id": "E2"}],
        "principles": {"people": {"criteria": {"co_design": {"evidence": ["E2", "E9"], "narrative": "[E1]"}}}},
    })
    assert [e.id for e in pack.cited_evidence("people", "co_design")] == ["E2", "E1"]
    assert pack.cited_evidence("people", "missing") == []


def test_own_postcodes_are_normalised():
    pack = Pack.model_validate({"metadata": {"locations": [{"postcode": "ls1  4ap"}, {"name": "no postcode"}]}})
    assert pack.own_postcodes() == frozenset({"LS14AP"})  # normalised: upper case, no spaces


def test_a_measure_knows_its_change_direction_and_target():
    worse = Measure.model_validate(
        {"direction": "lower_is_better", "baseline": {"value": 5}, "latest": {"value": 500}, "target": 3}
    )
    assert worse.change() == 495
    assert worse.improved() is False
    assert worse.target_met() is False
    better = Measure.model_validate(
        {"direction": "higher_is_better", "baseline": {"value": 40}, "latest": {"value": 60}, "target": 55}
    )
    assert (better.improved(), better.target_met(), better.relative()) == (True, True, 0.5)


def test_a_relative_change_with_period_and_population_counts_as_before_and_after():
    measure = Measure.model_validate({"direction": "lower_is_better", "relative_change": -30, "population": "adults",
                                      "baseline": {"date": "2019"}, "latest": {"date": "2020-06"}})
    assert measure.has_baseline_and_followup
    assert measure.improved() is True
    assert not Measure.model_validate({"relative_change": -30}).has_baseline_and_followup


def test_partial_dates_mean_the_first_or_last_day_of_their_month_or_year():
    assert partial_date("2017") == dt.date(2017, 1, 1)
    assert partial_date("2017", end=True) == dt.date(2017, 12, 31)
    assert partial_date("2024-02", end=True) == dt.date(2024, 2, 29)
    assert partial_date("2024-13") is None
    assert partial_date("2023-12", end=True) == dt.date(2023, 12, 31)


def test_partial_dates_at_the_ends_of_the_calendar_are_read_or_refused_without_an_error():
    assert partial_date("9999", end=True) == dt.date(9999, 12, 31)  # the day after is beyond any date
    assert partial_date("9999-12", end=True) == dt.date(9999, 12, 31)
    assert partial_date("0001") == dt.date(1, 1, 1)
    for no_year in ("0000", "0000-01"):
        assert partial_date(no_year) is None and partial_date(no_year, end=True) is None


def test_the_draft_view_keeps_what_it_can_read_and_drops_what_it_cannot():
    data = {
        "metadata": {"title": "Falls sensors", "version": "three", "provider": {"sector": "spaceship"}},
        "evidence": [{"id": "E1", "title": "Audit"}, {"title": "no id"}],
        "principles": {"people": {"criteria": {"co_design": {"status": "maybe", "narrative": "We asked residents."}}}},
    }
    pack = draft_view(data)
    assert pack.metadata.title == "Falls sensors"
    assert pack.metadata.version is None and pack.metadata.provider.sector is None
    assert [e.id for e in pack.evidence] == ["E1"]
    assert pack.principles["people"].criteria["co_design"].narrative == "We asked residents."
    assert data["metadata"]["version"] == "three"  # the input is not changed


def test_the_draft_view_of_something_that_is_not_an_object_is_an_empty_pack():
    assert draft_view(["not", "a", "pack"]) == Pack()
