"""Export one pack as the inspection-ready Word document.

The export first computes the document as data (``build_model``: a ``DocumentModel`` made by the section
builders ``sections_front``, ``sections_principles`` and ``sections_back`` from the pack as given, the
framework and the result of ``check_document``), then the Word writer renders it. Nothing in the pack is
dropped: a gap is written as a gap, and the pack itself travels inside the file (see ``embed``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from evidencepack.canonical import content_sha256
from evidencepack.export import sections_back, sections_front, sections_principles
from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import DocumentModel, SectionBuilder
from evidencepack.export.embed import attach_pack
from evidencepack.export.errors import ExportError
from evidencepack.export.gate import ExportOverride, ExportRefused, blocking, recorded_override, with_override
from evidencepack.export.styles import prepare_styles
from evidencepack.export.template import Template, open_document
from evidencepack.export.word_writer import write_model
from evidencepack.findings import Finding
from evidencepack.framework import Framework, load_framework
from evidencepack.load import structure_problem
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document


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
    result = check_document(pack_data, options.check, framework)
    errors = blocking(result.findings)
    if errors:
        if options.override is None:
            raise ExportRefused(errors, recorded_override(pack_data))
        pack_data = with_override(pack_data, options.override)
        result = check_document(pack_data, options.check, framework)  # what the embedded pack re-validates to
        errors = blocking(result.findings)
    try:
        sha256 = content_sha256(pack_data)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExportError(f"cannot export: the pack holds a value JSON cannot hold ({exc})") from None
    model = build_model(pack_data, framework, result, options.check, generated_at.astimezone(dt.UTC), sha256)
    document = open_document(template)
    styles = prepare_styles(document, house=template is None)
    write_model(document, styles, model)
    attach_pack(document, pack_data)
    out = io.BytesIO()
    document.save(out)
    return Exported(out.getvalue(), pack_data, tuple(errors))


def build_model(
    data: dict[str, Any],
    framework: Framework,
    result: PackResult,
    check: CheckOptions,
    generated_at: dt.datetime,
    sha256: str,
) -> DocumentModel:
    """The inspector's document for a pack, as data: its sections in the order of docs/export.md."""
    w = SectionBuilder()
    ctx = DocumentContext(w, data, framework, result, check, generated_at, sha256)
    w.section("cover", "Cover")
    sections_front.cover(ctx)
    w.section("control", "Document control")
    sections_front.document_control(ctx)
    w.section("contents", "Contents")
    sections_front.contents(ctx)
    w.section("summary", "Summary")
    sections_front.summary(ctx)
    for principle in framework.principles:
        w.section(f"principle:{principle.key}", f"Principle {principle.number}: {principle.title}")
        sections_principles.principle(ctx, principle)
    w.section("unmatched", "Responses to principles not in the framework")
    sections_principles.unmatched_principles(ctx)
    w.section("measures", "Outcome measures")
    sections_back.measures(ctx)
    w.section("actions", "Action plan")
    sections_back.actions(ctx)
    w.section("evidence", "Appendix A: Evidence register")
    sections_back.evidence_register(ctx)
    w.section("findings", "Appendix B: Validation findings")
    sections_back.findings_appendix(ctx)
    w.section("scoring", "Appendix C: How the score was computed")
    sections_back.scoring_appendix(ctx)
    return DocumentModel([s for s in w.sections if s.blocks], ctx.marking(), ctx.properties())
