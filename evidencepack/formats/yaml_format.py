"""YAML packs: JSON's kinds of value only (no aliases, tags, timestamps or duplicate keys), with positions."""

from __future__ import annotations

from typing import Any

import yaml

from evidencepack.formats.text import JSON_VALUES, MAX_INT_DIGITS, decode_text, fail


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
            None, None, f"the YAML tag {tag} is not allowed in a pack ({JSON_VALUES})", node.start_mark
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
        raise fail("EP003", f"{name}: {_mark(exc.mark)}the key {exc.key!r} appears twice in one mapping") from None
    except yaml.constructor.ConstructorError as exc:
        raise fail("EP006", f"{name}: {_mark(exc.problem_mark)}{exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        raise fail("EP001", f"{name}: {_mark(exc.problem_mark)}{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise fail("EP001", f"{name}: {exc}") from None
    except RecursionError:
        raise fail("EP005", f"{name}: nesting is too deep to read") from None


def read_yaml(raw: bytes, name: str) -> Any:
    return _parse_yaml(decode_text(raw, name), name)
