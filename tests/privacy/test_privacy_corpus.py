"""Recall and false positives of the detector on a labelled corpus of invented text (corpus/corpus.jsonl).

Each line is {"text": ..., "labels": [kinds]}; a text with no labels is clean. NHS and CHI numbers are not
written in the corpus: placeholders are filled at run time with fresh random numbers (evidencepack.privacy.
synthetic), so no check-digit-valid NHS number outside the 999 test range is ever committed:

    {NHS} {NHS_SPACED} {NHS_HYPHENED}                       valid, outside the 999 range
    {NHS_TEST} {NHS_TEST_SPACED} {NHS_TEST_HYPHENED}        valid, in the 999 test range
    {NOT_NHS} {NOT_NHS_SPACED} {NOT_NHS_HYPHENED}           ten digits failing Modulus 11
    {CHI} {CHI_SPACED}                                      a CHI number (DDMMYY + 4, written 6-4 when spaced)

Run with -s to see the figures; docs/security.md records them ("Personal-data gate").
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from evidencepack.privacy.detect import KINDS, scan_text
from evidencepack.privacy.synthetic import chi_number, grouped, nhs_number, not_nhs_number

CORPUS = Path(__file__).parent / "corpus" / "corpus.jsonl"
OWN_POSTCODES = ("LS1 4AP", "M14 5RB")
PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")
MIN_RECALL = 0.75  # per kind; NHS numbers must all be found


def _filler(rng: random.Random):
    makers = {
        "NHS": lambda: nhs_number(rng),
        "NHS_TEST": lambda: nhs_number(rng, test_range=True),
        "NOT_NHS": lambda: not_nhs_number(rng),
        "CHI": lambda: chi_number(rng),
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        for suffix, separator in (("_SPACED", " "), ("_HYPHENED", "-")):
            if name.endswith(suffix):
                number = makers[name.removesuffix(suffix)]()
                if name.startswith("CHI"):
                    return f"{number[:6]}{separator}{number[6:]}"
                return grouped(number, separator)
        return makers[name]()

    return fill


def load_corpus(seed: int) -> list[tuple[str, list[str]]]:
    fill = _filler(random.Random(seed))
    entries = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            entries.append((PLACEHOLDER.sub(fill, entry["text"]), entry["labels"]))
    return entries


def measure(entries: list[tuple[str, list[str]]]) -> dict:
    planted: Counter[str] = Counter()
    found: Counter[str] = Counter()
    extra: Counter[str] = Counter()  # hits of a kind beyond those planted in a labelled text
    clean_texts = clean_with_hits = clean_hits = 0
    misses: list[tuple[str, str]] = []
    false_positives: list[tuple[str, str]] = []
    for text, labels in entries:
        hits = Counter(hit.kind for hit in scan_text(text, own_postcodes=OWN_POSTCODES))
        if not labels:
            clean_texts += 1
            clean_hits += sum(hits.values())
            clean_with_hits += bool(hits)
            false_positives.extend((kind, text) for kind in hits)
            continue
        wanted = Counter(labels)
        for kind in set(wanted) | set(hits):
            planted[kind] += wanted[kind]
            found[kind] += min(wanted[kind], hits[kind])
            extra[kind] += max(0, hits[kind] - wanted[kind])
            if hits[kind] < wanted[kind]:
                misses.append((kind, text))
            if hits[kind] > wanted[kind]:
                false_positives.append((kind, text))
    return {
        "planted": planted, "found": found, "extra": extra, "clean_texts": clean_texts,
        "clean_with_hits": clean_with_hits, "clean_hits": clean_hits, "misses": misses,
        "false_positives": false_positives,
    }


@pytest.fixture(scope="module")
def figures() -> dict:
    seed = int.from_bytes(os.urandom(4), "big")
    result = measure(load_corpus(seed))
    result["seed"] = seed
    planted, found = result["planted"], result["found"]
    print(f"\npersonal-data corpus: {sum(planted.values())} identifiers planted in "
          f"{len(load_corpus(seed)) - result['clean_texts']} texts, {result['clean_texts']} clean texts (seed {seed})")
    print(f"{'kind':<18} {'planted':>7} {'found':>5} {'recall':>6} {'extra':>5}")
    for kind in KINDS:
        if planted[kind]:
            print(f"{kind:<18} {planted[kind]:>7} {found[kind]:>5} {found[kind] / planted[kind]:>6.0%} "
                  f"{result['extra'][kind]:>5}")
    total = sum(planted.values())
    print(f"{'all':<18} {total:>7} {sum(found.values()):>5} {sum(found.values()) / total:>6.0%} "
          f"{sum(result['extra'].values()):>5}")
    print(f"false-positive rate on the clean half: {result['clean_with_hits']}/{result['clean_texts']} texts "
          f"({result['clean_with_hits'] / result['clean_texts']:.0%}), {result['clean_hits']} hits")
    for kind, text in result["misses"]:
        print(f"  missed {kind}: {text}")
    return result


def test_corpus_has_both_halves_and_only_known_kinds():
    entries = load_corpus(0)
    labelled = [labels for _, labels in entries if labels]
    assert len(labelled) >= 50 and len(entries) - len(labelled) >= 50
    assert {kind for labels in labelled for kind in labels} == set(KINDS)


def test_corpus_holds_no_real_looking_nhs_number_in_the_file():
    from evidencepack.privacy.detect import NHS_NUMBER

    committed = CORPUS.read_text(encoding="utf-8")
    assert not [h for h in scan_text(committed) if h.kind == NHS_NUMBER]


def test_every_planted_nhs_number_is_found(figures):
    for kind in ("nhs_number", "nhs_test_number"):
        assert figures["found"][kind] == figures["planted"][kind] > 0, (figures["seed"], figures["misses"])


def test_no_false_positive_on_the_clean_half(figures):
    assert figures["clean_hits"] == 0, (figures["seed"], figures["false_positives"])


def test_no_extra_hits_in_labelled_texts(figures):
    assert sum(figures["extra"].values()) == 0, (figures["seed"], figures["false_positives"])


@pytest.mark.parametrize("kind", KINDS)
def test_recall_of_each_kind(figures, kind):
    planted = figures["planted"][kind]
    assert planted and figures["found"][kind] / planted >= MIN_RECALL, (figures["seed"], figures["misses"])
