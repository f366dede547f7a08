"""Completeness ("answered"): partial credit, weights read from the schemas, every lost point explained.

Expected values are computed from the framework (``load_framework()``), never from literal keys or weights.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from packs import (
    TODAY,
    add_seventh_principle,
    answer_fully,
    blank,
    check,
    copy_schemas,
    criterion_pointer,
    evidence_item,
    findings,
    full_pack,
    narrative,
    read_json,
    response,
    with_metadata,
    write_json,
)

from evidencepack.findings import Severity
from evidencepack.framework import Framework, load_framework
from evidencepack.result import PackResult
from evidencepack.scoring import Readiness

FW = load_framework()
SCORING = FW.scoring
PARTS = SCORING.parts
MIN_WORDS = SCORING.narrative_min_words
P0, P1 = FW.principles[0], FW.principles[1]
C0 = P0.criteria[0]
JUSTIFIED = {"status": "not_applicable", "justification": "This service has no carers or families involved."}


def _criterion_score(result: PackResult, principle_key: str, criterion_key: str) -> float:
    assert result.score is not None
    return result.score.principles[principle_key].criteria[criterion_key].answered


def _points_total(result: PackResult) -> float:
    return sum(f.points or 0 for f in result.findings)


def _only_principles_answered(keys: set[str], fw: Framework = FW) -> dict[str, Any]:
    """A pack with the principles in ``keys`` fully answered and the others blank."""
    data = with_metadata(blank(fw))
    for principle in fw.principles:
        if principle.key in keys:
            for criterion in principle.criteria:
                answer_fully(data, principle, criterion, fw)
    return data


def _weighted_overall(principle_scores: dict[str, float | None], fw: Framework = FW) -> float:
    counted = [p for p in fw.principles if principle_scores[p.key] is not None]
    return sum(p.weight * principle_scores[p.key] for p in counted) / sum(p.weight for p in counted)


def _half_filled() -> dict[str, Any]:
    """Every other criterion fully answered; the rest blank."""
    data = with_metadata(blank())
    for index, (principle, criterion) in enumerate((p, c) for p in FW.principles for c in p.criteria):
        if index % 2 == 0:
            answer_fully(data, principle, criterion, FW)
    return data


def _random_pack(seed: int) -> dict[str, Any]:
    """Random statuses, narratives of random length and random citations (some to ids never in the register)."""
    rng = random.Random(seed)
    ids = [*(f"E{n}" for n in range(1, 9)), "E901", "E902", "E903"]
    data = with_metadata(blank())
    data["evidence"] = [evidence_item(f"E{n}", rng.choice(FW.evidence_categories)) for n in range(1, 9)]
    for principle in FW.principles:
        for criterion in principle.criteria:
            answer: dict[str, Any] = {}
            status = rng.choice([None, "met", "partly", "not_yet", "not_applicable", "not_applicable"])
            if status:
                answer["status"] = status
            if status == "not_applicable" and rng.random() < 0.5:
                answer["justification"] = "Does not apply here."
            answer["narrative"] = narrative(rng.randint(0, MIN_WORDS + 10))
            if rng.random() < 0.3:
                answer["narrative"] += f" [{rng.choice(ids)}]"
            answer["evidence"] = sorted({rng.choice(ids) for _ in range(rng.randint(0, 3))})
            data["principles"][principle.key]["criteria"][criterion.key] = answer
    return data


# Blank and complete -------------------------------------------------------------------------------------

def test_blank_pack_scores_zero_and_is_not_ready() -> None:
    result = check(blank())
    assert result.score is not None
    assert result.score.completeness == 0
    assert result.readiness is Readiness.NOT_READY
    assert all(p.answered == 0 for p in result.score.principles.values())


def test_full_pack_is_100_answered_without_errors() -> None:
    result = check(full_pack())
    assert result.score is not None
    assert result.score.completeness == 100
    assert all(p.answered == 100 for p in result.score.principles.values())
    assert not any(f.severity is Severity.ERROR for f in result.findings)
    assert result.valid


def test_pack_with_an_error_finding_is_not_ready_even_at_100() -> None:
    data = full_pack()
    data["metadata"]["provider"]["cqc_provider_id"] = "1-123"  # EP401, an error
    result = check(data)
    assert result.score is not None and result.score.completeness == 100
    assert any(f.severity is Severity.ERROR for f in result.findings)
    assert result.readiness is not Readiness.READY


def test_full_pack_answered_with_minimum_words_and_evidence_has_no_lost_points() -> None:
    result = check(full_pack())
    assert result.score is not None
    assert _points_total(result) == 0


# Every point lost is explained ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "make",
    [blank, _half_filled, *(lambda seed=seed: _random_pack(seed) for seed in range(5))],
    ids=["blank", "half-filled", *(f"random-{seed}" for seed in range(5))],
)
def test_points_of_findings_plus_overall_make_100(make: Any) -> None:
    result = check(make())
    assert result.score is not None
    assert result.score.completeness + _points_total(result) == pytest.approx(100, abs=0.1)


def test_half_filled_pack_scores_between_blank_and_full() -> None:
    result = check(_half_filled())
    assert result.score is not None
    assert 0 < result.score.completeness < 100


# Partial credit -----------------------------------------------------------------------------------------

def test_partly_earns_the_status_credit_from_the_schema() -> None:
    data = full_pack()
    response(data, P0, C0)["status"] = "partly"
    result = check(data)
    expected = 100 * (PARTS["status"] * SCORING.status_credit["partly"] + PARTS["narrative"] + PARTS["evidence"])
    assert _criterion_score(result, P0.key, C0.key) == pytest.approx(expected, abs=0.05)
    (gap,) = findings(result, "EP604")
    share = C0.weight / sum(c.weight for c in P0.criteria)
    expected_points = 100 * PARTS["status"] * (1 - SCORING.status_credit["partly"]) * share * P0.weight / sum(
        p.weight for p in FW.principles
    )
    assert gap.points == pytest.approx(expected_points, abs=0.01)


def test_not_yet_earns_no_status_credit() -> None:
    data = full_pack()
    response(data, P0, C0)["status"] = "not_yet"
    result = check(data)
    expected = 100 * (PARTS["status"] * SCORING.status_credit["not_yet"] + PARTS["narrative"] + PARTS["evidence"])
    assert _criterion_score(result, P0.key, C0.key) == pytest.approx(expected, abs=0.05)


def test_half_the_minimum_words_earns_half_the_narrative_part() -> None:
    data = full_pack()
    words = MIN_WORDS // 2
    response(data, P0, C0)["narrative"] = narrative(words)
    result = check(data)
    expected = 100 * (PARTS["status"] + PARTS["narrative"] * words / MIN_WORDS + PARTS["evidence"])
    assert _criterion_score(result, P0.key, C0.key) == pytest.approx(expected, abs=0.05)
    assert findings(result, "EP602")[0].pointer == criterion_pointer(P0, C0)


def test_fewer_evidence_items_than_the_minimum_earns_a_share_of_the_evidence_part() -> None:
    criterion = max(FW.criteria, key=lambda c: c.min_evidence)
    principle = FW.principle(criterion.principle_key)
    assert principle is not None and criterion.min_evidence >= 2
    data = full_pack()
    answer = response(data, principle, criterion)
    answer["evidence"] = answer["evidence"][:1]
    result = check(data)
    expected = 100 * (PARTS["status"] + PARTS["narrative"] + PARTS["evidence"] / criterion.min_evidence)
    assert _criterion_score(result, principle.key, criterion.key) == pytest.approx(expected, abs=0.05)


# Not applicable ---------------------------------------------------------------------------------------------

def test_not_applicable_with_justification_is_left_out_of_the_principle() -> None:
    data = full_pack()
    response(data, P0, C0).update(JUSTIFIED)
    other = P0.criteria[1]
    response(data, P0, other)["status"] = "partly"
    result = check(data)
    assert result.score is not None
    principle = result.score.principles[P0.key]
    assert principle.criteria[C0.key].applicable is False
    rest = [c for c in P0.criteria if c.key != C0.key]
    other_score = _criterion_score(result, P0.key, other.key)
    expected = sum(c.weight * (other_score if c.key == other.key else 100) for c in rest) / sum(c.weight for c in rest)
    assert principle.answered == pytest.approx(expected, abs=0.05)
    assert not findings(result, "EP210")
    assert not [f for f in result.findings if f.pointer == criterion_pointer(P0, C0) and f.points]


def test_not_applicable_with_justification_keeps_a_full_pack_at_100() -> None:
    data = full_pack()
    response(data, P0, C0).update(JUSTIFIED)
    result = check(data)
    assert result.score is not None and result.score.completeness == 100


def test_not_applicable_without_justification_counts_and_costs_points() -> None:
    data = full_pack()
    response(data, P0, C0)["status"] = "not_applicable"
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].criteria[C0.key].applicable is True
    (gap,) = findings(result, "EP210")
    assert gap.pointer == criterion_pointer(P0, C0)
    assert gap.points is not None and gap.points > 0
    assert result.score.completeness == pytest.approx(100 - gap.points, abs=0.1)


@pytest.mark.parametrize("justification", ["", "   "])
def test_blank_justification_is_no_justification(justification: str) -> None:
    data = full_pack()
    response(data, P0, C0).update(status="not_applicable", justification=justification)
    result = check(data)
    assert [f.pointer for f in findings(result, "EP210")] == [criterion_pointer(P0, C0)]


def test_principle_with_every_criterion_not_applicable_has_no_score_and_is_left_out() -> None:
    data = _only_principles_answered({p.key for p in FW.principles} - {P1.key})
    for criterion in P0.criteria:
        data["principles"][P0.key]["criteria"][criterion.key] = dict(JUSTIFIED)
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].answered is None
    scores = {key: p.answered for key, p in result.score.principles.items()}
    assert scores[P1.key] == 0
    assert result.score.completeness == pytest.approx(_weighted_overall(scores), abs=0.05)
    assert result.score.completeness + _points_total(result) == pytest.approx(100, abs=0.1)


# Weights come from the schemas ------------------------------------------------------------------------------

def _schema_file(schema_dir: Path, principle_number: int) -> Path:
    (path,) = (schema_dir / "principles").glob(f"{principle_number}-*.schema.json")
    return path


def test_criterion_weight_is_read_from_the_schema(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    copy_schemas(copy)
    path = _schema_file(copy, P0.number)
    doc = read_json(path)
    criteria = doc["properties"]["criteria"]["properties"]
    weights = {key: float(node.get("x-weight", 1)) for key, node in criteria.items()}
    data = with_metadata(blank())
    answer_fully(data, P0, C0, FW)

    before = check(data).score
    assert before is not None
    assert before.principles[P0.key].answered == pytest.approx(100 * weights[C0.key] / sum(weights.values()), abs=0.05)

    criteria[C0.key]["x-weight"] = weights[C0.key] + 7
    write_json(path, doc)
    changed = load_framework(copy)
    assert changed.criterion(C0.id).weight == weights[C0.key] + 7
    after = check(data, schema_dir=copy).score
    assert after is not None
    new_share = (weights[C0.key] + 7) / (sum(weights.values()) + 7)
    assert after.principles[P0.key].answered == pytest.approx(100 * new_share, abs=0.05)
    assert after.completeness == pytest.approx(100 * new_share / len(FW.principles), abs=0.05)
    assert after.completeness != before.completeness


def test_principle_weight_is_read_from_the_schema(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    copy_schemas(copy)
    path = _schema_file(copy, P0.number)
    doc = read_json(path)
    doc["x-principle"]["weight"] = 5
    write_json(path, doc)
    fw = load_framework(copy)
    assert fw.principle(P0.key).weight == 5
    data = _only_principles_answered({P0.key})

    before = check(data).score
    after = check(data, schema_dir=copy).score
    assert before is not None and after is not None
    others = sum(p.weight for p in FW.principles if p.key != P0.key)
    assert before.completeness == pytest.approx(100 * P0.weight / (P0.weight + others), abs=0.05)
    assert after.completeness == pytest.approx(100 * 5 / (5 + others), abs=0.05)


# Inline citations -----------------------------------------------------------------------------------------

def test_inline_citation_counts_as_evidence_when_it_is_in_the_register() -> None:
    data = with_metadata(blank())
    data["evidence"] = [evidence_item("E1")]
    response(data, P0, C0).update(status="met", narrative=narrative(MIN_WORDS) + " [E1]")
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].criteria[C0.key].evidence_count == 1
    assert not findings(result, "EP203")
    assert not findings(result, "EP205")


def test_inline_citation_to_a_missing_id_counts_for_nothing() -> None:
    data = with_metadata(blank())
    data["evidence"] = [evidence_item("E2")]
    response(data, P0, C0).update(status="met", narrative=narrative(MIN_WORDS) + " [E1]", evidence=["E2"])
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].criteria[C0.key].evidence_count == 1
    assert [f.pointer for f in findings(result, "EP203")] == [f"{criterion_pointer(P0, C0)}/narrative"]


def test_inline_and_listed_citation_of_the_same_item_count_once() -> None:
    data = with_metadata(blank())
    data["evidence"] = [evidence_item("E1")]
    response(data, P0, C0).update(status="met", narrative="See [E1, E1].", evidence=["E1"])
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].criteria[C0.key].evidence_count == 1


def test_listed_evidence_missing_from_the_register_counts_for_nothing() -> None:
    data = with_metadata(blank())
    response(data, P0, C0).update(status="met", evidence=["E1"])
    result = check(data)
    assert result.score is not None
    assert result.score.principles[P0.key].criteria[C0.key].evidence_count == 0
    assert findings(result, "EP202")


# A seventh principle, with no code change -----------------------------------------------------------------

@pytest.fixture
def seven(tmp_path: Path) -> tuple[Path, Framework, list[str]]:
    copy = copy_schemas(tmp_path / "schemas")
    keys = add_seventh_principle(copy, "equity")
    return copy, load_framework(copy), keys


def test_seventh_principle_file_is_listed_by_the_framework(seven: tuple[Path, Framework, list[str]]) -> None:
    _, fw, keys = seven
    assert len(fw.principles) == len(FW.principles) + 1 == 7
    new = fw.principles[-1]
    assert (new.key, new.number) == ("equity", 7)
    assert [c.key for c in new.criteria] == keys
    assert [p.key for p in fw.principles[:-1]] == [p.key for p in FW.principles]


def test_pack_answering_the_seventh_principle_validates(seven: tuple[Path, Framework, list[str]]) -> None:
    copy, fw, _ = seven
    result = check(full_pack(fw), schema_dir=copy)
    assert not findings(result, "EP100"), result.findings
    assert result.valid
    assert result.score is not None and result.score.completeness == 100


def test_unknown_criterion_under_the_seventh_principle_is_a_schema_error(
    seven: tuple[Path, Framework, list[str]],
) -> None:
    copy, fw, _ = seven
    data = blank(fw)
    data["principles"]["equity"]["criteria"]["no_such_criterion"] = {"status": "met"}
    result = check(data, schema_dir=copy)
    assert [f.pointer for f in findings(result, "EP100")] == ["/principles/equity/criteria"]
    assert "no_such_criterion" in findings(result, "EP100")[0].message
    assert result.score is None


def test_seventh_principle_is_unknown_to_the_default_schemas(seven: tuple[Path, Framework, list[str]]) -> None:
    _, fw, _ = seven
    result = check(blank(fw))
    assert [f.pointer for f in findings(result, "EP100")] == ["/principles"]


def test_seventh_principle_is_scored_and_counted_in_the_overall(seven: tuple[Path, Framework, list[str]]) -> None:
    copy, fw, _ = seven
    data = _only_principles_answered({"equity"}, fw)
    result = check(data, schema_dir=copy)
    assert result.score is not None
    assert result.score.principles["equity"].answered == 100
    new = fw.principle("equity")
    assert new is not None
    expected = 100 * new.weight / sum(p.weight for p in fw.principles)
    assert result.score.completeness == pytest.approx(expected, abs=0.05)
    assert result.score.completeness + _points_total(result) == pytest.approx(100, abs=0.1)


def test_cli_validate_with_schemas_folder_reports_the_seventh_principle(
    seven: tuple[Path, Framework, list[str]], tmp_path: Path
) -> None:
    copy, fw, _ = seven
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(_only_principles_answered({"equity"}, fw)), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "evidencepack", "validate", "--schemas", str(copy), "--format", "json",
         "--today", TODAY.isoformat(), str(pack)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    (entry,) = report["packs"]
    assert entry["valid"], entry["findings"]
    principles = entry["score"]["principles"]
    assert list(principles) == [p.key for p in fw.principles]
    assert principles["equity"]["answered"] == 100
    assert set(principles["equity"]["criteria"]) == {f"equity.{c.key}" for c in fw.principle("equity").criteria}
    weights = {p.key: p.weight for p in fw.principles}
    assert entry["score"]["answered"] == pytest.approx(100 * weights["equity"] / sum(weights.values()), abs=0.05)
