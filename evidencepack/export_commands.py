"""The export, verify and bundle commands (a thin face over ``export_docx``, ``verify_path``, ``build_bundle``).

The lead registers ``export_command``, ``verify_command`` and ``bundle_command`` on the ``evidencepack``
group; ``python -m evidencepack.export_commands`` runs them on their own. Every error is one line on stderr
and an exit code from ``ExitCode``; python-docx is imported only inside the command bodies.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from evidencepack.exit_codes import ExitCode

_PACK = click.Path(dir_okay=False, path_type=Path)


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(int(code))


def _load(path: Path) -> Any:
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.load import LoadError, load

    try:
        return load(path)
    except LoadError as exc:
        _fail(f"{exc.finding.code}: {exc.finding.message}", ExitCode.USAGE_OR_IO)
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}", ExitCode.USAGE_OR_IO)


def _options(document: Any, override: Any = None) -> Any:
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.document import ExportOptions
    from evidencepack.options import CheckOptions

    base_dir = document.base_dir if document.format != "docx" else None
    return ExportOptions(check=CheckOptions(base_dir=base_dir), override=override)


def _write(path: Path, content: bytes) -> None:
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.atomic import write_atomic

    try:
        write_atomic(path, content)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})", ExitCode.USAGE_OR_IO)


def _override(document: Any, reason: str | None, by: str | None) -> Any:
    """The override asked for on the command line, by the workflow's rule (the app uses the same)."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.gate import OverrideError
    from evidencepack.workflow.overrides import decide_override, prepared_by

    if reason is None:
        if by is not None:
            _fail("--override-by is only used with --override-reason", ExitCode.USAGE_OR_IO)
        return None
    if by is None and prepared_by(document.data) is None:
        _fail("--override-by NAME is needed: the pack does not name who prepared it", ExitCode.USAGE_OR_IO)
    try:
        return decide_override(document.data, reason, by)
    except OverrideError as exc:
        _fail(f"cannot record the override: {exc}", ExitCode.USAGE_OR_IO)


def _refused(exc: Any) -> None:
    """The gate said no: name every error-level finding, say how to go on, exit 1 (a pack failed)."""
    count = len(exc.findings)
    click.echo(f"error: the pack has {count} error-level finding{'s' if count != 1 else ''}, so it was not "
               "exported (nothing was written):", err=True)
    for line in exc.lines():
        click.echo(f"  {line}", err=True)
    earlier = exc.earlier_text()
    if earlier:
        click.echo(f"note: {earlier}", err=True)
    click.echo("Fix them (`evidencepack validate PACK` shows how), or export anyway with --override-reason TEXT "
               "(and --override-by NAME): the document then states who, when, why and these findings.", err=True)
    sys.exit(int(ExitCode.PACK_FAILED))


def _export(document: Any, template: Path | None, override: Any) -> Any:
    """Export through the gate; on success, warn when an override was used (or say it was not needed)."""
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.document import export_pack
    from evidencepack.export.errors import ExportError
    from evidencepack.export.gate import ExportRefused, finding_line

    try:
        exported = export_pack(document.data, template=template, options=_options(document, override))
    except ExportRefused as exc:
        _refused(exc)
    except ExportError as exc:
        _fail(str(exc), ExitCode.USAGE_OR_IO)
    if exported.overridden:
        count = len(exported.overridden)
        click.echo(f"warning: exported despite {count} error-level finding{'s' if count != 1 else ''}; override "
                   f"recorded in the document by {override.by} on {override.date.isoformat()}: {override.reason}",
                   err=True)
        for found in exported.overridden:
            click.echo(f"  {finding_line(found)}", err=True)
    elif override is not None:
        click.echo("note: the pack has no error-level findings, so no override was needed or recorded", err=True)
    return exported


_OVERRIDE_REASON = click.option(
    "--override-reason", metavar="TEXT",
    help="Export even though the pack has error-level findings, for this reason. The reason, who gave it and "
    "today's date are recorded in the exported pack (metadata.export_override) and stated in the document.",
)
_OVERRIDE_BY = click.option(
    "--override-by", metavar="NAME", help="Who decided the override (default: the pack's prepared_by name)."
)


@click.command("export")
@click.argument("pack", type=_PACK)
@click.option("-o", "--output", required=True, type=_PACK, help="The .docx (or, with --pdf, .pdf) file to write.")
@click.option("--template", type=_PACK, help="A .docx or .dotx whose styles, headers and page set-up to use.")
@click.option("--pdf", "as_pdf", is_flag=True,
              help="Write a tagged, accessible PDF with the pack attached (needs LibreOffice) instead of Word.")
@_OVERRIDE_REASON
@_OVERRIDE_BY
def export_command(
    pack: Path, output: Path, template: Path | None, as_pdf: bool, override_reason: str | None,
    override_by: str | None,
) -> None:
    """Export PACK (JSON, YAML or an exported .docx) as an accessible Word document, or with --pdf a PDF.

    A pack with an error-level finding is refused (exit 1) unless --override-reason is given.
    """
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.canonical import content_sha256

    document = _load(pack)
    exported = _export(document, template, _override(document, override_reason, override_by))
    content = exported.content
    if as_pdf:
        # loaded when this command runs, so that the other commands start fast
        from evidencepack.export.errors import ExportError
        from evidencepack.export.pdf import export_pdf

        try:
            content = export_pdf(exported.content, exported.data, exported.render)
        except ExportError as exc:
            _fail(str(exc), ExitCode.USAGE_OR_IO)
    _write(output, content)
    click.echo(f"wrote {output} ({len(content):,} bytes; pack SHA-256 {content_sha256(exported.data)})")


@click.command("verify")
@click.argument("file", type=_PACK)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def verify_command(file: Path, fmt: str) -> None:
    """Check that an exported .docx (or a bundle .zip, or a PDF from export --pdf) and the pack inside it agree.

    Exit 0 when they agree, 1 when they do not, 2 when the file cannot be read.
    """
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.verify import verify_path

    try:
        report = verify_path(file)
    except OSError as exc:
        _fail(f"{file}: {exc.strerror or exc}", ExitCode.USAGE_OR_IO)
    click.echo(json.dumps(report.to_json(), indent=2) if fmt == "json" else report.to_text())
    sys.exit(int(ExitCode.PASSED if report.ok else ExitCode.PACK_FAILED))


@click.command("bundle")
@click.argument("pack", type=_PACK)
@click.option("-o", "--output", required=True, type=_PACK, help="The .zip file to write.")
@click.option("--template", type=_PACK, help="A .docx or .dotx for the Word export inside the bundle.")
@_OVERRIDE_REASON
@_OVERRIDE_BY
def bundle_command(
    pack: Path, output: Path, template: Path | None, override_reason: str | None, override_by: str | None
) -> None:
    """Bundle PACK, its Word export and every evidence file it names into one .zip with a manifest.

    A pack with an error-level finding is refused (exit 1) unless --override-reason is given, as for export.
    """
    # loaded when this command runs, so that the other commands start fast
    from evidencepack.export.bundle import build_bundle, evidence_files
    from evidencepack.export.errors import BundleError, ExportError

    document = _load(pack)
    override = _override(document, override_reason, override_by)
    base_dir = document.base_dir or Path.cwd()
    try:  # the bundle's own account of missing, changed or escaping files comes before the export gate's
        evidence_files(document.data, base_dir)
    except BundleError as exc:
        _fail(str(exc), ExitCode.PACK_FAILED)
    exported = _export(document, template, override)
    try:
        # pack.json is the pack as embedded in the document (with the override, when one was used)
        content = build_bundle(exported.data, base_dir, document=exported.content,
                               options=_options(document, override))
    except BundleError as exc:
        _fail(str(exc), ExitCode.PACK_FAILED)
    except ExportError as exc:
        _fail(str(exc), ExitCode.USAGE_OR_IO)
    _write(output, content)
    click.echo(f"wrote {output} ({len(content):,} bytes)")


@click.group()
def main() -> None:
    """evidencepack export commands (run on their own until they join the main CLI)."""


main.add_command(export_command)
main.add_command(verify_command)
main.add_command(bundle_command)

if __name__ == "__main__":
    main()
