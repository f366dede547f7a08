"""Verify an exported document (or a bundle): do the words on the page and the data inside still agree?

For a .docx: the pack stored inside is read back; its content hash must equal the SHA-256 printed in the
document, and re-validating and re-scoring it must give the overall completeness the document prints. For
a bundle: every file must match the manifest's SHA-256, the evidence files must match the hashes the pack
records, the pack file must be the pack inside the document, and the document must verify as above.

This catches edits to either side made without re-exporting. It is not a signature: someone who changes
the pack, the printed hash and the printed score together is not detected.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO

from evidencepack.canonical import content_sha256
from evidencepack.export.wording import percent
from evidencepack.formats.archive import Archive, open_archive, parse_xml
from evidencepack.formats.docx import main_part, read_pack
from evidencepack.formats.errors import ArchiveError
from evidencepack.framework import load_framework
from evidencepack.load import structure_problem
from evidencepack.options import CheckOptions

# The labels the document prints (see document.py); verify reads the values that follow them.
HASH_LABEL = "Pack content SHA-256"
SCORE_LABEL = "Overall completeness"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A printed value is a paragraph of its own, as document.py writes it; the same words inside the pack's own text
# (a narrative quoting last year's "Overall completeness: 40%") are not read as the document's figures.
_HASH = re.compile(r"\s*" + re.escape(HASH_LABEL) + r":\s*(\S*)\s*")
_SCORE = re.compile(
    r"\s*" + re.escape(SCORE_LABEL) + r":\s*(not scored|[0-9]+(?:\.[0-9]+)?%)(?:\.\s*Readiness:[^:]*)?\s*"
)


@dataclass
class Check:
    """One thing verify looked at, and what it found."""

    name: str
    ok: bool
    detail: str


@dataclass
class VerifyReport:
    source: str
    kind: str  # "docx" or "bundle"
    checks: list[Check] = field(default_factory=list)
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
        return {"ok": self.ok, **asdict(self)}

    def to_text(self) -> str:
        verdict = "document and data agree" if self.ok else "document and data DO NOT agree"
        lines = [f"{self.source}: {verdict}"]
        lines += [f"  [{'ok' if c.ok else 'FAIL'}] {c.detail}" for c in self.checks]
        if self.valid is not None:
            counts = ", ".join(f"{n} {level}" for level, n in self.findings.items()) or "no findings"
            lines.append(f"  [info] the pack re-validates as {'valid' if self.valid else 'INVALID'} ({counts})")
        return "\n".join(lines)


def document_paragraphs(archive: Archive) -> list[str]:
    """The text of every paragraph in the main document part (tables included), in order."""
    part = main_part(archive)
    root = parse_xml(archive.read(part), f"{archive.name}: {part}")
    out = []
    for p in root.iter(f"{_W}p"):
        out.append("".join(node.text or "" for node in p.iter(f"{_W}t")))
    return out


def _verify_document(report: VerifyReport, archive: Archive, options: CheckOptions, ) -> dict[str, Any] | None:
    from evidencepack.result import check_document

    try:
        data, part = read_pack(archive)
    except ArchiveError as exc:
        report.add("embedded-pack", False, str(exc))
        return None
    problem = structure_problem(data, load_framework(options.schema_dir))
    if problem:
        report.add("embedded-pack", False, f"{archive.name}: the pack stored in {part} cannot be a pack: {problem[1]}")
        return None
    report.add("embedded-pack", True, f"the pack is stored inside the document ({part})")
    actual = content_sha256(data)
    report.pack_sha256 = actual
    paragraphs = document_paragraphs(archive)
    printed = [m.group(1) for m in map(_HASH.fullmatch, paragraphs) if m]
    if not printed:
        report.add("printed-hash", False, f"the document prints no {HASH_LABEL}")
    elif len(set(printed)) > 1:
        report.add("printed-hash", False, f"the document prints {len(set(printed))} different hashes")
    else:
        report.printed_sha256 = printed[0]
        if printed[0] == actual:
            report.add("printed-hash", True, f"the printed SHA-256 {actual[:16]}… matches the pack")
        else:
            report.add(
                "printed-hash", False,
                f"the printed SHA-256 {printed[0][:16]}… does not match the pack inside ({actual[:16]}…)",
            )
    result = check_document(data, options)
    report.valid = result.valid
    counts: dict[str, int] = {}
    for f in result.findings:
        counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
    report.findings = counts
    rescore = percent(result.score.completeness) if result.score else "not scored"  # the printed completeness
    report.score = rescore
    scores = [m.group(1) for m in map(_SCORE.fullmatch, paragraphs) if m]
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
    return data


def _verify_bundle(report: VerifyReport, archive: Archive, options: CheckOptions) -> None:
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
    """Verify a .docx or bundle .zip held in memory."""
    return _verify(raw, name, options)


def verify_path(path: str | os.PathLike[str], options: CheckOptions | None = None) -> VerifyReport:
    """Verify a .docx or bundle .zip file without reading it whole: a file over ``MAX_ARCHIVE_BYTES`` is refused
    by its size, and the rest is read entry by entry. OSError when the file cannot be opened."""
    with open(path, "rb") as handle:
        return _verify(handle, str(path), options)


def _verify(source: bytes | BinaryIO, name: str, options: CheckOptions | None) -> VerifyReport:
    options = options or CheckOptions(check_files=False)
    try:
        archive = open_archive(source, name)
    except ArchiveError as exc:
        report = VerifyReport(source=name, kind="unknown")
        report.add("readable", False, str(exc))
        return report
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
