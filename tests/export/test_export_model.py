"""The document model: the inspector's document as data, which the Word writer renders and verify re-renders."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from harness import GENERATED_AT, OVERRIDE, TODAY
from packs import full_pack

from evidencepack.canonical import content_sha256
from evidencepack.export.assessment_view import check_for_document
from evidencepack.export.build import build_model
from evidencepack.export.document import ExportOptions, export_docx
from evidencepack.export.document_model import Heading
from evidencepack.export.render_record import RenderRecord
from evidencepack.export.verify import verify_bytes
from evidencepack.framework import load_framework
from evidencepack.load import load
from evidencepack.options import CheckOptions

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def model_of(data: dict[str, Any]) -> Any:
    framework = load_framework()
    check = CheckOptions(today=TODAY, check_files=False)
    result = check_for_document(data, check, framework)
    record = RenderRecord.of(framework, GENERATED_AT, check, [])
    return build_model(data, framework, result, record, content_sha256(data))


def test_the_model_lists_the_sections_in_the_order_of_the_document() -> None:
    model = model_of(full_pack())
    principles = [f"Principle {p.number}: {p.title}" for p in load_framework().principles]
    assert [s.title for s in model.sections] == [
        "Cover", "Inspector summary", "Document control", "Contents", *principles,
        "Outcome measures", "Action plan", "Appendix A: Evidence register",
        "Appendix B: The criteria and the single assessment framework", "Appendix C: Findings for the provider",
    ]


def test_the_model_holds_the_words_of_each_criterion() -> None:
    data = full_pack()
    principle = load_framework().principles[0]
    criterion = principle.criteria[0]
    narrative = data["principles"][principle.key]["criteria"][criterion.key]["narrative"]
    section = model_of(data).sections[4]
    headings = [b.text for b in section.blocks if isinstance(b, Heading)]
    assert headings[0] == f"Principle {principle.number}: {principle.title}"
    assert f"{principle.number}.1 {criterion.title}" in headings
    words = [t for b in section.blocks for t in b.texts()]
    assert narrative in words
    quality = "; ".join(criterion.quality_statements)
    cited = data["principles"][principle.key]["criteria"][criterion.key]["evidence"]
    categories = {e["category"] for e in data["evidence"] if e["id"] in cited}
    line = words[words.index(narrative) + 1]  # one short line after the criterion's narrative
    assert line.startswith(f"Quality statements: {quality}.")  # the single assessment framework, named per criterion
    assert "Evidence categories: " in line and categories  # and the categories of the evidence behind it
    for category in categories:
        assert category.replace("_", " ").split()[0].lower() in line.split("Evidence categories: ")[1].lower()


def test_findings_about_missing_files_are_recorded_so_the_document_still_verifies(tmp_path: Path) -> None:
    """Verify cannot look at the evidence files again; what the export found about them travels in the file."""
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(EXAMPLES / "care-home-digital-care-planning.json", folder)  # its evidence files left behind
    document = load(folder / "care-home-digital-care-planning.json")
    options = ExportOptions(check=CheckOptions(today=TODAY, base_dir=folder), generated_at=GENERATED_AT,
                            override=OVERRIDE)
    content = export_docx(document.data, options=options)
    report = verify_bytes(content, "pack.docx")
    assert report.ok, report.to_text()
    assert report.text_compared


def test_verify_makes_the_document_again_as_of_the_day_it_was_made() -> None:
    """Evidence that was current when the document was made is not reported as stale a year later."""
    data = load(EXAMPLES / "care-home-digital-care-planning.json").data
    content = export_docx(data, options=ExportOptions(check=CheckOptions(today=TODAY, check_files=False),
                                                      generated_at=GENERATED_AT))
    later = dt.date(TODAY.year + 2, 1, 1)
    report = verify_bytes(content, "pack.docx", CheckOptions(today=later, check_files=False))
    assert report.ok, report.to_text()


def test_every_criterion_status_is_printed_in_the_schemas_words() -> None:
    framework = load_framework()
    principle = framework.principles[0]
    for status, label in framework.status_labels.items():
        data = full_pack()
        data["principles"][principle.key]["criteria"][principle.criteria[0].key]["status"] = status
        words = [t for b in model_of(data).sections[4].blocks for t in b.texts()]
        assert any(t.startswith(f"Status: {label}") for t in words), (status, label)
        assert not any("Unrecognised status" in t for t in words)
