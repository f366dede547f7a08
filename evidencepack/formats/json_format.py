"""JSON packs: duplicate keys, NaN and Infinity refused, with line and column in every error."""

from __future__ import annotations

import json
from typing import Any

import jiter

from evidencepack.formats.text import decode_text, fail, line_col


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"the value {name} is not allowed in a pack")


def _duplicate_position(text: str, key: str) -> tuple[int, int] | None:
    """Where ``key`` first repeats inside one object. Only runs on the error path, so a plain scan is fine."""
    frames: list[tuple[set[str], list[bool]] | None] = []  # per open object: keys seen, [expecting a key]
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            value, end = json.decoder.scanstring(text, index + 1)
            frame = frames[-1] if frames else None
            if frame is not None and frame[1][0]:
                if value == key and value in frame[0]:
                    return line_col(text, index)
                frame[0].add(value)
                frame[1][0] = False
            index = end
            continue
        if char == "{":
            frames.append((set(), [True]))
        elif char == "[":
            frames.append(None)
        elif char in "}]" and frames:
            frames.pop()
        elif char == "," and frames and frames[-1] is not None:
            frames[-1][1][0] = True
        index += 1
    return None


def _parse_json(text: str, name: str) -> Any:
    """The JSON value of ``text``. jiter (pydantic's parser, compiled) reads a good pack and refuses duplicate keys
    itself, in about 60 % of the time json takes with a Python hook for them; whatever it refuses, json reads
    again, so that every error, and every oddity a pack may still hold (a surrogate escape, deep nesting), is
    named exactly as json's reading names it."""
    try:
        return jiter.from_json(
            text.encode("utf-8"), allow_inf_nan=False, catch_duplicate_keys=True, cache_mode="keys"
        )  # keys only: no pack's text is kept in jiter's cache of strings
    except ValueError:
        return _parse_json_stdlib(text, name)


def _parse_json_stdlib(text: str, name: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs_without_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise fail("EP001", f"{name}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except _DuplicateKey as exc:
        where = _duplicate_position(text, exc.key)
        at = f"line {where[0]}, column {where[1]}: " if where else ""
        raise fail("EP003", f"{name}: {at}the key {exc.key!r} appears twice in one object") from None
    except RecursionError:
        raise fail("EP005", f"{name}: nesting is too deep to read") from None
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        message = str(exc)
        if "digits" in message:
            message = "a number has more digits than a pack can hold (over 4,300)"
        raise fail("EP006", f"{name}: {message}") from None


def read_json(raw: bytes, name: str) -> Any:
    return _parse_json(decode_text(raw, name), name)
