"""The compiled validator of a framework's pack schema (jsonschema-rs), shared by loading and validation."""

from __future__ import annotations

import marshal
import re
from functools import cache
from typing import Any

import jsonschema_rs

from evidencepack.framework import Framework, load_framework

MASK = "\x00value\x00"
_SURROGATE_UTF8 = re.compile(b"\xed[\xa0-\xbf]")


@cache
def _validator(framework: Framework) -> Any:
    # The mask keeps the validator from writing huge values into messages (a 1M-item list would take seconds).
    return jsonschema_rs.validator_for(framework.bundled_schema(), validate_formats=True, mask=MASK)


def compiled_validator(framework: Framework | None = None) -> Any:
    """The compiled jsonschema-rs validator for a framework's bundled pack schema."""
    return _validator(framework or load_framework())


def accepts(data: Any, framework: Framework) -> bool:
    """Whether the pack schema accepts ``data``. False too where the validator cannot read it at all (a key that is
    not text, a value of a type JSON does not have): it raises then, and the caller's slower path explains."""
    try:
        return bool(compiled_validator(framework).is_valid(data))
    except Exception:  # noqa: BLE001 - any failure to read means "not known to be valid": the full checks follow
        return False


def text_is_unicode(data: Any) -> bool:
    """True when no text in ``data`` holds an unpaired surrogate (False may be wrong: then ask the full walk).

    marshal writes every non-ASCII str as UTF-8 with surrogates passed through (0xED, then a byte from 0xA0 to
    0xBF: a pair that valid UTF-8 never has), and ASCII text as it is. The pair can also occur by chance inside a
    number or a length, so its absence proves the text clean, while its presence only sends the caller to the
    exact walk. One pass in C over everything, where the walk is Python over every value."""
    try:
        written = marshal.dumps(data)
    except (ValueError, TypeError):  # a type marshal cannot write, or nesting deeper than it goes
        return False
    return b"\xed" not in written or _SURROGATE_UTF8.search(written) is None
