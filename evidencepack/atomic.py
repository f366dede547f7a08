"""Write files so that a failure never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file in ``target``'s folder, created with the permissions a plain ``open`` would
    give (0o666 less the umask), not mkstemp's 0o600."""
    folder = target.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = folder / f".{target.name[:200]}.{secrets.token_hex(6)}.tmp"  # within a 255-byte file name
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue


def write_atomic(path: str | os.PathLike[str], content: bytes) -> None:
    """Write ``content`` to a temporary file beside ``path``, flush it to disk, then rename it into place.

    An existing file keeps its permissions; a new one gets those the umask allows.
    """
    target = Path(path)
    handle, temporary = _create_beside(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):  # an existing file keeps its permissions
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
