"""Two people on one pack, in real browsers: no choice ever reverts a field the other changed.

With two browser contexts on one app, and with two app instances on one PostgreSQL database (what a team behind
a load balancer runs). Also: a reload, a new tab or a shared link opens the same pack and page, and the name typed
once survives a reload.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import chromium, give_name, new_page, running_app, saved, shot, type_in
from playwright.sync_api import Page, expect

from evidencepack.blank import blank_pack
from evidencepack.store import open_store

pytestmark = pytest.mark.browser
PACK_ID = "3c9e8f20-7b1d-4e0a-9c55-1d2e3f4a5b6c"


def _store_pack(url: str) -> str:
    data = blank_pack(title="Night-time acoustic monitoring", pack_id=PACK_ID)
    data["metadata"]["provider"] = {"name": "Larkfield House"}
    data["innovation"]["product_version"] = "4.2"
    with open_store(url) as store:
        return store.create_pack(data, saved_by="Setup")


def _open(page: Page, base: str, pack: str, name: str) -> None:
    page.context.add_cookies([{"name": "evidencepack_name", "value": name, "url": base}])
    page.goto(f"{base}/details?pack={pack}")
    expect(page.get_by_role("textbox", name="Product version", exact=True)).to_have_value("4.2")


def _two_people_edit_different_then_the_same_field(a: Page, b: Page, url: str, pack: str) -> None:
    type_in(a, "Product version", "4.3")
    saved(a, 2)
    type_in(b, "ODS code", "ZZL01")  # b's copy still says 4.2: the save merges, it does not revert a's field
    saved(b, 3)
    with open_store(url) as store:
        data = store.latest(pack)[1]
    assert data["innovation"]["product_version"] == "4.3"
    assert data["metadata"]["provider"] == {"name": "Larkfield House", "ods_code": "ZZL01"}
    expect(b.get_by_role("textbox", name="Product version", exact=True)).to_have_value("4.3")

    type_in(a, "Supplier", "Acme Sensors")  # a's other change, then both change the same field
    saved(a, 4)
    type_in(a, "Provider name", "Larkfield House (North)")
    saved(a, 5)
    type_in(b, "Provider name", "Larkfield Care")
    expect(b.get_by_text("changed a field you changed too")).to_be_visible()
    conflict = b.locator(".st-key-ep-conflict")
    expect(conflict).to_contain_text("Larkfield House (North)")
    expect(conflict).to_contain_text("Larkfield Care")
    shot(b, "conflict")
    conflict.get_by_role("radiogroup").get_by_text("Yours").click()
    b.get_by_role("button", name="Save with these choices").click()
    saved(b, 6)
    with open_store(url) as store:
        data = store.latest(pack)[1]
    assert data["metadata"]["provider"] == {"name": "Larkfield Care", "ods_code": "ZZL01"}
    assert data["innovation"]["supplier"] == "Acme Sensors" and data["innovation"]["product_version"] == "4.3"


def test_two_browser_contexts_on_one_app_never_lose_an_update(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    pack = _store_pack(url)
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        a, b = new_page(browser), new_page(browser)
        _open(a, base, pack, "Ana Quality")
        _open(b, base, pack, "Ben Other")
        _two_people_edit_different_then_the_same_field(a, b, url, pack)


@pytest.mark.postgresql
def test_two_app_instances_on_one_postgresql_never_lose_an_update(postgresql_url: str, tmp_path: Path):
    pack = _store_pack(postgresql_url)
    with (running_app(postgresql_url, tmp_path / "one.log") as one,
          running_app(postgresql_url, tmp_path / "two.log") as two,
          chromium() as browser):
        a, b = new_page(browser), new_page(browser)
        _open(a, one, pack, "Ana Quality")
        _open(b, two, pack, "Ben Other")
        _two_people_edit_different_then_the_same_field(a, b, postgresql_url, pack)


def test_reload_new_tab_and_shared_link_open_the_same_pack_and_page_and_keep_the_name(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    pack = _store_pack(url)
    with running_app(url, tmp_path / "app.log") as base, chromium() as browser:
        page = new_page(browser)
        page.goto(f"{base}/details?pack={pack}")
        type_in(page, "Product version", "4.3")
        give_name(page, "Ana Quality")
        saved(page, 2)
        expect(page).to_have_url(re.compile(rf"/details\?pack={pack}$"))
        page.reload()
        expect(page.get_by_role("textbox", name="Product version", exact=True)).to_have_value("4.3")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("Saving as Ana Quality")
        tab = page.context.new_page()
        tab.goto(page.url)
        expect(tab.get_by_role("heading", name="Details", exact=True)).to_be_visible()
        expect(tab.get_by_test_id("stSidebar")).to_contain_text("Night-time acoustic monitoring")
        expect(tab.get_by_test_id("stSidebar")).to_contain_text("Saving as Ana Quality")
        other = new_page(browser)  # a colleague's browser, from a shared link: same pack, their own name
        other.goto(page.url)
        expect(other.get_by_role("textbox", name="Product version", exact=True)).to_have_value("4.3")
        expect(other.get_by_test_id("stSidebar")).not_to_contain_text("Ana Quality")
