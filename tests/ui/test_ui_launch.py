"""`evidencepack ui`: finds the app and starts Streamlit with safe settings."""

from __future__ import annotations

import contextlib
import os
import pty
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from browser_support import free_port
from click.testing import CliRunner
from ui_support import ROOT, app_module

from evidencepack.ui_launch import app_path, streamlit_command, ui_command


def test_the_app_is_found():
    assert app_path().name == "app.py" and (app_path().parent / "navigation.py").is_file()


def test_streamlit_runs_the_app_without_usage_statistics_or_file_watching():
    command = streamlit_command(app_path(), host="127.0.0.1", port=8600, headless=True)
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(app_path())]
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8600"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"
    assert flags["--server.fileWatcherType"] == "none"


def test_a_database_that_cannot_be_opened_is_reported_before_starting(tmp_path):
    result = CliRunner().invoke(ui_command, ["--database-url", f"sqlite:///{tmp_path}/missing/folder/packs.db"])
    assert result.exit_code == 1
    assert "folder" in result.output and "does not exist" in result.output


def test_the_options_are_documented():
    result = CliRunner().invoke(ui_command, ["--help"])
    assert result.exit_code == 0
    for option in ("--port", "--host", "--database-url", "--headless"):
        assert option in result.output


def test_uploads_are_capped_at_the_stores_attachment_limit():
    from evidencepack.store import DEFAULT_MAX_ATTACHMENT_BYTES

    command = streamlit_command(app_path(), host="127.0.0.1", port=8600, headless=True)
    flags = dict(zip(command[5::2], command[6::2], strict=True))
    assert int(flags["--server.maxUploadSize"]) * 1024 * 1024 == DEFAULT_MAX_ATTACHMENT_BYTES


def test_the_user_guide_names_every_page():
    guide = (ROOT / "docs" / "app.md").read_text(encoding="utf-8")
    for spec in app_module("navigation").specs():
        if not spec.name.startswith("principle:"):
            assert spec.title in guide, spec.title
        assert spec.section in guide, spec.section


def test_the_database_variable_is_the_stores():
    from evidencepack import ui_launch
    from evidencepack.store import DATABASE_URL_ENV

    assert ui_launch.DATABASE_URL_ENV == DATABASE_URL_ENV


def _fresh_home_environment(home: Path, port: int) -> dict[str, str]:
    """A new user's environment: an empty home, no display, nothing of ours or of XDG's set."""
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "EVIDENCEPACK_", "XDG_", "STREAMLIT_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["HOME"] = str(home)
    env["EVIDENCEPACK_PORT"] = str(port)  # the one thing set: a free port, so parallel runs do not collide
    return env


def test_the_readme_command_serves_on_a_fresh_home_without_a_keystroke(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m pip install . && evidencepack ui" in readme
    command = Path(sys.executable).parent / "evidencepack"  # the installed console script, as a user runs it
    assert command.is_file(), f"{command} is not installed; run `make test` (it installs evidencepack)"
    home = tmp_path / "home"
    home.mkdir()
    port = free_port()
    primary, secondary = pty.openpty()  # a terminal that stays open, where nobody types
    process = subprocess.Popen([str(command), "ui"], stdin=secondary, stdout=secondary, stderr=secondary,
                               cwd=tmp_path, env=_fresh_home_environment(home, port), start_new_session=True)
    os.close(secondary)
    output = bytearray()

    def read() -> None:
        with contextlib.suppress(OSError):
            while chunk := os.read(primary, 4096):
                output.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    healthy = False
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer:
                    healthy = answer.status == 200
                    break
            except OSError:
                time.sleep(0.2)
        time.sleep(0.5)  # anything printed while serving the first request
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        reader.join(timeout=5)
        os.close(primary)
    text = output.decode("utf-8", "replace")
    assert healthy, f"no answer from /_stcore/health within 20 s; the terminal showed:\n{text}"
    for unwanted in ("Email", "Welcome to Streamlit", "usage statistics", "gatherUsageStats"):
        assert unwanted not in text, f"{unwanted!r} was printed:\n{text}"
    assert f"http://127.0.0.1:{port}/" in text
    assert (home / ".local" / "share" / "evidencepack").is_dir()  # the database went to the new user's data folder
