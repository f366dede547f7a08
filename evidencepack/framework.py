"""The framework of principles and criteria, read from the JSON Schemas (the single source).

Nothing here names a principle or criterion: a new principle file referenced from ``pack.schema.json``
is picked up, validated and scored without a code change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

PACK_SCHEMA = "pack.schema.json"
_BASE = "file:///schemas/"


@dataclass(frozen=True)
class Criterion:
    """One criterion of a principle, with its rubric annotations."""

    key: str
    principle_key: str
    title: str
    guidance: str
    typical_evidence: tuple[str, ...]
    evidence_categories: tuple[str, ...]
    quality_statements: tuple[str, ...]
    weight: float
    min_evidence: int
    measures: str | None = None  # x-measures: "required", "supports" or "breakdown" (outcome measures count here)

    @property
    def id(self) -> str:
        return f"{self.principle_key}.{self.key}"


@dataclass(frozen=True)
class Principle:
    """One principle: its wording, weight and criteria, in schema order."""

    key: str
    number: int
    title: str
    short_title: str
    summary: str
    weight: float
    source: str
    requires_measures: bool
    schema_file: str
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


@dataclass(frozen=True)
class ScoringConfig:
    """Scoring constants (``x-scoring`` in the shared definitions)."""

    status_credit: dict[str, float]
    parts: dict[str, float]
    narrative_min_words: int
    readiness: dict[str, float]
    evidence_max_age_days: int
    next_best_actions: int


@dataclass(frozen=True, eq=False)  # identity hash: one instance per schema folder
class Framework:
    """Everything the code knows about the six principles, read from one schema folder."""

    schema_dir: Path
    principles: tuple[Principle, ...]
    scoring: ScoringConfig
    documents: dict[str, dict[str, Any]] = field(repr=False)
    evidence_categories: tuple[str, ...] = ()
    assessment: dict[str, Any] = field(default_factory=dict, repr=False)  # x-assessment, read by the assessment

    def principle(self, key: str) -> Principle | None:
        return next((p for p in self.principles if p.key == key), None)

    def criterion(self, criterion_id: str) -> Criterion | None:
        principle_key, _, key = criterion_id.partition(".")
        principle = self.principle(principle_key)
        return principle.criterion(key) if principle else None

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for p in self.principles for c in p.criteria)

    def bundled_schema(self) -> dict[str, Any]:
        return bundle(self.documents)

    @cached_property
    def status_labels(self) -> dict[str, str]:
        """A criterion status in words ("partly" → "Partly met"), from the schemas' ``x-labels``."""
        first = next((c for c in self.criteria), None)
        if first is None:
            return {}
        node = schema_at(self, ("principles", first.principle_key, "criteria", first.key, "status"))
        return dict(node.get("x-labels", {}))

    @cached_property
    def category_labels(self) -> dict[str, str]:
        """A single assessment framework evidence category in words, from the schemas' ``x-labels``."""
        return dict(self.documents["defs.schema.json"]["$defs"]["evidenceCategory"].get("x-labels", {}))

    @cached_property
    def max_depth(self) -> int:
        """The deepest nesting of containers that a schema-valid pack can have (walked once per framework)."""
        return _depth(self.documents, PACK_SCHEMA, self.documents[PACK_SCHEMA], set())


def default_schema_dir() -> Path:
    """The schemas shipped inside the installed package."""
    return Path(str(resources.files("evidencepack") / "schemas"))


def read_schema_documents(schema_dir: Path) -> dict[str, dict[str, Any]]:
    """Every ``*.schema.json`` below ``schema_dir``, keyed by its path relative to it (POSIX style)."""
    documents = {}
    for path in sorted(schema_dir.rglob("*.schema.json")):
        documents[path.relative_to(schema_dir).as_posix()] = json.loads(path.read_text(encoding="utf-8"))
    if PACK_SCHEMA not in documents:
        raise FileNotFoundError(f"{schema_dir} has no {PACK_SCHEMA}")
    return documents


def resolve_ref(documents: dict[str, Any], from_file: str, ref: str) -> tuple[str, dict[str, Any]]:
    """Follow a ``$ref`` written in ``from_file``; return (file, subschema)."""
    target = urljoin(_BASE + from_file, ref)
    url, fragment = urldefrag(target)
    file = url.removeprefix(_BASE)
    node: Any = documents[file]
    for part in [p for p in fragment.split("/") if p]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return file, node


def _criterion(principle_key: str, key: str, node: dict[str, Any]) -> Criterion:
    return Criterion(
        key=key,
        principle_key=principle_key,
        title=node.get("title", key),
        guidance=node.get("x-guidance", ""),
        typical_evidence=tuple(node.get("x-typical-evidence", ())),
        evidence_categories=tuple(node.get("x-evidence-categories", ())),
        quality_statements=tuple(node.get("x-quality-statements", ())),
        weight=float(node.get("x-weight", 1)),
        min_evidence=int(node.get("x-min-evidence", 1)),
        measures=node.get("x-measures"),
    )


def _principle(documents: dict[str, Any], key: str, ref_node: dict[str, Any]) -> Principle:
    file, doc = resolve_ref(documents, PACK_SCHEMA, ref_node["$ref"])
    meta = doc.get("x-principle", {})
    criteria_nodes = doc.get("properties", {}).get("criteria", {}).get("properties", {})
    return Principle(
        key=key,
        number=int(meta.get("number", 0)),
        title=doc.get("title", key),
        short_title=meta.get("short_title", doc.get("title", key)),
        summary=doc.get("description", ""),
        weight=float(meta.get("weight", 1)),
        source=doc.get("x-source", ""),
        requires_measures=bool(meta.get("requires_measures", False)),
        schema_file=file,
        criteria=tuple(_criterion(key, k, v) for k, v in criteria_nodes.items()),
    )


def build_framework(schema_dir: Path) -> Framework:
    """Read the framework from a schema folder."""
    documents = read_schema_documents(schema_dir)
    pack = documents[PACK_SCHEMA]
    principle_refs = pack["properties"]["principles"]["properties"]
    principles = sorted(
        (_principle(documents, key, node) for key, node in principle_refs.items()), key=lambda p: p.number
    )
    _, defs = resolve_ref(documents, PACK_SCHEMA, "defs.schema.json")
    scoring = defs["x-scoring"]
    categories = tuple(defs["$defs"]["evidenceCategory"]["enum"])
    return Framework(
        schema_dir=schema_dir,
        principles=tuple(principles),
        scoring=ScoringConfig(
            status_credit=dict(scoring["status_credit"]),
            parts=dict(scoring["parts"]),
            narrative_min_words=int(scoring["narrative_min_words"]),
            readiness=dict(scoring["readiness"]),
            evidence_max_age_days=int(scoring["evidence_max_age_days"]),
            next_best_actions=int(scoring["next_best_actions"]),
        ),
        documents=documents,
        evidence_categories=categories,
        assessment=defs.get("x-assessment", {}),
    )


@cache
def _cached_framework(schema_dir: str) -> Framework:
    return build_framework(Path(schema_dir))


def load_framework(schema_dir: str | Path | None = None) -> Framework:
    """The framework for ``schema_dir`` (default: the packaged schemas), read once per process."""
    return _cached_framework(str(Path(schema_dir or default_schema_dir()).resolve()))


def _def_name(file: str) -> str:
    return file.removesuffix(".schema.json").replace("/", "-")


def bundle(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One self-contained schema: every other file inlined under ``$defs`` with its ``$ref``s rewritten."""

    def rewrite(node: Any, file: str) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    url, fragment = urldefrag(urljoin(_BASE + file, value))
                    target = url.removeprefix(_BASE)
                    prefix = "#" if target == PACK_SCHEMA else f"#/$defs/{_def_name(target)}"
                    out[key] = prefix + fragment if fragment else prefix
                elif key == "$schema" and file != PACK_SCHEMA:
                    continue
                else:
                    out[key] = rewrite(value, file)
            return out
        if isinstance(node, list):
            return [rewrite(v, file) for v in node]
        return node

    root = rewrite(documents[PACK_SCHEMA], PACK_SCHEMA)
    defs = dict(root.get("$defs", {}))
    for file, doc in documents.items():
        if file != PACK_SCHEMA:
            defs[_def_name(file)] = rewrite(doc, file)
    root["$defs"] = defs
    return root


def _depth(documents: dict[str, Any], file: str, node: Any, seen: set[tuple[str, int]]) -> int:
    if not isinstance(node, dict):
        return 0
    if "$ref" in node:
        target_file, target = resolve_ref(documents, file, node["$ref"])
        marker = (target_file, id(target))
        if marker in seen:  # recursive schema: no finite bound from here
            return 1000
        return _depth(documents, target_file, target, seen | {marker})
    children = list(node.get("properties", {}).values())
    if "items" in node:
        children.append(node["items"])
    own = 1 if node.get("type") in ("object", "array") or children else 0
    return own + max((_depth(documents, file, c, seen) for c in children), default=0)


def schema_at(framework: Framework, path: Sequence[str | int]) -> dict[str, Any]:
    """The schema of the value at ``path`` in a pack (a list index steps into ``items``), with the annotations
    written beside each ``$ref`` (titles, descriptions) kept; {} where the path leaves the schema."""
    documents = framework.documents
    file, node = _deref(documents, PACK_SCHEMA, documents[PACK_SCHEMA])
    for part in path:
        child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        if not isinstance(child, dict):
            return {}
        file, node = _deref(documents, file, child)
    return node


def _deref(documents: dict[str, Any], file: str, node: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    merged: dict[str, Any] = {}
    while "$ref" in node:
        merged = {**{k: v for k, v in node.items() if k != "$ref"}, **merged}
        file, node = resolve_ref(documents, file, node["$ref"])
    return file, {**node, **merged}
