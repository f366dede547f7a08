"""Properties of the detector, with hypothesis: every valid NHS number is found wherever it is written, no
ten-digit number failing Modulus 11 is ever called one, masks never leak, and the fast pre-checks never hide a
hit that the detectors would find."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from evidencepack.privacy import detect
from evidencepack.privacy.detect import is_valid_nhs_number, mask, nhs_check_digit, scan_text, scan_texts

NHS_KINDS = {"nhs_number", "nhs_test_number"}
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])

VOCABULARY = (
    "the a residents staff night falls audit reviewed in March 2026 41% of 120 people [E3] (n = 212) 8.2 per "
    "1,000 care home plan agreed; with GP, the team: on 31/10/2026 at 10:30 version 4.2.1 £1,234.56 and"
)
WORDS = st.sampled_from(VOCABULARY.split())


@st.composite
def nhs_numbers(draw, test_range: bool | None = None) -> str:
    in_test_range = draw(st.booleans()) if test_range is None else test_range
    if in_test_range:
        first = "999" + draw(st.text("0123456789", min_size=6, max_size=6))
    else:
        first = draw(st.integers(0, 998_999_999).map(lambda n: f"{n:09d}"))
    check = nhs_check_digit(first)
    assume(check is not None and len(set(first)) > 1)
    return first + str(check)


@st.composite
def failing_numbers(draw) -> str:
    digits = draw(st.text("0123456789", min_size=10, max_size=10))
    assume(not is_valid_nhs_number(digits))
    return digits


@st.composite
def written(draw, number: str) -> str:
    """The number as people write it: plain, or 3-3-4 with spaces or hyphens."""
    separator = draw(st.sampled_from(["", " ", "-"]))
    return separator.join((number[:3], number[3:6], number[6:])) if separator else number


def covering(text: str, start: int, end: int) -> list[detect.Hit]:
    return [h for h in scan_text(text) if h.start < end and start < h.end]


@SETTINGS
@given(data=st.data(), prefix=st.text(max_size=80), suffix=st.text(max_size=80))
def test_valid_nhs_number_in_random_text_is_always_found(data, prefix, suffix):
    number = data.draw(nhs_numbers())
    shown = data.draw(written(number))
    text = f"{prefix} NHS {shown}. {suffix}"
    start = len(prefix) + 5
    hits = covering(text, start, start + len(shown))
    # the word CHI within reach in the random text, before a number that starts with a date, makes it a CHI number
    assert [(h.start, h.end) for h in hits] == [(start, start + len(shown))], (text, hits)
    assert hits[0].kind in NHS_KINDS | {"chi_number"}
    if hits[0].kind != "chi_number":
        assert hits[0].kind == ("nhs_test_number" if number.startswith("999") else "nhs_number")


@SETTINGS
@given(data=st.data(), before=st.lists(WORDS, max_size=30), after=st.lists(WORDS, max_size=30))
def test_valid_nhs_number_among_words_is_always_found(data, before, after):
    number = data.draw(nhs_numbers(test_range=False))
    shown = data.draw(written(number))
    head = " ".join(before) + " " if before else ""
    text = head + shown + (" " + " ".join(after) if after else "")
    found = [(h.kind, text[h.start : h.end]) for h in scan_text(text)]
    assert ("nhs_number", shown) in found, (text, found)


@SETTINGS
@given(data=st.data(), prefix=st.text(max_size=80), suffix=st.text(max_size=80))
def test_ten_digits_failing_modulus_11_are_never_an_nhs_number(data, prefix, suffix):
    number = data.draw(failing_numbers())
    shown = data.draw(written(number))
    text = f"{prefix} ref {shown}. {suffix}"
    start = len(prefix) + 5
    assert not [h for h in covering(text, start, start + len(shown)) if h.kind in NHS_KINDS]


@SETTINGS
@given(data=st.data(), words=st.lists(WORDS, max_size=20))
def test_mask_never_leaves_a_found_nhs_number(data, words):
    numbers = [data.draw(nhs_numbers()) for _ in range(data.draw(st.integers(1, 3)))]
    text = " ".join(words + numbers)
    masked = mask(text, scan_text(text))
    assert not any(n in masked for n in numbers)


PIECES = st.sampled_from(
    ["DOB ", "born on ", "CHI ", "MRN ", "hospital no. ", "Mrs ", "Dr ", "Prof. ", "Holt", "O'Brien", "@", "+44 ",
     "07700", " 900123", "12/03/1948", " ", "-", "\n", ",", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A",
     "Q", "Z", "x"]
)
IDENTIFIERS = (
    "DOB 12/03/1948", "born on 3 March 1941", "CHI 1203481234", "CHI 12 03 48 1234", "MRN RX123456",
    "hospital no. K0123456", "case note number CN-20431", "Mrs Holt", "Dr O'Brien", "jo@example.org",
    "+44 20 7946 0000", "+447700900123", "07700 900123", "07700900123", "0113 496 0000", "0800 123 456",
    "(020) 7946 0000", "01632 960000", "LS6 2QR", "LS1 4AP", "M1 1AE", "date of birth: 1 May 1950",
    "D.O.B. 1938-11-02", "hosp no 12345678", "medical record number A00123456", "Sir John Smith", "Lady Jane Grey",
    "Lord Holt", "Rev Green", "Dame Eileen", "Mx Taylor", "Miss Jones", "Ms Khan", "Professor Patel",
    "Reverend Holt", "Revd Holt", "Prof Holt", "Mrs. Holt", "Dr Holt", "12.03.1948",
)
WHOLE = st.sampled_from(IDENTIFIERS)
FRAGMENTS = PIECES | WHOLE | nhs_numbers().flatmap(written) | st.text(max_size=5)


@pytest.mark.parametrize("text", IDENTIFIERS)
def test_pre_checks_let_each_identifier_through_on_its_own(text):
    every_detector = list(detect._DETECTORS)
    assert scan_text(text) == detect._scan(text, every_detector, frozenset())
    if text not in ("12.03.1948",):
        assert scan_text(text), text


@settings(max_examples=500, deadline=None)
@given(texts=st.lists(st.lists(FRAGMENTS, max_size=25).map("".join), max_size=6))
def test_fast_pre_checks_never_hide_a_hit(texts):
    own = frozenset({"LS14AP"})
    every_detector = list(detect._DETECTORS)
    for text in texts:
        assert scan_text(text, own_postcodes=own) == detect._scan(text, every_detector, own), text
    assert scan_texts(texts, own_postcodes=own) == [scan_text(t, own_postcodes=own) for t in texts]
