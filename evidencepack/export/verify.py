"""Verify an exported document (or a bundle): do the words on the page and the data inside still agree?

For a .docx: the pack stored inside is read back; its content hash must equal the SHA-256 printed in the
document; re-validating and re-scoring it must give the overall completeness the document prints; and the
document is made again from that pack (the document model, with the release, rules and settings recorded in
the file) and its words compared with the words on the page, section by section. Any difference fails and is
named: the section, what the document says, what its data says. For a bundle: every file must match the
manifest's SHA-256, the evidence files must match the hashes the pack records, the pack file must be the pack
inside the document, and the document must verify as above.

This catches edits to either side made without re-exporting. It is not a signature: someone who changes
the pack and re-exports it (or edits the pack, the text and the printed hash together) is not detected, and
a pass says nothing about who made the document or whether its claims are true.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO

from evidencepack.canonical import content_sha256
from evidencepack.export.document_model import (
    ANSWERED_NOTE,
    HASH_LABEL,
    LEGACY_SCORE_LABEL,
    NOT_SCORED_NOTE,
    SCORE_LABEL,
)
from evidencepack.export.text_compare import Difference, compare_text, visible_paragraphs
from evidencepack.export.wording import percent
from evidencepack.formats.archive import MAX_ARCHIVE_BYTES, Archive, open_archive, parse_xml
from evidencepack.formats.docx import main_part, read_pack
from evidencepack.formats.errors import ArchiveError
from evidencepack.framework import Framework, load_framework
from evidencepack.load import structure_problem
from evidencepack.options import CheckOptions

#: What a pass means, in words for someone who is not technical; every report states both.
PROVES = (
    "A pass shows that the words in this document are the words its own data gives, made again with the rules "
    "recorded in it: nothing was changed on the page or in the data after it was made."
)
DOES_NOT_PROVE = (
    "It does not show who made the document, nor that what the provider wrote is true: anyone with evidencepack "
    "can make a new document from changed data. Check the approver and the evidence with the provider."
)

# The labels the document prints (see document_model.py); verify reads the values that follow them.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SHOWN_DIFFERENCES = 10
# A printed value is a paragraph of its own, as document.py writes it; the same words inside the pack's own text
# (a narrative quoting last year's "Overall completeness: 40%") are not read as the document's figures.
_HASH = re.compile(r"\s*" + re.escape(HASH_LABEL) + r":\s*(\S*)\s*")
# The answered figure: the line the inspector summary prints (``answered_note``), or the line of layout 1 (read so that
# an older document's figure is still checked, although its words can no longer be compared).
_SCORE = re.compile(
    r"\s*(?:" + re.escape(SCORE_LABEL) + "|" + re.escape(LEGACY_SCORE_LABEL) + r"):\s*(not scored|[0-9]+(?:\.[0-9]+)?%)"
    r"(?:\.\s*Readiness:[^:]*"
    r"| of the form \([0-9]+ of [0-9]+ criteria have a status\)\. " + re.escape(ANSWERED_NOTE)
    + "|" + re.escape(NOT_SCORED_NOTE) + r")?\s*"
)


@dataclass
class Check:
    """One thing verify looked at, and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass
class VerifyReport:
    """The verdict on one file. ``ok`` is the verdict; ``differences`` the places where the words on the page and
    the data disagree (section, what the document says, what its data says); ``checks`` every check made."""

    source: str
    kind: str  # "docx" or "bundle"
    checks: list[Check] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    text_compared: bool = False
    made_with: str | None = None
    rules: str | None = None
    pack_sha256: str | None = None
    printed_sha256: str | None = None
    printed_score: str | None = None
    score: str | None = None
    valid: bool | None = None
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def add(self, name: str, ok: bool, detail: str) -> bool:
        self.checks.append(Check(name, ok, detail))
        return ok

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, **asdict(self), "proves": PROVES, "does_not_prove": DOES_NOT_PROVE}

    def to_text(self) -> str:
        if self.ok:
            verdict = "document and data agree"
        elif not self.text_compared and not self.differences and all(c.ok for c in self.checks if c.name != "text"):
            verdict = "NOT VERIFIED: the words on the page could not be compared with the data (see below)"
        else:
            verdict = "document and data DO NOT agree"
        lines = [f"{self.source}: {verdict}"]
        if self.differences:
            lines.append(
                "  This document was changed after it was made. Ask the provider for a fresh copy. What differs:"
            )
            lines += [f"  - {d.sentence()}" for d in self.differences[:_SHOWN_DIFFERENCES]]
            if len(self.differences) > _SHOWN_DIFFERENCES:
                lines.append(f"  - and {len(self.differences) - _SHOWN_DIFFERENCES} more (--format json lists all)")
        lines += [f"  [{'ok' if c.ok else 'FAIL'}] {c.detail}" for c in self.checks]
        if self.valid is not None:
            counts = ", ".join(f"{n} {level}" for level, n in self.findings.items()) or "no findings"
            lines.append(f"  [info] the pack re-validates as {'valid' if self.valid else 'INVALID'} ({counts})")
        lines.append(f"  What a pass proves: {PROVES}")
        lines.append(f"  What it does not prove: {DOES_NOT_PROVE}")
        return "\n".join(lines)


def document_paragraphs(archive: Archive) -> list[str]:
    """The text of every paragraph in the main document part (tables included), in order."""
    part = main_part(archive)
    root = parse_xml(archive.read(part), f"{archive.name}: {part}")
    out = []
    for p in root.iter(f"{_W}p"):
        out.append("".join(node.text or "" for node in p.iter(f"{_W}t")))
    return out


def _embedded_pack(report: VerifyReport, data: Any, options: CheckOptions, which: str, found: str) -> bool:
    """Record whether the data a document carries could be a pack at all (structure, not schema)."""
    problem = structure_problem(data, load_framework(options.schema_dir))
    report.add("embedded-pack", problem is None, f"{which} cannot be a pack: {problem[1]}" if problem else found)
    return problem is None


def _verify_document(report: VerifyReport, archive: Archive, options: CheckOptions) -> dict[str, Any] | None:
    # the checks and the document builders are imported when a document is read, not at CLI start-up
    from evidencepack.export.render_record import read_record

    try:
        data, part = read_pack(archive)
    except ArchiveError as exc:
        report.add("embedded-pack", False, str(exc))
        return None
    if not _embedded_pack(report, data, options, f"{archive.name}: the pack stored in {part}",
                          f"the pack is stored inside the document ({part})"):
        return None
    try:
        record = read_record(archive, part)
    except ValueError as exc:
        report.add("made-with", False, f"{archive.name}: {exc}")
        return data
    paragraphs = document_paragraphs(archive)
    printed = [m.group(1) for m in map(_HASH.fullmatch, paragraphs) if m]
    scores = [m.group(1) for m in map(_SCORE.fullmatch, paragraphs) if m]
    _check_printed(report, data, record, load_framework(options.schema_dir), options, printed, scores,
                   lambda model: compare_text(model, visible_paragraphs(archive)))
    return data


def _check_printed(report: VerifyReport, data: dict[str, Any], record: Any, framework: Framework,
                   options: CheckOptions, printed: list[str], scores: list[str],
                   compare: Callable[[Any], list[Difference]]) -> None:
    """The checks a document and a PDF share: the printed hash and score, then the words, section by section."""
    # loaded only when a document or PDF is verified, not at CLI start-up
    from evidencepack.export.assessment_view import check_for_document

    actual = content_sha256(data)
    report.pack_sha256 = actual
    if not printed:
        report.add("printed-hash", False, f"the document prints no {HASH_LABEL}")
    elif len(set(printed)) > 1:
        report.add("printed-hash", False, f"the document prints {len(set(printed))} different hashes")
    else:
        report.printed_sha256 = printed[0]
        if printed[0] == actual:
            report.add("printed-hash", True, "the data inside the document is the data it was made from "
                       f"(its {HASH_LABEL} matches)")
        else:
            report.add(
                "printed-hash", False,
                "the data inside the document was changed after the document was made "
                f"(the {HASH_LABEL} printed in it, {printed[0][:16]}…, is not that of the data, {actual[:16]}…)",
            )
    check = record.options(options.schema_dir) if record else options
    result = check_for_document(data, check, framework, record.file_findings if record else ())
    report.valid = result.valid
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    report.findings = counts
    rescore = percent(result.score.completeness) if result.score else "not scored"  # the printed completeness
    report.score = rescore
    if not scores:
        report.add("printed-score", False, f"the document prints no {SCORE_LABEL}")
    else:
        report.printed_score = scores[0]
        shown = next((s for s in scores if s != rescore), scores[0])  # the one that disagrees, if any
        agree = shown == rescore
        report.add(
            "printed-score", agree,
            f"the printed {SCORE_LABEL.lower()} {shown} "
            + ("matches the re-score" if agree else f"does not match the re-score ({rescore})"),
        )
    _compare_text(report, compare, data, record, result, framework, actual)


def _compare_text(report: VerifyReport, compare: Callable[[Any], list[Difference]], data: dict[str, Any],
                  record: Any, result: Any, framework: Framework, sha256: str) -> None:
    """Make the document again from its data and compare the words, section by section."""
    # loaded only when a document or PDF is verified, not at CLI start-up
    from evidencepack.export.build import build_model
    from evidencepack.export.render_record import LAYOUT, rules_version

    if record is None:  # a pass must mean the words were compared: removing the record must not make edits pass
        report.add("text", False, "the words could not be compared with the data: the document holds no record of "
                   "how it was made (documents from evidencepack 0.1.0 have none, and removing it is one way to hide "
                   "an edit); its data fingerprint and score were checked. Ask the provider for a fresh copy")
        return
    report.made_with, report.rules = record.made_with, record.rules
    if record.layout != LAYOUT:
        report.add("text", False, f"the words could not be compared with the data: this document was made by "
                   f"evidencepack {record.made_with} in a layout this release cannot make again (layout "
                   f"{record.layout}); verify it with that release, or ask the provider for a fresh copy")
        return
    model = build_model(data, framework, result, record, sha256)
    report.differences = compare(model)
    report.text_compared = True
    same_rules = record.rules == rules_version(framework)
    rules = "" if same_rules else (
        f" (it was made with rules version {record.rules}, this release has {rules_version(framework)}: "
        "a difference may come from the change of rules rather than an edit)"
    )
    if report.differences:
        report.add("text", False, f"{_count(len(report.differences), 'place')} where the words in the document "
                   f"differ from the words its data gives{rules}")
    else:
        report.add("text", True, "every section says what its data says (made again with evidencepack "
                   f"{record.made_with}'s rules version {record.rules}){rules}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _verify_bundle(report: VerifyReport, archive: Archive, options: CheckOptions) -> None:
    # loaded only when a document or PDF is verified, not at CLI start-up
    from evidencepack.formats.bundle import MANIFEST, read_manifest

    manifest = read_manifest(archive)
    listed = {f.path for f in manifest.files}
    unlisted = [name for name in archive.names if name != MANIFEST and name not in listed]
    report.add("manifest-complete", not unlisted,
               f"{len(unlisted)} file(s) in the bundle are not in the manifest: {', '.join(unlisted[:5])}"
               if unlisted else "every file in the bundle is listed in the manifest")
    bad = []
    hashes: dict[str, str] = {}
    for entry in manifest.files:
        if not archive.has(entry.path):
            bad.append(f"{entry.path} is missing")
            continue
        digest, size = archive.sha256(entry.path)
        hashes[entry.path] = digest
        if digest != entry.sha256 or size != entry.bytes:
            bad.append(f"{entry.path} has changed")
    report.add("manifest-hashes", not bad,
               "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
               if bad else f"all {len(manifest.files)} files match their SHA-256 in the manifest")
    if not archive.has(manifest.document):
        report.add("document", False, f"the bundle has no {manifest.document}")
        return
    document = open_archive(archive.read(manifest.document), f"{archive.name}: {manifest.document}")
    data = _verify_document(report, document, options)
    if data is None:
        return
    try:
        pack_file = json.loads(archive.read(manifest.pack))
    except (ArchiveError, ValueError, RecursionError) as exc:
        report.add("pack-file", False, f"{manifest.pack} cannot be read ({exc})")
    else:
        problem = (
            structure_problem(pack_file, load_framework(options.schema_dir))
            if isinstance(pack_file, dict)
            else ("EP008", "it is not a JSON object")
        )
        if problem:
            report.add("pack-file", False, f"{manifest.pack} cannot be a pack: {problem[1]}")
        else:
            same = content_sha256(pack_file) == content_sha256(data) == manifest.pack_sha256
            report.add("pack-file", same, f"{manifest.pack} is the pack inside the document"
                       if same else f"{manifest.pack} differs from the pack inside the document")
    _check_evidence_hashes(report, data, manifest, hashes)


def _check_evidence_hashes(report: VerifyReport, data: dict[str, Any], manifest: Any, hashes: dict[str, str]) -> None:
    by_id = {}
    for f in manifest.files:
        for key in f.evidence:
            by_id[key] = f.path
    wrong = []
    items = data.get("evidence") if isinstance(data.get("evidence"), list) else []
    checked = 0
    for item in items:
        if not isinstance(item, dict):
            continue
        path = (item.get("source") or {}).get("path") if isinstance(item.get("source"), dict) else None
        if not path:
            continue
        key = str(item.get("id", "?"))
        name = by_id.get(key)
        if name is None or name not in hashes:
            wrong.append(f"evidence {key} ({path}) is not in the bundle")
            continue
        recorded = item.get("sha256")
        checked += 1
        if recorded and recorded != hashes[name]:
            wrong.append(f"evidence {key} ({path}) does not match the SHA-256 the pack records")
    report.add("evidence-files", not wrong, "; ".join(wrong[:5]) if wrong
               else f"all {checked} evidence files are present and match the pack")


def verify_bytes(raw: bytes, name: str, options: CheckOptions | None = None) -> VerifyReport:
    """Verify a .docx, a bundle .zip or a PDF made by ``export --pdf``, held in memory."""
    if raw[:5] == b"%PDF-":
        return _verify_pdf(raw, name, options or CheckOptions(check_files=False))
    return _verify(raw, name, options)


def verify_path(path: str | os.PathLike[str], options: CheckOptions | None = None) -> VerifyReport:
    """Verify a .docx or bundle .zip file without reading it whole: a file over ``MAX_ARCHIVE_BYTES`` is refused
    by its size, and the rest is read entry by entry. OSError when the file cannot be opened."""
    with open(path, "rb") as handle:
        if handle.read(5) == b"%PDF-":
            if os.fstat(handle.fileno()).st_size > MAX_ARCHIVE_BYTES:
                report = VerifyReport(source=str(path), kind="pdf")
                report.add("readable", False, f"{path}: larger than {MAX_ARCHIVE_BYTES:,} bytes")
                return report
            handle.seek(0)
            return _verify_pdf(handle.read(), str(path), options or CheckOptions(check_files=False))
        handle.seek(0)
        return _verify(handle, str(path), options)


def _verify_pdf(raw: bytes, name: str, options: CheckOptions) -> VerifyReport:
    """A PDF made by ``export --pdf``: the pack and the record attached to it, and the words on its pages."""
    # loaded only when a document or PDF is verified, not at CLI start-up
    from evidencepack.export.render_record import read_pdf_record
    from evidencepack.export.text_compare import compare_pdf_text
    from evidencepack.formats.errors import LoadError
    from evidencepack.formats.pdf import page_texts, read_pdf

    report = VerifyReport(source=name, kind="pdf")
    try:
        data = read_pdf(raw, name)
        pages = page_texts(raw, name)
        record = read_pdf_record(raw, name)
    except (LoadError, ValueError) as exc:
        report.add("embedded-pack", False, str(exc))
        return report
    if not _embedded_pack(report, data, options, f"{name}: the pack attached to the PDF",
                          "the pack is attached to the PDF"):
        return report
    stream = "".join("".join(page.split()) for page in pages)  # lines wrap anywhere in a PDF's text
    printed = re.findall("".join(HASH_LABEL.split()) + r":([0-9a-f]{64})", stream)
    scores = re.findall("".join(SCORE_LABEL.split()) + r":(notscored|[0-9]+(?:\.[0-9]+)?%)", stream)
    scores = ["not scored" if s == "notscored" else s for s in scores]
    _check_printed(report, data, record, load_framework(options.schema_dir), options, printed, scores,
                   lambda model: compare_pdf_text(model, pages))
    return report


def _verify(source: bytes | BinaryIO, name: str, options: CheckOptions | None) -> VerifyReport:
    options = options or CheckOptions(check_files=False)
    try:
        archive = open_archive(source, name)
    except ArchiveError as exc:
        report = VerifyReport(source=name, kind="unknown")
        report.add("readable", False, str(exc))
        return report
    # loaded only when a document or PDF is verified, not at CLI start-up
    from evidencepack.formats.bundle import MANIFEST

    kind = "bundle" if archive.has(MANIFEST) else "docx"
    report = VerifyReport(source=name, kind=kind)
    try:
        if kind == "bundle":
            _verify_bundle(report, archive, options)
        else:
            _verify_document(report, archive, options)
    except ArchiveError as exc:
        report.add("readable", False, str(exc))
    return report
