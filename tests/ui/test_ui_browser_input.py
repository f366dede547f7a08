"""No lost input, in a real browser: a date typed the UK way is read and saved; the calendar starts on Monday."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import chromium, new_page, running_app, saved
from playwright.sync_api import expect

from evidencepack.blank import blank_pack
from evidencepack.store import open_store

pytestmark = pytest.mark.browser


def test_a_date_typed_dd_mm_yyyy_is_saved_and_the_calendar_starts_on_monday(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    with open_store(url) as store:
        pack = store.create_pack(blank_pack(title="Dates", pack_id="0d6c8a4e-2b1f-4c3d-9e8a-7f6b5c4d3e2a"),
                                 saved_by="Setup")
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        page = new_page(browser, locale="en-GB")
        page.context.add_cookies([{"name": "evidencepack_name", "value": "Ana%20Quality", "url": base}])
        page.goto(f"{base}/details?pack={pack}")
        field = page.get_by_role("group", name="Period start")
        field.get_by_role("spinbutton").first.click()
        page.keyboard.type("01/04/2026")
        page.get_by_role("heading", name="Details", exact=True).click()  # leaving the field commits it
        saved(page, 2)
        with open_store(url) as store:
            info, data = store.latest(pack)
        assert data["metadata"]["period"] == {"start": "2026-04-01"}
        assert info.saved_by == "Ana Quality"
        page.get_by_role("button", name="Choose date").first.click()
        header = page.locator("[role=grid] thead").first
        expect(header).to_be_visible()
        assert header.inner_text().split()[:2] == ["M", "T"]
