"""A bundle: one .zip holding the pack, its Word export, every evidence file it names, and a manifest of
SHA-256 hashes, so that an inspector or auditor receives the whole case in one file and can check it.

Layout::

    manifest.json        what is inside, with each file's SHA-256 and size
    pack.json            the pack (JSON, as given)
    pack.docx            the Word export (with the pack inside it)
    evidence/<path>      each evidence file, at its path relative to the pack's folder
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import evidencepack
from evidencepack.canonical import content_sha256
from evidencepack.checks.files import is_file, resolve_inside
from evidencepack.export.errors import BundleError, ExportError
from evidencepack.formats.archive import MAX_ARCHIVE_BYTES, MAX_ENTRIES, MAX_TOTAL_UNCOMPRESSED, unsafe_name
from evidencepack.formats.bundle import MANIFEST, Manifest, ManifestFile
from evidencepack.framework import load_framework
from evidencepack.load import structure_problem

PACK = "pack.json"
DOCUMENT = "pack.docx"
EVIDENCE_DIR = "evidence/"
MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024  # all evidence files together


def evidence_files(pack_data: dict[str, Any], base_dir: Path) -> dict[str, tuple[bytes, list[str]]]:
    """Bundle name → (content, evidence ids) for every evidence file the pack names.

    BundleError lists every path that escapes the pack's folder, is missing or unreadable, or no longer
    matches the SHA-256 recorded in the pack; nothing is bundled unless every file is right.
    """
    found: dict[str, tuple[bytes, list[str]]] = {}
    problems: list[str] = []
    base = base_dir.resolve()
    total = 0
    items = pack_data.get("evidence") if isinstance(pack_data.get("evidence"), list) else []
    for item in items:
        if not isinstance(item, dict):
            continue
        source = item.get("source") if isinstance(item.get("source"), dict) else {}
        relative = source.get("path")
        if not isinstance(relative, str) or not relative:
            continue
        label = f"evidence {item.get('id', '?')}: {relative!r}"
        target = resolve_inside(base, relative)
        if target is None:
            problems.append(f"{label} is outside the pack's folder")
            continue
        name = EVIDENCE_DIR + target.relative_to(base).as_posix()
        if name not in found:
            if not is_file(target):
                problems.append(f"{label} does not exist")
                continue
            unstorable = _unstorable(name)
            if unstorable:
                problems.append(f"{label} has a name that cannot be stored in a bundle ({unstorable})")
                continue
            try:
                total += target.stat().st_size
                if total > MAX_EVIDENCE_BYTES:
                    raise BundleError(f"cannot bundle: the evidence files exceed {MAX_EVIDENCE_BYTES:,} bytes")
                found[name] = (target.read_bytes(), [])
            except OSError as exc:
                problems.append(f"{label} cannot be read ({exc.strerror or exc})")
                continue
        data, ids = found[name]
        recorded = item.get("sha256")
        if isinstance(recorded, str) and recorded and hashlib.sha256(data).hexdigest() != recorded:
            problems.append(f"{label} does not match the SHA-256 recorded in the pack")
        ids.append(str(item.get("id", "?")))
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise BundleError(f"cannot bundle: {shown}")
    return found


def _unstorable(name: str) -> str | None:
    """Why a file name cannot go into a bundle that verify would then accept (a backslash, bytes that are not
    UTF-8), or None."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "it is not valid Unicode"
    return unsafe_name(name)


def build_bundle(
    pack_data: dict[str, Any],
    base_dir: Path,
    *,
    document: bytes | None = None,
    template: Any = None,
    options: Any = None,
) -> bytes:
    """The bundle .zip for a pack whose evidence paths are relative to ``base_dir``.

    ``document`` is the Word export to include; when not given it is made here (with ``template`` and
    ``options`` as for ``export_docx``).
    """
    check = getattr(options, "check", None)
    framework = getattr(options, "framework", None) or load_framework(getattr(check, "schema_dir", None))
    problem = structure_problem(pack_data, framework) if isinstance(pack_data, dict) else ("", "the pack is not a dict")
    if problem:
        raise ExportError(f"cannot bundle: {problem[1]}")
    files = evidence_files(pack_data, base_dir)
    if document is None:
        # python-docx loads only when a bundle needs a new document
        from evidencepack.export.document import export_docx

        document = export_docx(pack_data, template=template, options=options)
    created = getattr(options, "generated_at", None) or dt.datetime.now(dt.UTC)
    stamp = created.timetuple()[:6]
    pack_bytes = (json.dumps(pack_data, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "surrogatepass")
    entries: list[ManifestFile] = []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, data: bytes, role: str, evidence: tuple[str, ...] = ()) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, zipfile.ZIP_DEFLATED)
            entries.append(ManifestFile(name, hashlib.sha256(data).hexdigest(), len(data), role, evidence))

        add(PACK, pack_bytes, "pack")
        add(DOCUMENT, document, "document")
        for name, (data, ids) in sorted(files.items()):
            add(name, data, "evidence", tuple(ids))
        manifest = Manifest(PACK, DOCUMENT, content_sha256(pack_data), tuple(entries))
        described = manifest.to_json(created, f"evidencepack {evidencepack.__version__}")
        text = json.dumps(described, indent=2, ensure_ascii=False) + "\n"
        archive.writestr(zipfile.ZipInfo(MANIFEST, date_time=stamp), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    unpacked = sum(entry.bytes for entry in entries) + len(text.encode("utf-8"))
    if len(entries) + 1 > MAX_ENTRIES or unpacked > MAX_TOTAL_UNCOMPRESSED or out.tell() > MAX_ARCHIVE_BYTES:
        raise BundleError(
            f"cannot bundle: {len(entries) + 1:,} files and {unpacked:,} bytes is more than verify reads "
            f"(at most {MAX_ENTRIES:,} files, {MAX_TOTAL_UNCOMPRESSED:,} bytes)"
        )
    return out.getvalue()
