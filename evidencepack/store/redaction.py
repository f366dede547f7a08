"""Events and redaction: the pack's event log, and purging an identifier from every stored version.

Versions are append-only with one exception, a redaction: personal data that reached a pack must be removable
from its history, not only from its latest version. A redaction rewrites the versions that hold the identifier
(their data and SHA-256), and records a ``redacted`` event naming each version with its old and new SHA-256,
who, when and why, but never the identifier itself. :func:`integrity_problems` accepts a rewritten version
only when such an event accounts for its hash.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from evidencepack.canonical import canonical_json, content_sha256
from evidencepack.store import schema as t
from evidencepack.store.records import EventInfo

KINDS = ("submitted", "returned_to_draft", "approved", "new_version", "exported", "redacted")
MAX_DETAIL_CHARS = 20_000


def add_event(conn: Connection, pack_id: str, kind: str, by: str, at: datetime, version: int | None,
              detail: dict[str, Any]) -> EventInfo:
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}; one of {', '.join(KINDS)}")
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    if len(text) > MAX_DETAIL_CHARS:
        raise ValueError(f"the event's details are {len(text):,} characters; at most {MAX_DETAIL_CHARS:,}")
    conn.execute(insert(t.events).values(pack_id=pack_id, kind=kind, version=version, at=at, by=by, detail=text))
    return EventInfo(pack_id, kind, version, at, by, detail)


def read_events(conn: Connection, pack_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        select(t.events.c.pack_id, t.events.c.kind, t.events.c.version, t.events.c.at, t.events.c.by,
               t.events.c.detail).where(t.events.c.pack_id == pack_id).order_by(t.events.c.id)
    ).all()


def identifier_pattern(identifier: str) -> re.Pattern[str]:
    """The identifier as written with any spacing or dashes between its characters ("943 476 5919",
    "9434765919", "943-476-5919" are one NHS number); letters match either case."""
    chars = [c for c in identifier if c.isalnum()]
    if len(chars) < 4:
        raise ValueError("an identifier to purge has at least four letters or digits")
    return re.compile(r"(?<![0-9A-Za-z])" + r"[\s\-]*".join(re.escape(c) for c in chars) + r"(?![0-9A-Za-z])",
                      re.IGNORECASE)


def replace_in(node: Any, pattern: re.Pattern[str], replacement: str) -> tuple[Any, int]:
    """``node`` with every match of ``pattern`` in its strings (keys too) replaced; and how many."""
    if isinstance(node, str):
        return pattern.subn(replacement, node)
    if isinstance(node, list):
        out, count = [], 0
        for item in node:
            value, n = replace_in(item, pattern, replacement)
            out.append(value)
            count += n
        return out, count
    if isinstance(node, dict):
        result, count = {}, 0
        for key, item in node.items():
            new_key, n1 = replace_in(key, pattern, replacement)
            value, n2 = replace_in(item, pattern, replacement)
            result[new_key] = value
            count += n1 + n2
        return result, count
    return node, 0


def rewrite_versions(conn: Connection, pack_id: str, pattern: re.Pattern[str], replacement: str,
                     decode: Any) -> list[dict[str, Any]]:
    """Replace the identifier in every version that holds it; the versions changed, old and new hashes."""
    rows = conn.execute(
        select(t.versions.c.number, t.versions.c.data, t.versions.c.sha256)
        .where(t.versions.c.pack_id == pack_id).order_by(t.versions.c.number)
    ).all()
    changed = []
    for row in rows:
        data = decode(pack_id, int(row.number), row.data, row.sha256)
        new_data, count = replace_in(data, pattern, replacement)
        if not count:
            continue
        new_sha = content_sha256(new_data)
        conn.execute(
            update(t.versions).where(t.versions.c.pack_id == pack_id, t.versions.c.number == row.number)
            .values(data=canonical_json(new_data).decode("utf-8"), sha256=new_sha)
        )
        changed.append({"number": int(row.number), "old_sha256": row.sha256, "new_sha256": new_sha,
                        "replaced": count})
    return changed


def redacted_hashes(events: Iterable[EventInfo]) -> dict[int, set[str]]:
    """For each version, the hashes that redaction events account for."""
    found: dict[int, set[str]] = {}
    for event in events:
        if event.kind != "redacted":
            continue
        for item in event.detail.get("versions", []):
            found.setdefault(int(item["number"]), set()).add(str(item["new_sha256"]))
    return found
