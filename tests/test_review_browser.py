"""The review loop in a real headless browser: Debian's Chromium driven by Playwright against a real
server (uvicorn on the Datasette app with the metadata and the plugins, on a free loopback port).
A visitor is refused; a reviewer logs in with the password whose hash is in the environment, finds
the verdict on the review page, confirms it, and sees it confirmed; history names them."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn
import yaml
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password
from playwright.sync_api import expect, sync_playwright

from attribution.store import open_db

from conftest import ROOT
from review_data import build_review_db, register_review_plugin

CHROMIUM = "/usr/bin/chromium"  # from Debian's packages (apt-get install chromium)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "correct horse battery staple"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path, monkeypatch):
    """The base URL of a served review database, while a uvicorn thread serves it."""
    path = tmp_path / "attribution.db"
    build_review_db(path).close()
    register_review_plugin()
    monkeypatch.setenv("ATTRIBUTION_PASSWORD_HASH_ALICE", hash_password(PASSWORD))
    ds = Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()))
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(ds.app(), host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", path
    uv.should_exit = True
    thread.join(10)


def test_a_reviewer_confirms_a_verdict_in_chromium(server, tmp_path):
    base, path = server
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1200, "height": 900})
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
        finally:
            browser.close()
    assert (tmp_path / "review_page.png").stat().st_size > 10_000
    db = open_db(path)
    assert list(db.query("select actor, action, field, new_value from history where field = 'review'")) == [
        {"actor": "alice", "action": "confirm", "field": "review", "new_value": "confirmed"}]
    db.close()
