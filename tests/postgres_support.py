"""A throwaway PostgreSQL server from Debian's binaries (``initdb``, ``pg_ctl``) in a temporary data folder owned
by the ``postgres`` user (PostgreSQL refuses to run as root), listening only on 127.0.0.1 on a free port, with no
Unix socket. Shared by the store tests and the app's team tests (two app instances on one database).
Missing binaries fail the tests: the project's setup installs them (Debian package ``postgresql``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True)


def _pg_bindir() -> Path:
    """Where initdb and pg_ctl are: $PG_BINDIR, else the newest /usr/lib/postgresql/N/bin, else PATH."""
    candidates: list[Path] = []
    if os.environ.get("PG_BINDIR"):
        candidates.append(Path(os.environ["PG_BINDIR"]))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += sorted(
        (Path(p) for p in versions),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file() and (folder / "postgres").is_file():
            return folder
    pytest.fail(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in $PG_BINDIR, "
        "/usr/lib/postgresql/*/bin or on PATH; install them with `apt-get install -y postgresql` "
        "(the store tests need a real PostgreSQL server and are never skipped)",
        pytrace=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL server for the whole session, stopped and deleted at the end."""
    bindir = _pg_bindir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            import pwd

            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail(
                "running as root, but there is no `postgres` system user to run PostgreSQL as "
                "(installing Debian's postgresql package creates it)",
                pytrace=False,
            )
        if shutil.which("runuser") is None:
            pytest.fail("running as root, but `runuser` (util-linux) is missing", pytrace=False)
        as_user = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="evidencepack-pg-"))
    data = root / "data"
    log = root / "server.log"
    if as_user:
        os.chown(root, pg_user.pw_uid, pg_user.pw_gid)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*as_user, *args], cwd=root, capture_output=True, text=True, timeout=120, check=False)

    started = False
    try:
        init = run(
            str(bindir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        if init.returncode != 0:
            pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}", pytrace=False)
        port = _free_port()
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' -c fsync=off"
        start = run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
        if start.returncode != 0:
            server_log = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"PostgreSQL did not start:\n{start.stdout}\n{start.stderr}\n{server_log}", pytrace=False)
        started = True
        yield PostgresServer("127.0.0.1", port, "postgres")
    finally:
        if started:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def fresh_database(server: PostgresServer) -> Iterator[str]:
    """A fresh, empty database on ``server`` (its URL), dropped afterwards."""
    name = f"test_{uuid.uuid4().hex}"
    with server.admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.url(name)
    finally:
        with server.admin() as admin, contextlib.suppress(psycopg.Error):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
