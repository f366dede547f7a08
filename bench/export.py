"""Benchmark: the Word export of a large pack against bare python-docx writing the same text.

    python bench/export.py              # 15 runs of each, medians
    python bench/export.py --runs 5 --strict

The pack: bench/packs.py's pack 0, grown to every criterion of the framework answered, 300 evidence items
(each cited somewhere) and 10 outcome measures with a breakdown by group.

- **evidencepack**: ``export_docx(pack)``: validate and score, the document model (cover, inspector summary,
  completeness, one section per principle, tables, evidence register, appendices), the Word writer, the pack
  and the record of how it was made embedded, saved to bytes.
- **baseline**: ``docx.Document()``, then ``add_paragraph(text)`` for every paragraph of text the export holds
  (table cells included), saved to bytes: the same words, with none of the structure.

Targets: evidencepack at most 2x the baseline, and under 2 s.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import platform
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree

try:  # python -m bench.export
    from bench.packs import make_pack
except ImportError:  # python bench/export.py
    from packs import make_pack

import docx

import evidencepack
from evidencepack.export.document import ExportOptions, export_docx
from evidencepack.framework import Framework, load_framework
from evidencepack.options import CheckOptions

EVIDENCE = 300
MEASURES = 10
TARGET_RATIO = 2.0
TARGET_SECONDS = 2.0
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def large_pack(framework: Framework, today: dt.date) -> dict[str, Any]:
    """Pack 0 with every criterion answered, EVIDENCE evidence items and MEASURES measures."""
    data = make_pack(0, 2026, today, framework)
    items = data["evidence"]
    for number in range(len(items) + 1, EVIDENCE + 1):
        clone = copy.deepcopy(items[number % len(items)])
        clone["id"] = f"E{number}"
        clone["title"] = f"{clone['title']} (part {number})"
        items.append(clone)
    ids = [item["id"] for item in items]
    criteria = framework.criteria
    for index, criterion in enumerate(criteria):
        response = data["principles"][criterion.principle_key]["criteria"][criterion.key]
        cited = ids[index::len(criteria)]  # every item cited once, about nine per criterion
        if response.get("status") in (None, "not_applicable"):
            response.update(status="met", evidence=[], narrative="")
            response.pop("justification", None)
        response["evidence"] = list(dict.fromkeys([*response["evidence"], *cited]))
        response["narrative"] = (response["narrative"] + " " + " ".join(f"See [{e}]." for e in cited[:3])).strip()
    measures = data["measures"]
    for number in range(len(measures), MEASURES):
        clone = copy.deepcopy(measures[number % len(measures)])
        clone["name"] = f"{clone['name']} ({number + 1})"
        measures.append(clone)
    return data


def paragraph_texts(document: bytes) -> list[str]:
    """The text of every paragraph of the main document part (table cells included)."""
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]


def bare_python_docx(texts: list[str]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def median_seconds(fn: Callable[[], object], runs: int, warmup: int = 2) -> tuple[float, list[float]]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="Timed runs of each (default 15).")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    framework = load_framework()
    today = dt.date(2026, 11, 26)
    data = large_pack(framework, today)
    options = ExportOptions(check=CheckOptions(today=today), generated_at=dt.datetime(2026, 11, 26, tzinfo=dt.UTC))
    exported = export_docx(data, options=options)
    texts = paragraph_texts(exported)
    answered = sum(1 for p in data["principles"].values() for c in p["criteria"].values() if c.get("status"))

    print("evidencepack Word export benchmark")
    print(f"  {platform.platform()}, Python {platform.python_version()}, evidencepack {evidencepack.__version__}, "
          f"python-docx {docx.__version__ if hasattr(docx, '__version__') else '?'}")
    print(f"  pack: {len(framework.principles)} principles, {answered} of {len(framework.criteria)} criteria "
          f"answered, {len(data['evidence'])} evidence items, {len(data['measures'])} measures; "
          f"document: {len(texts):,} paragraphs, {sum(map(len, texts)):,} characters, {len(exported):,} bytes")

    ours, _ = median_seconds(lambda: export_docx(data, options=options), args.runs)
    baseline, _ = median_seconds(lambda: bare_python_docx(texts), args.runs)
    ratio = ours / baseline
    print(f"\n  evidencepack export_docx   median {ours * 1000:7.0f} ms  ({args.runs} runs)")
    print(f"  bare python-docx baseline  median {baseline * 1000:7.0f} ms  ({args.runs} runs)")
    print(f"  ratio {ratio:.2f}x (target at most {TARGET_RATIO:.0f}x); "
          f"export {ours:.2f} s (target under {TARGET_SECONDS:.0f} s)")
    met = ratio <= TARGET_RATIO and ours < TARGET_SECONDS
    print(f"  {'targets met' if met else 'TARGET MISSED'}")
    return 0 if met or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
