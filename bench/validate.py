"""Benchmark: validating packs with evidencepack against check-jsonschema, and where the time goes.

    python bench/validate.py                 # 1,000 packs, 200 in-process runs, 10 process runs
    python bench/validate.py --packs 200 --runs 50 --process-runs 5

One run makes N realistic packs (bench/packs.py) in a temporary folder, then measures:

1. Many files, one process: ``evidencepack validate --format json DIR`` (schema, content rules and scoring)
   against ``check-jsonschema --schemafile pack.schema.json FILES...`` (schema only), on the same files.
   Target: evidencepack at least 10 times faster.
2. In process, one pack: ``check_document(data, options)`` (validate + score, file reading excluded), median
   of --runs calls, with a breakdown by stage (parse, schema, model, content checks, scoring). Target: < 2 ms.
3. One file, whole process: ``evidencepack validate one.json`` against ``check-jsonschema ... one.json``,
   median of --process-runs runs each, and the imports that dominate start-up. Target: no slower.

Both tools' outputs are checked (exit codes, the number of packs reported), and a broken pack must be
rejected by both, so that a timing is never of a tool that silently did nothing. Needs no hyperfine.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jiter
from pydantic_core import to_json

try:  # python -m bench.validate
    from bench.packs import make_pack, write_packs
except ImportError:  # python bench/validate.py
    from packs import make_pack, write_packs

from evidencepack.assessment import assess
from evidencepack.checks import run_checks
from evidencepack.checks.context import CheckContext
from evidencepack.framework import Framework, load_framework
from evidencepack.load import parse_bytes
from evidencepack.model import Pack
from evidencepack.options import CheckOptions
from evidencepack.result import check_document
from evidencepack.validate import schema_findings

TARGET_BATCH_RATIO = 10.0  # evidencepack at least this many times faster on many files
TARGET_CHECK_MS = 2.0  # check_document of one pack, median
TARGET_SINGLE_RATIO = 1.0  # whole process on one file: no slower than check-jsonschema


# Helpers ------------------------------------------------------------------------------------------------

def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _run(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``cmd``; return (wall seconds, the finished process)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 - our own commands
    return time.perf_counter() - start, proc


def _median_ms(fn: Callable[[], object], runs: int, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def _fail(message: str, proc: subprocess.CompletedProcess[str] | None = None) -> None:
    detail = f"\n--- stdout ---\n{proc.stdout[-2000:]}\n--- stderr ---\n{proc.stderr[-2000:]}" if proc else ""
    raise SystemExit(f"bench/validate.py: {message}{detail}")


def _fmt_s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


class Tools:
    """The two command lines, built once."""

    def __init__(self, framework: Framework, today: dt.date):
        ep = shutil.which("evidencepack")
        self.evidencepack = [ep] if ep else [sys.executable, "-m", "evidencepack"]
        self.today = ["--today", today.isoformat()]
        cj = shutil.which("check-jsonschema")
        self.check_jsonschema = [cj] if cj else None
        self.schema = str(framework.schema_dir / "pack.schema.json")

    def ep_batch(self, folder: Path) -> list[str]:
        return [*self.evidencepack, "validate", "--format", "json", *self.today, str(folder)]

    def ep_one(self, file: Path) -> list[str]:
        return [*self.evidencepack, "validate", *self.today, str(file)]

    def cj(self, files: list[Path], *extra: str) -> list[str]:
        assert self.check_jsonschema is not None
        return [*self.check_jsonschema, *extra, "--schemafile", self.schema, *map(str, files)]


# Preflight: both tools must accept a good pack and reject a broken one --------------------------------

def preflight(tools: Tools, good: Path, work: Path) -> None:
    broken = work / "broken" / "broken.json"
    broken.parent.mkdir()
    data = json.loads(good.read_text(encoding="utf-8"))
    bad = copy.deepcopy(data)
    bad["evidence"][0]["id"] = "X1"  # violates the evidenceId pattern in defs.schema.json (a $ref'd file)
    broken.write_text(json.dumps(bad, indent=2), encoding="utf-8")

    _, proc = _run(tools.ep_one(good))
    if proc.returncode != 0:
        _fail(f"evidencepack rejected a good pack ({good.name}), exit code {proc.returncode}", proc)
    _, proc = _run(tools.ep_one(broken))
    if proc.returncode != 1 or "EP100" not in proc.stdout:
        _fail(f"evidencepack did not reject a broken pack (exit code {proc.returncode})", proc)
    if tools.check_jsonschema:
        _, proc = _run(tools.cj([good]))
        if proc.returncode != 0:
            _fail(f"check-jsonschema rejected a good pack, exit code {proc.returncode}", proc)
        _, proc = _run(tools.cj([broken]))
        if proc.returncode != 1 or "X1" not in proc.stdout + proc.stderr:
            _fail(f"check-jsonschema did not reject a broken pack (exit code {proc.returncode})", proc)


# 1. Many files, one process -----------------------------------------------------------------------------

def bench_batch(tools: Tools, folder: Path, files: list[Path]) -> dict[str, Any]:
    seconds, proc = _run(tools.ep_batch(folder))
    if proc.returncode not in (0, 1):
        _fail(f"evidencepack validate exited {proc.returncode}", proc)
    report = json.loads(proc.stdout)
    packs = report["packs"]
    if len(packs) != len(files) or {Path(p["path"]).name for p in packs} != {f.name for f in files}:
        _fail(f"evidencepack reported {len(packs)} packs, not the {len(files)} written", proc)
    out: dict[str, Any] = {
        "evidencepack_s": seconds,
        "evidencepack_exit": proc.returncode,
        "packs_reported": len(packs),
        "packs_valid": sum(p["valid"] for p in packs),
        "packs_scored": sum(p["score"] is not None for p in packs),
        "findings": sum(len(p["findings"]) for p in packs),
        "mean_score": statistics.fmean(p["score"]["overall"] for p in packs if p["score"]),
    }
    if tools.check_jsonschema:
        seconds, proc = _run(tools.cj(files, "-v", "-o", "json"))
        result = json.loads(proc.stdout)
        checked = result.get("checked_paths", [])
        if proc.returncode != 0 or result.get("status") != "ok" or len(checked) != len(files):
            _fail(f"check-jsonschema checked {len(checked)} of {len(files)} files (exit {proc.returncode})", proc)
        out |= {"check_jsonschema_s": seconds, "check_jsonschema_checked": len(checked),
                "ratio": seconds / out["evidencepack_s"]}
    return out


# 2. In process, one pack --------------------------------------------------------------------------------

def bench_in_process(framework: Framework, file: Path, today: dt.date, runs: int) -> dict[str, Any]:
    raw = file.read_bytes()
    options = CheckOptions(today=today)
    document = parse_bytes(raw, file.name, framework=framework)
    data = document.data
    result = check_document(data, options, framework)  # also warms the compiled validator
    if not result.valid or result.score is None:
        _fail(f"{file.name} is not a valid, scored pack in process")
    pack = Pack.model_validate(data)
    ctx_findings = run_checks(CheckContext(pack=pack, framework=framework, options=options))

    stages = {
        "parse: parse_bytes (JSON text -> PackDocument)": lambda: parse_bytes(raw, file.name, framework=framework),
        "  of which reading the JSON (jiter) alone": lambda: jiter.from_json(raw, catch_duplicate_keys=True),
        "schema: jsonschema-rs (schema_findings)": lambda: schema_findings(data, framework),
        "model: Pack.model_validate": lambda: Pack.model_validate(data),
        "content checks: run_checks": lambda: run_checks(
            CheckContext(pack=pack, framework=framework, options=options)
        ),
        "assessment: assess": lambda: assess(pack, options, framework, ctx_findings),
        "check_document (validate + score)": lambda: check_document(data, options, framework),
        # as report/json_report.py writes it: one line per pack, by pydantic's compiled JSON writer
        "report entry: contract() -> JSON": lambda: to_json(result.contract()),
    }
    medians = {name: _median_ms(fn, runs) for name, fn in stages.items()}
    parts = ("schema: jsonschema-rs (schema_findings)", "model: Pack.model_validate",
             "content checks: run_checks", "assessment: assess")
    return {
        "pack_bytes": len(raw),
        "findings": len(result.findings),
        "score": result.score.overall,
        "medians_ms": medians,
        "check_document_ms": medians["check_document (validate + score)"],
        "unaccounted_ms": medians["check_document (validate + score)"] - sum(medians[p] for p in parts),
    }


# 3. One file, whole process -----------------------------------------------------------------------------

def bench_single(tools: Tools, file: Path, runs: int) -> dict[str, Any]:
    commands: dict[str, list[str]] = {"evidencepack": tools.ep_one(file), "python -c pass": [sys.executable, "-c",
                                                                                          "pass"]}
    if tools.check_jsonschema:
        commands["check-jsonschema"] = tools.cj([file])
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for name, cmd in commands.items():  # warm-up: page cache, .pyc files
        _, proc = _run(cmd)
        if proc.returncode != 0:
            _fail(f"{name} failed on {file.name}", proc)
    for _ in range(runs):  # interleaved, so that a slow moment hits both tools alike
        for name, cmd in commands.items():
            seconds, proc = _run(cmd)
            if proc.returncode != 0:
                _fail(f"{name} failed on {file.name}", proc)
            samples[name].append(seconds)
    out: dict[str, Any] = {f"{name}_ms": statistics.median(s) * 1000 for name, s in samples.items()}
    if tools.check_jsonschema:
        out["ratio"] = out["check-jsonschema_ms"] / out["evidencepack_ms"]
    return out


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def import_profile(args: list[str], top: int = 8) -> dict[str, Any]:
    """``python -X importtime``: total, the heaviest top-level imports (cumulative) and modules (self)."""
    proc = subprocess.run(  # noqa: S603
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, check=False
    )
    rows = []
    for line in proc.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            own, cumulative, indent, name = match.groups()
            rows.append((name, int(own) / 1000, int(cumulative) / 1000, len(indent) // 2))
    top_level = [r for r in rows if r[3] == 0]
    return {
        "command": "python -X importtime " + " ".join(args),
        "total_ms": sum(r[2] for r in top_level),
        "top_cumulative": sorted(((n, c) for n, _, c, _ in top_level), key=lambda r: -r[1])[:top],
        "top_self": sorted(((n, s) for n, s, _, _ in rows), key=lambda r: -r[1])[:top],
    }


# Report -------------------------------------------------------------------------------------------------

def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("MET" if ok else "MISSED")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=1000, help="Packs to generate and validate (default 1000).")
    parser.add_argument("--runs", type=int, default=200, help="In-process runs per median (default 200).")
    parser.add_argument("--process-runs", type=int, default=10, help="Whole-process runs per tool (default 10).")
    parser.add_argument("--seed", type=int, default=2026, help="Seed of the pack generator (default 2026).")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="Date the packs are written and checked against, YYYY-MM-DD (default today).")
    parser.add_argument("--keep", type=Path, help="Write the packs here and keep them (default: a temp folder).")
    parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")
    parser.add_argument("--strict", action="store_true", help="Exit 1 when a target is missed.")
    args = parser.parse_args(argv)
    if args.packs < 1 or args.runs < 1 or args.process_runs < 1:
        parser.error("--packs, --runs and --process-runs must be at least 1")

    framework = load_framework()
    tools = Tools(framework, args.today)
    cj_version = _version("check-jsonschema")
    print("evidencepack validation benchmark")
    print(f"  date {dt.date.today()}, {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"  evidencepack {_version('evidencepack')}, jsonschema-rs {_version('jsonschema_rs')}, "
          f"pydantic {_version('pydantic')}; baseline check-jsonschema {cj_version} "
          f"(jsonschema {_version('jsonschema')})")
    if not tools.check_jsonschema:
        print("  check-jsonschema is not installed: baselines are skipped (pip install check-jsonschema)")

    with tempfile.TemporaryDirectory(prefix="evidencepack-bench-") as tmp:
        work = Path(tmp)
        folder = args.keep or work / "packs"
        start = time.perf_counter()
        files = write_packs(folder, args.packs, seed=args.seed, today=args.today)
        sample = make_pack(0, args.seed, args.today, framework)
        criteria = sum(1 for p in sample["principles"].values() for c in p["criteria"].values() if c.get("status"))
        sizes = [f.stat().st_size for f in files]
        print(f"\nGenerated {len(files)} packs in {_fmt_s(time.perf_counter() - start)} (seed {args.seed}, "
              f"today {args.today}): {len(framework.principles)} principles, {criteria} of "
              f"{len(framework.criteria)} criteria answered in pack 0, {len(sample['evidence'])} evidence items, "
              f"{len(sample['measures'])} measures, {len(sample['actions'])} actions; "
              f"{statistics.fmean(sizes) / 1024:.0f} KiB per pack on average, {sum(sizes) / 2**20:.1f} MiB in all")

        preflight(tools, files[0], work)
        print("Preflight: both tools accept pack 0 and reject a broken copy of it.")

        print(f"\n1. {len(files)} files, one process each tool")
        batch = bench_batch(tools, folder, files)
        print(f"   evidencepack validate --format json DIR: {_fmt_s(batch['evidencepack_s'])} "
              f"({batch['evidencepack_s'] / len(files) * 1000:.2f} ms per pack); {batch['packs_reported']} packs "
              f"reported, {batch['packs_valid']} valid, {batch['packs_scored']} scored "
              f"(mean score {batch['mean_score']:.1f}), {batch['findings']} findings, "
              f"exit {batch['evidencepack_exit']}")
        if "ratio" in batch:
            print(f"   check-jsonschema --schemafile pack.schema.json FILES...: {_fmt_s(batch['check_jsonschema_s'])} "
                  f"({batch['check_jsonschema_s'] / len(files) * 1000:.2f} ms per file); "
                  f"{batch['check_jsonschema_checked']} files checked, all valid")
            print(f"   ratio: evidencepack is {batch['ratio']:.1f}x faster (target >= {TARGET_BATCH_RATIO:g}x)")

        print(f"\n2. In process, one pack ({files[0].name}), median of {args.runs} runs")
        inproc = bench_in_process(framework, files[0], args.today, args.runs)
        print(f"   pack: {inproc['pack_bytes'] / 1024:.0f} KiB, score {inproc['score']}, {inproc['findings']} findings")
        for name, ms in inproc["medians_ms"].items():
            print(f"   {name:<48} {ms:8.3f} ms")
        print(f"   {'  (check_document minus its four stages)':<48} {inproc['unaccounted_ms']:8.3f} ms")

        print(f"\n3. One file, whole process, median of {args.process_runs} runs each")
        single = bench_single(tools, files[0], args.process_runs)
        for name in ("evidencepack", "check-jsonschema", "python -c pass"):
            if f"{name}_ms" in single:
                print(f"   {name:<20} {single[f'{name}_ms']:8.1f} ms")
        if "ratio" in single:
            print(f"   ratio: check-jsonschema / evidencepack = {single['ratio']:.2f} (target >= 1: no slower)")
        imports = import_profile(["-m", "evidencepack", "validate", *tools.today, str(files[0])])
        help_imports = import_profile(["-m", "evidencepack", "--help"])
        print(f"   {imports['command'].replace(str(files[0]), files[0].name)}: imports take "
              f"{imports['total_ms']:.0f} ms ({help_imports['total_ms']:.0f} ms for --help)")
        print("   heaviest top-level imports (cumulative): "
              + ", ".join(f"{n} {ms:.0f} ms" for n, ms in imports["top_cumulative"]))
        print("   heaviest modules (self): " + ", ".join(f"{n} {ms:.1f} ms" for n, ms in imports["top_self"]))

    batch_ok = batch["ratio"] >= TARGET_BATCH_RATIO if "ratio" in batch else None
    check_ok = inproc["check_document_ms"] < TARGET_CHECK_MS
    single_ok = single["ratio"] >= TARGET_SINGLE_RATIO if "ratio" in single else None
    baseline = f"check-jsonschema {cj_version}"
    rows = [
        ("Benchmark", "evidencepack", baseline, "ratio", "target", "result"),
        (f"1. validate {len(files)} files, 1 process", _fmt_s(batch["evidencepack_s"]),
         _fmt_s(batch["check_jsonschema_s"]) if "ratio" in batch else "-",
         f"{batch['ratio']:.1f}x" if "ratio" in batch else "-", f">= {TARGET_BATCH_RATIO:g}x faster",
         _verdict(batch_ok)),
        ("2. check_document, 1 pack (median)", f"{inproc['check_document_ms']:.2f} ms", "-", "-",
         f"< {TARGET_CHECK_MS:g} ms", _verdict(check_ok)),
        ("3. validate 1 file, whole process", f"{single['evidencepack_ms']:.0f} ms",
         f"{single['check-jsonschema_ms']:.0f} ms" if "ratio" in single else "-",
         f"{single['ratio']:.2f}x" if "ratio" in single else "-", "no slower (>= 1x)", _verdict(single_ok)),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    print("\nSummary (ratio = baseline time / evidencepack time)")
    for index, row in enumerate(rows):
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if index == 0:
            print("  " + "  ".join("-" * width for width in widths))

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "date": dt.date.today().isoformat(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "check_jsonschema": cj_version, "packs": len(files), "seed": args.seed,
            "batch": batch, "in_process": inproc, "single": single, "imports": imports, "help_imports": help_imports,
            "targets_met": {"batch": batch_ok, "check_document": check_ok, "single": single_ok},
        }, indent=2), encoding="utf-8")
    missed = [ok for ok in (batch_ok, check_ok, single_ok) if ok is False]
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
