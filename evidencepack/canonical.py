"""Canonical JSON form of a pack and its content hash.

One definition, used by the store (version hashes), the Word export (the printed hash) and verify, so that
the same pack always hashes the same wherever it is read.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(data: Any) -> bytes:
    """Serialise ``data`` deterministically: sorted keys, no insignificant whitespace, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode(
        "utf-8", "surrogatepass"
    )


def content_sha256(data: Any) -> str:
    """The SHA-256 (hex) of the canonical JSON of ``data``."""
    return hashlib.sha256(canonical_json(data)).hexdigest()
