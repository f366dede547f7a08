"""LibreOffice opens the exports and lays them out: the PDF holds the expected words on the expected pages.

Few conversions (each takes seconds): the care home example (also rendered to PNG pages in
tests/artifacts/export/ for a person to look at), an awkward pack, and a templated export.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import tiers
from harness import ARTIFACTS, EXAMPLES
from packs import full_pack
from pypdf import PdfReader

from evidencepack.canonical import content_sha256
from evidencepack.framework import load_framework
from evidencepack.load import load


def test_the_example_pack_renders_with_its_content_on_every_page(export_to: Any, to_pdf: Any) -> None:
    example = load(EXAMPLES / "care-home-digital-care-planning.json")
    path = export_to(example.data, "care-home-digital-care-planning.docx", base_dir=example.base_dir)
    pdf, text = to_pdf(path)
    pages = len(PdfReader(pdf).pages)
    assert pages >= 10
    assert text.count("DRAFT: not approved") == pages  # the marking on every page
    assert f"Page {pages} of {pages}" in text
    assert example.data["metadata"]["title"].split()[0] in text
    assert re.search(r"Answered: \d+(\.\d)?%", text)
    assert content_sha256(example.data) in text
    for principle in load_framework().principles:
        assert f"Principle {principle.number}:" in text
    for heading in ("Outcome measures", "Action plan", "Appendix A: Evidence register", "Appendix C"):
        assert heading in text
    assert example.data["evidence"][0]["title"] in text

    tiers.require("libreoffice")
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.fail("pdftoppm (poppler-utils) is not installed; scripts/test-setup.sh installs it")
    folder = ARTIFACTS / "care-home-digital-care-planning"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(pdf, folder / pdf.name)
    subprocess.run([tool, "-r", "60", "-png", str(pdf), str(folder / "page")], check=True, timeout=180)
    images = sorted(folder.glob("page-*.png"))
    assert len(images) == pages
    assert all(image.read_bytes().startswith(b"\x89PNG") and image.stat().st_size > 1000 for image in images)


def test_awkward_text_survives_into_the_pdf(export_to: Any, to_pdf: Any) -> None:
    data = copy.deepcopy(full_pack())
    data["innovation"]["name"] = "Before\x01after, emoji 😀 and Hebrew שלום"
    _, text = to_pdf(export_to(data, "awkward.docx"))
    assert "Before\ufffdafter" in text
    assert "שלום" in text or "םולש" in text  # either visual or logical order


def test_a_templated_export_renders_with_the_template_header(tmp_path: Path, export_to: Any, to_pdf: Any) -> None:
    template = docx.Document()
    template.styles["Normal"].font.name = "Verdana"
    template.sections[0].header.paragraphs[0].text = "Larkfield Care Ltd letterhead"
    template.save(tmp_path / "org.docx")
    _, text = to_pdf(export_to(full_pack(), "templated.docx", template=tmp_path / "org.docx"))
    assert "Larkfield Care Ltd letterhead" in text
    assert "Appendix C: Findings for the provider" in text
