"""The assessment ranks and bands the invented calibration packs as written down before tuning."""

from __future__ import annotations

import pytest
from cal_builder import TODAY, build
from cal_specs import ABOVE, EXPECTED_BAND, SPECS, TIERS

from evidencepack.api import check
from evidencepack.options import CheckOptions

OPTIONS = CheckOptions(today=TODAY, check_files=False)
_BANDS = ["significant_shortfalls", "some_shortfalls", "good", "exceptional"]


def _assess(name: str):
    result = check(build(SPECS[name]), OPTIONS)
    assert result.score is not None, result.findings
    return result.score


@pytest.fixture(scope="module")
def assessed():
    return {name: _assess(name) for name in SPECS}


def _rank(assessment) -> tuple[int, float]:
    return _BANDS.index(assessment.band), assessment.overall


def test_the_set_has_at_least_twelve_packs_across_sectors():
    assert len(SPECS) >= 12
    assert len({spec.sector for spec in SPECS.values()}) >= 8
    assert set(EXPECTED_BAND) == set(SPECS) == {name for tier in TIERS for name in tier}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_each_pack_gets_its_expected_band(name, assessed):
    got = assessed[name]
    assert got.band == EXPECTED_BAND[name], (name, got.overall, got.limits)


def test_the_tiers_keep_their_order(assessed):
    for lower, higher in zip(TIERS, TIERS[1:], strict=False):
        for low in lower:
            for high in higher:
                assert _rank(assessed[high]) > _rank(assessed[low]), (high, assessed[high].overall, low,
                                                                      assessed[low].overall)


@pytest.mark.parametrize(("higher", "lower", "why"), ABOVE)
def test_stated_pairs_keep_their_order(higher, lower, why, assessed):
    assert _rank(assessed[higher]) > _rank(assessed[lower]), why


def test_the_calibration_packs_are_schema_valid_and_carry_no_error(assessed):
    for name, spec in SPECS.items():
        result = check(build(spec), OPTIONS)
        assert result.valid, (name, [f for f in result.findings if f.severity == "error"])
