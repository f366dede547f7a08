"""The detector (evidencepack.privacy.detect), one behaviour per test.

NHS numbers outside the 999 test range are made at run time (evidencepack.privacy.synthetic): no check-digit-
valid one is written in this file.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidencepack.findings import rules
from evidencepack.privacy import detect
from evidencepack.privacy.detect import Hit, is_valid_nhs_number, mask, nhs_check_digit, scan_text, scan_texts
from evidencepack.privacy.synthetic import chi_number, grouped, nhs_number, not_nhs_number

RNG = random.Random(8011)


def kinds(text: str, **kwargs) -> list[str]:
    return [hit.kind for hit in scan_text(text, **kwargs)]


def found(text: str, **kwargs) -> list[str]:
    return [text[hit.start : hit.end] for hit in scan_text(text, **kwargs)]


# Modulus 11 ------------------------------------------------------------------------------------------------

def test_check_digit_by_hand():
    # 9 9 9 0 0 0 0 0 1 weighted 10..2: 90 + 81 + 72 + 2 = 245; 245 mod 11 = 3; 11 - 3 = 8
    assert nhs_check_digit("999000001") == 8
    assert is_valid_nhs_number("9990000018") and not is_valid_nhs_number("9990000017")


def test_check_digit_of_eleven_is_zero():
    first = next(f"{n:09d}" for n in range(100_000_000, 100_100_000) if sum(
        int(d) * w for d, w in zip(f"{n:09d}", range(10, 1, -1), strict=True)) % 11 == 0)
    assert nhs_check_digit(first) == 0


def test_check_digit_of_ten_means_no_valid_number():
    first = next(f"{n:09d}" for n in range(100_000_000, 100_100_000) if sum(
        int(d) * w for d, w in zip(f"{n:09d}", range(10, 1, -1), strict=True)) % 11 == 1)
    assert nhs_check_digit(first) is None
    assert not any(is_valid_nhs_number(first + str(d)) for d in range(10))


# NHS numbers -----------------------------------------------------------------------------------------------

def test_plain_nhs_number_is_found():
    number = nhs_number(RNG)
    assert kinds(f"Her NHS number is {number}.") == ["nhs_number"]


def test_nhs_number_grouped_with_spaces_is_found():
    number = grouped(nhs_number(RNG))
    assert found(f"NHS no {number} on the form") == [number]


def test_nhs_number_grouped_with_hyphens_is_found():
    number = grouped(nhs_number(RNG), "-")
    assert found(f"NHS no {number} on the form") == [number]


def test_nhs_number_is_an_error():
    (hit,) = scan_text(nhs_number(RNG))
    assert hit.severity == "error"


def test_test_range_number_is_a_warning_of_its_own_kind():
    (hit,) = scan_text(f"test patient {nhs_number(RNG, test_range=True)}")
    assert (hit.kind, hit.severity) == ("nhs_test_number", "warning")


def test_ten_digits_failing_modulus_11_are_not_flagged():
    assert kinds(f"order {not_nhs_number(RNG)} shipped") == []


def test_repeated_digit_placeholders_are_not_flagged():
    assert kinds("NHS number 0000000000 or 1111111111 (placeholders)") == []


def test_nhs_number_inside_a_longer_number_is_not_flagged():
    assert kinds(f"stamp 7{nhs_number(RNG)}3") == []


def test_nhs_number_joined_to_letters_is_a_reference_not_flagged():
    assert kinds(f"invoice INV{nhs_number(RNG)} and ref-{nhs_number(RNG)}") == []


def test_valid_isbn_10_is_a_book_not_an_nhs_number():
    assert is_valid_nhs_number("0306406152")  # ISBN-10 uses the same check
    assert kinds("ISBN 0306406152") == []


def test_nhs_number_in_a_row_of_values_is_found():
    a, b = nhs_number(RNG), nhs_number(RNG)
    assert found(f"{a},{b},82") == [a, b]


def test_nhs_number_is_masked_to_its_first_three_digits():
    number = nhs_number(RNG)
    (hit,) = scan_text(number)
    assert hit.masked_text == f"{number[:3]} *** ****"
    assert number[3:] not in hit.masked_text


# CHI numbers -----------------------------------------------------------------------------------------------

def test_chi_number_next_to_the_word_chi_is_a_chi_number():
    assert kinds(f"CHI: {chi_number(RNG)}") == ["chi_number"]


def test_chi_word_after_the_number_counts():
    assert kinds(f"{chi_number(RNG)} (CHI) was on the letter") == ["chi_number"]


def test_chi_context_needs_a_date_at_the_start():
    assert kinds("CHI 3213481234") == []  # day 32


def test_chi_number_without_context_is_not_a_chi_number():
    assert "chi_number" not in kinds(f"number {chi_number(RNG)}")


def test_chi_number_is_fully_masked():
    (hit,) = scan_text(f"CHI {chi_number(RNG)}")
    assert hit.masked_text == "[CHI number]"


# Dates of birth --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    ["DOB: 14/02/1939", "D.O.B. 1938-11-02", "dob 05.07.41", "Date of birth 3 March 1941", "born on 21st June 1936",
     "born: March 5, 1950", "Date of Birth: 1 Sept 1947"],
)
def test_date_next_to_a_birth_word_is_a_date_of_birth(text):
    assert kinds(text) == ["date_of_birth"]


def test_date_without_a_birth_word_is_not_a_date_of_birth():
    assert kinds("The meeting on 14/02/2026 agreed the plan.") == []


def test_month_and_year_of_birth_alone_is_not_flagged():
    assert kinds("The idea was born in March 2025.") == []


def test_impossible_date_after_dob_is_not_flagged():
    assert kinds("DOB 31/02/1940") == []


def test_date_of_birth_mask_hides_the_whole_date():
    (hit,) = scan_text("DOB 14/02/1939")
    assert hit.masked_text == "[date of birth]"


# Record numbers --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "identifier"),
    [("MRN: RX1234567", "RX1234567"), ("hospital no. K0123456", "K0123456"), ("Hospital number 55012345", "55012345"),
     ("medical record number: A00123456", "A00123456"), ("case note no. CN-20431", "CN-20431")],
)
def test_identifier_after_a_record_word_is_a_record_number(text, identifier):
    assert found(text) == [identifier]
    assert kinds(text) == ["record_number"]


def test_record_word_without_an_identifier_is_not_flagged():
    assert kinds("The hospital number of admissions fell; MRN fields were removed.") == []


def test_record_number_is_masked_after_two_characters():
    (hit,) = scan_text("MRN RX1234567")
    assert hit.masked_text == "RX*******"


# E-mail addresses ------------------------------------------------------------------------------------------

def test_email_address_is_found():
    assert found("Contact jane.doe82@example.com today.") == ["jane.doe82@example.com"]


def test_email_is_masked_after_its_first_letter():
    (hit,) = scan_text("jane.doe82@example.com")
    assert hit.masked_text == "j***@example.com"


def test_at_sign_without_an_address_is_not_flagged():
    assert kinds("We met @ 10am; follow @carehome on social media.") == []


# Phone numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "number",
    ["0113 496 0000", "07700 900123", "07700 900 123", "07700900123", "020 7946 0000", "(020) 7946 0000",
     "+44 20 7946 0000", "+44 (0)161 496 0999", "+447700900123", "0044 7700 900123", "01632 960123",
     "0800 123 456", "0800 123 4567", "0113-496-0000"],
)
def test_uk_phone_numbers_are_found(number):
    assert found(f"Call {number} after six.") == [number]


@pytest.mark.parametrize(
    "text",
    ["on 01/02/2026", "on 2026-01-02", "on 01-02-2026", "at 10:30", "version 4.2.1", "£1,234.56",
     "ISBN 978-0-306-40615-7", "order 01234567890", "invoice no. 01632 960123", "12 34 56", "0.5 mg",
     "1234567890", "ref 0800-123-456"],
)
def test_dates_times_money_and_references_are_not_phone_numbers(text):
    assert kinds(text) == []


def test_phone_number_keeps_four_digits_in_its_mask():
    (hit,) = scan_text("0113 496 0000")
    assert hit.masked_text == "0113 *** ****"


def test_phone_number_followed_by_more_numbers_keeps_the_phone_number():
    assert found("Call 0113 496 0000 120 times") == ["0113 496 0000"]


# People named with a title ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [("Mrs Patricia Holt said", "Mrs Patricia Holt"), ("Mr O'Brien's family", "Mr O'Brien's"),
     ("Dr Ahmed reviewed", "Dr Ahmed"), ("Miss Jenkins", "Miss Jenkins"), ("Mx Taylor joined", "Mx Taylor"),
     ("Prof. Lindqvist chaired", "Prof. Lindqvist"), ("Mr J. McDonald", "Mr J. McDonald"),
     ("Dame Eileen Smith-Jones", "Dame Eileen Smith-Jones")],
)
def test_title_and_capitalised_name_is_a_named_person(text, name):
    assert found(text) == [name]


def test_pseudonym_with_a_single_letter_is_not_flagged():
    assert kinds("Mrs A, a resident, and Mr B tested the app.") == []


def test_title_without_a_capital_is_not_flagged():
    assert kinds("Mr and Mrs both said; do not miss Doses") == []


def test_dr_foster_is_a_data_company_not_a_person():
    assert kinds("Dr Foster data showed our length of stay was typical.") == []


def test_building_named_after_a_person_is_not_flagged():
    assert kinds("Staff from Sir Robert Peel Hospital and Lady Margaret Ward joined.") == []


def test_named_person_mask_keeps_title_and_initial():
    (hit,) = scan_text("Mrs Patricia Holt")
    assert hit.masked_text == "Mrs P***"


def test_name_without_a_title_is_not_detected():  # a known limit (docs/security.md)
    assert kinds("Patricia Holt told us the checks woke her.") == []


# Postcodes -------------------------------------------------------------------------------------------------

def test_full_postcode_is_found():
    assert found("She moved to LS6 2QR last spring.") == ["LS6 2QR"]


def test_postcode_of_the_packs_own_location_is_not_flagged():
    assert kinds("Our home at LS1 4AP took part.", own_postcodes=["ls14ap"]) == []


def test_own_postcode_comparison_ignores_case_and_spaces():
    assert kinds("Our home at LS14AP took part.", own_postcodes=[" ls1 4ap "]) == []


def test_outward_code_alone_is_not_flagged():
    assert kinds("Visits covered LS6 and BD7.") == []


def test_lower_case_lookalike_is_not_a_postcode():
    assert kinds("Ward b2 3rd floor") == []


def test_postcode_mask_keeps_the_outward_code():
    (hit,) = scan_text("LS6 2QR")
    assert hit.masked_text == "LS6 ***"


# Overlaps, order, masking, many texts ----------------------------------------------------------------------

def test_context_wins_over_shape_when_hits_overlap():
    number = chi_number(RNG)
    assert kinds(f"CHI number {number}") == ["chi_number"]  # also passes Modulus 11: not reported twice


def test_hits_are_in_order_of_position():
    text = f"Mr Grant (DOB 02/09/1944, NHS {nhs_number(RNG)}) rang 07700 900123"
    assert kinds(text) == ["named_person", "date_of_birth", "nhs_number", "phone"]


def test_mask_replaces_every_hit_and_leaves_the_rest():
    number = nhs_number(RNG)
    text = f"NHS {number}, e-mail jo@example.org."
    assert mask(text, scan_text(text)) == f"NHS {number[:3]} *** ****, e-mail j***@example.org."


def test_mask_with_no_hits_is_the_text():
    assert mask("nothing here", []) == "nothing here"


def test_scan_texts_matches_scan_text_on_each():
    texts = ["clean words", f"NHS {nhs_number(RNG)}", "", "Mrs Holt at LS6 2QR", "x\x00y 07700 900123"]
    assert scan_texts(texts) == [scan_text(t) for t in texts]


@pytest.mark.parametrize("identifier", [
    "DOB 02/09/1944", "d.o.b. 02/09/1944", "Born on 2 September 1944", "birth date 1944-09-02",
    "MRN: RX1234567", "Hosp no. AB123456", "medical record number 12345678", "Case note no 4456781",
    "NHS 943 476 5919", "call 0113 496 0000", "CHI 02 09 44 1234", "at LS6 2QR", "jo@example.org",
])
def test_scan_texts_finds_each_kind_of_needle_in_a_later_text_whatever_its_case(identifier):
    """The batch pre-check searches each group's needles in one pass: every needle must still pick out its
    text, also after another text that matched a different needle, and written in capitals."""
    for written in (identifier, identifier.upper()):
        texts = ["clean words", "Mrs Holt rang about the DOB field", f"before {written} after", "more clean words"]
        found = scan_texts(texts)
        assert found == [scan_text(t) for t in texts]
        assert found[2], written


@pytest.mark.parametrize("title", ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame",
                                   "Lady", "Lord", "Rev", "Revd", "Reverend"])
@pytest.mark.parametrize("after", [" ", ". ", "\u00a0", ".  "])
def test_scan_texts_lets_every_title_through_to_the_named_person_detector(title, after):
    texts = ["Air Quality was reviewed", f"We thanked {title}{after}Okafor for the review", "clean"]
    found = scan_texts(texts)
    assert [h.kind for h in found[1]] == ["named_person"]
    assert found == [scan_text(t) for t in texts]


def test_clean_text_has_no_hits():
    assert scan_text("We ran four workshops with residents, families and night staff [E3].") == []


def test_hit_is_immutable():
    hit = Hit("email", 0, 1, "warning", "x")
    with pytest.raises(AttributeError):
        hit.kind = "phone"  # type: ignore[misc]


def test_severities_match_the_rule_registry():
    from evidencepack.checks.personal_data import CODES

    assert set(CODES) == set(detect.KINDS)
    for kind, code in CODES.items():
        assert rules()[code].severity.value == detect.SEVERITY[kind], code


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"dob", b"d.o.b", b"birth", b"born", b"mrn", b"hosp", b"medical record",
                                 b"case note", b"d", b"o", b"b", b"h", b"p", b"m", b"c", b".", b" ", b"\x00", b"x"]),
                max_size=25).map(b"".join))
def test_the_lower_case_passes_find_a_needle_exactly_where_one_is(haystack):
    """Each pass starts on a needle's rarest letter and looks back for the rest: it must match where, and only
    where, one of its group's needles occurs."""
    for group in {group for _, group in detect._LOWER_NEEDLES}:
        needles = [needle for needle, g in detect._LOWER_NEEDLES if g == group]
        found = any(search.search(haystack) for search, g in detect._LOWER_SEARCHES if g == group)
        assert found == any(needle in haystack for needle in needles), (group, haystack)
