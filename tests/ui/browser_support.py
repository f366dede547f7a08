"""Starting `evidencepack ui` as a real process and driving Debian's chromium at it (shared by the browser
tests). A missing chromium fails the test; it is never skipped."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiers
from playwright.sync_api import Browser, Page, expect, sync_playwright

from evidencepack.store import DATABASE_URL_ENV

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts" / "ui"
START_TIMEOUT_S = 60
WAIT_MS = 30_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_app(database_url: str, log_path: Path) -> Iterator[str]:
    """`evidencepack ui --headless` on 127.0.0.1 and a free port, on ``database_url``; yields its address."""
    port = free_port()
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "evidencepack", "ui", "--port", str(port), "--host", "127.0.0.1", "--headless",
         "--database-url", database_url],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if k != DATABASE_URL_ENV},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"the app exited with {process.returncode}: {log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the app did not start within {START_TIMEOUT_S} s")
            time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    tiers.require("browser")
    assert CHROMIUM.exists(), f"chromium is not installed at {CHROMIUM}; scripts/test-setup.sh installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=WAIT_MS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Browser, *, width: int = 1400, height: int = 1400, locale: str = "en-GB") -> Page:
    """A page in a new browser context (its own cookies): a second person, or the same person's new browser."""
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True,
                                  locale=locale)
    context.set_default_timeout(WAIT_MS)
    return context.new_page()


def shot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def saved(page: Page, version: int) -> None:
    """Wait until the sidebar says the pack is saved at exactly save ``version`` and the app has finished its run.

    Exact, so that a save too many or too few fails here rather than passing unnoticed. Robust without slack: the
    sidebar keeps the previous "All changes saved (save N-1)" until the save is done, so the wait is for the new
    number (the closing parenthesis keeps save 2 from matching save 20), and then for Streamlit's run to end, so
    that the next action does not land in the middle of a rerun.
    """
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"All changes saved (save {version})", timeout=WAIT_MS)
    idle(page)


def idle(page: Page) -> None:
    """Wait until Streamlit has no script run in progress (the app root's own marker of its run state)."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=WAIT_MS)


def type_in(page: Page, label: str, value: str) -> None:
    """Type into the text box named ``label`` and commit it (Enter), as a person would."""
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(value)
    box.press("Enter")


def give_name(page: Page, name: str) -> None:
    """Answer the app's name prompt (it appears on the first change that needs saving)."""
    type_in(page, "Your name", name)
