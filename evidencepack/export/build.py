"""The inspector's document as data: the section builders called in the document's order.

No python-docx here: verify builds the model again to compare it with the words on the page.
"""

from __future__ import annotations

from typing import Any

from evidencepack.export import sections_back, sections_front, sections_inspector, sections_principles
from evidencepack.export.document_context import DocumentContext
from evidencepack.export.document_model import DocumentModel, SectionBuilder
from evidencepack.export.render_record import RenderRecord
from evidencepack.framework import Framework
from evidencepack.result import PackResult


def build_model(
    data: dict[str, Any],
    framework: Framework,
    result: PackResult,
    record: RenderRecord,
    sha256: str,
) -> DocumentModel:
    """The inspector's document for a pack, as data: its sections in the order of docs/export.md. ``result`` is
    the pack's check result, ``record`` how (and when) the document is made, ``sha256`` the pack's content hash."""
    w = SectionBuilder()
    ctx = DocumentContext(w, data, framework, result, record, sha256)
    w.section("cover", "Cover")
    sections_front.cover(ctx)
    w.section("inspector", "Inspector summary")
    sections_inspector.inspector_summary(ctx)
    w.section("control", "Document control")
    sections_front.document_control(ctx)
    w.section("contents", "Contents")
    sections_front.contents(ctx)
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
    w.section("criteria", sections_back.CRITERIA_APPENDIX)
    sections_back.criteria_appendix(ctx)
    w.section("findings", "Appendix C: Findings for the provider")
    sections_back.findings_appendix(ctx)
    w.fill_contents()
    return DocumentModel([s for s in w.sections if s.blocks], ctx.marking(), ctx.properties())
