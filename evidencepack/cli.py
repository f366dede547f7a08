"""The command line: a thin face over the Python API. Exit codes are in exit_codes.py."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import click

from evidencepack.exit_codes import ExitCode

PACK_SUFFIXES = (".json", ".yaml", ".yml")
DEBUG_ENV = "EVIDENCEPACK_DEBUG"


def _pack_files(paths: tuple[str, ...]) -> list[Path]:
    """Files named directly, and the JSON/YAML files under folders named (hidden folders skipped)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in candidate.relative_to(path).parts)
                if candidate.is_file() and candidate.suffix.lower() in PACK_SUFFIXES and not hidden:
                    found.append(candidate)
        elif path.exists():
            found.append(path)
        else:
            raise click.UsageError(f"{raw}: no such file or folder")
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evidencepack")
def main() -> None:
    """Build, check and export evidence that an innovation meets CQC's six principles of innovation."""


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Checking many packs makes many short-lived objects that reference counting frees, and keeps every result
    for the report: at the default thresholds the cycle collector rescans that growing heap hundreds of times and
    finds nothing (a tenth of a 1,000-pack run in bench/validate.py). It still runs, less often."""
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "github"]), default="text",
              show_default=True, help="Report format.")
@click.option("--min-score", type=click.FloatRange(0, 100), help="Fail a pack scoring below this (0-100).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Lowest finding severity that fails a pack.")
@click.option("--max-evidence-age-days", type=click.IntRange(1), help="Flag evidence older than this.")
@click.option("--ready-threshold", type=click.FloatRange(0, 100), help="Score for the 'ready' band.")
@click.option("--nearly-ready-threshold", type=click.FloatRange(0, 100), help="Score for 'nearly ready'.")
@click.option("--max-bytes", type=click.IntRange(1), help="Largest pack file read (default 20 MB).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check dates as if today were this day.")
@click.option("--no-file-checks", is_flag=True, help="Do not check evidence files on disk.")
@click.option("--show-info", is_flag=True, help="List completeness notes in the text report.")
@click.option("--schemas", "schema_dir", type=click.Path(file_okay=False, exists=True),
              help="Use the framework from this schema folder instead of the built-in one.")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True),
              help="An earlier version of the (one) pack: fail if a band drops or a new error appears.")
def validate(paths: tuple[str, ...], fmt: str, min_score: float | None, fail_on: str,
             max_evidence_age_days: int | None, ready_threshold: float | None,
             nearly_ready_threshold: float | None, max_bytes: int | None, today: dt.datetime | None,
             no_file_checks: bool, show_info: bool, schema_dir: str | None, baseline: str | None) -> None:
    """Validate and assess packs (files or folders of .json/.yaml files)."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.findings import Severity
    from evidencepack.framework import load_framework
    from evidencepack.options import CheckOptions
    from evidencepack.report import REPORTERS
    from evidencepack.report.run import Gate, RunResult
    from evidencepack.report.text import render as render_text
    from evidencepack.result import check_path

    files = _pack_files(paths)
    if not files:
        raise click.UsageError("no .json, .yaml or .yml pack files found in the paths given")
    if baseline and len(files) != 1:
        raise click.UsageError("--baseline compares one pack with its earlier version: give one pack")
    settings = {
        "evidence_max_age_days": max_evidence_age_days,
        "ready_threshold": ready_threshold,
        "nearly_ready_threshold": nearly_ready_threshold,
        "check_files": not no_file_checks,
        "schema_dir": Path(schema_dir) if schema_dir else None,
    }
    if today:
        settings["today"] = today.date()
    options = CheckOptions(**{k: v for k, v in settings.items() if v is not None})
    framework = load_framework(options.schema_dir)
    results = []
    with _fewer_collections():
        for file in files:
            try:
                results.append(check_path(file, options, framework, max_bytes=max_bytes))
            except OSError as exc:
                click.echo(f"evidencepack: cannot read {file}: {exc.strerror or exc}", err=True)
                sys.exit(ExitCode.USAGE_OR_IO)
    regressions: dict[str, list[str]] = {}
    if baseline:
        # loaded when this command runs, so that the other commands start fast
        from evidencepack.diff import regressions as find_regressions

        try:
            old = check_path(baseline, options, framework, max_bytes=max_bytes)
        except OSError as exc:
            click.echo(f"evidencepack: cannot read {baseline}: {exc.strerror or exc}", err=True)
            sys.exit(ExitCode.USAGE_OR_IO)
        regressions[results[0].path] = find_regressions(old, results[0])
    run = RunResult(results=results, gate=Gate(min_score=min_score, fail_on=Severity(fail_on)),
                    regressions=regressions)
    output = render_text(run, show_info=show_info) if fmt == "text" else REPORTERS[fmt](run)
    click.echo(output, nl=False)
    sys.exit(ExitCode.PASSED if run.passed else ExitCode.PACK_FAILED)


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), help="Default: from -o's suffix, else json.")
@click.option("--title", default="", help="The pack's title.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(output: str | None, fmt: str | None, title: str, force: bool) -> None:
    """Write a blank pack to start from."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.atomic import write_atomic
    from evidencepack.blank import blank_pack, dump_pack

    fmt = fmt or ("yaml" if output and output.lower().endswith((".yaml", ".yml")) else "json")
    text = dump_pack(blank_pack(title=title, pack_id=str(uuid.uuid4())), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    if os.path.exists(output) and not force:
        raise click.UsageError(f"{output} exists; use --force to overwrite it")
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        click.echo(f"evidencepack: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)
    click.echo(f"Wrote a blank pack to {output}", err=True)


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Every rule.")
@click.option("--markdown", is_flag=True, help="As the Markdown of docs/rules.md.")
def explain(code: str | None, show_all: bool, markdown: bool) -> None:
    """Explain a finding code, such as EP202."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.findings import rules
    from evidencepack.rules_doc import rule_markdown, rule_text, rules_markdown

    if show_all or (markdown and not code):
        click.echo(rules_markdown() if markdown else "\n".join(rule_text(r) for r in rules().values()), nl=False)
        return
    if not code:
        raise click.UsageError("give a code such as EP202, or --all")
    rule = rules().get(code.strip().upper())
    if rule is None:
        raise click.UsageError(f"unknown code {code!r}; 'evidencepack explain --all' lists them")
    click.echo(rule_markdown(rule) if markdown else rule_text(rule), nl=False)


@main.command()
@click.option("--bundle", is_flag=True, help="Print one self-contained schema (all files inlined).")
@click.option("--criteria", is_flag=True, help="List the principles and criteria with their weights.")
@click.option("--schemas", "schema_dir", type=click.Path(file_okay=False, exists=True), help="Schema folder.")
def schema(bundle: bool, criteria: bool, schema_dir: str | None) -> None:
    """Where the schemas are, or the bundled schema, or the criteria they define."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.framework import load_framework

    framework = load_framework(schema_dir)
    if bundle:
        click.echo(json.dumps(framework.bundled_schema(), indent=2, ensure_ascii=False))
    elif criteria:
        for principle in framework.principles:
            click.echo(f"{principle.number}. {principle.key}: {principle.title} (weight {principle.weight:g})")
            for criterion in principle.criteria:
                click.echo(
                    f"   {criterion.id}: {criterion.title} "
                    f"(weight {criterion.weight:g}, min evidence {criterion.min_evidence})"
                )
    else:
        click.echo(str(framework.schema_dir / "pack.schema.json"))


@main.command()
@click.argument("old", type=click.Path(dir_okay=False, exists=True))
@click.argument("new", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), help="Check dates as if today were this day.")
@click.option("--no-file-checks", is_flag=True, help="Do not check evidence files on disk.")
def diff(old: str, new: str, fmt: str, today: dt.datetime | None, no_file_checks: bool) -> None:
    """Say what changed between two versions of a pack: bands, criterion scores, claims and findings.

    Exits 0 when nothing got worse, 1 when a band dropped or a new error appeared.
    """
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.diff import diff as pack_diff
    from evidencepack.options import CheckOptions
    from evidencepack.result import check_path

    settings: dict = {"check_files": not no_file_checks}
    if today:
        settings["today"] = today.date()
    options = CheckOptions(**settings)
    try:
        before, after = check_path(old, options), check_path(new, options)
    except OSError as exc:
        click.echo(f"evidencepack: cannot read {exc.filename}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)
    result = pack_diff(before, after)
    if fmt == "json":
        click.echo(json.dumps({"old": old, "new": new, **result.to_json()}, ensure_ascii=False, indent=2))
    else:
        click.echo(f"{old} → {new}: {len(result.changes)} change(s)")
        for change in result.changes:
            click.echo(f"  {'WORSE ' if change.worse else ''}{change.words()}")
        if result.regressions:
            click.echo(f"  {len(result.regressions)} regression(s): a band dropped or a new error appeared")
    sys.exit(ExitCode.PACK_FAILED if result.regressions else ExitCode.PASSED)


@main.command()
@click.argument("pack", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write here (default: standard output).")
@click.option("--in-place", is_flag=True, help="Rewrite PACK itself (atomically).")
def migrate(pack: str, output: str | None, in_place: bool) -> None:
    """Upgrade a pack written for an older schema version and write the upgraded file."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.atomic import write_atomic
    from evidencepack.blank import dump_pack
    from evidencepack.load import LoadError, load
    from evidencepack.migrate import CURRENT, upgrade, version_of

    if in_place and output:
        raise click.UsageError("give -o/--output or --in-place, not both")
    try:
        document = load(pack)
    except LoadError as exc:
        f = exc.finding
        click.echo(f"evidencepack: {pack}: {f.code} {f.message}", err=True)
        sys.exit(ExitCode.PACK_FAILED)
    except OSError as exc:
        click.echo(f"evidencepack: cannot read {pack}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)
    before = version_of(document.data)
    data, changes = upgrade(document.data)
    target = pack if in_place else output
    fmt = "yaml" if (target or pack).lower().endswith((".yaml", ".yml")) else "json"
    text = dump_pack(data, fmt)
    if target is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(target, text.encode("utf-8"))
        except OSError as exc:
            click.echo(f"evidencepack: cannot write {target}: {exc.strerror or exc}", err=True)
            sys.exit(ExitCode.USAGE_OR_IO)
    said = "; ".join(changes) if changes else f"already at schema version {before} (current {CURRENT}); unchanged"
    click.echo(f"{pack}: {said}" + (f"; wrote {target}" if target else ""), err=True)


def _register_optional_commands() -> None:
    """Commands whose modules import heavy libraries only when they run."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.ui_launch import ui_command

    main.add_command(ui_command, "ui")
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.store_commands import store_group

    main.add_command(store_group, "store")
    try:
        # loaded when this command runs, so that the other commands start fast
        from evidencepack.export_commands import bundle_command, export_command, verify_command
    except ImportError:
        return
    main.add_command(export_command, "export")
    main.add_command(verify_command, "verify")
    main.add_command(bundle_command, "bundle")


def run() -> None:
    """Entry point: no input makes this print a traceback (set EVIDENCEPACK_DEBUG=1 to see one)."""
    _register_optional_commands()
    try:
        main.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - last line of defence for the promise above
        if os.environ.get(DEBUG_ENV):
            raise
        click.echo(f"evidencepack: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo(f"Please report this; set {DEBUG_ENV}=1 for details.", err=True)
        sys.exit(ExitCode.USAGE_OR_IO)


if __name__ == "__main__":
    run()
