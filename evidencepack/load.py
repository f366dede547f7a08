"""Read a pack from JSON, YAML or an exported Word document, with clear errors for broken input.

The formats themselves are read by ``evidencepack.formats`` (one reader per format, reached through a table);
this module adds what every pack needs whatever its format: the size limit, an object at the top level, and a
structure that a schema-valid pack could have.
"""

from __future__ import annotations

import math
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from evidencepack.canonical import content_sha256
from evidencepack.formats import ZIP_MAGIC, Format, guess_format, reader
from evidencepack.formats.errors import LoadError
from evidencepack.formats.text import JSON_VALUES, MAX_INT_DIGITS, fail
from evidencepack.framework import Framework, load_framework
from evidencepack.schema_check import accepts, text_is_unicode

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "EVIDENCEPACK_MAX_BYTES"
_INT_LIMIT = 10**MAX_INT_DIGITS
_SURROGATE = re.compile("[\ud800-\udfff]")
__all__ = ["ZIP_MAGIC", "Format", "LoadError", "PackDocument", "guess_format", "load", "parse_bytes"]


class PackDocument(BaseModel):
    """A pack as read from one source."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    source: str
    format: Format
    data: dict[str, Any]

    @property
    def sha256(self) -> str:
        return content_sha256(self.data)

    @property
    def base_dir(self) -> Path | None:
        return Path(self.source).resolve().parent if self.source and self.source != "<bytes>" else None


def max_bytes_default() -> int:
    raw = os.environ.get(MAX_BYTES_ENV)
    return int(raw) if raw and raw.isdigit() else DEFAULT_MAX_BYTES


def _structure_problem(data: Any, depth_limit: int, list_limit: int | None) -> tuple[str, str] | None:
    """One walk over parsed data: nesting beyond the schema (EP005), a list longer than any the schema allows
    (EP009), or a value JSON cannot hold (EP006): a key that is not text, NaN or infinity, an integer of more
    than MAX_INT_DIGITS digits, or any other Python type (bytes, sets, dates ... given through the API)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > depth_limit:
            return "EP005", f"nesting is deeper than the {depth_limit} levels the schema allows"
        if isinstance(node, dict):
            for key in node:
                if not isinstance(key, str):
                    return "EP006", f"a key is {type(key).__name__}, not text"
                if not key.isascii() and _SURROGATE.search(key):
                    return "EP006", _surrogate(key)
            children: Any = node.values()
        else:
            if list_limit is not None and len(node) > list_limit:
                return "EP009", f"a list holds {len(node):,} items; no list in a pack may hold more than {list_limit:,}"
            children = node
        for child in children:
            if isinstance(child, str):
                if not child.isascii() and _SURROGATE.search(child):
                    return "EP006", _surrogate(child)
                continue
            if type(child) is dict or type(child) is list:  # json.loads's own: cheaper than isinstance of a union
                stack.append((child, depth + 1))
                continue
            if child is None or isinstance(child, bool):
                continue
            if isinstance(child, dict | list | tuple):
                stack.append((child, depth + 1))
            elif isinstance(child, int):
                if child.bit_length() > 14_000 and abs(child) >= _INT_LIMIT:
                    return "EP006", f"a number has more digits than a pack can hold (over {MAX_INT_DIGITS:,})"
            elif isinstance(child, float):
                if not math.isfinite(child):
                    return "EP006", f"the number {child} cannot be represented in JSON"
            else:
                return "EP006", f"a value of type {type(child).__name__} cannot be held in a pack ({JSON_VALUES})"
    return None


def _surrogate(text: str) -> str:
    """JSON can write "\\ud800", but it is not Unicode text: it cannot be stored, validated or printed."""
    found = _SURROGATE.search(text)
    at = found.start() if found else 0
    return f"the text {ascii(text[max(0, at - 20) : at + 20])} holds an unpaired surrogate, which is not Unicode"


@cache
def max_list_items(framework: Framework) -> int | None:
    """The most items any list in a schema-valid pack may hold (the largest ``maxItems``), or None when some
    list in the schema has no ``maxItems``. Walked once per framework."""
    limits: list[int] = []
    stack: list[Any] = [framework.bundled_schema()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("type") == "array" or "items" in node or "prefixItems" in node:
                if not isinstance(node.get("maxItems"), int):
                    return None
                limits.append(node["maxItems"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return max(limits, default=None)


def structure_problem(data: Any, framework: Framework | None = None) -> tuple[str, str] | None:
    """(code, message) when ``data`` cannot be a pack whatever its content: not JSON's kinds of value, nested
    deeper or with a longer list than the schema allows anywhere. ``parse_bytes`` runs it on every file read;
    call it on a pack given as a dict before anything else looks at it.

    A pack the schema accepts is within its limits and holds JSON's values only, so for one that also has only
    Unicode text the answer is known without the walk (two passes in compiled code); anything else is walked."""
    framework = framework or load_framework()
    if accepts(data, framework) and text_is_unicode(data):
        return None
    return structure_walk(data, framework)


def structure_walk(data: Any, framework: Framework) -> tuple[str, str] | None:
    """``structure_problem`` by walking every value (where the schema check has not already vouched for it)."""
    return _structure_problem(data, framework.max_depth, max_list_items(framework))


def parse_bytes(
    raw: bytes,
    name: str = "<bytes>",
    *,
    fmt: Format | None = None,
    framework: Framework | None = None,
    max_bytes: int | None = None,
) -> PackDocument:
    """Parse a pack held in memory (an upload, a file's content)."""
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    if len(raw) > limit:
        raise fail("EP004", f"{name}: {len(raw):,} bytes is over the limit of {limit:,} bytes")
    fmt = fmt or guess_format(raw, name)
    data = reader(fmt)(raw, name)
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise fail("EP008", f"{name}: the top level is {kind}, not an object with the pack's sections")
    problem = structure_problem(data, framework)
    if problem:
        raise fail(problem[0], f"{name}: {problem[1]}")
    return PackDocument(source=name, format=fmt, data=data)


def load(
    source: str | os.PathLike[str],
    *,
    framework: Framework | None = None,
    max_bytes: int | None = None,
) -> PackDocument:
    """Read a pack file (JSON, YAML or an exported .docx). Raises LoadError (a finding) or OSError."""
    path = Path(source)
    limit = max_bytes if max_bytes is not None else max_bytes_default()
    size = path.stat().st_size
    if size > limit:
        raise fail("EP004", f"{path}: {size:,} bytes is over the limit of {limit:,} bytes")
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    return parse_bytes(raw, str(path), framework=framework, max_bytes=limit)
