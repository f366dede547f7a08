"""Export one pack as the inspection-ready Word document.

The export first computes the document as data (``build.build_model``: a ``DocumentModel`` made by the section
builders from the pack as given, the framework and the result of the checks), then the Word writer renders it.
Nothing in the pack is dropped: a gap is written as a gap, and the pack travels inside the file (see ``embed``).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from typing import Any

from evidencepack.canonical import content_sha256
from evidencepack.export.assessment_view import check_for_document, file_findings
from evidencepack.export.build import build_model
from evidencepack.export.embed import attach_pack, pack_json
from evidencepack.export.errors import ExportError
from evidencepack.export.gate import ExportOverride, ExportRefused, blocking, recorded_override, with_override
from evidencepack.export.render_record import RenderRecord
from evidencepack.export.styles import prepare_styles
from evidencepack.export.template import Template, open_document
from evidencepack.export.word_writer import write_model
from evidencepack.findings import Finding
from evidencepack.framework import Framework, load_framework
from evidencepack.load import structure_problem
from evidencepack.options import CheckOptions


@dataclass(frozen=True)
class ExportOptions:
    """Settings for one export. ``generated_at`` defaults to now (UTC); fix it for reproducible output.

    ``override`` lets a pack with error-level findings be exported: it is recorded in the exported copy of the
    pack (``metadata.export_override``) and stated in the document. Without it such a pack is refused
    (``ExportRefused``). It is not needed, and not recorded, when the pack has no error-level finding.
    """

    check: CheckOptions = field(default_factory=CheckOptions)
    generated_at: dt.datetime | None = None
    framework: Framework | None = None
    override: ExportOverride | None = None


@dataclass(frozen=True)
class Exported:
    """One export: the .docx bytes, the pack as it travels inside them, and the findings it was exported despite
    (empty unless an override was used)."""

    content: bytes
    data: dict[str, Any]
    overridden: tuple[Finding, ...] = ()
    render: str = ""  # how the document was made (``RenderRecord`` JSON), for a PDF made from it


def export_docx(
    pack_data: dict[str, Any], *, template: Template | None = None, options: ExportOptions | None = None
) -> bytes:
    """The Word document (.docx bytes) for a pack, carrying the pack inside it.

    ``template`` is a provider's .docx or .dotx (bytes or a path) whose styles, page set-up, headers and
    footers are used; its body is replaced. Raises ExportRefused (an ExportError) when the pack has an
    error-level finding and ``options.override`` is not given, ExportError otherwise (TemplateError for a bad
    template).
    """
    return export_pack(pack_data, template=template, options=options).content


def export_pack(
    pack_data: dict[str, Any], *, template: Template | None = None, options: ExportOptions | None = None
) -> Exported:
    """As ``export_docx``, also returning the pack as embedded (with the override recorded, when one was used:
    a bundle's ``pack.json`` must be this copy) and the error-level findings the override covered."""
    if not isinstance(pack_data, dict):
        raise ExportError(f"a pack is an object with the pack's sections, not {type(pack_data).__name__}")
    options = options or ExportOptions()
    framework = options.framework or load_framework(options.check.schema_dir)
    generated_at = options.generated_at or dt.datetime.now(dt.UTC)
    if generated_at.tzinfo is None:
        generated_at = generated_at.replace(tzinfo=dt.UTC)
    problem = structure_problem(pack_data, framework)
    if problem:  # values JSON cannot hold, or nesting past the schema's: no override makes these exportable
        raise ExportError(f"cannot export: {problem[1]}")
    pack_data = _as_embedded(pack_data)
    result = check_for_document(pack_data, options.check, framework)
    errors = blocking(result.findings)
    if errors:
        if options.override is None:
            raise ExportRefused(errors, recorded_override(pack_data))
        pack_data = _as_embedded(with_override(pack_data, options.override))
        result = check_for_document(pack_data, options.check, framework)  # what the embedded pack re-validates to
        errors = blocking(result.findings)
    try:
        sha256 = content_sha256(pack_data)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExportError(f"cannot export: the pack holds a value JSON cannot hold ({exc})") from None
    record = RenderRecord.of(framework, generated_at.astimezone(dt.UTC), options.check,
                             file_findings(pack_data, result, options.check, framework))
    model = build_model(pack_data, framework, result, record, sha256)
    document = open_document(template)
    styles = prepare_styles(document, house=template is None)
    write_model(document, styles, model)
    attach_pack(document, pack_data, record.to_json())
    out = io.BytesIO()
    document.save(out)
    return Exported(out.getvalue(), pack_data, tuple(errors), record.to_json())


def _as_embedded(data: dict[str, Any]) -> dict[str, Any]:
    """The pack as it travels inside the file (keys sorted). The document is made from this copy, so that verify,
    which reads it back, makes the same words (a validator lists unexpected keys in the order it meets them)."""
    try:
        return json.loads(pack_json(data))
    except RecursionError:
        raise ExportError("cannot export: the pack is nested too deeply") from None
