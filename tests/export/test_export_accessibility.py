"""The exported document is accessible: each property is read back out of the file and checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import EXAMPLES, assert_valid_ooxml, export_options
from packs import full_pack
from wordml import (
    Docx,
    accessibility_problems,
    field_problems,
    heading_problems,
    image_problems,
    language_problems,
    property_problems,
    q,
    table_problems,
    text_problems,
)

from evidencepack.export.document import export_docx
from evidencepack.framework import load_framework
from evidencepack.load import load


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A full pack, the care home example and an empty pack, exported once for this module and validated."""
    folder = tmp_path_factory.mktemp("a11y")
    example = load(EXAMPLES / "care-home-digital-care-planning.json")
    packs = {
        "full": (full_pack(), None),
        "example": (example.data, example.base_dir),
        "empty": ({}, None),
    }
    paths = {}
    for name, (data, base_dir) in packs.items():
        path = folder / f"{name}.docx"
        path.write_bytes(export_docx(data, options=export_options(base_dir)))
        paths[name] = path
    assert_valid_ooxml(*paths.values())
    return paths


KINDS = ["full", "example", "empty"]


@pytest.mark.parametrize("kind", KINDS)
def test_headings_have_one_title_and_skip_no_level(documents: dict[str, Path], kind: str) -> None:
    assert heading_problems(Docx.open(documents[kind])) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_image_has_alt_text(documents: dict[str, Path], kind: str) -> None:
    docx = Docx.open(documents[kind])
    assert image_problems(docx) == []


def test_there_is_no_unlabelled_chart_and_the_table_gives_every_score(documents: dict[str, Path]) -> None:
    """Issue 11: a chart without principle names or values goes; the inspector summary's table gives each principle's
    band and, in a column named "Answered", how much of it is answered, as a percentage."""
    docx = Docx.open(documents["full"])
    assert [d.get("descr") for d in docx.document.iter(q("wp", "docPr"))] == []
    text = docx.text()
    assert "Principle\nBand\nStrength of the evidence\nAnswered" in text
    for principle in load_framework().principles:  # the row: name, band, evidence in words, answered
        name = re.escape(f"{principle.number}. {principle.short_title or principle.title}")
        assert re.search(name + r"\n[A-Z][a-z ]+\n[^\n]+\n[0-9.]+%", text), principle.title


@pytest.mark.parametrize("kind", KINDS)
def test_language_is_british_english(documents: dict[str, Path], kind: str) -> None:
    assert language_problems(Docx.open(documents[kind])) == []


def test_core_properties_name_the_pack_and_its_author(documents: dict[str, Path]) -> None:
    data = full_pack()
    docx = Docx.open(documents["full"])
    metadata = data["metadata"]
    assert property_problems(docx, title=metadata["title"], author=metadata["prepared_by"]["name"]) == []


def test_author_of_an_empty_pack_is_the_tool_not_python_docx(documents: dict[str, Path]) -> None:
    assert property_problems(Docx.open(documents["empty"]), author="evidencepack") == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_has_a_repeating_header_row_and_a_caption(documents: dict[str, Path], kind: str) -> None:
    assert table_problems(Docx.open(documents[kind])) == []


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_sans_serif_at_least_10pt_with_enough_contrast(documents: dict[str, Path], kind: str) -> None:
    assert text_problems(Docx.open(documents[kind])) == []


@pytest.mark.parametrize("kind", KINDS)
def test_footer_numbers_pages_and_the_contents_update_on_opening(documents: dict[str, Path], kind: str) -> None:
    assert field_problems(Docx.open(documents[kind])) == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_accessibility_problem_at_all(documents: dict[str, Path], kind: str) -> None:
    assert accessibility_problems(Docx.open(documents[kind])) == []


def test_the_checker_finds_the_problems_of_a_bare_python_docx_document(tmp_path: Path) -> None:
    """The checks above can fail: python-docx's own blank document misses most of them."""
    import docx

    document = docx.Document()
    document.add_heading("Skipped level", 2)
    document.add_table(rows=2, cols=2)
    path = tmp_path / "bare.docx"
    document.save(path)
    problems = accessibility_problems(Docx.open(path))
    text = "\n".join(problems)
    for expected in ("Title style", "skips a level", "language", "python-docx", "header row", "PAGE", "PAGEREF"):
        assert expected in text
