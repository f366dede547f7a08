"""Evidence files: inside the pack's folder, present, and unchanged since they were registered."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer

_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def resolve_inside(base_dir: Path, relative: str) -> Path | None:
    """The file ``relative`` names under ``base_dir``, or None when it would fall outside (.., absolute, link).

    Links are followed as far as they resolve; a path that cannot be resolved further (a loop of links, a name
    too long for the file system) is returned as it stands, inside the folder, and simply is not a file.
    """
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).is_absolute() or "\x00" in relative:
        return None
    try:
        base = Path(os.path.realpath(base_dir))
        target = Path(os.path.realpath(base / relative))  # never raises for a loop, unlike Path.resolve
    except (OSError, ValueError):
        return None
    return target if target.is_relative_to(base) else None


def is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file (links followed); False, never an error, when it cannot be looked at."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def evidence_files(ctx: CheckContext) -> Iterator[Finding]:
    base_dir = ctx.options.base_dir
    if not ctx.options.check_files or base_dir is None:
        return
    for index, item in enumerate(ctx.pack.evidence):
        relative = item.source.path if item.source else None
        if not relative:
            continue
        where = pointer("evidence", index, "source", "path")
        target = resolve_inside(base_dir, relative)
        if target is None:
            yield finding("EP702", where, f"evidence {item.id}: {relative!r} is outside the pack's folder")
            continue
        if not is_file(target):
            yield finding("EP701", where, f"evidence {item.id}: {relative!r} does not exist")
            continue
        try:
            actual = file_sha256(target)
        except OSError as exc:
            yield finding("EP701", where, f"evidence {item.id}: {relative!r} cannot be read ({exc.strerror or exc})")
            continue
        if item.sha256 is None:
            yield finding(
                "EP704",
                pointer("evidence", index, "sha256"),
                f"evidence {item.id}: {relative!r} has no recorded SHA-256",
                hint=f'Record "sha256": "{actual}" if this is the file you mean.',
            )
        elif item.sha256 != actual:
            yield finding(
                "EP703",
                pointer("evidence", index, "sha256"),
                f"evidence {item.id}: {relative!r} has SHA-256 {actual[:12]}…, not the recorded {item.sha256[:12]}…",
            )


CHECKS = (evidence_files,)
