"""The review loop in a real headless browser: Debian's Chromium driven by Playwright against a real
server (uvicorn on the app ``attribution serve`` builds, on a free loopback port).
A visitor is refused; a reviewer logs in with the password whose hash is in the environment, finds
the verdict on the review page, confirms it, and sees it confirmed; history names them."""

from __future__ import annotations

import shutil

import pytest
from datasette_auth_passwords.utils import hash_password
from live_server import CHROMIUM, launch_chromium, live_server
from playwright.sync_api import expect, sync_playwright
from review_data import build_review_db, register_review_plugin

from attribution.store.database import open_db
from attribution.web.serve import asgi_app, make_datasette

PASSWORD = "correct horse battery staple"


@pytest.fixture
def server(tmp_path, monkeypatch, nlp):
    """The base URL of ``attribution serve``'s app (response cache included) on a review database."""
    path = tmp_path / "attribution.db"
    build_review_db(path).close()
    register_review_plugin()
    monkeypatch.setenv("ATTRIBUTION_PASSWORD_HASH_ALICE", hash_password(PASSWORD))
    with live_server(asgi_app(make_datasette(path))) as base:
        yield base, path


def test_a_reviewer_confirms_a_verdict_in_chromium(server, tmp_path):
    base, path = server
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as pw:
        browser = launch_chromium(pw, str(tmp_path / "profile"))
        try:
            page = browser.new_page()
            refused = page.goto(f"{base}/-/review")
            assert refused.status == 403
            expect(page.locator("body")).to_contain_text("Reviewing needs a reviewer's login")
            page.goto(f"{base}/-/login")
            page.fill("input[name=username]", "alice")
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit]")
            expect(page).to_have_url(f"{base}/")
            page.goto(f"{base}/attribution/checks/2")  # the row page, now in the response cache
            expect(page.locator("td.col-review")).to_have_text("")
            page.goto(f"{base}/")
            page.click("details.nav-menu summary")
            page.click("text=Review")
            expect(page).to_have_url(f"{base}/-/review")
            page.click("a[href='/-/review/checks/2']")
            expect(page.locator("h1")).to_have_text("Check 2: misattributed")
            expect(page.locator("blockquote.record")).to_have_text("We cannot afford to wait on defence spending.")
            page.fill("input[name=note]", "On the briefing tape")
            page.click("button[value=confirm]")
            expect(page).to_have_url(f"{base}/-/review/checks/2")
            expect(page.locator(".message-info")).to_have_text("Check 2 confirmed by alice: misattributed")
            expect(page.locator(".review-state")).to_contain_text("Confirmed by alice on ")
            expect(page.locator(".review-state")).to_contain_text("misattributed (On the briefing tape)")
            page.screenshot(path=str(tmp_path / "review_page.png"), full_page=True)
            page.goto(f"{base}/attribution/checks/2")  # the review wrote: the cached page is stale, not replayed
            expect(page.locator("td.col-review")).to_have_text("confirmed")
            expect(page.locator("td.col-reviewed_by")).to_have_text("alice")
        finally:
            browser.close()
    assert (tmp_path / "review_page.png").stat().st_size > 10_000
    db = open_db(path)
    assert list(db.query("select actor, action, field, new_value from history where field = 'review'")) == [
        {"actor": "alice", "action": "confirm", "field": "review", "new_value": "confirmed"}]
    db.close()
