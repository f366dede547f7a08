"""Made-up identifiers that pass their checks, for tests and demonstrations of the personal-data gate.

Nothing here is anyone's number except by chance: the digits are random. Prefer ``nhs_number(test_range=True)``
(the 999 range is reserved for testing) wherever a real-looking number is not the point; tests make the others
at run time so that no check-digit-valid NHS number outside that range is ever written into a file.
"""

from __future__ import annotations

import datetime as dt
import random

from evidencepack.privacy.detect import is_valid_nhs_number, nhs_check_digit


def nhs_number(rng: random.Random | None = None, *, test_range: bool = False) -> str:
    """Ten random digits that pass the Modulus 11 check; in the 999 test range, or (default) outside it."""
    rng = rng or random.Random()
    while True:
        if test_range:
            first = "999" + "".join(rng.choice("0123456789") for _ in range(6))
        else:
            first = str(rng.randint(400_000_000, 799_999_999))  # the ranges issued in England and Wales
        check = nhs_check_digit(first)
        if check is not None and len(set(first)) > 1:
            return first + str(check)


def not_nhs_number(rng: random.Random | None = None) -> str:
    """Ten random digits that fail the Modulus 11 check (an order number, say)."""
    rng = rng or random.Random()
    while True:
        digits = "".join(rng.choice("0123456789") for _ in range(10))
        if not is_valid_nhs_number(digits):
            return digits


def chi_number(rng: random.Random | None = None) -> str:
    """A random CHI number: a date of birth as DDMMYY, then four digits, the last a Modulus 11 check digit."""
    rng = rng or random.Random()
    while True:
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(365 * 90))
        first = born.strftime("%d%m%y") + "".join(rng.choice("0123456789") for _ in range(3))
        check = nhs_check_digit(first)
        if check is not None:
            return first + str(check)


def grouped(number: str, separator: str = " ") -> str:
    """A ten-digit number written 3-3-4, as NHS numbers are displayed."""
    return separator.join((number[:3], number[3:6], number[6:]))
