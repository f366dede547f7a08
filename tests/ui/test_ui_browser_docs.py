"""The first visit and the History page in a real browser; the screenshots docs/app.md shows are taken here.

Also: an outcome measure's panel stays open while it is named (its label changes as the name is typed).
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from browser_support import ROOT, chromium, new_page, running_app, saved
from playwright.sync_api import expect

from evidencepack import workflow
from evidencepack.blank import blank_pack
from evidencepack.load import load
from evidencepack.store import open_store
from evidencepack.workflow import approvals, saving

pytestmark = pytest.mark.browser
IMAGES = ROOT / "docs" / "images"
EXAMPLE = ROOT / "evidencepack" / "examples" / "care-home-digital-care-planning.json"


def _picture(page, name: str) -> Path:
    IMAGES.mkdir(parents=True, exist_ok=True)
    target = IMAGES / name
    page.wait_for_timeout(500)
    page.screenshot(path=str(target), full_page=False)
    return target


def test_the_first_visit_says_what_the_app_is_for_and_asks_the_name_first(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        page = new_page(browser, width=1280, height=900)
        page.goto(base)
        main = page.get_by_test_id("stMain")
        expect(main).to_contain_text("six principles of innovation")
        expect(main).to_contain_text("Give your name first")
        expect(page.get_by_role("textbox", name="Your name", exact=True)).to_be_visible()
        expect(main).to_contain_text("Export the document for your inspector")
        assert _picture(page, "app-first-visit.png").stat().st_size > 10_000


def test_the_history_page_reads_as_sittings_and_milestones(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    data = load(EXAMPLE).data
    data["metadata"]["status"] = "draft"  # the example is approved; this pack is on its way to review
    data["metadata"].pop("approval", None)
    with open_store(url) as store:
        pack = store.create_pack(data, saved_by="Ana Quality")
        for number, (who, change) in enumerate([
            ("Ana Quality", ("innovation", "product_version", "4.3")),
            ("Ana Quality", ("innovation", "supplier", "CarePlanning Systems Ltd")),
            ("Ben Reviewer", ("metadata", "title", "Digital care planning at Larkfield")),
        ], start=1):
            data = copy.deepcopy(data)
            data[change[0]][change[1]] = change[2]
            store.save(pack, data, base_version=number, saved_by=who)
        data = copy.deepcopy(data)
        workflow.submit_for_review(data)  # as the Approval page does it: a save, then its line in the log
        approvals.record_step(store, pack, saving.save(store, pack, data, base_version=4, saved_by="Ana Quality"),
                              "submitted")
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        page = new_page(browser, width=1280, height=1100)
        page.context.add_cookies([{"name": "evidencepack_name", "value": "Ana%20Quality", "url": base}])
        page.goto(f"{base}/history?pack={pack}")
        main = page.get_by_test_id("stMain")
        expect(main).to_contain_text("Submitted for review by Ana Quality (save 5)")
        expect(main).to_contain_text("Ben Reviewer")
        expect(main.get_by_text("Ana Quality · ").first).to_contain_text("save 5")  # the sitting holding save 5
        page.get_by_text("Ana Quality ·").last.click()  # her first sitting, saves 1-3
        expect(main).to_contain_text("Innovation: product version")
        expect(main).to_contain_text("Details: status")  # the comparison of the last two saves, by label
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        page.wait_for_timeout(1500)  # the table draws on a canvas after it appears
        assert _picture(page, "app-history.png").stat().st_size > 10_000


def test_an_outcome_measures_panel_stays_open_while_it_is_named(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    with open_store(url) as store:
        pack = store.create_pack(blank_pack(title="Falls", pack_id="2f4e6a8c-1b3d-4f5a-8c7e-9d0b1a2c3e4f"),
                                 saved_by="Setup")
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        page = new_page(browser)
        page.context.add_cookies([{"name": "evidencepack_name", "value": "Ana%20Quality", "url": base}])
        page.goto(f"{base}/outcomes?pack={pack}")
        page.get_by_role("button", name="Add a measure").click()
        saved(page, 2)
        page.get_by_role("button", name="Add a measure").click()  # two measures: panels start closed
        saved(page, 3)
        expect(page.locator(".st-key-ep-measure-panel-1")).to_be_visible()
        page.wait_for_timeout(500)
        panel = page.locator(".st-key-ep-measure-panel-0")
        name = panel.get_by_role("textbox", name="Name", exact=True)
        if panel.locator("details").first.get_attribute("open") is None:
            panel.get_by_text("Measure 1", exact=True).click()
        expect(name).to_be_visible()
        name.fill("Falls per 1,000 bed days")
        name.press("Enter")
        saved(page, 4)
        expect(panel).to_contain_text("Falls per 1,000 bed days")  # the label changed ...
        unit = panel.get_by_role("textbox", name="Unit", exact=True)
        expect(unit).to_be_visible()  # ... and the panel is still open
        unit.fill("falls")
        unit.press("Enter")
        saved(page, 5)
