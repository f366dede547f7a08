"""The fast paths of checking a pack give what the straightforward computation gives.

Shingles are built only at sampled positions, repeated text is found with one set intersection per earlier text,
an item cited by many criteria is judged once per pack, and the completeness figure counts a narrative's words
only as far as it needs. Each is compared here with a plain implementation written for the test, on the
example packs, the calibration packs and packs from the benchmark's generator, and on generated text.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from evidencepack.assessment import assess
from evidencepack.assessment.completeness import _words
from evidencepack.assessment.criteria import Context, judge, layout, rules_of
from evidencepack.assessment.text import RepeatFinder, shingles, words
from evidencepack.checks.dates import currency_day
from evidencepack.findings import pointer
from evidencepack.framework import load_framework
from evidencepack.load import parse_bytes, structure_problem, structure_walk
from evidencepack.model import CriterionResponse, Pack, inline_citations
from evidencepack.options import CheckOptions
from evidencepack.schema_check import accepts, text_is_unicode
from evidencepack.validate import validate
from tests.conftest import EXAMPLES

sys.path.insert(0, str(Path(__file__).resolve().parent / "calibration"))

from cal_builder import TODAY, build  # noqa: E402
from cal_specs import SPECS  # noqa: E402

from bench.packs import make_pack  # noqa: E402

FW = load_framework()
RULES = rules_of(FW)
OPTIONS = CheckOptions(today=TODAY, check_files=False)


def _packs() -> dict[str, dict]:
    packs = {path.name: json.loads(path.read_text()) for path in sorted(EXAMPLES.glob("*.json"))}
    packs |= {name: build(spec) for name, spec in SPECS.items()}
    packs |= {f"generated-{index}": make_pack(index, today=TODAY) for index in range(6)}
    return packs


PACKS = _packs()


def _texts(data: dict) -> list[str]:
    return [answer.get("narrative") or "" for principle in data.get("principles", {}).values()
            for answer in principle.get("criteria", {}).values()]


# Words -----------------------------------------------------------------------------------------------------

_PUNCTUATION_AS_SPACE = {c: " " for c in range(128) if not chr(c).isalnum()}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from(["é", "İ", "\u00a0", "’"]), max_size=80))
def test_words_of_any_text_are_its_lower_case_words_with_ascii_punctuation_as_spaces(text):
    assert words(text) == text.lower().translate(_PUNCTUATION_AS_SPACE).split()


# Shingles --------------------------------------------------------------------------------------------------

def _plain_shingles(tokens: list[str], size: int) -> set[tuple[str, ...]]:
    """docs: runs of ``size`` words; a text of 40 words or more keeps the runs that start at a word whose length
    is a multiple of 4, unless that leaves fewer than 12 (then it keeps them all)."""
    if len(tokens) < size:
        return {tuple(tokens)} if tokens else set()
    runs = [tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    if len(tokens) >= 40:
        sampled = {run for run in runs if len(run[0]) % 4 == 0}
        if len(sampled) >= 12:
            return sampled
    return set(runs)


def _as_hashes(runs: set[tuple[str, ...]]) -> set[int]:
    return {hash(run) for run in runs}


def test_shingles_of_every_narrative_in_the_packs_are_the_plain_ones():
    texts = [text for data in PACKS.values() for text in _texts(data)]
    assert len(texts) > 500 and any(len(words(text)) >= 40 for text in texts)
    for text in texts:
        tokens = words(text)
        assert shingles(tokens, RULES.shingle_words) == _as_hashes(_plain_shingles(tokens, RULES.shingle_words))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "to", "the", "care", "staff", "night", "residents", "checks", "x" * 300]),
                max_size=120),
       st.integers(min_value=1, max_value=7))
def test_shingles_of_generated_text_are_the_plain_ones(tokens, size):
    assert shingles(tokens, size) == _as_hashes(_plain_shingles(tokens, size))


# Repeated text ---------------------------------------------------------------------------------------------

def _plain_repeats(texts: list[str], size: int, threshold: float) -> list[int | None]:
    """For each text, the index of the first earlier remembered text whose shingles it shares (containment in
    the smaller), else None, and then it is remembered."""
    seen: list[tuple[int, set[tuple[str, ...]]]] = []
    out: list[int | None] = []
    for index, text in enumerate(texts):
        tokens = words(text)
        if len(tokens) < 3:
            out.append(None)
            continue
        mine = _plain_shingles(tokens, size)
        found = next((j for j, theirs in seen
                      if len(mine & theirs) >= threshold * min(len(mine), len(theirs))), None)
        out.append(found)
        if found is None:
            seen.append((index, mine))
    return out


@pytest.mark.parametrize("name", sorted(PACKS))
def test_repeated_text_is_found_as_by_comparing_every_pair(name):
    texts = [text for text in _texts(PACKS[name]) if text]
    texts += [texts[0] + " and more", texts[-1]] if texts else []  # make sure some repeat
    finder = RepeatFinder(RULES.shingle_words, RULES.duplicate_similarity)
    got = [finder.repeats(str(index), text) for index, text in enumerate(texts)]
    expected = _plain_repeats(texts, RULES.shingle_words, RULES.duplicate_similarity)
    assert got == [None if e is None else str(e) for e in expected]
    if texts and len(words(texts[0])) >= 3:
        assert got[-2] is not None


# One judgement per item ------------------------------------------------------------------------------------

def _fresh_context(pack: Pack) -> Context:
    """A context that has judged no item yet, with the reuse count done the plain way."""
    uses: Counter[str] = Counter()
    for principle in pack.principles.values():
        for response in principle.criteria.values():
            if response.status in ("met", "partly"):
                uses.update(e for e in response.cited_ids() if e in pack.evidence_by_id)
    reference, _ = currency_day(pack, OPTIONS)
    return Context(pack, FW, RULES, reference, FW.scoring.evidence_max_age_days, uses)


@pytest.mark.parametrize("name", sorted(PACKS))
def test_each_criterion_is_judged_as_with_nothing_remembered_from_other_criteria(name):
    pack = Pack.model_validate(PACKS[name])
    assessed = assess(pack, OPTIONS, FW)
    for principle in FW.principles:
        for criterion in principle.criteria:
            got = assessed.principles[principle.key].criteria[criterion.key]
            if not got.applicable:
                continue
            block = pack.principles.get(principle.key)
            response = (block.criteria.get(criterion.key) if block else None) or CriterionResponse()
            repeated = next((r.removeprefix("the narrative repeats that of ").partition(":")[0]
                             for r in got.reasons if r.startswith("the narrative repeats")), None)
            has_narrative = len(words(response.narrative)) >= RULES.narrative_min_words
            alone = judge(criterion, response, _fresh_context(pack), repeated, has_narrative)
            assert (got.score, got.strength, got.evidence_count, got.reasons) == (
                alone.score, alone.strength, alone.evidence_count, alone.reasons), criterion.id


# Ids and pointers made once per framework ------------------------------------------------------------------

def test_the_layout_holds_every_criterion_in_order_with_its_id_and_pointer():
    expected = [(principle.key, criterion.key, f"{principle.key}.{criterion.key}",
                 pointer("principles", principle.key, "criteria", criterion.key))
                for principle in FW.principles for criterion in principle.criteria]
    got = [(principle.key, criterion.key, criterion_id, where)
           for principle, places in layout(FW) for criterion, criterion_id, where in places]
    assert got == expected and len(got) == 33


# Completeness counts words only as far as it needs --------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "\u00a0", "\u2003", "."]), max_size=200),
       st.integers(min_value=0, max_value=30))
def test_counting_words_up_to_a_limit_is_exact_below_it(text, enough):
    counted = _words(text, enough)
    exact = len(text.split())
    if exact < enough:
        assert counted == exact
    else:
        assert counted >= enough


# The structure walk's shortcut for json.loads's own types keeps the rest --------------------------------

class _Text(str):
    pass


class _Mapping(dict):
    pass


@pytest.mark.parametrize(("value", "code"), [
    (_Text("a\ud800b"), "EP006"), (_Mapping({"a": float("nan")}), "EP006"), ((1, float("inf")), "EP006"),
    ([b"bytes"], "EP006"), ([{"a": {1: "one"}}], "EP006"), (10**5000, "EP006"),
], ids=["str subclass", "dict subclass", "tuple", "bytes", "key not text", "huge integer"])
def test_values_that_are_not_json_s_own_types_are_still_walked(value, code):
    data = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    data["metadata"]["title"] = value
    problem = structure_problem(data, FW)
    assert problem is not None and problem[0] == code


def test_the_example_and_generated_packs_have_no_structure_problem():
    for data in PACKS.values():
        assert structure_problem(data, FW) is None
        assert structure_walk(data, FW) is None  # the walk, which the shortcut stands in for, agrees


# The structure check's shortcut through the schema: what the schema accepts needs no walk ----------------

@settings(max_examples=40, deadline=None)
@given(from_schema(FW.bundled_schema()))
def test_a_pack_the_schema_accepts_has_no_structure_problem_the_walk_would_find(instance):
    if accepts(instance, FW) and text_is_unicode(instance):  # the shortcut's answer ...
        assert structure_walk(instance, FW) is None  # ... is the walk's


def test_the_shortcut_is_taken_for_the_example_and_generated_packs():
    for data in PACKS.values():
        assert accepts(data, FW) and text_is_unicode(data)


@pytest.mark.parametrize("place", ["title", "narrative"])
def test_text_that_is_not_unicode_in_a_pack_the_schema_accepts_is_still_found(place):
    data = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    if place == "title":
        data["metadata"]["title"] = "Night checks \udc80"
    else:
        data["principles"]["people"]["criteria"]["co_design"]["narrative"] += " \ud800"
    assert accepts(data, FW) and not text_is_unicode(data)
    assert structure_problem(data, FW)[0] == "EP006"
    codes = [f.code for f in validate(data, OPTIONS, FW).findings]
    assert codes == ["EP006"]


def test_a_surrogate_written_as_a_json_escape_is_refused_when_the_file_is_read():
    raw = (EXAMPLES / "care-home-digital-care-planning.json").read_text()
    raw = raw.replace('"title": "', '"title": "\\ud800', 1)
    with pytest.raises(Exception) as caught:
        parse_bytes(raw.encode(), "pack.json", framework=FW)
    assert caught.value.finding.code == "EP006"


def test_a_number_that_happens_to_look_like_a_surrogate_only_costs_the_walk():
    data = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text())
    data["measures"][0]["denominator"] = 0xA0ED  # marshal writes it as the bytes ED A0 00 00
    assert not text_is_unicode(data)  # the quick test cannot tell ...
    assert structure_problem(data, FW) is None  # ... so the walk does, and finds nothing


# Inline citations -----------------------------------------------------------------------------------------

def _plain_citations(text: str) -> tuple[str, ...]:
    """Each [E1] or [E1, E2; E3] in turn, each id split off and trimmed."""
    found: list[str] = []
    for match in re.finditer(r"\[(E[0-9]+(?:\s*[,;]\s*E[0-9]+)*)\]", text):
        found.extend(part.strip() for part in re.split(r"[,;]", match.group(1)))
    return tuple(found)


_CITATION_TEXT = st.lists(st.one_of(
    st.sampled_from(["[", "]", "E", "E1", "E12", ",", ";", " ", "  ", "\n", "[E3]", "[E1, E2]", "[E4 ;E5]", "x"]),
    st.text(max_size=5),
), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CITATION_TEXT)
def test_inline_citations_are_each_id_in_each_citation_in_order(text):
    assert inline_citations(text) == _plain_citations(text)
