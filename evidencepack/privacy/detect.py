"""Find personal identifiers in free text: pure functions, no I/O.

``scan_text(text)`` returns one :class:`Hit` per identifier found, with its kind, its place in the text, the
severity the gate gives it and a masked form that is safe to show (``943 *** ****``). ``mask(text, hits)``
replaces every hit by its masked form. Which kinds are found, and which are not, is described in
``docs/security.md`` ("Personal-data gate").

Every pattern is compiled once, at import. Before any detector runs, a few substring searches over the text
(done in C) say which detectors can match at all, so clean prose costs little: ``scan_texts`` does them once
over many texts (a whole pack's fields) and runs the detectors only on the texts they pick out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from evidencepack.model import normalise_postcode as model_normalise_postcode

NHS_NUMBER = "nhs_number"
NHS_TEST_NUMBER = "nhs_test_number"
DATE_OF_BIRTH = "date_of_birth"
CHI_NUMBER = "chi_number"
RECORD_NUMBER = "record_number"
EMAIL = "email"
PHONE = "phone"
NAMED_PERSON = "named_person"
POSTCODE = "postcode"

ERROR = "error"
WARNING = "warning"

#: The severity of each kind (the same as its rule in ``schemas/rules.json``; a test keeps them equal).
SEVERITY: dict[str, str] = {
    NHS_NUMBER: ERROR,
    NHS_TEST_NUMBER: WARNING,
    DATE_OF_BIRTH: ERROR,
    CHI_NUMBER: ERROR,
    RECORD_NUMBER: ERROR,
    EMAIL: WARNING,
    PHONE: WARNING,
    NAMED_PERSON: WARNING,
    POSTCODE: WARNING,
}

#: Words for each kind, for messages ("possible NHS number").
LABEL: dict[str, str] = {
    NHS_NUMBER: "NHS number",
    NHS_TEST_NUMBER: "NHS number in the 999 test range",
    DATE_OF_BIRTH: "date of birth",
    CHI_NUMBER: "CHI number",
    RECORD_NUMBER: "hospital or medical record number",
    EMAIL: "e-mail address",
    PHONE: "phone number",
    NAMED_PERSON: "person named with a title",
    POSTCODE: "postcode",
}

KINDS: tuple[str, ...] = tuple(SEVERITY)

# When two detectors claim overlapping text, the one earlier here wins: context-bound kinds (a number next to
# "CHI" or "MRN", a date next to "DOB") say more than the bare shape of the number.
_PRIORITY = {kind: rank for rank, kind in enumerate(
    (CHI_NUMBER, RECORD_NUMBER, DATE_OF_BIRTH, NHS_NUMBER, NHS_TEST_NUMBER, EMAIL, PHONE, POSTCODE, NAMED_PERSON)
)}


@dataclass(frozen=True, slots=True)
class Hit:
    """One identifier found in a text: ``text[start:end]``, never shown except through ``masked_text``."""

    kind: str
    start: int
    end: int
    severity: str
    masked_text: str


# NHS numbers ----------------------------------------------------------------------------------------------

_NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def nhs_check_digit(first_nine: str) -> int | None:
    """The Modulus 11 check digit for the first nine digits of an NHS number, or None when there is none (10)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _NHS_WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the Modulus 11 check digit of the other nine."""
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


# Ten digits: plain, grouped 3-3-4 (NHS), 6-4 or 2-2-2-4 (CHI), with spaces or hyphens. Not part of a longer
# number, a decimal, an amount or a reference (letters or a hyphen joined to it: INV4012..., 1-4012...). A
# slash or an underscore is a separator, as in a file name: letters/4012..._referral.pdf.
_TEN_DIGITS = re.compile(
    r"(?<![^\W_]|[£$€+\\\-])(?<!\d\.)"
    r"(\d{3}[ \-]?\d{3}[ \-]?\d{4}|\d{6}[ \-]\d{4}|\d{2}[ \-]\d{2}[ \-]\d{2}[ \-]\d{4})"
    r"(?![^\W_]|-|[./:]\d)"
)
# An ISBN-10 uses the same Modulus 11 check as an NHS number: "ISBN 0306406152" is a book.
_ISBN_BEFORE = re.compile(r"ISBN(?:-?10)?:?\s*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[ \-]")
_NHS_SHAPE = re.compile(r"\d{10}|\d{3}( |-)\d{3}\1\d{4}")
_CHI_CONTEXT = re.compile(r"\bCHI\b|Community Health Index", re.IGNORECASE)
_CHI_BEFORE, _CHI_AFTER = 40, 20


def _ddmmyy_is_date(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    try:
        dt.date(2000 + year, month, day)  # 2000 is a leap year, as 1900 is not: 29 Feb of any yy is allowed
    except ValueError:
        return False
    return True


def _chi_context(text: str, start: int, end: int) -> bool:
    return bool(
        _CHI_CONTEXT.search(text, max(0, start - _CHI_BEFORE), start)
        or _CHI_CONTEXT.search(text, end, end + _CHI_AFTER)
    )


def _ten_digit_hits(text: str) -> Iterable[Hit]:
    for match in _TEN_DIGITS.finditer(text):
        raw = match.group(1)
        digits = _SEPARATORS.sub("", raw)
        start, end = match.span(1)
        if _ddmmyy_is_date(digits) and _chi_context(text, start, end):
            yield Hit(CHI_NUMBER, start, end, SEVERITY[CHI_NUMBER], "[CHI number]")
            continue
        if not _NHS_SHAPE.fullmatch(raw) or len(set(digits)) == 1 or not is_valid_nhs_number(digits):
            continue  # a placeholder such as 0000000000 passes Modulus 11 but is no one's number
        if _ISBN_BEFORE.search(text, max(0, start - 12), start):
            continue
        kind = NHS_TEST_NUMBER if digits.startswith("999") else NHS_NUMBER
        yield Hit(kind, start, end, SEVERITY[kind], f"{digits[:3]} *** ****")


# Dates of birth -------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = (
    r"(?:(?P<d1>\d{1,2})(?P<s>[/.\-])(?P<m1>\d{1,2})(?P=s)(?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    r"|(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH.format("m3") + r",?\s+(?P<y3>\d{4})"
    r"|" + _MONTH.format("m4") + r"\s+(?P<d4>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{4}))"
    r"(?![\w/\-]|[.:]\d)"
)
_DOB = re.compile(
    r"(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b)"
    r"(?:\s*\([^()\n]{0,60}\))?[^\w\n]{0,4}(?:(?:on|is|was|in)\s+)?(?:the\s+)?"
    r"(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)


def _as_date(match: re.Match[str]) -> dt.date | None:
    for n in "1234":
        year = match.group(f"y{n}")
        if year is None:
            continue
        month = match.group(f"m{n}")
        month_number = int(month) if month.isdigit() else _MONTHS[month.lower()]
        year_number = int(year) if len(year) == 4 else 1900 + int(year)
        try:
            return dt.date(year_number, month_number, int(match.group(f"d{n}")))
        except ValueError:
            return None
    return None


def _dob_hits(text: str) -> Iterable[Hit]:
    for match in _DOB.finditer(text):
        if _as_date(match) is not None:
            start, end = match.span("date")
            yield Hit(DATE_OF_BIRTH, start, end, SEVERITY[DATE_OF_BIRTH], "[date of birth]")


# Hospital and medical record numbers ----------------------------------------------------------------------

_RECORD = re.compile(
    r"(?:\bMRN|\bhosp(?:ital)?\.?\s+(?:no\b\.?|num\b\.?|number)|\bmedical\s+records?\s+(?:no\b\.?|number)"
    r"|\bcase\s+notes?\s+(?:no\b\.?|number))"
    r"\s*(?:[:#=]|is\b|was\b)?\s*"
    r"(?P<id>(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{2,18}[A-Z0-9])(?![\w\-])",
    re.IGNORECASE,
)


def _record_hits(text: str) -> Iterable[Hit]:
    for match in _RECORD.finditer(text):
        value = match.group("id")
        start, end = match.span("id")
        yield Hit(RECORD_NUMBER, start, end, SEVERITY[RECORD_NUMBER], value[:2] + "*" * (len(value) - 2))


# E-mail addresses -----------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+\-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_%+\-])?)"
    r"@(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w\-]|\.\w)"
)


def _email_hits(text: str) -> Iterable[Hit]:
    for match in _EMAIL.finditer(text):
        masked = f"{match.group('local')[0]}***@{match.group('domain')}"
        yield Hit(EMAIL, match.start(), match.end(), SEVERITY[EMAIL], masked)


# UK phone numbers -----------------------------------------------------------------------------------------

# A candidate: +44 / 0044 (optionally "(0)") or a leading 0 (optionally in brackets), then up to four groups of
# digits split by single spaces or hyphens. Which candidates are numbers is decided in _phone_span.
_PHONE = re.compile(
    r"(?<![\w+/.\\\-])"
    r"(?P<intl>(?:\+|00)44[ \-]?(?:\(0\)[ \-]?)?)?"
    r"(?P<groups>\(?\d{1,11}\)?(?:[ \-]\d{2,8}){0,4})"
    r"(?![\w/]|[.\-:]\d)"
)
_GROUP = re.compile(r"\d+")
# Words that make a number a reference, not a phone number: "order no. 01234 567890".
_NOT_PHONE_BEFORE = re.compile(
    r"\b(?:order|orders|invoice|inv|ref|reference|po|account|acct|serial|batch|lot|isbn|issn|ticket|case|job"
    r"|claim|policy|tracking|barcode|version|v)\b\W{0,3}(?:no\b\.?|number|num\b\.?)?\W{0,3}$",
    re.IGNORECASE,
)


def _phone_digits_ok(national: str, groups: list[str], international: bool) -> bool:
    """``national`` starts with 0 (added for +44 numbers); ``groups`` are the written groups of digits."""
    if len(national) not in (10, 11) or national[1] in "046":
        return False
    if len(national) == 10 and not (national.startswith("01") or national.startswith("0800")):
        return False  # only some 01 areas and 0800 have nine digits after the 0
    if len(groups) == 1:
        return international or len(national) == 11
    first = len(groups[0]) + (1 if international else 0)  # +44 20 ... counts as 020
    if not 3 <= first <= 6 or any(len(g) < 3 for g in groups[1:]):
        return False  # 01-02-2026 and 12 34 56 are not phone numbers
    return len(national) == 11 or first >= 4


def _phone_span(text: str, match: re.Match[str]) -> tuple[int, int] | None:
    groups = list(_GROUP.finditer(match.group("groups")))
    international = match.group("intl") is not None
    base = match.start("groups")
    for count in range(len(groups), 0, -1):  # the longest run of groups that is a phone number
        written = [g.group() for g in groups[:count]]
        digits = "".join(written)
        if international:
            if digits.startswith("0"):
                continue
            national = "0" + digits
        elif digits.startswith("0"):
            national = digits
        else:
            return None
        if _phone_digits_ok(national, written, international):
            end = base + groups[count - 1].end()
            if count < len(groups) and text[end : end + 1] not in (" ", "-"):
                continue
            return match.start(), end
    return None


def _mask_phone(number: str) -> str:
    kept = 0
    out = []
    for char in number:
        if char.isdigit():
            kept += 1
            out.append(char if kept <= 4 else "*")
        else:
            out.append(char)
    return "".join(out)


def _phone_hits(text: str) -> Iterable[Hit]:
    for match in _PHONE.finditer(text):
        span = _phone_span(text, match)
        if span is None:
            continue
        start, end = span
        if _NOT_PHONE_BEFORE.search(text, max(0, start - 30), start):
            continue
        number = text[start:end]
        if number.startswith("(") and ")" not in number:
            start, number = start + 1, number[1:]
        yield Hit(PHONE, start, end, SEVERITY[PHONE], _mask_phone(number))


# People named with a title --------------------------------------------------------------------------------

_HONORIFICS = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame", "Lady", "Lord", "Rev", "Revd",
    "Reverend",
)
_NAME_WORD = r"(?:Ma?c|O['’])?[A-Z][a-z]+(?:['’\-][A-Z][a-z]+)*"
_NAMED = re.compile(
    r"\b(?P<title>" + "|".join(sorted(_HONORIFICS, key=len, reverse=True)) + r")\.?[ \u00a0]+"
    r"(?P<name>(?:[A-Z]\.?[ \u00a0]+){0,2}" + _NAME_WORD + r"(?:[ \u00a0]+" + _NAME_WORD + r"){0,2})"
    r"(?:['’]s)?(?![\w'’])"
)
# A title and a name that are not a person: a data company, an app, a building or prize named after someone.
_NOT_PEOPLE = frozenset({"Dr Foster", "Dr Doctor", "Dr Martens", "Dr Pepper", "Dr Who"})
_PLACE_WORDS = frozenset({
    "Hospital", "Infirmary", "House", "Home", "Court", "Lodge", "Ward", "Unit", "Wing", "Centre", "Center",
    "Building", "Hall", "Street", "Road", "Lane", "Avenue", "Way", "Close", "Drive", "Place", "Square", "Gardens",
    "Park", "School", "College", "University", "Institute", "Surgery", "Practice", "Clinic", "Hospice",
    "Foundation", "Trust", "Fund", "Award", "Awards", "Prize", "Lecture", "Memorial", "Library", "Theatre",
    "Suite", "Room", "Report", "Review", "Inquiry", "Act", "Scale", "Test", "Score", "Method", "Model",
})
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Z][a-z]+)")


def _named_hits(text: str) -> Iterable[Hit]:
    for match in _NAMED.finditer(text):
        title, name = match.group("title"), match.group("name")
        words = name.replace(".", " ").split()
        if f"{title} {words[0]}" in _NOT_PEOPLE:
            continue
        following = _NEXT_WORD.match(text, match.end())
        if _PLACE_WORDS.intersection(words) or (following and following.group(1) in _PLACE_WORDS):
            continue
        masked = f"{title} {name[0]}***"
        yield Hit(NAMED_PERSON, match.start(), match.end(), SEVERITY[NAMED_PERSON], masked)


# Postcodes ------------------------------------------------------------------------------------------------

# Royal Mail's letters for each position, upper case only: "b2 3rd floor" in prose is not a postcode.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])"
    r"(?P<outward>GIR|[A-PR-UWYZ](?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?))"
    r"[ \u00a0]?(?P<inward>[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"
)


normalise_postcode = model_normalise_postcode  # one definition, on the pack model


def _postcode_hits(text: str, own: frozenset[str]) -> Iterable[Hit]:
    for match in _POSTCODE.finditer(text):
        outward, inward = match.group("outward"), match.group("inward")
        if outward == "GIR" and inward != "0AA":
            continue
        if outward + inward in own:
            continue
        yield Hit(POSTCODE, match.start(), match.end(), SEVERITY[POSTCODE], f"{outward} ***")


# The scan -------------------------------------------------------------------------------------------------

# Before any detector runs, a few substring searches (fast, in C) over the text's bytes decide which detectors
# can match at all. In the "shape" of the text every digit is 0, every capital A, and spaces and hyphens _.
_SHAPE = bytearray(range(256))
for _byte in b"0123456789":
    _SHAPE[_byte] = ord("0")
for _byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    _SHAPE[_byte] = ord("A")
_SHAPE[ord("_")] = ord(".")
_SHAPE[ord(" ")] = _SHAPE[ord("-")] = ord("_")
_SHAPE_TABLE = bytes(_SHAPE)

_DIGITS, _BIRTH, _RECORDS, _MAIL, _POSTCODES, _TITLES = "digits", "birth", "records", "mail", "postcodes", "titles"
# Every ten-digit and phone form holds one of these: 5 digits in a row, 3-3-digit (0113 496 0000, 943 476 5919,
# 0800 123 456), 4-4 (020 7946 0000), or 2-2-2-4 (a CHI number written 12 03 48 1234).
_SHAPE_NEEDLES = (
    (b"00000", _DIGITS), (b"000_000_0", _DIGITS), (b"0000_0000", _DIGITS), (b"00_00_00_0000", _DIGITS),
    (b"0AA", _POSTCODES),
)
_LOWER_NEEDLES = (
    (b"dob", _BIRTH), (b"d.o.b", _BIRTH), (b"birth", _BIRTH), (b"born", _BIRTH),
    (b"mrn", _RECORDS), (b"hosp", _RECORDS), (b"medical record", _RECORDS), (b"case note", _RECORDS),
)


# English letters, commonest first (a pass that starts on a rarer letter stops less often)
_LETTER_RANK = {letter: rank for rank, letter in enumerate(b"etaoinshrdlcumwfgypbvkjxqz")}


def _searches(needles: tuple[tuple[bytes, str], ...]) -> tuple[tuple[re.Pattern[bytes], str], ...]:
    """The needles as one pattern per group and anchor byte: a pattern that starts with one literal byte is one
    quick pass of the text, where each needle searched alone is a slower pass of its own. The anchor is the
    needle's rarest lower-case letter (its first byte when it has none, as in the shapes of numbers); the pattern
    starts on it and checks what comes before it by looking back. So "dob", "d.o.b", "birth" and "born" are one
    pass on "b", and "hosp" a pass on "p", which stops less often than one on "h"."""
    by_anchor: dict[tuple[str, int], list[bytes]] = {}
    for needle, group in needles:
        at = max(range(len(needle)), key=lambda i: (_LETTER_RANK.get(needle[i], -1), -i))
        before, after = needle[: at + 1], needle[at + 1 :]
        piece = (b"(?<=" + re.escape(before) + b")" if len(before) > 1 else b"") + re.escape(after)
        by_anchor.setdefault((group, needle[at]), []).append(piece)
    return tuple(
        (re.compile(re.escape(bytes([anchor])) + b"(?:" + b"|".join(pieces) + b")"), group)
        for (group, anchor), pieces in by_anchor.items()
    )


# 1 pass for the shapes of numbers (all start with a digit), 1 for postcodes, 4 for the lower-case words
_SHAPE_SEARCHES = _searches(_SHAPE_NEEDLES)
_AT = re.compile(b"@")
_LOWER_SEARCHES = _searches(_LOWER_NEEDLES)
# A title and a capital after it, searched for in the shape, where every capital is A (and a space _): one
# pass for all the titles, where the text itself needs one per first letter. It also lets through any capital
# followed by a title's other letters ("Air Quality"); the detector then decides.
_TITLE_TRIGGER = re.compile(
    rb"A(?:" + b"|".join(sorted({re.escape(t[1:]).encode() for t in _HONORIFICS}, key=len, reverse=True))
    + rb")\.?(?:_|\xc2\xa0)+A"
)
_DETECTORS = {
    _DIGITS: (lambda text, own: (*_ten_digit_hits(text), *_phone_hits(text))),
    _BIRTH: (lambda text, own: _dob_hits(text)),
    _RECORDS: (lambda text, own: _record_hits(text)),
    _MAIL: (lambda text, own: _email_hits(text)),
    _POSTCODES: (lambda text, own: _postcode_hits(text, own)),
    _TITLES: (lambda text, own: _named_hits(text)),
}


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _groups(raw: bytes) -> set[str]:
    """The detectors that can match in the text whose UTF-8 bytes are ``raw``."""
    groups = set()
    shape = raw.translate(_SHAPE_TABLE)
    groups.update(group for needle, group in _SHAPE_NEEDLES if needle in shape)
    lower = raw.lower()
    groups.update(group for needle, group in _LOWER_NEEDLES if needle in lower)
    if b"@" in raw:
        groups.add(_MAIL)
    if _TITLE_TRIGGER.search(shape):
        groups.add(_TITLES)
    return groups


def _scan(text: str, groups: Iterable[str], own: frozenset[str]) -> list[Hit]:
    hits = [hit for group in groups for hit in _DETECTORS[group](text, own)]
    if len(hits) < 2:
        return hits
    hits.sort(key=lambda h: (h.start, _PRIORITY[h.kind]))
    kept = [hits[0]]
    for hit in hits[1:]:
        last = kept[-1]
        if hit.start < last.end:
            if _PRIORITY[hit.kind] < _PRIORITY[last.kind]:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _own(own_postcodes: Iterable[str]) -> frozenset[str]:
    return frozenset(normalise_postcode(p) for p in own_postcodes)


def scan_text(text: str, *, own_postcodes: Iterable[str] = ()) -> list[Hit]:
    """Every personal identifier found in ``text``, in order of position.

    ``own_postcodes`` are the pack's own locations: a postcode among them is not reported. Where two
    detectors claim overlapping text only the stronger hit is kept (a number next to "CHI" is a CHI number, not
    also an NHS number).
    """
    if not text:
        return []
    groups = _groups(_encode(text))
    return _scan(text, groups, _own(own_postcodes)) if groups else []


def _positions(haystack: bytes, search: re.Pattern[bytes], separators: list[int]) -> Iterator[int]:
    """Where ``search`` matches, at most once per text (a hit skips to the end of its text)."""
    found = search.search(haystack)
    while found is not None:
        position = found.start()
        yield position
        after = bisect.bisect_right(separators, position)
        if after == len(separators):
            return
        found = search.search(haystack, separators[after] + 1)


def scan_texts(texts: Sequence[str], *, own_postcodes: Iterable[str] = ()) -> list[list[Hit]]:
    """``scan_text`` of each text, faster than one call each: one pass of substring searches over all of them
    picks out the few texts (and the detectors) worth running; clean texts cost nothing more."""
    own = _own(own_postcodes)
    results: list[list[Hit]] = [[] for _ in texts]
    if any("\x00" in text for text in texts):  # the separator below: scan such (odd) texts one by one
        return [_scan(t, _groups(_encode(t)), own) if t else [] for t in texts]
    raw = _encode("\x00".join(texts))
    separators: list[int] = []
    position = raw.find(0)
    while position != -1:
        separators.append(position)
        position = raw.find(0, position + 1)
    wanted: dict[int, set[str]] = {}

    def note(positions: Iterable[int], group: str) -> None:
        for at in positions:
            wanted.setdefault(bisect.bisect_left(separators, at), set()).add(group)

    shape = raw.translate(_SHAPE_TABLE)
    for search, group in _SHAPE_SEARCHES:
        note(_positions(shape, search, separators), group)
    lower = raw.lower()
    for search, group in _LOWER_SEARCHES:
        note(_positions(lower, search, separators), group)
    if b"@" in raw:  # memchr: far quicker than a pattern's pass
        note(_positions(raw, _AT, separators), _MAIL)
    note(_positions(shape, _TITLE_TRIGGER, separators), _TITLES)
    for index, groups in wanted.items():
        results[index] = _scan(texts[index], groups, own)
    return results


def mask(text: str, hits: Iterable[Hit]) -> str:
    """``text`` with every hit replaced by its masked form (for an app to offer as a fix)."""
    out: list[str] = []
    position = 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < position:
            continue  # overlapping hits: the first one has already replaced this text
        out.append(text[position : hit.start])
        out.append(hit.masked_text)
        position = hit.end
    out.append(text[position:])
    return "".join(out)
