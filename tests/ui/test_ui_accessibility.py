"""axe-core on every page of the app, with a pack open, at desktop and at phone width: no serious or critical
violation. axe-core comes from tests/tools/node_modules (npm, pinned in tests/tools/package.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_support import ROOT, chromium, new_page, running_app
from playwright.sync_api import Page, expect
from ui_support import app_module

from evidencepack.load import load
from evidencepack.store import open_store

pytestmark = pytest.mark.browser
AXE = ROOT / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
EXAMPLE = ROOT / "evidencepack" / "examples" / "care-home-digital-care-planning.json"
WIDTHS = {"desktop": (1400, 1000), "phone": (390, 844)}
SERIOUS = ("serious", "critical")


def _violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [v for v in found if v["impact"] in SERIOUS]


def _summary(violations: list[dict]) -> str:
    return json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"][:5]]} for v in violations], indent=1)


def _settle(page: Page) -> None:
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(500)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_page_has_no_serious_or_critical_violation(width: str, tmp_path: Path):
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run make test-setup (npm ci in tests/tools)"
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    with open_store(url) as store:
        pack = store.create_pack(load(EXAMPLE).data, saved_by="Setup")
    paths = [spec.url_path for spec in app_module("navigation").specs()]
    failures: dict[str, str] = {}
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        w, h = WIDTHS[width]
        page = new_page(browser, width=w, height=h)
        page.context.add_cookies([{"name": "evidencepack_name", "value": "Ana%20Quality", "url": base}])
        for path in paths:
            page.goto(f"{base}/{path}?pack={pack}")
            _settle(page)
            found = _violations(page)
            if found:
                failures[path] = _summary(found)
    assert not failures, "\n".join(f"{path}: {text}" for path, text in failures.items())
