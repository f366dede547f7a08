"""The export, verify and bundle commands (a thin face over ``export_docx``, ``verify_bytes``, ``build_bundle``).

The lead registers ``export_command``, ``verify_command`` and ``bundle_command`` on the ``evidencepack``
group; ``python -m evidencepack.export.commands`` runs them on their own. Every error is one line on stderr
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
    from evidencepack.load import LoadError, load

    try:
        return load(path)
    except LoadError as exc:
        _fail(f"{exc.finding.code}: {exc.finding.message}", ExitCode.USAGE_OR_IO)
    except OSError as exc:
        _fail(f"{path}: {exc.strerror or exc}", ExitCode.USAGE_OR_IO)


def _options(document: Any) -> Any:
    from evidencepack.export.document import ExportOptions
    from evidencepack.options import CheckOptions

    base_dir = document.base_dir if document.format != "docx" else None
    return ExportOptions(check=CheckOptions(base_dir=base_dir))


def _write(path: Path, content: bytes) -> None:
    from evidencepack.atomic import write_atomic

    try:
        write_atomic(path, content)
    except OSError as exc:
        _fail(f"{path}: cannot write ({exc.strerror or exc})", ExitCode.USAGE_OR_IO)


@click.command("export")
@click.argument("pack", type=_PACK)
@click.option("-o", "--output", required=True, type=_PACK, help="The .docx file to write.")
@click.option("--template", type=_PACK, help="A .docx or .dotx whose styles, headers and page set-up to use.")
def export_command(pack: Path, output: Path, template: Path | None) -> None:
    """Export PACK (JSON, YAML or an exported .docx) as an accessible Word document."""
    from evidencepack.export.document import export_docx
    from evidencepack.export.errors import ExportError

    document = _load(pack)
    try:
        content = export_docx(document.data, template=template, options=_options(document))
    except ExportError as exc:
        _fail(str(exc), ExitCode.USAGE_OR_IO)
    _write(output, content)
    click.echo(f"wrote {output} ({len(content):,} bytes; pack SHA-256 {document.sha256})")


@click.command("verify")
@click.argument("file", type=_PACK)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def verify_command(file: Path, fmt: str) -> None:
    """Check that an exported .docx (or a bundle .zip) and the pack inside it agree.

    Exit 0 when they agree, 1 when they do not, 2 when the file cannot be read.
    """
    from evidencepack.export.verify import verify_bytes

    try:
        raw = file.read_bytes()
    except OSError as exc:
        _fail(f"{file}: {exc.strerror or exc}", ExitCode.USAGE_OR_IO)
    report = verify_bytes(raw, str(file))
    click.echo(json.dumps(report.to_json(), indent=2) if fmt == "json" else report.to_text())
    sys.exit(int(ExitCode.PASSED if report.ok else ExitCode.PACK_FAILED))


@click.command("bundle")
@click.argument("pack", type=_PACK)
@click.option("-o", "--output", required=True, type=_PACK, help="The .zip file to write.")
@click.option("--template", type=_PACK, help="A .docx or .dotx for the Word export inside the bundle.")
def bundle_command(pack: Path, output: Path, template: Path | None) -> None:
    """Bundle PACK, its Word export and every evidence file it names into one .zip with a manifest."""
    from evidencepack.export.bundle import build_bundle
    from evidencepack.export.errors import BundleError, ExportError

    document = _load(pack)
    base_dir = document.base_dir or Path.cwd()
    try:
        content = build_bundle(document.data, base_dir, template=template, options=_options(document))
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
