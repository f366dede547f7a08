"""Shared by the text formats (JSON, YAML): decoding, positions, and the error a reader raises."""

from __future__ import annotations

from evidencepack.findings import finding
from evidencepack.formats.errors import LoadError

MAX_INT_DIGITS = 4300  # Python's own limit for turning an integer into text (sys.get_int_max_str_digits)
JSON_VALUES = "only text, numbers, true, false, null, lists and objects"


def fail(code: str, message: str, pointer: str = "") -> LoadError:
    return LoadError(finding(code, pointer, message))


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise fail("EP002", f"{name}: line {line}, byte {exc.start}: not UTF-8 ({exc.reason})") from None


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); a NUL character means binary data, not a pack."""
    text = _decode(raw, name)
    if "\x00" in text:
        line, column = line_col(text, text.index("\x00"))
        raise fail("EP007", f"{name}: line {line}, column {column}: a NUL character; this is binary data, not a pack")
    return text
