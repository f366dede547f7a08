"""The app in a real browser: Debian's chromium, driven by playwright, against `evidencepack ui` started as a
process on a free port with a database of its own.

One journey a quality lead takes: name yourself, create a pack, answer a criterion, upload an evidence file,
cite it, watch the score rise in the sidebar, export the Word document and check it with the Open XML SDK
validator. Screenshots of every page go to tests/artifacts/ui/. A missing chromium or validator fails the
test: it is never skipped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiers
from browser_support import running_app, saved
from playwright.sync_api import Page, expect, sync_playwright
from ui_support import ROOT, app_module, assert_valid_ooxml

from evidencepack.blank import blank_pack
from evidencepack.framework import load_framework
from evidencepack.load import parse_bytes
from evidencepack.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.word_validator]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts" / "ui"
WAIT_MS = 30_000
NARRATIVE = ("We held three co-design workshops with residents, relatives and staff from every shift, and we "
             "changed the care plan screens because of what they told us, as the workshop notes show.")
EVIDENCE_FILE = b"Co-design workshop notes, May 2025: residents, relatives and staff from day and night shifts.\n"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`evidencepack ui` on 127.0.0.1 and a free port, with a SQLite database in the test's folder."""
    url = f"sqlite:///{tmp_path / 'packs.db'}"
    with running_app(url, tmp_path / "server.log") as base:
        yield base, url


@pytest.fixture
def page(request: pytest.FixtureRequest) -> Iterator[Page]:
    tiers.require("browser")
    assert CHROMIUM.exists(), f"chromium is not installed at {CHROMIUM}; scripts/test-setup.sh installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=WAIT_MS)
        context = browser.new_context(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
        context.set_default_timeout(WAIT_MS)
        opened = context.new_page()
        try:
            yield opened
        finally:
            if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
                _shot(opened, "failure")
            context.close()
            browser.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _go(page: Page, name: str) -> None:
    """Open page ``name`` (as in ui.navigation) from the menu at the top."""
    spec = next(s for s in app_module("navigation").specs() if s.name == name)
    page.get_by_test_id("stTopNavSection").filter(has_text=spec.section).click()
    page.locator(f'a[data-testid="stTopNavDropdownLink"][href$="/{spec.url_path}"]').click()
    expect(page).to_have_url(re.compile(f"/{spec.url_path}(\\?pack=[0-9a-f-]+)?$"))
    expect(page.get_by_role("heading", level=1).first).to_be_visible()


def _overall(page: Page) -> float:
    text = page.get_by_test_id("stSidebar").get_by_test_id("stProgress").first.inner_text()
    return float(re.search(r"Overall: ([0-9.]+)", text).group(1))


def _choose(page: Page, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True).first
    box.click()
    box.press("ArrowDown")
    page.get_by_role("option").filter(has_text=option).first.click()
    box.press("Escape")


def test_a_pack_is_built_scored_and_exported_in_the_browser(server, page, tmp_path):
    base, database = server
    principle = load_framework().principles[0]
    criterion = principle.criteria[0]

    page.goto(base)
    expect(page.get_by_role("heading", name="Evidence packs")).to_be_visible()
    name = page.get_by_role("textbox", name="Your name", exact=True)
    name.fill("Tess Lead")
    name.press("Enter")
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Saving as Tess Lead")  # the app has taken the name
    page.get_by_role("tab", name="New pack").click()
    title = page.get_by_role("textbox", name="Title", exact=True)
    title.fill("Browser pack")
    title.press("Enter")
    _shot(page, "01-packs")
    page.get_by_role("button", name="Create pack").click()
    expect(page.get_by_role("heading", name="Details", exact=True)).to_be_visible()
    saved(page, 1)
    _shot(page, "02-details")

    _go(page, f"principle:{principle.key}")
    expect(page.get_by_role("heading", name=criterion.title)).to_be_visible()
    assert _overall(page) == 0
    _choose(page, "Status", "Met")
    saved(page, 2)
    narrative = page.get_by_role("textbox", name="Narrative").first
    narrative.fill(NARRATIVE)
    narrative.press("Control+Enter")
    saved(page, 3)
    after_narrative = _overall(page)
    assert after_narrative == 0  # a claim and words without evidence earn nothing

    _go(page, "evidence")
    page.get_by_role("button", name="Add an evidence item").click()
    saved(page, 4)
    item_title = page.get_by_role("textbox", name="Title", exact=True)
    item_title.fill("Co-design workshop notes")
    item_title.press("Enter")
    saved(page, 5)
    upload = tmp_path / "workshop-notes.txt"
    upload.write_bytes(EVIDENCE_FILE)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(upload))
    expect(page.get_by_text("Stored workshop-notes.txt")).to_be_visible()
    saved(page, 6)
    _shot(page, "05-evidence")

    _go(page, f"principle:{principle.key}")
    _choose(page, "Evidence", "E1 · Co-design workshop notes")
    saved(page, 7)
    after_evidence = _overall(page)
    assert after_evidence > after_narrative
    _shot(page, "03-principle")

    others = [f"principle:{p.key}" for p in load_framework().principles[1:]]
    for number, name_ in enumerate([*others, "outcomes", "actions", "review", "approval", "history"], start=6):
        _go(page, name_)
        _shot(page, f"{number:02d}-{name_.replace(':', '-')}")

    _go(page, "export")
    page.get_by_role("button", name="Make the Word document").click()
    with page.expect_download(timeout=WAIT_MS) as download:
        page.get_by_role("button", name="Download the Word document").click()
    docx = tmp_path / "exported.docx"
    download.value.save_as(str(docx))
    _shot(page, "99-export")
    assert_valid_ooxml(docx)  # fails (never skips) when the validator is missing
    exported = parse_bytes(docx.read_bytes(), docx.name).data
    assert exported["metadata"]["title"] == "Browser pack"
    answer = exported["principles"][principle.key]["criteria"][criterion.key]
    assert answer == {"status": "met", "narrative": NARRATIVE, "evidence": ["E1"]}

    with open_store(database) as store:
        (summary,) = store.list_packs()
        info, data = store.latest(summary.id)
        sha = hashlib.sha256(EVIDENCE_FILE).hexdigest()
        assert info.number == 7 and info.saved_by == "Tess Lead"
        assert data["evidence"] == [{"id": "E1", "title": "Co-design workshop notes",
                                     "source": {"attachment": sha}, "sha256": sha}]
        assert store.get_attachment(sha) == EVIDENCE_FILE
        assert data == exported


def test_personal_data_is_masked_and_the_export_gate_asks_for_a_reason_in_the_browser(server, page, tmp_path):
    """A pack holding a hospital record number and a date of birth (both error-level): the principle page shows
    the hit masked and masks it; the Export page refuses until a reason is given and confirmed; the document
    states it. User text that looks like HTML or markdown is shown as typed.

    (No NHS number here: the screenshots are kept in tests/artifacts, and a check-digit-valid NHS number must
    never be written into a kept file; tests/ui/test_ui_masking.py covers NHS numbers.)
    """
    base, database = server
    principle = load_framework().principles[0]
    criterion = principle.criteria[0]
    data = blank_pack(title="Gate pack", pack_id="5b0f3d52-6a55-4a8e-9d7e-3c1f0e2a9b41")
    data["principles"][principle.key]["criteria"][criterion.key] = {
        "status": "met",
        "narrative": "<b>Resident</b> with MRN RX40712 **joined** the workshop.",
    }
    data["actions"] = [{"criterion": criterion.id, "action": "Ask the resident (DOB 14/02/1939) again."}]
    with open_store(database) as store:
        pack = store.create_pack(data, saved_by="Setup")

    page.goto(base)
    name = page.get_by_role("textbox", name="Your name", exact=True)
    name.fill("Tess Lead")
    name.press("Enter")
    page.get_by_role("button", name="Open").first.click()
    expect(page.get_by_role("heading", name="Details", exact=True)).to_be_visible()

    _go(page, f"principle:{principle.key}")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Found: <b>Resident</b> with MRN RX***** **joined** the workshop.")).to_be_visible()
    assert main.locator("[data-testid='stCaptionContainer'] b").count() == 0  # no HTML from user text
    _shot(page, "20-principle-personal-data")
    main.get_by_role("button", name="Mask it").click()
    saved(page, 2)
    expect(main.get_by_text("Found: <b>Resident</b>")).to_have_count(0)
    expect(main.get_by_role("textbox", name="Narrative").first).to_have_value(
        "<b>Resident</b> with MRN RX***** **joined** the workshop.")

    _go(page, "export")
    expect(main.get_by_text("This pack has 1 error-level finding")).to_be_visible()
    assert "14/02/1939" not in main.inner_text()
    expect(main.get_by_role("button", name="Make the Word document")).to_have_count(0)
    _shot(page, "21-export-refused")
    main.get_by_role("textbox", name="Why export this pack despite its errors?").fill("Inspection tomorrow")
    main.get_by_text("I, Tess Lead, decide to export this pack with this error.").click()
    main.get_by_role("button", name="Record the reason and allow the export").click()
    saved(page, 3)
    expect(main.get_by_text("Exporting despite 1 error-level finding")).to_be_visible()
    main.get_by_role("button", name="Make the Word document").click()
    with page.expect_download(timeout=WAIT_MS) as download:
        main.get_by_role("button", name="Download the Word document").click()
    docx = tmp_path / "gate.docx"
    download.value.save_as(str(docx))
    _shot(page, "22-export-override")
    assert_valid_ooxml(docx)
    exported = parse_bytes(docx.read_bytes(), docx.name).data
    assert exported["metadata"]["export_override"]["reason"] == "Inspection tomorrow"
    assert exported["metadata"]["export_override"]["by"] == "Tess Lead"
    with open_store(database) as store:
        info, stored = store.latest(pack)
        assert info.number == 3 and stored == exported
