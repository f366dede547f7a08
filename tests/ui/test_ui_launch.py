"""`evidencepack ui`: finds the app and starts Streamlit with safe settings."""

from __future__ import annotations

import sys

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
