"""The Python API meets hostile packs, Word documents and bundles with a LoadError, a finding or a failed
VerifyReport: never another exception, never a hang, never reading a huge file whole."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc
from pathlib import Path

import pytest
from hostile_inputs import (
    GIB,
    Hostile,
    example,
    exported_docx,
    hostile_bundles,
    hostile_documents,
    hostile_packs,
    million_items_json,
    sparse_file,
)

import evidencepack
from evidencepack.export.document import ExportOptions, export_docx
from evidencepack.export.errors import ExportError
from evidencepack.export.gate import ExportOverride
from evidencepack.export.verify import verify_bytes, verify_path
from evidencepack.load import LoadError, load, parse_bytes
from evidencepack.options import CheckOptions

PACKS = hostile_packs()
ARCHIVES = hostile_documents() + hostile_bundles()


def _ids(cases: list[Hostile]) -> list[str]:
    return [case.name for case in cases]


def _refused(case: Hostile, error: LoadError) -> None:
    assert error.finding.code.startswith(case.code or "EP0"), error.finding
    assert case.says in error.finding.message, error.finding.message
    assert case.name in error.finding.message  # the message names the file


@pytest.mark.parametrize("case", PACKS, ids=_ids(PACKS))
def test_a_hostile_pack_file_is_a_load_error_from_load_and_parse_bytes(case: Hostile, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.content)
    started = time.perf_counter()
    with pytest.raises(LoadError) as from_file:
        evidencepack.load(path)
    _refused(case, from_file.value)
    with pytest.raises(LoadError) as from_bytes:
        parse_bytes(case.content, case.name)
    _refused(case, from_bytes.value)
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("case", PACKS, ids=_ids(PACKS))
def test_a_hostile_pack_file_is_one_finding_from_check(case: Hostile, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.content)
    result = evidencepack.check(path)
    assert not result.valid and result.score is None
    (only,) = result.findings
    assert only.code.startswith(case.code) and case.says in only.message


def test_a_million_evidence_items_in_a_file_within_the_size_limit_are_refused_quickly(tmp_path: Path) -> None:
    raw = million_items_json()
    assert len(raw) < 20 * 1024 * 1024  # inside the default size limit: the list itself is refused
    path = tmp_path / "million.json"
    path.write_bytes(raw)
    started = time.perf_counter()
    result = evidencepack.check(path)
    assert time.perf_counter() - started < 15
    (only,) = result.findings
    assert only.code == "EP009" and "1,000,000 items" in only.message and "100,000" in only.message


def test_a_1_gib_file_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "huge.json")
    tracemalloc.start()
    try:
        with pytest.raises(LoadError) as caught:
            load(path)
        result = evidencepack.check(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.finding.code == "EP004" and f"{GIB + 1:,} bytes" in caught.value.finding.message
    assert result.findings[0].code == "EP004"
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("suffix", [".docx", ".zip"])
def test_verify_path_refuses_a_1_gib_file_by_its_size_before_reading_it(tmp_path: Path, suffix: str) -> None:
    path = sparse_file(tmp_path / f"huge{suffix}")
    tracemalloc.start()
    try:
        report = verify_path(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not report.ok and "over the limit" in report.to_text()
    assert peak < 50 * 1024 * 1024


def test_verify_path_reads_a_large_file_that_is_not_a_zip_without_reading_it_whole(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "almost.docx", 10**9)  # 1 GB, just under the size limit
    tracemalloc.start()
    try:
        report = verify_path(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not report.ok and "not a readable ZIP" in report.to_text()
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("case", ARCHIVES, ids=_ids(ARCHIVES))
def test_a_hostile_document_or_bundle_does_not_verify_and_says_why(case: Hostile, tmp_path: Path) -> None:
    started = time.perf_counter()
    tracemalloc.start()
    try:
        report = verify_bytes(case.content, case.name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not report.ok
    assert case.says in report.to_text()
    assert report.to_json()["ok"] is False
    path = tmp_path / case.name
    path.write_bytes(case.content)
    from_file = verify_path(path)
    assert [(c.name, c.ok) for c in from_file.checks] == [(c.name, c.ok) for c in report.checks]
    assert time.perf_counter() - started < 10
    assert peak < 200 * 1024 * 1024  # nothing unpacked whole: the bombs claim far more


@pytest.mark.parametrize("case", ARCHIVES, ids=_ids(ARCHIVES))
def test_a_hostile_document_or_bundle_loads_only_as_a_load_error(case: Hostile) -> None:
    try:
        document = parse_bytes(case.content, case.name)
    except LoadError as error:
        assert error.finding.code.startswith(case.code or "EP0"), error.finding
    else:
        assert not case.code, f"{case.name} should have been refused"
        evidencepack.check(document)  # loads (the hostile part is one load does not read): checks like any pack


def test_an_unchanged_export_still_verifies() -> None:
    """The hardening refuses nothing that evidencepack itself writes."""
    report = verify_bytes(exported_docx(), "pack.docx")
    assert report.ok, report.to_text()


# Packs given as a dict through the API --------------------------------------------------------------------

def _deep_object(depth: int) -> dict:
    root: dict = {}
    node = root
    for _ in range(depth):
        node["x"] = {}
        node = node["x"]
    return {"metadata": root}


def _deep_list(depth: int) -> dict:
    root: list = []
    node = root
    for _ in range(depth):
        node.append([])
        node = node[0]
    return {"evidence": root}


DICTS = {
    "an object nested 100,000 deep": _deep_object(100_000),
    "a list nested 100,000 deep": _deep_list(100_000),
    "bytes": {"metadata": {"title": b"title"}},
    "a set": {"metadata": {"title": {"a", "b"}}},
    "a date": {"metadata": {"period": {"start": dt.date(2026, 1, 1)}}},
    "a key that is not text": {"metadata": {1: "one"}},
    "an unpaired surrogate": {"metadata": {"status": "\ud800"}},
    "NaN": {"measures": [{"target": float("nan")}]},
    "a 10,000-digit number": {"metadata": {"version": 10**10_000}},
}


@pytest.mark.parametrize("case", list(DICTS))
def test_a_hostile_dict_is_a_finding_from_check_never_an_exception(case: str) -> None:
    result = evidencepack.check(DICTS[case])
    assert not result.valid and result.score is None
    assert result.findings[0].code in ("EP004", "EP005", "EP006", "EP009")


@pytest.mark.parametrize("overridden", [False, True], ids=["no override", "override"])
@pytest.mark.parametrize("case", list(DICTS))
def test_a_hostile_dict_is_an_export_error_from_export_docx(case: str, overridden: bool) -> None:
    """Even a person's override of the export gate cannot make a value JSON cannot hold exportable."""
    override = ExportOverride(reason="testing hostile input", by="A. Tester", date=dt.date(2026, 1, 1))
    options = ExportOptions(check=CheckOptions(check_files=False), override=override if overridden else None)
    with pytest.raises(ExportError):
        export_docx(DICTS[case], options=options)


def test_a_million_evidence_items_given_as_a_dict_are_a_finding_quickly() -> None:
    data = {"evidence": [{} for _ in range(1_000_000)]}
    started = time.perf_counter()
    result = evidencepack.check(data)
    assert time.perf_counter() - started < 5
    assert not result.valid and result.findings[0].code in ("EP004", "EP009", "EP100")


def test_a_pack_with_a_million_evidence_items_with_ids_given_as_a_dict_is_a_finding_quickly() -> None:
    data = example()
    data["evidence"] = [{"id": f"E{i}"} for i in range(1, 1_000_001)]
    started = time.perf_counter()
    result = evidencepack.check(data)
    assert time.perf_counter() - started < 5
    assert not result.valid and any("1,000,000" in f.message for f in result.findings)


def test_a_pack_whose_text_quotes_the_printed_labels_still_verifies() -> None:
    """Verify reads the document's own figures, not the same words inside the pack's text."""
    data = example()
    data["innovation"]["summary"] = "Last year's pack said Overall completeness: 40% (Pack content SHA-256: 0000)."
    criterion = data["principles"]["people"]["criteria"]["co_design"]
    criterion["narrative"] = "Overall completeness: 12% was our first estimate [E1]. Pack content SHA-256: abc."
    content = export_docx(data, options=ExportOptions(check=CheckOptions(check_files=False)))
    report = verify_bytes(content, "quoting.docx")
    assert report.ok, report.to_text()
