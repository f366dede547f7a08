"""Pack-building helpers for tests: a blank pack, a fully answered one, and small pieces to change them with.

Everything is read from the framework (``load_framework()``), so the helpers work for any schema folder,
including a copy with a seventh principle.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import shutil
from pathlib import Path
from typing import Any

from evidencepack.findings import Finding
from evidencepack.framework import Criterion, Framework, Principle, default_schema_dir, load_framework
from evidencepack.options import CheckOptions
from evidencepack.result import PackResult, check_document

TODAY = dt.date(2026, 11, 26)
PACK_ID = "3f2b6c1e-8d4a-4e5b-9c7d-1a2b3c4d5e6f"
_SENTENCE = (
    "we ran four workshops with residents families and night staff and changed the alert sound the "
    "checking times and the handover sheet because of what they told us about sleep and safety"
)
_WORDS = _SENTENCE.split(" ")


def opts(**settings: Any) -> CheckOptions:
    """Check options with the fixed test date."""
    return CheckOptions(today=TODAY, **settings)


def check(data: dict[str, Any], framework: Framework | None = None, **settings: Any) -> PackResult:
    """Validate and score ``data`` as of TODAY."""
    return check_document(copy.deepcopy(data), opts(**settings), framework)


def findings(result: PackResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def codes(result: PackResult) -> set[str]:
    return {f.code for f in result.findings}


def narrative(words: int, seed: str | None = None) -> str:
    """A narrative of exactly ``words`` words (no inline citations); with ``seed``, words in an order of its own,
    so that narratives of different criteria are not the same text (which the assessment counts once)."""
    if seed is None:
        return " ".join(_WORDS[i % len(_WORDS)] for i in range(words))
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) + rng.choice(("", "s", "ed", "ing")) for _ in range(words))


def criterion_pointer(principle: Principle | str, criterion: Criterion | str) -> str:
    p = principle if isinstance(principle, str) else principle.key
    c = criterion if isinstance(criterion, str) else criterion.key
    return f"/principles/{p}/criteria/{c}"


def blank(framework: Framework | None = None) -> dict[str, Any]:
    """A schema-valid pack with every principle of ``framework`` present and nothing answered."""
    fw = framework or load_framework()
    return {
        "metadata": {"schema_version": "1.0", "version": 1, "status": "draft"},
        "innovation": {},
        "evidence": [],
        "principles": {p.key: {"criteria": {c.key: {} for c in p.criteria}} for p in fw.principles},
        "measures": [],
        "actions": [],
    }


def evidence_item(evidence_id: str, category: str = "processes", **changes: Any) -> dict[str, Any]:
    """A complete, fresh evidence item with a web source and a personal-data attestation."""
    item = {
        "id": evidence_id,
        "title": f"Evidence {evidence_id}",
        "kind": "document",
        "category": category,
        "date": "2026-06-01",
        "review_due": "2027-06-01",
        "owner": {"name": "Sam Okafor", "role": "Quality lead"},
        "source": {"url": f"https://example.org/evidence/{evidence_id}"},
        "personal_data": "none",
    }
    item.update(changes)
    return item


def measure(**changes: Any) -> dict[str, Any]:
    """A complete outcome measure, with a breakdown by group, sourced from E1."""
    item = {
        "name": "Falls at night",
        "unit": "falls per 1,000 occupied bed nights",
        "direction": "lower_is_better",
        "baseline": {"value": 8.2, "date": "2026-01-31"},
        "latest": {"value": 5.1, "date": "2026-10-31"},
        "target": 5.0,
        "population": "residents of both homes",
        "source": "E1",
        "inequalities": True,
        "breakdown": [
            {"group": "aged 85 and over", "baseline": 9.4, "latest": 5.6},
            {"group": "living with dementia", "baseline": 10.1, "latest": 6.0},
        ],
    }
    item.update(changes)
    return item


def answer_fully(data: dict[str, Any], principle: Principle, criterion: Criterion, framework: Framework) -> list[str]:
    """Answer one criterion as met, with a full narrative and new evidence items; returns the ids added."""
    categories = framework.evidence_categories
    ids = []
    for _ in range(max(1, criterion.min_evidence)):
        number = len(data["evidence"]) + 1
        evidence_id = f"E{number}"
        data["evidence"].append(evidence_item(evidence_id, categories[number % len(categories)]))
        ids.append(evidence_id)
    data["principles"].setdefault(principle.key, {"criteria": {}})["criteria"][criterion.key] = {
        "status": "met",
        "narrative": narrative(framework.scoring.narrative_min_words, seed=criterion.id),
        "evidence": ids,
    }
    return ids


def with_metadata(data: dict[str, Any]) -> dict[str, Any]:
    """Fill the metadata and innovation with well-formed values."""
    data["metadata"].update(
        {
            "id": PACK_ID,
            "title": "Night-time falls huddles",
            "provider": {
                "name": "Example Care Ltd",
                "cqc_provider_id": "1-101234567",
                "ods_code": "A12345",
                "sector": "care_home",
            },
            "locations": [{"name": "Oak House", "cqc_location_id": "1-1234567890", "postcode": "LS1 4AP"}],
            "period": {"start": "2026-01-01", "end": "2026-10-31"},
            "prepared_by": {"name": "Sam Okafor", "role": "Quality lead"},
        }
    )
    data["innovation"] = {
        "name": "Night-time falls huddles",
        "summary": "A ten-minute huddle at each night handover to plan checks for residents at risk of falling.",
        "kind": "service_model",
        "stage": "rollout",
    }
    return data


def full_pack(framework: Framework | None = None) -> dict[str, Any]:
    """Every criterion met, with a full narrative and enough evidence in several categories; one measure.

    It has no findings at all as of TODAY (see test_scoring).
    """
    fw = framework or load_framework()
    data = with_metadata(blank(fw))
    for principle in fw.principles:
        for criterion in principle.criteria:
            answer_fully(data, principle, criterion, fw)
    data["measures"] = [measure()]
    return data


def response(data: dict[str, Any], principle: Principle, criterion: Criterion) -> dict[str, Any]:
    """The response dict of one criterion in ``data`` (created if absent)."""
    return data["principles"].setdefault(principle.key, {"criteria": {}})["criteria"].setdefault(criterion.key, {})


def copy_schemas(target: Path) -> Path:
    """A copy of the packaged schema folder at ``target``."""
    shutil.copytree(default_schema_dir(), target)
    return target


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def add_seventh_principle(schema_dir: Path, key: str = "equity") -> list[str]:
    """Add ``principles/7-<key>.schema.json`` (a copy of principle 1 with new criteria keys) and reference it.

    Returns the new criteria keys. No code changes: only schema files.
    """
    principle_files = sorted((schema_dir / "principles").glob("1-*.schema.json"))
    doc = read_json(principle_files[0])
    doc["title"] = "Reduce health inequalities through innovation"
    doc["x-principle"] = {**doc.get("x-principle", {}), "number": 7, "short_title": "Equity"}
    old = doc["properties"]["criteria"]["properties"]
    renamed = {f"{key}_{name}": node for name, node in old.items()}
    doc["properties"]["criteria"]["properties"] = renamed
    write_json(schema_dir / "principles" / f"7-{key}.schema.json", doc)
    pack_schema = read_json(schema_dir / "pack.schema.json")
    pack_schema["properties"]["principles"]["properties"][key] = {"$ref": f"principles/7-{key}.schema.json"}
    write_json(schema_dir / "pack.schema.json", pack_schema)
    return list(renamed)


def json_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (tuple of keys and indexes) into a JSON value, the empty path first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += json_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += json_paths(value, (*prefix, index))
    return found


def replaced(data: Any, path: tuple, value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``path`` replaced (the whole value for the empty path)."""
    if not path:
        return value
    result = copy.deepcopy(data)
    node = result
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return result
