"""docs/security.md lists every limit with its value: the table is checked against the code."""

from __future__ import annotations

import importlib
import re
from typing import Any

from hostile_inputs import ROOT

from evidencepack.framework import load_framework

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
TABLE = DOC[DOC.index("## Limits, and how to change them") :].split("\n\n")[1]
ROWS = [[cell.strip() for cell in line.strip("|").split("|")] for line in TABLE.splitlines()[2:]]


def _resolve(dotted: str, module: str | None) -> tuple[Any, str]:
    if dotted == "Framework.max_depth":
        return load_framework().max_depth, module or ""
    if "." not in dotted:
        assert module, dotted
        return getattr(importlib.import_module(module), dotted), module
    module_name, name = dotted.rsplit(".", 1)
    value = getattr(importlib.import_module(module_name), name)
    return (value(load_framework()) if callable(value) else value), module_name


def _spellings(name: str, value: int) -> set[str]:
    ways = {f"{value:,}"}
    if name.endswith("_MS"):
        ways.add(f"{value // 1000} s")
    for unit, size in (("MiB", 2**20), ("GiB", 2**30)):
        if value >= size and value % size == 0:
            ways.add(f"{value // size} {unit}")
    return ways


def test_the_limits_table_has_a_row_for_each_limit() -> None:
    assert len(ROWS) >= 20
    for row in ROWS:
        assert len(row) == 4, row


def test_every_limit_in_the_table_has_the_value_the_code_has() -> None:
    checked = 0
    for limit, value_text, where, _how in ROWS:
        module = None
        for dotted in re.findall(r"`([A-Za-z_][\w.]*)`", where):
            last = dotted.rsplit(".", 1)[-1]
            if not (last.lstrip("_").isupper() or last in ("max_depth", "max_list_items")):
                continue  # a name, not a constant (Archive.budget is computed per package)
            value, module = _resolve(dotted, module)
            assert isinstance(value, int), (limit, dotted)
            spelled = _spellings(dotted, value)
            assert any(way in value_text for way in spelled), f"{limit}: {dotted} is {value}, the doc says {value_text}"
            checked += 1
    assert checked >= 25
