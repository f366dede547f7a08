"""The personal-data gate as a check (EP801-EP810), through ``check_document`` on whole packs and files."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tiers
from packs import check, criterion_pointer, full_pack
from privacy_files import attach, docx_file, pdf_bytes

from evidencepack.checks.context import CheckContext
from evidencepack.checks.personal_data import personal_data
from evidencepack.framework import load_framework
from evidencepack.model import Pack
from evidencepack.options import CheckOptions
from evidencepack.privacy import extract
from evidencepack.privacy.synthetic import grouped, nhs_number
from evidencepack.result import check_path

FW = load_framework()
P0 = FW.principles[0]
C0 = P0.criteria[0]
NARRATIVE = f"{criterion_pointer(P0, C0)}/narrative"
E1_PATH = "/evidence/0/source/path"
RNG = random.Random(8012)
EP8 = {f"EP8{n:02d}" for n in range(1, 11)}


def gate(result) -> list[tuple[str, str]]:
    """(code, pointer) of the personal-data findings."""
    return sorted((f.code, f.pointer) for f in result.findings if f.code in EP8)


def only(result, code: str):
    (found,) = [f for f in result.findings if f.code == code]
    return found


def with_narrative(text: str) -> dict:
    data = full_pack()
    data["principles"][P0.key]["criteria"][C0.key]["narrative"] = text
    return data


# Fields ----------------------------------------------------------------------------------------------------

def test_full_pack_is_clean():
    assert gate(check(full_pack())) == []


def test_nhs_number_in_a_narrative_is_ep801_at_the_narrative():
    number = nhs_number(RNG)
    result = check(with_narrative(f"Mrs A's NHS number {number} was on the audit sheet."))
    assert gate(result) == [("EP801", NARRATIVE)]
    found = only(result, "EP801")
    assert number not in found.message and number[3:] not in found.message
    assert f"{number[:3]} *** ****" in found.message
    assert found.severity == "error" and found.hint


def test_grouped_nhs_number_is_not_echoed_in_the_message():
    number = grouped(nhs_number(RNG))
    found = only(check(with_narrative(f"NHS {number}")), "EP801")
    assert number not in found.message and number[4:] not in found.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("test patient {TEST}", "EP802"),
        ("DOB 14/02/1939", "EP803"),
        ("CHI 1203481234", "EP804"),
        ("MRN: RX1234567", "EP805"),
        ("write to jane.doe@example.com", "EP806"),
        ("ring 07700 900123", "EP807"),
        ("Mrs Patricia Holt said", "EP808"),
        ("she lives at LS6 2QR", "EP809"),
    ],
)
def test_each_kind_has_its_code(text, code):
    result = check(with_narrative(text.replace("{TEST}", nhs_number(RNG, test_range=True))))
    assert gate(result) == [(code, NARRATIVE)]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("metadata", "title"), "Falls pilot for Mrs Holt"),
        (("innovation", "summary"), "Started after Mrs Holt fell."),
        (("evidence", 2, "title"), "Letter from Mrs Holt"),
        (("evidence", 2, "description"), "Letter from Mrs Holt"),
        (("measures", 0, "name"), "Falls of Mrs Holt"),
        (("measures", 0, "notes"), "Excludes Mrs Holt"),
        (("measures", 0, "population"), "Mrs Holt and others"),
        (("principles", P0.key, "summary"), "Co-designed with Mrs Holt."),
    ],
)
def test_free_text_fields_are_scanned(path, value):
    data = full_pack()
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    assert gate(check(data)) == [("EP808", "/" + "/".join(str(p) for p in path))]


def test_justification_and_action_are_scanned():
    data = full_pack()
    answer = data["principles"][P0.key]["criteria"][C0.key]
    answer.update(status="not_applicable", justification="Mrs Holt asked us not to.")
    data["actions"] = [{"criterion": C0.id, "action": "Call Mr Jones on 07700 900123", "status": "open"}]
    assert gate(check(data)) == [
        ("EP807", "/actions/0/action"),
        ("EP808", "/actions/0/action"),
        ("EP808", f"{criterion_pointer(P0, C0)}/justification"),
    ]


def test_evidence_file_name_is_scanned():
    data = full_pack()
    data["evidence"][0]["source"] = {"path": f"letters/{nhs_number(RNG)}_referral.pdf"}
    result = check(data)  # no base_dir: the name is checked, not the file
    assert gate(result) == [("EP801", E1_PATH)]
    assert "the file name of evidence E1" in only(result, "EP801").message


def test_staff_names_in_owner_prepared_by_and_approval_are_not_scanned():
    data = full_pack()
    data["evidence"][0]["owner"] = {"name": "Dr Jane Holt", "role": "GP partner"}
    data["metadata"]["prepared_by"] = {"name": "Mrs Sam Okafor", "role": "Quality lead"}
    data["metadata"]["approval"] = {"name": "Mr Ade Bello", "role": "Registered manager", "date": "2026-11-01"}
    data["actions"] = [{"criterion": C0.id, "action": "Audit", "owner": {"name": "Ms Ruth Khan"}, "status": "done"}]
    assert gate(check(data)) == []


def test_own_location_postcode_is_not_flagged_but_another_is():
    own = check(with_narrative("Our home at LS1 4AP (ls14ap) took part."))
    other = check(with_narrative("Our home at LS1 4AP took part; she moved to LS6 2QR."))
    assert gate(own) == []
    assert gate(other) == [("EP809", NARRATIVE)]
    assert "LS6 ***" in only(other, "EP809").message and "2QR" not in only(other, "EP809").message


def test_several_hits_of_one_kind_in_a_field_are_one_finding():
    numbers = [nhs_number(RNG) for _ in range(5)]
    found = only(check(with_narrative(" and ".join(numbers))), "EP801")
    assert found.message.startswith("5 possible NHS numbers")
    assert "and 2 more" in found.message
    assert not any(n in found.message for n in numbers)


# Attached files --------------------------------------------------------------------------------------------

def pack_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    return folder


def test_txt_file_hit_names_file_and_line(tmp_path):
    folder = pack_dir(tmp_path)
    number = nhs_number(RNG)
    data = full_pack()
    attach(data, folder, "evidence/notes.txt", f"Audit notes\n\nResident NHS {number} missed a dose\n".encode())
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP801", E1_PATH)]
    found = only(result, "EP801")
    assert "'evidence/notes.txt', line 3" in found.message and number not in found.message
    assert "SHA-256" in found.hint


def test_csv_column_header_gives_its_cells_context(tmp_path):
    folder = pack_dir(tmp_path)
    data = full_pack()
    csv = b"resident,dob,hospital number\nA,14/02/1939,K0123456\nB,03/03/1941,K0654321\n"
    attach(data, folder, "evidence/list.csv", csv)
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP803", E1_PATH), ("EP805", E1_PATH)]
    dob = only(result, "EP803")
    assert "2 possible dates of birth: line 2 ([date of birth]), line 3 ([date of birth])" in dob.message
    assert "1939" not in dob.message and "K0123456" not in only(result, "EP805").message


def test_utf16_text_file_is_read(tmp_path):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/export.txt", "Contact jo@example.org\n".encode("utf-16"))
    assert gate(check(data, base_dir=folder)) == [("EP806", E1_PATH)]


def test_docx_paragraphs_tables_and_headers_are_scanned(tmp_path):
    folder = pack_dir(tmp_path)
    number = nhs_number(RNG)
    docx_file(
        folder / "evidence" / "case.docx",
        ["Case study", "The resident was happy with the app."],
        table=[["Resident", "Phone"], ["Resident A", "07700 900123"]],
        header=f"NHS {number}",
    )
    data = full_pack()
    attach(data, folder, "evidence/case.docx")
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP801", E1_PATH), ("EP807", E1_PATH)]
    assert "paragraph" in only(result, "EP807").message and number not in only(result, "EP801").message


def test_pdf_text_is_scanned_with_page_and_line(tmp_path):
    folder = pack_dir(tmp_path)
    number = nhs_number(RNG)
    data = full_pack()
    attach(data, folder, "evidence/letter.pdf", pdf_bytes([["Clinic letter"], ["Dear colleague,", f"NHS {number}"]]))
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP801", E1_PATH)]
    assert "page 2, line 2" in only(result, "EP801").message


@pytest.mark.libreoffice
def test_pdf_made_by_libreoffice_is_scanned(tmp_path):
    tiers.require("libreoffice")
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is not installed; scripts/test-setup.sh installs it"
    folder = pack_dir(tmp_path)
    source = tmp_path / "letter.txt"
    source.write_text("Clinic letter\nPlease call her daughter on 07700 900123.\n", encoding="utf-8")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder / "evidence"), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    data = full_pack()
    attach(data, folder, "evidence/letter.pdf")
    assert gate(check(data, base_dir=folder)) == [("EP807", E1_PATH)]


def test_pdf_without_pypdf_is_reported_not_crashed(tmp_path, monkeypatch):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/letter.pdf", pdf_bytes([["NHS 9990000018"]]))
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf now raises ImportError
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP810", E1_PATH)]
    found = only(result, "EP810")
    assert found.severity == "info" and "pypdf" in found.message


def test_pdf_without_a_text_layer_is_reported(tmp_path):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/scan.pdf", pdf_bytes([[]]))
    assert "no text layer" in only(check(data, base_dir=folder), "EP810").message


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word document"),
        ("broken.pdf", b"%PDF-1.4 nothing else", "not a readable PDF"),
    ],
)
def test_corrupt_files_are_reported(tmp_path, name, content, reason):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, f"evidence/{name}", content)
    assert reason in only(check(data, base_dir=folder), "EP810").message


def test_docx_with_a_doctype_is_refused(tmp_path):
    import zipfile

    folder = pack_dir(tmp_path)
    path = folder / "evidence" / "entity.docx"
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>',
        )
    data = full_pack()
    attach(data, folder, "evidence/entity.docx")
    assert "DOCTYPE" in only(check(data, base_dir=folder), "EP810").message


def test_long_file_is_scanned_up_to_the_limit_and_reported(tmp_path, monkeypatch):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/long.txt", b"DOB 14/02/1939\n" + b"x" * 200 + b"\nMRN RX1234567\n")
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 100)
    result = check(data, base_dir=folder)
    assert gate(result) == [("EP803", E1_PATH), ("EP810", E1_PATH)]
    assert "only its first 100 characters" in only(result, "EP810").message


def test_files_are_not_read_without_file_checks(tmp_path):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/notes.txt", b"MRN RX1234567\n")
    assert gate(check(data, base_dir=folder, check_files=False)) == []
    assert gate(check(data)) == []  # no base_dir


def test_file_outside_the_pack_folder_is_not_read(tmp_path):
    folder = pack_dir(tmp_path)
    (tmp_path / "outside.txt").write_bytes(b"MRN RX1234567\n")
    data = full_pack()
    data["evidence"][0]["source"] = {"path": "../outside.txt"}
    result = check(data, base_dir=folder)
    assert gate(result) == []
    assert any(f.code == "EP702" for f in result.findings)


def test_other_kinds_of_file_are_not_read(tmp_path):
    folder = pack_dir(tmp_path)
    data = full_pack()
    attach(data, folder, "evidence/photo.png", b"\x89PNG MRN RX1234567")
    assert gate(check(data, base_dir=folder)) == []


def test_no_file_is_opened_when_no_evidence_has_a_path(tmp_path, monkeypatch):
    from evidencepack.checks import personal_data as module

    def refuse(_path, **_kwargs):
        raise AssertionError("a file was read")

    monkeypatch.setattr(module, "extract_text", refuse)
    assert gate(check(full_pack(), base_dir=pack_dir(tmp_path))) == []


# The examples and the speed --------------------------------------------------------------------------------

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "evidencepack" / "examples").glob("*.*"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_have_no_personal_data_findings(path):
    result = check_path(path)  # with its evidence files, which are read from the examples folder
    assert gate(result) == []


def _benchmark_like_pack() -> Pack:
    """Like the benchmark's packs: about 30 narratives of about 100 words and 40 evidence items, no identifiers."""
    rng = random.Random(2026)
    words = (
        "we", "ran", "four", "workshops", "with", "residents", "families", "and", "night", "staff", "in", "March",
        "2026", "and", "changed", "the", "alert", "sound", "[E3]", "the", "checking", "times", "and", "the",
        "handover", "sheet", "because", "41%", "of", "120", "people", "told", "us", "about", "sleep", "and",
        "safety;", "falls", "fell", "from", "8.2", "to", "5.1", "per", "1,000", "bed", "nights", "(n", "=", "212)",
        "by", "31/10/2026",
    )
    data = full_pack()
    while len(data["evidence"]) < 40:
        data["evidence"].append(dict(data["evidence"][0], id=f"E{len(data['evidence']) + 1}"))
    for index, item in enumerate(data["evidence"][:40]):
        item["description"] = " ".join(rng.choice(words) for _ in range(30))
        item["title"] = f"Survey of residents and staff, wave {index} (October 2026)"
    answers = [a for p in data["principles"].values() for a in p["criteria"].values()]
    for answer in answers[:30]:
        answer["narrative"] = " ".join(rng.choice(words) for _ in range(100))
    return Pack.model_validate(data)


def test_a_benchmark_sized_clean_pack_has_no_hits():
    # Its speed is measured in bench/validate.py (content checks), never asserted in a test.
    pack = _benchmark_like_pack()
    ctx = CheckContext(pack, FW, CheckOptions())
    assert list(personal_data(ctx)) == []
