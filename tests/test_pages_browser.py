"""Pages a fact-checker reads, in a real headless Chromium against ``attribution serve``'s app: diffs, flags
and lists read as words (not JSON), the home page offers the check page, and no empty ``_memory``
database is listed. The JSON API keeps the stored values."""

from __future__ import annotations

import datetime as dt
import json
import urllib.request
from pathlib import Path

import pytest
from live_server import chromium_page, live_server
from playwright.sync_api import expect

from attribution.ingest import ingest_articles
from attribution.store.database import open_db
from attribution.store.records import import_records, read_records
from attribution.text.article import read_articles
from attribution.web.serve import asgi_app, make_datasette

CHECK_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "check"


@pytest.fixture(scope="module")
def server(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("pages") / "attribution.db"
    db = open_db(path)
    import_records(db, read_records(CHECK_DIR / "records.csv"))
    for name, day in (("port_alder_ferries", dt.date(2025, 11, 10)), ("riverside_library", dt.date(2025, 12, 5))):
        ingest_articles(db, read_articles([str(CHECK_DIR / f"{name}.txt")], default_date=day), outlet="Gazette")
    db.close()
    with live_server(asgi_app(make_datasette(path))) as base:
        yield base


def _watch(page, server: str) -> tuple[list[str], list[str]]:
    """The console errors, and the requests to anywhere but ``server``, as ``page`` runs."""
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    return errors, outside


def test_cells_read_as_words_and_the_home_page_offers_the_check(server, tmp_path):
    with chromium_page(str(tmp_path / "profile")) as page:
        page.goto(f"{server}/")
        expect(page.locator("a[href='-/check']")).to_be_visible()  # on the page, not only in the menu
        expect(page.locator("body")).not_to_contain_text("_memory")
        page.goto(f"{server}/attribution/checks?verdict=altered&_sort=id")
        expect(page.locator("details.column-descriptions-collapsed summary")).to_have_text("What the columns mean")
        expect(page.locator("dl.column-descriptions")).to_be_hidden()  # collapsed: the rows come first
        diff = page.locator("td.col-diff .diff").first
        expect(diff.locator("del")).to_have_text("not")
        expect(page.locator("td.col-diff").first).not_to_contain_text('"op"')
        expect(page.locator("td.col-flags .flag-negation").first).to_have_text("negation")
        page.goto(f"{server}/attribution/checks?_facet_array=flags")
        expect(page.locator("td.col-flags .flag-speaker_uncertain")).to_have_text("speaker uncertain")
        page.goto(f"{server}/attribution/speakers")
        expect(page.locator("td.col-aliases ul.names li").first).to_be_visible()
        page.screenshot(path=str(tmp_path / "speakers.png"), full_page=True)


def test_an_article_page_shows_its_quotes_by_verdict(server, tmp_path):
    with chromium_page(str(tmp_path / "profile")) as page:
        page.goto(f"{server}/attribution/articles?_sort=id")
        page.click("td.col-title a >> text=Riverside keeps every library branch open")  # its first line: no title
        expect(page.locator("h1")).to_have_text("Riverside keeps every library branch open")
        marks = page.locator("#article-text mark")
        expect(marks).to_have_count(4)
        assert [marks.nth(i).get_attribute("data-verdict") for i in range(4)] == [
            "unverified", "verified", "unverified", "unverified"]
        expect(page.locator("#article-text mark.uncertain")).to_contain_text("The reading room on Mill Street")
        expect(page.locator("#quote-2 .verdict")).to_have_text("verified")
        expect(page.locator("#quote-2")).to_contain_text("Dana Whitfield")
        page.locator("#quote-2 a", has_text="record").click()
        expect(page.locator("h1")).to_contain_text("records: 13")
    with urllib.request.urlopen(f"{server}/attribution/checks.json?verdict=altered&_shape=array&_sort=id") as response:
        raw = json.loads(response.read())[0]
    assert json.loads(raw["diff"])[1] == {"op": "delete", "record": "not", "quote": ""}  # the API keeps the JSON


def test_a_speaker_page_shows_their_statements_over_time(server, tmp_path):
    with chromium_page(str(tmp_path / "profile")) as page:
        errors, outside = _watch(page, server)
        page.goto(f"{server}/attribution/speakers?_sort=name")
        page.click("td.col-name a >> text=Elena Marsh")
        expect(page.locator("h1")).to_have_text("Elena Marsh")
        dots = page.locator("svg.timeline circle.quote-dot")
        expect(dots).to_have_count(page.locator("table.speaker-quotes tr").count())
        assert page.locator("svg.timeline line.record-tick").count() == 3  # her three records in records.csv
        expect(page.locator("table.speaker-quotes")).to_contain_text("We will raise ferry fares this winter")
        page.screenshot(path=str(tmp_path / "speaker.png"), full_page=True)
        assert errors == [] and outside == []  # drawn here, nothing fetched from elsewhere


def test_the_dashboard_draws_verdicts_and_names_the_misattributed(server, tmp_path):
    with chromium_page(str(tmp_path / "profile")) as page:
        errors, outside = _watch(page, server)
        page.goto(f"{server}/")
        page.click("a[href='-/dashboard']")  # linked from the home page
        expect(page.locator("h1")).to_have_text("Dashboard")
        weeks, outlets = page.locator("svg.bars").all()
        assert weeks.get_attribute("aria-label") == "verdicts per week"
        expect(weeks.locator("text")).to_contain_text(["week of 2025-11-10", "week of 2025-12-01"])
        expect(outlets.locator("text").first).to_have_text("Gazette")
        # one bar segment per verdict present: the checks table's own counts, drawn
        checks = json.load(urllib.request.urlopen(
            f"{server}/attribution/checks.json?_facet=verdict&_size=0"))["facet_results"]["verdict"]["results"]
        drawn = {v: outlets.locator(f"rect[data-verdict={v}]").count() for v in ("verified", "misattributed")}
        assert drawn == {v: int(any(r["value"] == v for r in checks)) for v in drawn}
        expect(page.locator("table.dashboard").first).to_contain_text("Tomas Reyes")
        page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
        assert errors == [] and outside == []  # drawn here, nothing fetched from elsewhere
