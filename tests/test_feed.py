"""The Atom feed of confirmed misattributions and altered quotes (datasette-atom over the canned query
``confirmed_problems``), read in-process from a real Datasette."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT
from datasette.app import Datasette
from live_server import free_port
from review_data import build_review_db, register_review_plugin

from attribution.store.review import confirm_check, overturn_check

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_ds(path) -> Datasette:
    return Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()))


@pytest.mark.asyncio
async def test_the_feed_lists_confirmed_findings_newest_first(tmp_path):
    path = tmp_path / "attribution.db"
    db = build_review_db(path)
    confirm_check(db, 1, "alice")  # verified: not a problem, not in the feed
    confirm_check(db, 3, "bob", "Checked the transcript")
    confirm_check(db, 2, "alice", "On the briefing tape")
    db.execute("update checks set reviewed_at = '2025-10-26T09:00:00+00:00' where id = 3")  # bob reviewed first
    db.execute("update checks set reviewed_at = '2025-10-27T10:30:00+00:00' where id = 2")
    db.conn.commit()
    db.close()
    response = await feed_ds(path).client.get("/attribution/confirmed_problems.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml; charset=utf-8"
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Confirmed misattributions and altered quotes"
    assert feed.find(f"{ATOM}updated").text == "2025-10-27T10:30:00+00:00"
    entries = [{child.tag.removeprefix(ATOM): (child.text, child.attrib) for child in entry}
               for entry in feed.findall(f"{ATOM}entry")]
    assert [e["id"][0] for e in entries] == ["urn:attribution:check:2", "urn:attribution:check:3"]
    assert entries[0]["title"][0] == "Misattributed: Sanae Takaichi, “We cannot afford to wait on defence spending.”"
    assert entries[0]["content"][0] == (
        "Credited to Sanae Takaichi in Daily Example (2025-10-24); the words are on record from Shinjiro Koizumi "
        "(2025-10-22, https://example.org/briefing). Reviewer: On the briefing tape")
    assert entries[0]["link"][1]["href"] == "http://localhost/attribution/checks/2"  # feed readers need it whole
    assert entries[1]["title"][0] == "Altered quote: Shinjiro Koizumi, “We can afford to wait on defence spending.”"
    assert entries[1]["content"][0] == (
        "Printed by Daily Example (2025-10-24); the record (2025-10-22, https://example.org/briefing) says: "
        "“We cannot afford to wait on defence spending.”. Reviewer: Checked the transcript")
    assert entries[1]["updated"][0] == "2025-10-26T09:00:00+00:00"
    author = feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name")
    assert author.text == "alice"


@pytest.mark.asyncio
async def test_an_overturned_verdict_leaves_the_feed(tmp_path):
    path = tmp_path / "attribution.db"
    db = build_review_db(path)
    confirm_check(db, 2, "alice")
    overturn_check(db, 3, "alice", "Takaichi misspoke; the record is wrong", to="misattributed")
    overturn_check(db, 2, "bob", "She repeated it in parliament", to="verified")
    db.close()
    feed = ET.fromstring((await feed_ds(path).client.get("/attribution/confirmed_problems.atom")).content)
    assert [e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")] == ["urn:attribution:check:3"]


@pytest.mark.asyncio
async def test_an_empty_feed_is_a_valid_feed(tmp_path):
    register_review_plugin()  # the empty-feed fix lives in the review plugin
    path = tmp_path / "attribution.db"
    build_review_db(path).close()
    response = await feed_ds(path).client.get("/attribution/confirmed_problems.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Confirmed misattributions and altered quotes"
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.find(f"{ATOM}link").attrib["href"] == "http://localhost/attribution/confirmed_problems.atom"


@pytest.mark.asyncio
async def test_feed_links_are_absolute_under_a_base_url_and_forced_https(tmp_path):
    path = tmp_path / "attribution.db"
    db = build_review_db(path)
    confirm_check(db, 2, "alice")
    db.close()
    ds = Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()),
                   settings={"base_url": "/desk/", "force_https_urls": True})
    feed = ET.fromstring((await ds.client.get(ds.urls.path("/attribution/confirmed_problems.atom"))).content)
    assert [e.find(f"{ATOM}link").attrib["href"] for e in feed.findall(f"{ATOM}entry")] == [
        "https://localhost/desk/attribution/checks/2"]


def test_serve_with_https_urls_gives_the_feed_https_links(tmp_path):
    """`attribution serve --https-urls`, run for real: behind a proxy that speaks HTTPS, links must say so."""
    path = tmp_path / "attribution.db"
    db = build_review_db(path)
    confirm_check(db, 2, "alice")
    db.close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "attribution", "serve", "--db", str(path), "--port", str(port),
                               "--https-urls"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/attribution/confirmed_problems.atom") as r:
                    feed = ET.fromstring(r.read())
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(10)
    assert [e.find(f"{ATOM}link").attrib["href"] for e in feed.findall(f"{ATOM}entry")] == [
        f"https://127.0.0.1:{port}/attribution/checks/2"]
