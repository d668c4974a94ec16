"""The check page in a real headless browser: Debian's Chromium driven by Playwright against the real server
(uvicorn on the Datasette app ``attribution serve`` builds, on a free loopback port)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from live_server import CHROMIUM, chromium_page, launch_chromium, live_server
from playwright.sync_api import expect, sync_playwright

from attribution.store.database import open_db
from attribution.store.records import import_records, read_records
from attribution.web.serve import asgi_app, make_datasette

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "check"


@pytest.fixture
def server(tmp_path, nlp):
    """The served records database's base URL, while a uvicorn thread serves it."""
    path = tmp_path / "records.db"
    db = open_db(path)
    import_records(db, read_records(FIXTURES / "records.csv"))
    db.close()
    with live_server(asgi_app(make_datasette(path))) as base:
        yield base


def test_check_page_in_chromium(server, tmp_path):
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: run .ci/setup (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = launch_chromium(pw, str(tmp_path / "profile"))
        try:
            page = browser.new_page()
            page.goto(f"{server}/")
            page.click("details.nav-menu summary")
            page.click("text=Check an article")
            expect(page).to_have_url(f"{server}/-/check")
            page.fill("#check-text", (FIXTURES / "port_alder_ferries.txt").read_text())
            page.fill("#check-date", "2025-11-10")
            page.click("input[type=submit]")
            expect(page.locator("h2").first).to_have_text("14 quotes found (published 2025-11-10)")
            marks = page.locator("#check-article mark")
            expect(marks).to_have_count(14)
            verdicts = [marks.nth(i).get_attribute("data-verdict") for i in range(14)]
            assert verdicts == ["unverified", "unverified", "altered", "verified", "altered", "verified", "unverified",
                                "altered", "verified", "verified", "misattributed", "unverified", "misattributed",
                                "unverified"]
            altered = page.locator("mark.altered").first
            expect(altered).to_be_visible()
            assert altered.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 232, 194)"
            expect(altered).to_contain_text("We will raise ferry fares this winter")
            expect(page.locator("#quote-1 .verdict")).to_have_text("unverified")
            expect(page.locator(".diff del").first).to_have_text("not")
            record = page.locator("a", has_text="record 6").first
            expect(record).to_have_attribute("href", "/attribution/records/6")
            page.screenshot(path=str(tmp_path / "check_page.png"), full_page=True)
            record.click()
            expect(page.locator("h1")).to_contain_text("records: 6")
        finally:
            browser.close()
    assert (tmp_path / "check_page.png").stat().st_size > 10_000


def test_an_uncertain_speaker_is_shown_apart_in_chromium(server, tmp_path):
    with chromium_page(str(tmp_path / "profile")) as page:
        page.goto(f"{server}/-/check")
        page.fill("#check-text", (FIXTURES / "riverside_library.txt").read_text())
        page.fill("#check-date", "2025-12-05")
        page.click("input[type=submit]")
        uncertain = page.locator("#check-article mark.uncertain")
        expect(uncertain).to_have_count(1)
        expect(uncertain).to_contain_text("The reading room on Mill Street")
        assert uncertain.get_attribute("data-verdict") == "unverified"
        assert uncertain.evaluate("e => getComputedStyle(e).borderBottomStyle") == "dashed"
        expect(page.locator("#quote-3 .verdict.uncertain")).to_have_text("speaker uncertain: a person must look")
        expect(page.locator("#quote-3 dd").last).to_contain_text("these words are on record from Omar Haddad")
        expect(page.locator("#quote-2 .verdict")).to_have_text("verified")
