"""``evidencepack store ...``: the store from the command line, over the same workflow functions the app uses.

The database is chosen as for ``evidencepack ui``: ``--database-url``, else ``$EVIDENCEPACK_DATABASE_URL``, else
the SQLite file in the user's data folder. Every error is one line on stderr and an exit code from ``ExitCode``.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from evidencepack.exit_codes import ExitCode

DATABASE_URL_ENV = "EVIDENCEPACK_DATABASE_URL"
USER_ENV = "EVIDENCEPACK_USER"
_FILE = click.Path(dir_okay=False, path_type=Path)


def _fail(message: str, code: ExitCode = ExitCode.USAGE_OR_IO) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(int(code))


@contextmanager
def _store(ctx: click.Context) -> Iterator[Any]:
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.store import StoreError, open_store

    try:
        with open_store(ctx.obj.get("url")) as store:
            yield store
    except StoreError as exc:
        _fail(str(exc))


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return ""


@click.group("store")
@click.option("--database-url", envvar=DATABASE_URL_ENV, metavar="URL",
              help=f"Database to use (default: ${DATABASE_URL_ENV}, else the SQLite file in your data folder).")
@click.pass_context
def store_group(ctx: click.Context, database_url: str | None) -> None:
    """The packs kept by the app: list, import, export and read their history."""
    ctx.obj = {"url": database_url or None}


@store_group.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include archived packs.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of objects.")
@click.pass_context
def list_command(ctx: click.Context, show_all: bool, as_json: bool) -> None:
    """The stored packs, most recently saved first."""
    with _store(ctx) as store:
        packs = store.list_packs(include_archived=show_all)
    if as_json:
        click.echo(json.dumps([{
            "id": p.id, "title": p.title, "version": p.current_version, "saved_at": p.saved_at.isoformat(),
            "saved_by": p.saved_by, "archived": p.archived,
        } for p in packs], indent=2, ensure_ascii=False))
        return
    if not packs:
        click.echo("No packs stored yet.", err=True)
    for p in packs:
        archived = " (archived)" if p.archived else ""
        click.echo(f"{p.id}  v{p.current_version}  {p.saved_at:%Y-%m-%d %H:%M}  {p.title or '(untitled)'}{archived}")


@store_group.command("import")
@click.argument("path", type=_FILE)
@click.option("--by", "saved_by", envvar=USER_ENV, metavar="NAME",
              help=f"Who is importing, saved with the version (default: ${USER_ENV}, else your login name).")
@click.option("--json", "as_json", is_flag=True, help='Print {"id": ...} instead of the bare id.')
@click.pass_context
def import_command(ctx: click.Context, path: Path, saved_by: str | None, as_json: bool) -> None:
    """Store the pack in PATH (JSON, YAML, or an exported .docx or bundle) as a new pack; print its id."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.load import LoadError
    from evidencepack.store import StoreError
    from evidencepack.workflow.stored import import_bytes

    who = (saved_by or _default_user()).strip()
    if not who:
        _fail(f"say who is importing with --by NAME (or ${USER_ENV})")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}")
    with _store(ctx) as store:
        try:
            pack_id = import_bytes(store, raw, path.name, saved_by=who)
        except LoadError as exc:
            _fail(f"{path}: {exc.finding.code}: {exc.finding.message}")
        except StoreError as exc:
            _fail(f"{path}: {exc}")
    click.echo(json.dumps({"id": pack_id}) if as_json else pack_id)


@store_group.command("export")
@click.argument("pack_id", metavar="ID")
@click.option("-o", "--output", required=True, type=_FILE,
              help="The file to write: .json or .yaml for the pack, .docx with --docx.")
@click.option("--docx", is_flag=True, help="Write the Word document instead of the pack.")
@click.option("--version", "number", type=click.IntRange(1), help="A saved version (default: the latest).")
@click.option("--override-reason", metavar="TEXT",
              help="With --docx: export despite error-level findings, for this reason (stated in the document).")
@click.option("--override-by", metavar="NAME", help="Who decided the override (default: the pack's prepared_by).")
@click.pass_context
def export_command(ctx: click.Context, pack_id: str, output: Path, docx: bool, number: int | None,
                   override_reason: str | None, override_by: str | None) -> None:
    """Write stored pack ID to a file: the pack as JSON or YAML, or (with --docx) its Word document."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.atomic import write_atomic
    from evidencepack.store import StoreError
    from evidencepack.workflow import stored

    with _store(ctx) as store:
        try:
            _info, content = store.get_version(pack_id, number) if number else store.latest(pack_id)
        except StoreError as exc:
            _fail(str(exc))
    if not docx and output.suffix.lower() in (".docx", ".zip"):
        _fail(f"{output} is a Word or bundle name: add --docx for the Word document, or write .json or .yaml")
    if docx:
        payload = _docx(content, override_reason, override_by)
        _record_export(ctx, pack_id, _info.number, override_reason)
    else:
        if override_reason or override_by:
            _fail("--override-reason and --override-by are used with --docx only")
        fmt = "yaml" if output.suffix.lower() in (".yaml", ".yml") else "json"
        payload = stored.pack_text(content, fmt).encode("utf-8")
    try:
        write_atomic(output, payload)
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    click.echo(f"wrote {output} ({len(payload):,} bytes)", err=True)


def _record_export(ctx: click.Context, pack_id: str, number: int, reason: str | None) -> None:
    """The export is a milestone in the pack's log (who: $EVIDENCEPACK_USER, else the login name)."""
    detail = {"what": "Word document (command line)", **({"override_reason": reason} if reason else {})}
    with _store(ctx) as store:
        store.record_event(pack_id, "exported", by=_default_by(), version=number, detail=detail)


def _default_by() -> str:
    # loaded when this command runs, so that the other commands start fast
    import os

    return (os.environ.get(USER_ENV) or _default_user() or "command line").strip()


def _docx(content: dict[str, Any], reason: str | None, by: str | None) -> bytes:
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.errors import ExportError
    from evidencepack.export.gate import ExportRefused, OverrideError
    from evidencepack.workflow import decide_override
    from evidencepack.workflow.stored import docx_bytes

    override = None
    if reason is not None:
        try:
            override = decide_override(content, reason, by)
        except OverrideError as exc:
            _fail(f"cannot record the override: {exc}")
    elif by is not None:
        _fail("--override-by is only used with --override-reason")
    try:
        return docx_bytes(content, override)
    except ExportRefused as exc:
        click.echo(f"error: {exc.args[0] if exc.args else exc} (nothing was written)", err=True)
        click.echo("Fix them, or export anyway with --override-reason TEXT (and --override-by NAME).", err=True)
        sys.exit(int(ExitCode.PACK_FAILED))
    except ExportError as exc:
        _fail(str(exc))
    raise AssertionError("unreachable")


@store_group.command("history")
@click.argument("pack_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of objects.")
@click.pass_context
def history_command(ctx: click.Context, pack_id: str, as_json: bool) -> None:
    """Every saved version of stored pack ID: number, when, who, and the note."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.store import StoreError
    from evidencepack.workflow.stored import history

    with _store(ctx) as store:
        try:
            lines = history(store, pack_id)
        except StoreError as exc:
            _fail(str(exc))
    if as_json:
        click.echo(json.dumps([line.to_json() for line in lines], indent=2, ensure_ascii=False))
        return
    for line in lines:
        note = f"  {line.note}" if line.note else ""
        click.echo(f"version {line.number}  {line.saved_at}  {line.saved_by}{note}")
