"""How fast the app feels: one rerun of a principle page holding a large pack, one save on SQLite, and in a real
browser the time from an edit to "saved" and a page switch.

    python bench/ui.py [--runs 30] [--browser-runs 20] [--no-browser]

Prints medians (and the 90th percentile) against the targets: under 250 ms for a rerun, under 50 ms for a
save, under 300 ms from an edit to "saved" and under 800 ms for a page switch in the browser. A rerun is
measured with Streamlit's AppTest, which runs the real app script in-process (the browser's own drawing time is
not included). "Rerun after an edit" is what a user waits for after each change: the
widget's callback, the save, the recheck and the page.

The packs come from ``bench/packs.py`` (realistic: 40 evidence items, every criterion answered); "stress"
is the same pack with its register grown to 1,000 items, so that every evidence picker lists 1,000 options.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
# This file is bench/ui.py: with bench/ on the path, "import ui" would find it instead of the app.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))


def _load_packs() -> Any:
    spec = importlib.util.spec_from_file_location("bench_packs", BENCH / "packs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_pack = _load_packs().make_pack

from evidencepack.framework import load_framework  # noqa: E402
from evidencepack.store import DATABASE_URL_ENV, Store, open_store  # noqa: E402

RERUN_TARGET_MS = 250.0
SAVE_TARGET_MS = 50.0
EDIT_TO_SAVED_TARGET_MS = 300.0
PAGE_SWITCH_TARGET_MS = 800.0
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
STRESS_EVIDENCE = 1000


def stress_pack(base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with its evidence register grown to STRESS_EVIDENCE items (copies with new ids)."""
    pack = copy.deepcopy(base)
    originals = pack["evidence"]
    for number in range(len(originals) + 1, STRESS_EVIDENCE + 1):
        item = copy.deepcopy(originals[number % len(originals)])
        item["id"] = f"E{number}"
        item["title"] = f"{item.get('title', 'Evidence')} ({number})"
        pack["evidence"].append(item)
    return pack


def _app_script(root: str, package: str, start: str) -> None:
    import importlib
    import sys

    if root not in sys.path:
        sys.path.insert(0, root)
    importlib.import_module(f"{package}.app").main(start)


def _app_package() -> str:
    """``ui`` (the repository's top-level app), or ``evidencepack.ui`` once the app lives in the library."""
    from evidencepack.ui_launch import app_path

    folder = app_path().parent
    return "evidencepack.ui" if folder.parent.name == "evidencepack" else folder.name


def _timed(action: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _report(name: str, times: list[float], target: float) -> bool:
    median = statistics.median(times)
    p90 = sorted(times)[max(0, int(len(times) * 0.9) - 1)]
    verdict = "ok" if median < target else "OVER TARGET"
    print(f"{name:<52} median {median:7.1f} ms   p90 {p90:7.1f} ms   target < {target:g} ms   {verdict}")
    return median < target


def bench_reruns(store: Store, pack: dict[str, Any], label: str, runs: int) -> bool:
    from streamlit.testing.v1 import AppTest

    principle = load_framework().principles[0]
    pack_id = store.create_pack(pack, saved_by="Bench")
    start = f"principle:{principle.key}"
    at = AppTest.from_function(_app_script, args=(str(ROOT), _app_package(), start), default_timeout=120)
    at.session_state["ep.user"] = "Bench"
    at.session_state["ep.pack_id"] = pack_id
    at.run()
    if at.exception:
        raise SystemExit(f"the app failed: {[e.value for e in at.exception]}")
    at.run()  # warm
    good = _report(f"principle page rerun ({label})", _timed(at.run, runs), RERUN_TARGET_MS)

    narrative = next(w for w in at.text_area if w.label == "Narrative")
    widget_key = narrative.key
    texts = [narrative.value + " More detail.", narrative.value]
    count = 0

    def edit() -> None:
        nonlocal count
        count += 1
        at.text_area(key=widget_key).input(texts[count % 2]).run()

    good &= _report(f"principle page rerun after an edit ({label})", _timed(edit, runs), RERUN_TARGET_MS)
    return good


def bench_saves(store: Store, pack: dict[str, Any], label: str, runs: int) -> bool:
    pack = copy.deepcopy(pack)
    pack["metadata"].pop("id", None)
    pack_id = store.create_pack(pack, saved_by="Bench")
    version = 1
    first = load_framework().principles[0]
    criterion = first.criteria[0]
    response = pack["principles"][first.key]["criteria"][criterion.key]
    base_narrative = response.get("narrative", "")

    def save() -> None:
        nonlocal version
        response["narrative"] = f"{base_narrative} Edit {version}."
        version = store.save(pack_id, pack, base_version=version, saved_by="Bench").number

    return _report(f"store.save on SQLite ({label})", _timed(save, runs), SAVE_TARGET_MS)


def _start_app(url: str, log: Path) -> tuple[Any, str]:
    """`evidencepack ui --headless` on a free port; the process and its address."""
    import socket
    import subprocess
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "evidencepack", "ui", "--headless", "--port", str(port), "--database-url", url],
        cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the app exited: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.25)
    process.terminate()
    raise SystemExit("the app did not start within 60 s")


def bench_browser(store: Store, url: str, pack: dict[str, Any], runs: int, folder: Path) -> bool:
    """Real-browser timings: an edit until the sidebar says it is saved, and a switch between two pages."""
    from playwright.sync_api import sync_playwright

    pack = copy.deepcopy(pack)
    pack["metadata"].pop("id", None)
    pack_id = store.create_pack(pack, saved_by="Bench")
    process, base = _start_app(url, folder / "app.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
            context.add_cookies([{"name": "evidencepack_name", "value": "Bench", "url": base}])
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{base}/details?pack={pack_id}")
            box = page.get_by_role("textbox", name="Product version", exact=True)
            box.wait_for()
            number = store.latest(pack_id)[0].number
            edits: list[float] = []
            for run in range(runs + 2):  # two warm-up edits
                started = time.perf_counter()
                box.fill(f"4.{run}")
                box.press("Enter")
                number += 1
                page.wait_for_function(
                    "n => (document.querySelector('[data-testid=stSidebar]') || {}).innerText"
                    "?.includes(`(save ${n})`)", arg=number, polling="raf")
                if run >= 2:
                    edits.append((time.perf_counter() - started) * 1000)
            good = _report("browser: edit to 'saved' (details page)", edits, EDIT_TO_SAVED_TARGET_MS)
            switches: list[float] = []
            pages = [("evidence", "Evidence register", "Evidence and outcomes"), ("details", "Details", "This pack")]
            for run in range(runs + 2):
                path, title, section = pages[run % 2]
                page.get_by_test_id("stTopNavSection").filter(has_text=section).click()  # open the menu
                link = page.locator(f'a[data-testid="stTopNavDropdownLink"][href$="/{path}"]')
                link.wait_for()
                started = time.perf_counter()  # from the click on the page's name
                link.click()
                page.wait_for_function(
                    "t => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === t) && "
                    "!document.querySelector('[data-testid=stStatusWidget]')", arg=title, polling="raf")
                if run >= 2:
                    switches.append((time.perf_counter() - started) * 1000)
            good &= _report("browser: page switch (details <-> evidence)", switches, PAGE_SWITCH_TARGET_MS)
            browser.close()
    finally:
        process.terminate()
        process.wait(timeout=15)
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--browser-runs", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true", help="Skip the real-browser timings.")
    args = parser.parse_args()
    realistic = make_pack(0, seed=2026)
    realistic["metadata"]["status"] = "draft"  # an approved pack is read-only in the app
    realistic["metadata"].pop("approval", None)
    stress = stress_pack(realistic)
    with tempfile.TemporaryDirectory(prefix="evidencepack-bench-ui-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        os.environ[DATABASE_URL_ENV] = url
        print(f"evidencepack app benchmark: {args.runs} runs each, SQLite in a temporary folder")
        good = True
        with open_store(url) as store:
            for label, pack in (("realistic pack, 40 evidence items", realistic),
                                (f"stress pack, {STRESS_EVIDENCE} evidence items", stress)):
                copy_ = copy.deepcopy(pack)
                copy_["metadata"].pop("id", None)
                good &= bench_reruns(store, copy_, label, args.runs)
                good &= bench_saves(store, pack, label, args.runs)
            if not args.no_browser:
                good &= bench_browser(store, url, realistic, args.browser_runs, Path(folder))
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
