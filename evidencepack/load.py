"""Read a pack from JSON, YAML or an exported Word document, with clear errors for broken input."""

from __future__ import annotations

import json
import math
import os
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from evidencepack.canonical import content_sha256
from evidencepack.findings import Finding, finding
from evidencepack.framework import Framework, load_framework

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_ENV = "EVIDENCEPACK_MAX_BYTES"
MAX_INT_DIGITS = 4300  # Python's own limit for turning an integer into text (sys.get_int_max_str_digits)
_INT_LIMIT = 10**MAX_INT_DIGITS
_JSON_VALUES = "only text, numbers, true, false, null, lists and objects"
_SURROGATE = re.compile("[\ud800-\udfff]")
ZIP_MAGIC = b"PK\x03\x04"
Format = Literal["json", "yaml", "docx"]


class LoadError(Exception):
    """A pack could not be read. Carries the finding that says why and where."""

    def __init__(self, found: Finding):
        super().__init__(found.message)
        self.finding = found


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


def _fail(code: str, message: str, pointer: str = "") -> LoadError:
    return LoadError(finding(code, pointer, message))


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# JSON ---------------------------------------------------------------------------------------------------

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
                    return _line_col(text, index)
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
    try:
        return json.loads(text, object_pairs_hook=_pairs_without_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _fail("EP001", f"{name}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except _DuplicateKey as exc:
        where = _duplicate_position(text, exc.key)
        at = f"line {where[0]}, column {where[1]}: " if where else ""
        raise _fail("EP003", f"{name}: {at}the key {exc.key!r} appears twice in one object") from None
    except RecursionError:
        raise _fail("EP005", f"{name}: nesting is too deep to read") from None
    except ValueError as exc:  # NaN/Infinity, or an integer too long to convert
        message = str(exc)
        if "digits" in message:
            message = "a number has more digits than a pack can hold (over 4,300)"
        raise _fail("EP006", f"{name}: {message}") from None


# YAML ---------------------------------------------------------------------------------------------------

class _PackYamlLoader(yaml.SafeLoader):
    """SafeLoader without aliases, timestamps-as-dates, duplicate keys, or any tag that builds a value JSON has
    no word for (``!!binary``, ``!!set``, ``!!omap``, ``!!pairs``, ``!!timestamp``, ``!!python/...``)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in a pack", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is not text; quote it", key_node.start_mark
                )
            if key in seen:
                raise _YamlDuplicate(key, key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_undefined(self, node: yaml.Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise yaml.constructor.ConstructorError(
            None, None, f"the YAML tag {tag} is not allowed in a pack ({_JSON_VALUES})", node.start_mark
        )

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts: refuse, as JSON does
            raise yaml.constructor.ConstructorError(
                None, None, f"a number has more digits than a pack can hold (over {MAX_INT_DIGITS:,})", node.start_mark
            ) from None


class _YamlDuplicate(Exception):
    def __init__(self, key: str, mark: Any):
        super().__init__(key)
        self.key, self.mark = key, mark


# Only the tags of JSON's own kinds of value; any other tag (explicit or not) is refused.
_PackYamlLoader.yaml_constructors = {
    tag: constructor
    for tag, constructor in yaml.SafeLoader.yaml_constructors.items()
    if tag in {f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "str", "seq", "map")}
}
_PackYamlLoader.add_constructor("tag:yaml.org,2002:int", _PackYamlLoader.construct_yaml_int)
_PackYamlLoader.add_constructor(None, _PackYamlLoader.construct_undefined)

# Dates stay text, as in JSON; the schema checks their format.
_PackYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mark(mark: Any) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return yaml.load(text, Loader=_PackYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except _YamlDuplicate as exc:
        raise _fail("EP003", f"{name}: {_mark(exc.mark)}the key {exc.key!r} appears twice in one mapping") from None
    except yaml.constructor.ConstructorError as exc:
        raise _fail("EP006", f"{name}: {_mark(exc.problem_mark)}{exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        raise _fail("EP001", f"{name}: {_mark(exc.problem_mark)}{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise _fail("EP001", f"{name}: {exc}") from None
    except RecursionError:
        raise _fail("EP005", f"{name}: nesting is too deep to read") from None


# Shared -------------------------------------------------------------------------------------------------

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
                return "EP006", f"a value of type {type(child).__name__} cannot be held in a pack ({_JSON_VALUES})"
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
    call it on a pack given as a dict before anything else looks at it."""
    framework = framework or load_framework()
    return _structure_problem(data, framework.max_depth, max_list_items(framework))


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise _fail("EP002", f"{name}: line {line}, byte {exc.start}: not UTF-8 ({exc.reason})") from None


def guess_format(raw: bytes, name: str) -> Format:
    lower = name.lower()
    if raw.startswith(ZIP_MAGIC) or lower.endswith((".docx", ".zip")):
        return "docx"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    if lower.endswith(".json"):
        return "json"
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "json" if head in (b"{", b"[") else "yaml"


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
        raise _fail("EP004", f"{name}: {len(raw):,} bytes is over the limit of {limit:,} bytes")
    fmt = fmt or guess_format(raw, name)
    if fmt == "docx":
        from evidencepack.export.recover import pack_from_docx  # lazy: keeps docx off the validate path

        data = pack_from_docx(raw, name)
    else:
        text = _decode(raw, name)
        if "\x00" in text:
            line, column = _line_col(text, text.index("\x00"))
            where = f"line {line}, column {column}"
            raise _fail("EP007", f"{name}: {where}: a NUL character; this is binary data, not a pack")
        data = _parse_json(text, name) if fmt == "json" else _parse_yaml(text, name)
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        raise _fail("EP008", f"{name}: the top level is {kind}, not an object with the pack's sections")
    problem = structure_problem(data, framework)
    if problem:
        raise _fail(problem[0], f"{name}: {problem[1]}")
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
        raise _fail("EP004", f"{path}: {size:,} bytes is over the limit of {limit:,} bytes")
    with path.open("rb") as handle:
        raw = handle.read(limit + 1)
    return parse_bytes(raw, str(path), framework=framework, max_bytes=limit)
