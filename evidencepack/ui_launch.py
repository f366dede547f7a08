"""``evidencepack ui``: start the Streamlit app in a child process.

The app is a face over the library; this module only finds it and starts Streamlit with settings fit for a
provider's machine or server: no usage statistics, no file watcher, the address and port asked for, and no
terminal prompt or notice of Streamlit's own (its first-run e-mail prompt would stop the app until someone
pressed Enter). Streamlit opens a web browser where there is a display, unless ``--headless`` is given. The
database URL travels in the environment (``EVIDENCEPACK_DATABASE_URL``), not on the command line, so that a
password in it does not show in the process list.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import click

# The store (and SQLAlchemy) is imported when the command runs, so that registering it costs the CLI nothing.
DATABASE_URL_ENV = "EVIDENCEPACK_DATABASE_URL"
PORT_ENV = "EVIDENCEPACK_PORT"


def app_path() -> Path:
    """The app's entry script, shipped inside the package (``evidencepack/ui/app.py``)."""
    return Path(__file__).resolve().parent / "ui" / "app.py"


#: The app's theme, passed as flags so that it holds from any folder and from an installed wheel (a
#: ``.streamlit/config.toml`` is read only from the working folder). Darker text than Streamlit's default so
#: that captions and help text (drawn at 60% opacity) keep a contrast of at least 4.5:1 (WCAG AA).
THEME = {
    "base": "light",
    "primaryColor": "#005eb8",
    "linkColor": "#005eb8",
    "textColor": "#0e1117",
    "backgroundColor": "#ffffff",
    "secondaryBackgroundColor": "#f5f6f8",
}


def theme_flags() -> list[str]:
    return [part for name, value in THEME.items() for part in (f"--theme.{name}", value)]


def streamlit_command(app: Path, *, host: str, port: int, headless: bool) -> list[str]:
    """The command that runs the app with Streamlit."""
    # loaded when the app starts, so that the other commands start fast
    from evidencepack.store import DEFAULT_MAX_ATTACHMENT_BYTES

    command = [
        sys.executable, "-m", "streamlit", "run", str(app),
        "--server.address", host,
        "--server.port", str(port),
        "--server.showEmailPrompt", "false",
        "--logger.hideWelcomeMessage", "true",  # we print where the app is; Streamlit's lines would repeat it
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--browser.gatherUsageStats", "false",
        "--client.toolbarMode", "viewer",
        "--global.developmentMode", "false",
        # Uploads (packs and evidence files) above the store's limit are refused in the browser already.
        "--server.maxUploadSize", str(max(1, math.ceil(DEFAULT_MAX_ATTACHMENT_BYTES / (1024 * 1024)))),
        *theme_flags(),
    ]
    if headless:  # otherwise Streamlit decides: a browser opens where there is a display
        command += ["--server.headless", "true"]
    return command


@click.command("ui")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True, envvar=PORT_ENV,
              help=f"Port to listen on (default: ${PORT_ENV}, else 8501).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 serves other machines (put it behind a proxy with TLS).")
@click.option("--database-url", help=f"Database to use (default: ${DATABASE_URL_ENV}, else the SQLite file in "
              "your data folder).")
@click.option("--headless", is_flag=True, help="Do not open a web browser.")
def ui_command(port: int, host: str, database_url: str | None, headless: bool) -> None:
    """Start the app in your web browser: build, score and export evidence packs."""
    # loaded when the app starts, so that the other commands start fast
    from evidencepack.store import StoreError, open_store

    app = app_path()
    env = dict(os.environ)
    if database_url:
        env[DATABASE_URL_ENV] = database_url
    url = env.get(DATABASE_URL_ENV) or None
    try:  # a clear message now, rather than an error page in the browser later
        with open_store(url) as store:
            location = store.location
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"evidencepack: packs are stored in {location}", err=True)
    click.echo(f"evidencepack: the app is at http://{host}:{port}/ (Ctrl+C stops it)", err=True)
    command = streamlit_command(app, host=host, port=port, headless=headless)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":  # become Streamlit: signals (Ctrl+C, a service manager's stop) reach it directly
        os.execve(sys.executable, command, env)
    process = subprocess.Popen(command, env=env)
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        code = process.wait()
    sys.exit(code)


if __name__ == "__main__":
    ui_command()
