"""Fuzzing load, validate, score, export and verify with generated and mutated packs, documents and bundles.

Every outcome must be a result, a LoadError, an ExportError or a VerifyReport: never another exception. Packs are
generated from the bundled schema (hypothesis-jsonschema) and made by mutating the example packs; documents and
bundles are real exports whose bytes, or whose parts, are mutated. Example counts are bounded so that the whole
tests/hostile folder runs in well under two minutes; ``EVIDENCEPACK_FUZZ_SCALE=20`` multiplies them for a deeper run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from typing import Any

from hostile_inputs import EXAMPLES, entries, exported_docx, pack_part, real_bundle, rezip
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from evidencepack.canonical import content_sha256
from evidencepack.export.document import ExportOptions, export_docx, export_pack
from evidencepack.export.errors import ExportError
from evidencepack.export.gate import ExportOverride
from evidencepack.export.verify import VerifyReport, verify_bytes
from evidencepack.framework import load_framework
from evidencepack.load import LoadError, PackDocument, parse_bytes
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document
from tests.packs import json_paths, replaced

FRAMEWORK = load_framework()
SCALE = int(os.environ.get("EVIDENCEPACK_FUZZ_SCALE", "1"))
CHECK = CheckOptions(check_files=False, today=dt.date(2026, 11, 26))
EXPORT = ExportOptions(
    check=CHECK,
    override=ExportOverride(reason="fuzzing", by="A. Tester", date=dt.date(2026, 11, 26)),
    generated_at=dt.datetime(2026, 11, 26, tzinfo=dt.UTC),
)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
EXAMPLE_FILES = sorted([*EXAMPLES.glob("*.json"), *EXAMPLES.glob("*.yaml")])
EXAMPLE = json.loads((EXAMPLES / "care-home-digital-care-planning.json").read_text(encoding="utf-8"))
TOKENS = [b"<!DOCTYPE r [<!ENTITY a 'x'>]>", b"&a;", b"<", b">", b"]]>", b"\x00", b"\xff", b'"', b"{", b"[",
          b"NaN", b"1e999", b"9" * 5000, b"\\ud800", b"&#0;", b"<w:fldSimple w:instr='HYPERLINK x'/>"]

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
JSON = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


# Outcomes: the only things any entry point may give back ---------------------------------------------------

def loaded(raw: bytes, name: str) -> PackDocument | None:
    try:
        document = parse_bytes(raw, name)
    except LoadError as error:
        assert error.finding.code.startswith("EP0") and error.finding.message
        return None
    assert isinstance(document.data, dict)
    return document


def checked(source: PackDocument | dict[str, Any]) -> PackResult:
    result = check_document(source, CHECK, FRAMEWORK)
    assert result.valid in (True, False)
    if result.score is not None:
        assert 0 <= result.score.overall <= 100
    result.contract()
    return result


def exported(data: dict[str, Any]) -> bytes | None:
    try:
        return export_docx(data, options=EXPORT)
    except ExportError as error:
        assert str(error)
        return None


def verified(raw: bytes, name: str) -> VerifyReport:
    report = verify_bytes(raw, name)
    assert isinstance(report, VerifyReport) and report.checks
    report.to_text()
    json.dumps(report.to_json())
    return report


# Mutations -----------------------------------------------------------------------------------------------

@st.composite
def mutated(draw: st.DrawFn, raw: bytes, max_edits: int = 4) -> bytes:
    """``raw`` with a few bytes flipped, inserted (random or hostile tokens), deleted, or cut off."""
    data = bytearray(raw)
    for _ in range(draw(st.integers(1, max_edits))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "insert", "token", "delete", "truncate"]))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


EXAMPLE_PATHS = json_paths(EXAMPLE)


# Packs ---------------------------------------------------------------------------------------------------

@settings(deadline=None, max_examples=20 * SCALE, suppress_health_check=SLOW)
@given(from_schema(FRAMEWORK.bundled_schema()))
def test_schema_generated_packs_load_check_export_and_verify(data: dict[str, Any]) -> None:
    document = loaded(json.dumps(data).encode(), "generated.json")
    assert document is not None and content_sha256(document.data) == content_sha256(data)
    checked(document)
    export = export_pack(data, options=EXPORT)  # a pack the schema allows can always be exported (with an override)
    assert export.data == data or export.overridden  # only an override is added to what travels inside
    report = verified(export.content, "generated.docx")
    assert report.ok, report.to_text()
    assert content_sha256(loaded(export.content, "generated.docx").data) == content_sha256(export.data)


@settings(deadline=None, max_examples=300 * SCALE, suppress_health_check=SLOW)
@given(st.data())
def test_mutated_example_pack_files_load_or_fail_with_a_finding(draw: st.DataObject) -> None:
    path = draw.draw(st.sampled_from(EXAMPLE_FILES))
    raw = draw.draw(mutated(path.read_bytes()))
    document = loaded(raw, path.name)
    if document is not None:
        checked(document)


@settings(deadline=None, max_examples=200 * SCALE, suppress_health_check=SLOW)
@given(st.binary(max_size=400), st.sampled_from(["p.json", "p.yaml", "p.yml", "p", "p.docx", "p.zip"]))
def test_arbitrary_bytes_load_or_fail_and_never_verify(raw: bytes, name: str) -> None:
    document = loaded(raw, name)
    if document is not None:
        checked(document)
    assert not verified(raw, name).ok


@settings(deadline=None, max_examples=200 * SCALE, suppress_health_check=SLOW)
@given(st.sampled_from(EXAMPLE_PATHS), JSON)
def test_example_pack_with_any_value_anywhere_checks_and_round_trips_the_loader(path: tuple, value: Any) -> None:
    data = replaced(EXAMPLE, path, value)
    checked(data) if isinstance(data, dict) else None
    raw = json.dumps(data, allow_nan=True).encode()
    document = loaded(raw, "mutated.json")
    if document is not None:
        checked(document)


@settings(deadline=None, max_examples=15 * SCALE, suppress_health_check=SLOW)
@given(st.sampled_from(EXAMPLE_PATHS), JSON)
def test_example_pack_with_any_value_anywhere_exports_and_verifies_or_is_an_export_error(path: tuple,
                                                                                          value: Any) -> None:
    data = replaced(EXAMPLE, path, value)
    assume(isinstance(data, dict))
    content = exported(data)
    if content is not None:
        assert verified(content, "mutated.docx").ok


# Word documents and bundles ------------------------------------------------------------------------------

@settings(deadline=None, max_examples=150 * SCALE, suppress_health_check=SLOW)
@given(st.data())
def test_mutated_bytes_of_a_real_export_load_or_fail_and_verify_to_a_report(draw: st.DataObject) -> None:
    raw = draw.draw(mutated(exported_docx()))
    document = loaded(raw, "pack.docx")
    if document is not None:
        checked(document)
    report = verified(raw, "pack.docx")
    if report.ok:  # only when the pack and the printed figures survived the mutation together
        assert document is not None and content_sha256(document.data) == report.pack_sha256


DOCX_PARTS = entries(exported_docx())
PARTS = sorted(name for name in DOCX_PARTS if name.endswith((".xml", ".rels")))


@settings(deadline=None, max_examples=150 * SCALE, suppress_health_check=SLOW)
@given(st.data())
def test_mutated_parts_of_a_real_export_load_or_fail_and_verify_to_a_report(draw: st.DataObject) -> None:
    part = draw.draw(st.sampled_from(PARTS))
    files = {**DOCX_PARTS, part: draw.draw(mutated(DOCX_PARTS[part]))}
    raw = rezip(files)
    document = loaded(raw, "pack.docx")
    if document is not None:
        checked(document)
    verified(raw, "pack.docx")


@settings(deadline=None, max_examples=60 * SCALE, suppress_health_check=SLOW)
@given(st.sampled_from(EXAMPLE_PATHS), JSON)
def test_any_change_to_the_pack_inside_a_document_is_caught_by_verify(path: tuple, value: Any) -> None:
    data = replaced(EXAMPLE, path, value)
    assume(isinstance(data, dict))
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), allow_nan=True).encode()
    part = pack_part(DOCX_PARTS)
    body = text.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
    files = {**DOCX_PARTS, part: b'<ep:pack xmlns:ep="urn:evidencepack:pack:1" ep:encoding="json">' + body +
             b"</ep:pack>"}
    report = verified(rezip(files), "tampered.docx")
    try:
        same = content_sha256(data) == content_sha256(EXAMPLE)
    except ValueError:  # NaN or infinity: not a pack at all
        same = False
    assert report.ok == same, report.to_text()


BUNDLE_PARTS = entries(real_bundle())


@settings(deadline=None, max_examples=80 * SCALE, suppress_health_check=SLOW)
@given(st.data())
def test_mutated_bundles_load_or_fail_and_verify_to_a_report(draw: st.DataObject) -> None:
    if draw.draw(st.booleans()):
        raw = draw.draw(mutated(real_bundle()))
    else:
        part = draw.draw(st.sampled_from(sorted(BUNDLE_PARTS)))
        raw = rezip({**BUNDLE_PARTS, part: draw.draw(mutated(BUNDLE_PARTS[part]))})
    document = loaded(raw, "bundle.zip")
    if document is not None:
        checked(document)
    report = verified(raw, "bundle.zip")
    if report.ok:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            assert archive.testzip() is None
