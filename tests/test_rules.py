"""Every rule in the registry (schemas/rules.json): one pack that triggers it, and a near-identical one that does not.

Load rules (EP0xx) are triggered through ``parse_bytes``; every other rule through ``check_document`` on a
change to the fully answered pack of ``packs.full_pack`` (which has no findings at all). Each table entry is
``code: (bad, good, expected)``; a registry code without an entry fails ``test_every_registry_code_has_a_trigger``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from packs import (
    TODAY,
    blank,
    check,
    criterion_pointer,
    evidence_item,
    findings,
    full_pack,
    measure,
    narrative,
    response,
)

from evidencepack.findings import rules
from evidencepack.framework import load_framework
from evidencepack.load import LoadError, parse_bytes
from evidencepack.privacy.synthetic import nhs_number

FW = load_framework()
P0 = FW.principles[0]
C0 = P0.criteria[0]  # a criterion of principle 1
C0_POINTER = criterion_pointer(P0, C0)
PERIOD_END = dt.date.fromisoformat(full_pack()["metadata"]["period"]["end"])
SCORER_CODES = {"EP210", "EP601", "EP602", "EP603", "EP604"}  # completeness gaps that cost points


# Load rules (EP0xx) -------------------------------------------------------------------------------------

Raw = tuple[bytes, str, dict[str, Any]]  # bytes, file name, keyword arguments for parse_bytes


def _json(data: Any) -> bytes:
    return json.dumps(data, indent=2).encode("utf-8")


def _nested_evidence(evidence: list[Any]) -> bytes:
    """A pack whose deepest container is the evidence list of one criterion (or deeper)."""
    return _json({"principles": {P0.key: {"criteria": {C0.key: {"evidence": evidence}}}}})


def _zip(member: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, content)
    return buffer.getvalue()


_BLANK_BYTES = _json(blank())

LOAD_TRIGGERS: dict[str, tuple[Callable[[], Raw], Callable[[], Raw], str | None]] = {
    # expected: a text the message must contain (the line and column, where the code gives them)
    "EP001": (
        lambda: (b'{\n  "metadata": {\n    "title": "Falls",\n  }\n}\n', "pack.json", {}),
        lambda: (b'{\n  "metadata": {\n    "title": "Falls"\n  }\n}\n', "pack.json", {}),
        "line 4, column 3",
    ),
    "EP002": (
        lambda: (b'{\n  "metadata": {\n    "title": "Caf\xe9"\n  }\n}\n', "pack.json", {}),
        lambda: ('{\n  "metadata": {\n    "title": "Café"\n  }\n}\n'.encode(), "pack.json", {}),
        "line 3",
    ),
    "EP003": (
        lambda: (b'{\n  "metadata": {\n    "title": "A",\n    "title": "B"\n  }\n}\n', "pack.json", {}),
        lambda: (b'{\n  "metadata": {\n    "title": "A",\n    "status": "draft"\n  }\n}\n', "pack.json", {}),
        "line 4, column 5",
    ),
    "EP004": (
        lambda: (_BLANK_BYTES, "pack.json", {"max_bytes": len(_BLANK_BYTES) - 1}),
        lambda: (_BLANK_BYTES, "pack.json", {"max_bytes": len(_BLANK_BYTES)}),
        None,
    ),
    "EP005": (
        lambda: (_nested_evidence([["E1"]]), "pack.json", {}),
        lambda: (_nested_evidence(["E1"]), "pack.json", {}),
        None,
    ),
    "EP006": (
        lambda: (b"metadata:\n  title: &t Falls\n  prepared_by: {name: *t}\n", "pack.yaml", {}),
        lambda: (b"metadata:\n  title: Falls\n  prepared_by: {name: Falls}\n", "pack.yaml", {}),
        "line 3, column 23",
    ),
    "EP007": (
        lambda: (_zip("notes.bin", os.urandom(256)), "pack.docx", {}),
        lambda: (_BLANK_BYTES, "pack.json", {}),
        None,
    ),
    "EP008": (
        lambda: (b'[\n  {"metadata": {}}\n]\n', "pack.json", {}),
        lambda: (b'{\n  "metadata": {}\n}\n', "pack.json", {}),
        None,
    ),
    "EP009": (
        lambda: (b'{"actions": [' + b",".join([b"{}"] * 100_001) + b"]}", "pack.json", {}),
        lambda: (b'{"actions": [' + b",".join([b"{}"] * 5_000) + b"]}", "pack.json", {}),
        None,
    ),
}

# More ways to break a file, each with the code and the location the message must name.
LOAD_VARIANTS: list[tuple[str, bytes, str, str | None]] = [
    ("EP001", b"metadata:\n  title: [unclosed\n", "pack.yaml", "line 3, column 1"),
    ("EP001", b'{"metadata": {"title": "x"}', "pack.json", "line 1, column 28"),
    ("EP002", b'\xff\xfe{\x00}\x00', "pack.json", "line 1"),
    ("EP002", b"metadata:\n  title: caf\xe9\n", "pack.yaml", "line 2"),
    ("EP003", b"metadata:\n  title: A\n  title: B\n", "pack.yaml", "line 3, column 3"),
    # the key also appears, once, in an earlier object: the message must still name the duplicate's own line
    (
        "EP003",
        b'{\n  "metadata": {\n    "provider": {"name": "A"}\n  },\n'
        b'  "innovation": {\n    "name": "X",\n    "name": "Y"\n  }\n}\n',
        "pack.json",
        "line 7, column 5",
    ),
    ("EP005", b"[" * 100_000, "pack.json", None),
    ("EP006", b'{"measures": [{"target": NaN}]}', "pack.json", None),
    ("EP006", b'{"measures": [{"target": -Infinity}]}', "pack.json", None),
    ("EP006", b'{"metadata": {"version": 1' + b"0" * 5000 + b"}}", "pack.json", None),
    ("EP006", b"measures:\n  - target: .nan\n", "pack.yaml", None),
    ("EP006", b"measures:\n  - target: .inf\n", "pack.yaml", None),
    ("EP006", b"metadata: !!python/object/apply:os.system ['true']\n", "pack.yaml", "line 1, column 11"),
    ("EP006", b"metadata:\n  1: x\n", "pack.yaml", "line 2, column 3"),
    ("EP006", b"metadata:\n  [a, b]: x\n", "pack.yaml", "line 2, column 3"),
    ("EP008", b"", "pack.yaml", None),
    ("EP008", b"just some words\n", "pack.yaml", None),
    ("EP008", b"- metadata: {}\n", "pack.yaml", None),
]


def _load_error(raw: bytes, name: str, **kwargs: Any) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse_bytes(raw, name, **kwargs)
    return caught.value


@pytest.mark.parametrize("code", sorted(LOAD_TRIGGERS))
def test_load_rule_triggers(code: str) -> None:
    bad, _, where = LOAD_TRIGGERS[code]
    raw, name, kwargs = bad()
    found = _load_error(raw, name, **kwargs).finding
    assert found.code == code, found.message
    assert found.severity == rules()[code].severity
    assert found.pointer == ""
    assert found.message.startswith(name)
    if where:
        assert where in found.message, found.message


@pytest.mark.parametrize("code", sorted(LOAD_TRIGGERS))
def test_load_rule_quiet_on_good_file(code: str) -> None:
    _, good, _ = LOAD_TRIGGERS[code]
    raw, name, kwargs = good()
    document = parse_bytes(raw, name, **kwargs)  # no LoadError of any code
    assert isinstance(document.data, dict)


@pytest.mark.parametrize(
    ("code", "raw", "name", "where"), LOAD_VARIANTS, ids=[f"{v[0]}-{v[2]}-{i}" for i, v in enumerate(LOAD_VARIANTS)]
)
def test_load_rule_variants(code: str, raw: bytes, name: str, where: str | None) -> None:
    found = _load_error(raw, name).finding
    assert found.code == code, found.message
    assert found.severity == rules()[code].severity
    if where:
        assert where in found.message, found.message


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert parse_bytes(b'\xef\xbb\xbf{"metadata": {}}', "pack.json").data == {"metadata": {}}


def test_yaml_dates_stay_text_like_json() -> None:
    document = parse_bytes(b"evidence:\n  - id: E1\n    date: 2026-06-01\n", "pack.yaml")
    assert document.data["evidence"][0]["date"] == "2026-06-01"


# Content, schema, completeness and file rules -----------------------------------------------------------

Change = Callable[[dict[str, Any], Path], None]
EVIDENCE_FILE = "evidence/survey.csv"
EVIDENCE_BYTES = b"question,agree\nI feel safe at night,41\n"


def _pack_dir(tmp: Path) -> Path:
    folder = tmp / "pack"
    folder.mkdir(exist_ok=True)
    return folder


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _with_file(data: dict[str, Any], tmp: Path, path: str = EVIDENCE_FILE, *, sha: str | None = "real") -> None:
    """E1's source becomes a file in the pack's folder (written there), with its real hash unless told."""
    target = _pack_dir(tmp) / EVIDENCE_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(EVIDENCE_BYTES)
    item = data["evidence"][0]
    item["source"] = {"path": path}
    if sha == "real":
        item["sha256"] = _sha(EVIDENCE_BYTES)
    elif sha is None:
        item.pop("sha256", None)
    else:
        item["sha256"] = sha


def _outside_file(tmp: Path) -> Path:
    outside = tmp / "outside.txt"
    outside.write_bytes(EVIDENCE_BYTES)
    return outside


def _e1_cited_by(data: dict[str, Any]) -> dict[str, Any]:
    """The response citing E1 (the first criterion of principle 1 in the full pack)."""
    return response(data, P0, C0)


def _set(path: str, value: Any) -> Change:
    """Set a value at a slash path (list indexes as numbers); None deletes the key."""

    def change(data: dict[str, Any], _tmp: Path) -> None:
        *parents, last = path.strip("/").split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value

    return change


def _criterion(**values: Any) -> Change:
    """Change the first criterion of principle 1 (None deletes a key)."""

    def change(data: dict[str, Any], _tmp: Path) -> None:
        answer = _e1_cited_by(data)
        for key, value in values.items():
            if value is None:
                answer.pop(key, None)
            else:
                answer[key] = value

    return change


def _both(*changes: Change) -> Change:
    def change(data: dict[str, Any], tmp: Path) -> None:
        for each in changes:
            each(data, tmp)

    return change


def _unchanged(_data: dict[str, Any], _tmp: Path) -> None:
    return None


def _append_evidence(cited: bool) -> Change:
    def change(data: dict[str, Any], _tmp: Path) -> None:
        data["evidence"].append(evidence_item("E999"))
        if cited:
            _e1_cited_by(data)["evidence"].append("E999")

    return change


def _one_category_for_principle_1(data: dict[str, Any], _tmp: Path) -> None:
    cited = {e for answer in data["principles"][P0.key]["criteria"].values() for e in answer["evidence"]}
    for item in data["evidence"]:
        if item["id"] in cited:
            item["category"] = "processes"


def _gap_action(data: dict[str, Any], _tmp: Path) -> None:
    data["actions"].append(
        {"criterion": C0.id, "action": "Run two more workshops", "owner": {"name": "Sam"}, "due": "2027-02-01",
         "status": "open"}
    )


def _symlink_out(data: dict[str, Any], tmp: Path) -> None:
    link = _pack_dir(tmp) / "linked.csv"
    link.symlink_to(_outside_file(tmp))
    data["evidence"][0]["source"] = {"path": "linked.csv"}
    data["evidence"][0]["sha256"] = _sha(EVIDENCE_BYTES)


def _symlink_in(data: dict[str, Any], tmp: Path) -> None:
    _with_file(data, tmp)
    link = _pack_dir(tmp) / "linked.csv"
    link.symlink_to(_pack_dir(tmp) / EVIDENCE_FILE)
    data["evidence"][0]["source"] = {"path": "linked.csv"}


def _dotdot(data: dict[str, Any], tmp: Path) -> None:
    _outside_file(tmp)
    _with_file(data, tmp, "../outside.txt")


def _absolute(data: dict[str, Any], tmp: Path) -> None:
    _with_file(data, tmp, str(_outside_file(tmp)))


_SAFE = {
    "dtac_version": "2024", "dtac_date": "2024-01-10", "dcb0129_reference": "CSC-12", "dcb0160_reference": "CSC-14",
    "dpia_reference": "DPIA-2026-03",
}


def _digital(go_live: str, **assurance: Any) -> Change:
    """A digital innovation in roll-out with the assurance given (None removes a reference)."""
    refs = {k: v for k, v in {**_SAFE, **assurance}.items() if v is not None}
    return _both(_set("/innovation/kind", "digital"), _set("/innovation/go_live", go_live),
                 _set("/innovation/assurance", refs))


def _not_applicable(share: float) -> Change:
    """Mark the first ``share`` of all criteria not applicable, each with a reason of its own."""

    def change(data: dict[str, Any], _tmp: Path) -> None:
        every = [(p, c) for p in FW.principles for c in p.criteria]
        for principle, criterion in every[: int(len(every) * share)]:
            data["principles"][principle.key]["criteria"][criterion.key] = {
                "status": "not_applicable", "justification": narrative(12, seed="na " + criterion.id)}

    return change


def _repeat_narrative(data: dict[str, Any], _tmp: Path) -> None:
    criteria = data["principles"][P0.key]["criteria"]
    criteria[P0.criteria[1].key]["narrative"] = criteria[C0.key]["narrative"] + " And more."


def _days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


MAX_AGE = FW.scoring.evidence_max_age_days
E1 = "/evidence/0"
M1 = "/measures/0"
ANY_FILE_SHA = "0" * 64

# code: (change making the full pack break the rule, near-identical change that keeps it, expected pointer)
TRIGGERS: dict[str, tuple[Change, Change, str]] = {
    "EP100": (_set("/metadata/version", "one"), _set("/metadata/version", 2), "/metadata/version"),
    "EP201": (_set("/evidence/1/id", "E1"), _set("/evidence/1/id", "E2"), "/evidence/1/id"),
    "EP202": (_criterion(evidence=["E1", "E999"]), _criterion(evidence=["E1", "E2"]), f"{C0_POINTER}/evidence/1"),
    "EP203": (
        _criterion(narrative="Residents shaped the checks [E999]."),
        _criterion(narrative="Residents shaped the checks [E1]."),
        f"{C0_POINTER}/narrative",
    ),
    "EP204": (_set("/measures/0/source", "E999"), _set("/measures/0/source", "E2"), "/measures/0/source"),
    "EP205": (_append_evidence(cited=False), _append_evidence(cited=True), "/evidence/{last}"),
    "EP206": (
        _set("/actions", [{"criterion": f"{P0.key}.no_such_criterion", "status": "done"}]),
        _set("/actions", [{"criterion": C0.id, "status": "done"}]),
        "/actions/0/criterion",
    ),
    "EP110": (_set("/innovation/name", None), _unchanged, "/innovation/name"),
    "EP207": (  # DTAC is asked of a system brought in since it was published, not of one live before it
        _digital("2024-03", dtac_version=None),
        _digital("2019-06", dtac_version=None),
        "/innovation/assurance/dtac_version",
    ),
    "EP208": (_digital("2024-03", dcb0160_reference=None), _digital("2024-03"), "/innovation/assurance"),
    "EP209": (
        _set("/innovation/personal_data", True),
        _set("/innovation/personal_data", False),
        "/innovation/assurance",
    ),
    "EP211": (
        _criterion(status="not_applicable", justification="n/a"),
        _criterion(status="not_applicable", justification="Nobody who uses this service has a carer or family "
                   "member involved in their care."),
        f"{C0_POINTER}/justification",
    ),
    "EP507": (_set("/measures/0/latest", {"value": 12.0, "date": "2026-10-31"}), _unchanged, "/measures/0"),
    "EP607": (_repeat_narrative, _unchanged, f"{criterion_pointer(P0, P0.criteria[1])}/narrative"),
    "EP608": (_not_applicable(0.4), _not_applicable(0.2), "/principles"),
    "EP210": (
        _criterion(status="not_applicable"),
        _criterion(status="not_applicable", justification="We have no carers or families using this route."),
        C0_POINTER,
    ),
    "EP301": (_set("/evidence/0/date", _days_ago(-1)), _set("/evidence/0/date", TODAY.isoformat()), f"{E1}/date"),
    "EP302": (
        _set("/metadata/period", {"start": "2026-10-31", "end": "2026-01-01"}),
        _set("/metadata/period", {"start": "2026-01-01", "end": "2026-01-01"}),
        "/metadata/period",
    ),
    "EP303": (  # currency is judged against the end of the pack's period, not today
        _set("/evidence/0/date", (PERIOD_END - dt.timedelta(days=MAX_AGE + 1)).isoformat()),
        _set("/evidence/0/date", (PERIOD_END - dt.timedelta(days=MAX_AGE)).isoformat()),
        f"{E1}/date",
    ),
    "EP304": (
        _set("/evidence/0/review_due", _days_ago(1)),
        _set("/evidence/0/review_due", TODAY.isoformat()),
        f"{E1}/review_due",
    ),
    "EP305": (
        _set("/measures/0/baseline/date", "2026-11-01"),
        _set("/measures/0/baseline/date", "2026-10-31"),
        M1,
    ),
    "EP306": (
        _set("/actions", [{"criterion": C0.id, "action": "Audit", "due": _days_ago(1), "status": "open"}]),
        _set("/actions", [{"criterion": C0.id, "action": "Audit", "due": _days_ago(1), "status": "done"}]),
        "/actions/0/due",
    ),
    "EP307": (
        _set("/measures/0/latest/date", _days_ago(-1)),
        _set("/measures/0/latest/date", TODAY.isoformat()),
        f"{M1}/latest/date",
    ),
    "EP401": (
        _set("/metadata/provider/cqc_provider_id", "1-10123456"),
        _set("/metadata/provider/cqc_provider_id", "1-1012345678"),
        "/metadata/provider/cqc_provider_id",
    ),
    "EP402": (
        _set("/metadata/locations/0/cqc_location_id", "1-12345678901"),
        _set("/metadata/locations/0/cqc_location_id", "1-123456789"),
        "/metadata/locations/0/cqc_location_id",
    ),
    "EP403": (
        _set("/metadata/provider/ods_code", "A1-234"),
        _set("/metadata/provider/ods_code", "RX1"),
        "/metadata/provider/ods_code",
    ),
    "EP404": (
        _set("/metadata/locations/0/postcode", "LS1 4A"),
        _set("/metadata/locations/0/postcode", "ls14ap"),
        "/metadata/locations/0/postcode",
    ),
    "EP501": (_set("/measures/0/baseline/value", None), _set("/measures/0/baseline/value", 0), f"{M1}/baseline"),
    "EP502": (_set("/measures/0/latest/value", None), _set("/measures/0/latest/value", 0), f"{M1}/latest"),
    "EP503": (_set("/measures/0/source", None), _set("/measures/0/source", "E2"), f"{M1}/source"),
    "EP504": (
        _set("/measures/0/breakdown", []),
        _set("/measures/0/breakdown", [{"group": "aged 85 and over", "baseline": 9, "latest": 6}]),
        f"{M1}/breakdown",
    ),
    "EP505": (_set("/measures/0/unit", None), _set("/measures/0/unit", "%"), M1),
    "EP506": (_set("/measures", []), _set("/measures", [measure(inequalities=False, breakdown=[])]), "/measures"),
    "EP601": (_criterion(status=None), _criterion(status="met"), C0_POINTER),
    "EP602": (
        _criterion(narrative="We asked people."),
        _criterion(narrative=" ".join(["word"] * FW.scoring.narrative_min_words)),
        C0_POINTER,
    ),
    "EP603": (_criterion(evidence=[]), _unchanged, C0_POINTER),
    "EP604": (_both(_criterion(status="partly"), _gap_action), _gap_action, C0_POINTER),
    "EP605": (_one_category_for_principle_1, _unchanged, f"/principles/{P0.key}"),
    "EP606": (_criterion(status="partly"), _both(_criterion(status="partly"), _gap_action), C0_POINTER),
    "EP701": (
        lambda d, t: _with_file(d, t, "evidence/missing.csv"),
        lambda d, t: _with_file(d, t, EVIDENCE_FILE),
        f"{E1}/source/path",
    ),
    "EP702": (_dotdot, _with_file, f"{E1}/source/path"),
    "EP703": (lambda d, t: _with_file(d, t, sha=ANY_FILE_SHA), _with_file, f"{E1}/sha256"),
    "EP704": (lambda d, t: _with_file(d, t, sha=None), _with_file, f"{E1}/sha256"),
    "EP705": (
        _set("/evidence/0/source", None),
        _set("/evidence/0/source", {"attachment": ANY_FILE_SHA}),
        f"{E1}/source",
    ),
    "EP706": (
        _set("/evidence/0/personal_data", None),
        _set("/evidence/0/personal_data", "consent_recorded"),
        f"{E1}/personal_data",
    ),
    # the personal-data gate (EP8xx): NHS numbers are made at run time, never written here
    "EP801": (
        _criterion(narrative=f"Resident's NHS number {nhs_number()} was on the audit sheet."),
        _criterion(narrative="Resident's NHS number was not on the audit sheet."),
        f"{C0_POINTER}/narrative",
    ),
    "EP802": (
        _criterion(narrative=f"Training used the test record {nhs_number(test_range=True)}."),
        _criterion(narrative="Training used a test record."),
        f"{C0_POINTER}/narrative",
    ),
    "EP803": (
        _criterion(narrative="Her DOB 14/02/1939 was on the wristband photo."),
        _criterion(narrative="The audit of 14/02/2026 used the wristband photo."),
        f"{C0_POINTER}/narrative",
    ),
    "EP804": (
        _criterion(narrative="CHI 1203481234 was on the prescription."),
        _criterion(narrative="Ref 1203481234 was on the prescription."),
        f"{C0_POINTER}/narrative",
    ),
    "EP805": (
        _criterion(narrative="MRN: RX1234567 was visible in the screenshot."),
        _criterion(narrative="MRN: removed from the screenshot."),
        f"{C0_POINTER}/narrative",
    ),
    "EP806": (
        _criterion(narrative="Contact jane.doe@example.com about visits."),
        _criterion(narrative="Contact the family about visits."),
        f"{C0_POINTER}/narrative",
    ),
    "EP807": (
        _criterion(narrative="Call her son on 07700 900123 after six."),
        _criterion(narrative="Call her son on extension 123 after six."),
        f"{C0_POINTER}/narrative",
    ),
    "EP808": (
        _criterion(narrative="Mrs Patricia Holt said the checks woke her."),
        _criterion(narrative="Mrs A said the checks woke her."),
        f"{C0_POINTER}/narrative",
    ),
    "EP809": (
        _criterion(narrative="She moved from LS6 2QR to our home."),
        _criterion(narrative="She moved from LS6 to our home at LS1 4AP."),
        f"{C0_POINTER}/narrative",
    ),
    "EP810": (
        lambda d, t: (_pack_dir(t).joinpath("notes.pdf").write_bytes(b"%PDF-1.4 cut short"),
                      _set("/evidence/0/source", {"path": "notes.pdf"})(d, t)),
        lambda d, t: (_pack_dir(t).joinpath("notes.txt").write_bytes(b"%PDF-1.4 cut short"),
                      _set("/evidence/0/source", {"path": "notes.txt"})(d, t)),
        f"{E1}/source/path",
    ),
}


def _run(change: Change, tmp_path: Path):
    data = full_pack()
    change(data, tmp_path)
    return data, check(data, base_dir=_pack_dir(tmp_path))


def test_every_registry_code_has_a_trigger() -> None:
    tested = set(TRIGGERS) | set(LOAD_TRIGGERS)
    assert not set(rules()) - tested, "registry codes without a trigger test"
    assert not tested - set(rules()), "trigger tests for codes not in the registry"
    assert not set(TRIGGERS) & set(LOAD_TRIGGERS)


def test_full_pack_has_no_findings(tmp_path: Path) -> None:
    _, result = _run(_unchanged, tmp_path)
    assert result.findings == []


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_triggers(code: str, tmp_path: Path) -> None:
    bad, _, expected = TRIGGERS[code]
    data, result = _run(bad, tmp_path)
    expected = expected.replace("{last}", str(len(data["evidence"]) - 1))
    found = findings(result, code)
    assert [f.pointer for f in found] == [expected], result.findings
    finding = found[0]
    assert finding.severity == rules()[code].severity
    assert finding.message and finding.hint
    if code in SCORER_CODES:
        assert finding.points is not None and finding.points > 0
    if code == "EP100":
        assert result.score is None and not result.valid


@pytest.mark.parametrize("code", sorted(TRIGGERS))
def test_rule_quiet_on_near_identical_pack(code: str, tmp_path: Path) -> None:
    _, good, _ = TRIGGERS[code]
    _, result = _run(good, tmp_path)
    assert findings(result, code) == []
    assert not any(f.code == "EP100" for f in result.findings), result.findings


# More triggers for rules with several ways in ------------------------------------------------------------

@pytest.mark.parametrize(
    "change",
    [
        _dotdot,
        _absolute,
        _symlink_out,
        lambda d, t: _with_file(d, t, "evidence/../../outside.txt"),
        lambda d, t: _with_file(d, t, "C:\\Windows\\win.ini"),
    ],
    ids=["dotdot", "absolute", "symlink-out", "dotdot-inside-path", "windows-absolute"],
)
def test_evidence_path_outside_folder_is_ep702(change: Change, tmp_path: Path) -> None:
    _, result = _run(change, tmp_path)
    assert [f.pointer for f in findings(result, "EP702")] == [f"{E1}/source/path"]
    assert not findings(result, "EP701")


def test_symlink_to_a_file_inside_folder_is_allowed(tmp_path: Path) -> None:
    _, result = _run(_symlink_in, tmp_path)
    assert not {"EP701", "EP702", "EP703", "EP704"} & {f.code for f in result.findings}


def test_missing_hash_hint_gives_the_real_sha256(tmp_path: Path) -> None:
    _, result = _run(lambda d, t: _with_file(d, t, sha=None), tmp_path)
    (found,) = findings(result, "EP704")
    assert _sha(EVIDENCE_BYTES) in found.hint


def test_file_rules_are_skipped_without_file_checks(tmp_path: Path) -> None:
    data = full_pack()
    _with_file(data, tmp_path, "evidence/missing.csv")
    result = check(data, base_dir=_pack_dir(tmp_path), check_files=False)
    assert not findings(result, "EP701")


def test_inline_citation_in_justification_must_resolve(tmp_path: Path) -> None:
    change = _criterion(status="not_applicable", justification="Covered elsewhere [E999].")
    _, result = _run(change, tmp_path)
    assert [f.pointer for f in findings(result, "EP203")] == [f"{C0_POINTER}/justification"]


def test_inline_citation_in_principle_summary_must_resolve(tmp_path: Path) -> None:
    _, result = _run(_set(f"/principles/{P0.key}/summary", "See the survey [E999]."), tmp_path)
    assert [f.pointer for f in findings(result, "EP203")] == [f"/principles/{P0.key}/summary"]


def test_not_yet_is_a_gap_like_partly(tmp_path: Path) -> None:
    _, result = _run(_criterion(status="not_yet"), tmp_path)
    assert [f.pointer for f in findings(result, "EP604")] == [C0_POINTER]
    assert [f.pointer for f in findings(result, "EP606")] == [C0_POINTER]


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH",
                                      "DN55 1PT", "N1C 4AG", "GIR 0AA", " LS1 4AP "])
def test_real_postcodes_are_not_flagged(postcode: str, tmp_path: Path) -> None:
    _, result = _run(_set("/metadata/locations/0/postcode", postcode), tmp_path)
    assert not findings(result, "EP404")


def test_schema_error_pointer_names_the_criterion_key(tmp_path: Path) -> None:
    _, result = _run(_criterion(status="done"), tmp_path)
    assert [f.pointer for f in findings(result, "EP100")] == [f"{C0_POINTER}/status"]
