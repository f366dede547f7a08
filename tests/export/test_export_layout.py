"""The document as an inspector reads it: LibreOffice-rendered pages of the examples (issue 11, items 1, 3, 4)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from harness import pdf_text
from wordml import Docx, w

from evidencepack.load import load

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CARE_HOME = "care-home-digital-care-planning.json"
GP = "gp-online-triage.yaml"
RUNNING_HEAD = re.compile(r"^(DRAFT|Approved by|SUPERSEDED)")
LABEL_ALONE = re.compile(r"^[A-Z][A-Za-z ,()]{0,40}:$")


def pages(pdf: Path) -> list[list[str]]:
    """The non-empty lines of each page, the running head and the page number left out."""
    out = []
    for page in pdf_text(pdf).split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        out.append([line for line in lines if not RUNNING_HEAD.match(line) and not line.startswith("Page ")])
    return [page for page in out if page]


def page_of(all_pages: list[list[str]], line: str) -> int:
    return next(number for number, page in enumerate(all_pages, start=1) if line in page)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[list[str]]]]:
    """Both examples exported and rendered once for the module."""
    from harness import convert_to_pdf, export_options

    from evidencepack.export.document import export_docx

    folder = tmp_path_factory.mktemp("layout")
    out = {}
    for name in (CARE_HOME, GP):
        docx = folder / f"{Path(name).stem}.docx"
        docx.write_bytes(export_docx(load(EXAMPLES / name).data, options=export_options(EXAMPLES)))
        pdf = convert_to_pdf(docx, folder / Path(name).stem)
        out[name] = (docx, pages(pdf))
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_the_inspector_summary_comes_first_and_fits_on_two_pages(rendered: Any, example: str) -> None:
    _, all_pages = rendered[example]
    start = page_of(all_pages, "Inspector summary")
    end = page_of(all_pages, "Document control")
    assert start == 2  # straight after the cover
    assert end - start <= 2, f"the inspector summary runs over {end - start} pages"


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_no_page_begins_with_a_label_stranded_from_its_text(rendered: Any, example: str) -> None:
    _, all_pages = rendered[example]
    stranded = [(number, page[0]) for number, page in enumerate(all_pages, start=1) if LABEL_ALONE.match(page[0])]
    assert stranded == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_no_sign_wraps_away_from_its_number(rendered: Any, example: str) -> None:
    _, all_pages = rendered[example]
    lines = [line for page in all_pages for line in page]
    assert [line for line in lines if re.search(r"(\(|^|\s)[-\u2212+]$", line)] == []


@pytest.mark.libreoffice
def test_body_table_rows_are_kept_whole_on_a_page(rendered: Any) -> None:
    docx_path, _ = rendered[CARE_HOME]
    rows = list(Docx.open(docx_path).document.iter(w("tr")))
    assert rows and all(row.find(f"{w('trPr')}/{w('cantSplit')}") is not None for row in rows)


@pytest.mark.libreoffice
@pytest.mark.parametrize("example", [CARE_HOME, GP])
def test_the_body_holds_no_internal_keys_codes_points_or_paths(rendered: Any, example: str) -> None:
    """Codes may appear only in the provider's appendix (C); the rest of the document speaks plainly."""
    _, all_pages = rendered[example]
    text = "\n".join(line for page in all_pages for line in page)
    body = text.split("Appendix C: Findings for the provider")[0] + text.split("Appendix D:")[-1]
    assert re.findall(r"\bEP[0-9]{3}\b", body) == []
    assert re.findall(r"/principles/|/evidence/|/measures/", body) == []
    assert "points)" not in body and "docs/rules.md" not in body
    assert re.findall(r"\b(people|culture|support|adopt|outcomes|change)\.[a-z_]+\b", body) == []
    assert "None" not in body.split()
