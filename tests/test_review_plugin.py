"""The review pages in a real in-process Datasette: anonymous visitors and other actors are refused,
a forged POST without the CSRF token is refused, a reviewer who logged in with a password from the
environment reviews, and every write leaves history rows naming them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

import pytest
import yaml
from conftest import ROOT
from datasette.app import Datasette
from datasette_auth_passwords.utils import hash_password
from live_server import free_port
from review_data import build_review_db, register_review_plugin

from attribution.store.database import open_db

PASSWORD = "correct horse battery staple"
HASH = hash_password(PASSWORD)
TOKEN = re.compile(r'name="csrftoken" value="([^"]+)"')


@pytest.fixture
def path(tmp_path):
    where = tmp_path / "attribution.db"
    build_review_db(where).close()
    return where


@pytest.fixture
def ds(path, monkeypatch) -> Datasette:
    register_review_plugin()
    monkeypatch.setenv("ATTRIBUTION_PASSWORD_HASH_ALICE", HASH)
    return Datasette([str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()))


def actor(ds: Datasette, actor_id: str) -> dict:
    return {"ds_actor": ds.sign({"a": {"id": actor_id}}, "actor")}


async def form_token(ds: Datasette, path: str, cookies: dict) -> dict:
    """GET a page with a form: the cookies to POST with (CSRF cookie added) and the token in the form."""
    page = await ds.client.get(path, cookies=cookies)
    assert page.status_code == 200, page.text
    return {**cookies, "ds_csrftoken": page.cookies["ds_csrftoken"], "csrftoken": TOKEN.search(page.text).group(1)}


async def post(ds: Datasette, path: str, cookies: dict, **data: str):
    cookies = await form_token(ds, path, cookies)
    token = cookies.pop("csrftoken")
    return await ds.client.post(path, data={"csrftoken": token, **data}, cookies=cookies)


def history(path) -> list[tuple]:
    db = open_db(path)
    rows = [(r["actor"], r["action"], r["table_name"], r["row_id"], r["field"], r["new_value"])
            for r in db.query("select * from history order by id")]
    db.close()
    return rows


def test_the_entry_point_is_declared():
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["datasette"]
    assert entry_points["attribution_review"] == "attribution.web.review_pages"


@pytest.mark.asyncio
@pytest.mark.parametrize("page", ["/-/review", "/-/review/checks/2", "/-/review/quotes/4"])
async def test_anonymous_visitors_are_refused(ds, path, page):
    assert (await ds.client.get(page)).status_code == 403
    response = await ds.client.post(page, data={"decision": "confirm", "keep": "1", "absorb": "4"})
    assert response.status_code == 403  # no cookie at all: past CSRF, stopped by the permission
    assert history(path) == []


@pytest.mark.asyncio
async def test_anonymous_visitors_still_read_everything_public(ds):
    for page in ("/attribution/checks.json", "/attribution/history.json", "/attribution/records/1.json"):
        assert (await ds.client.get(page)).status_code == 200
    menu = (await ds.client.get("/")).text
    assert 'href="/-/login"' in menu and 'href="/-/review"' not in menu


@pytest.mark.asyncio
async def test_a_forged_post_without_the_csrf_token_is_refused(ds, path):
    response = await ds.client.post("/-/review/checks/2", data={"decision": "confirm"}, cookies=actor(ds, "alice"))
    assert response.status_code == 403
    assert response.text == "form-urlencoded POST field did not match cookie"  # asgi-csrf, before our view
    wrong = await ds.client.post("/-/review/checks/2", data={"decision": "confirm", "csrftoken": "forged"},
                                 cookies={**actor(ds, "alice"), "ds_csrftoken": "forged"})
    assert wrong.status_code == 403
    assert history(path) == []


@pytest.mark.asyncio
async def test_an_actor_who_is_not_a_reviewer_is_refused(ds, path):
    assert (await ds.client.get("/-/review/checks/2", cookies=actor(ds, "mallory"))).status_code == 403
    login = await form_token(ds, "/-/login", {})  # a valid CSRF pair, from a page anyone may see
    response = await ds.client.post("/-/review/checks/2", data={"decision": "confirm", "csrftoken": login["csrftoken"]},
                                    cookies={**actor(ds, "mallory"), "ds_csrftoken": login["ds_csrftoken"]})
    assert response.status_code == 403
    assert history(path) == []


@pytest.mark.asyncio
async def test_password_guessing_is_slowed_to_a_few_tries_a_minute(ds, monkeypatch):
    from attribution.web import review_pages as review_plugin

    monkeypatch.setattr(review_plugin, "LOGIN_ATTEMPTS_PER_MINUTE", 2)
    cookies = await form_token(ds, "/-/login", {})
    token = cookies.pop("csrftoken")
    statuses = [(await ds.client.post("/-/login", data={"username": "alice", "password": f"guess{n}",
                                                        "csrftoken": token}, cookies=cookies)).status_code
                for n in range(3)]
    assert statuses == [200, 200, 429]
    refused = await ds.client.post("/-/login", data={"username": "alice", "password": PASSWORD, "csrftoken": token},
                                   cookies=cookies)
    assert refused.status_code == 429 and "wait a minute" in refused.text  # even the right password, for now


@pytest.mark.asyncio
async def test_a_reviewer_logs_in_with_the_password_hash_from_the_environment(ds):
    cookies = await form_token(ds, "/-/login", {})
    token = cookies.pop("csrftoken")
    wrong = await ds.client.post("/-/login", data={"username": "alice", "password": "guess", "csrftoken": token},
                                 cookies=cookies)
    assert "Invalid username or password" in wrong.text and "ds_actor" not in wrong.cookies
    response = await ds.client.post("/-/login", data={"username": "alice", "password": PASSWORD, "csrftoken": token},
                                    cookies=cookies)
    assert response.status_code == 302
    [login_cookie] = [c for c in response.headers.get_list("set-cookie") if c.startswith("ds_actor=")]
    assert "; HttpOnly" in login_cookie  # page scripts never read it
    logged_in = {"ds_actor": response.cookies["ds_actor"]}
    assert (await ds.client.get("/-/actor.json", cookies=logged_in)).json() == {"actor": {"id": "alice"}}
    assert 'href="/-/review"' in (await ds.client.get("/", cookies=logged_in)).text
    assert (await ds.client.get("/-/review", cookies=logged_in)).status_code == 200


@pytest.mark.asyncio
async def test_the_password_hash_is_never_shown(ds):
    for page in ("/-/metadata.json", "/-/plugins.json", "/-/settings.json"):
        assert HASH not in (await ds.client.get(page, cookies=actor(ds, "alice"))).text


@pytest.mark.asyncio
async def test_a_reviewer_confirms_and_overturns(ds, path):
    alice = actor(ds, "alice")
    response = await post(ds, "/-/review/checks/2", alice, decision="confirm", note="On the briefing tape")
    assert response.status_code == 302 and response.headers["location"] == "/-/review/checks/2"
    page = (await ds.client.get("/-/review/checks/2", cookies={**alice, "ds_messages": response.cookies["ds_messages"]})).text
    assert "Check 2 confirmed by alice: misattributed" in page
    assert "Confirmed by alice on " in page
    assert 'href="/attribution/history?table_name=checks&amp;row_id=2"' in page
    history_rows = (await ds.client.get("/attribution/history.json?table_name=checks&row_id=2&_shape=array")).json()
    assert [r["field"] for r in history_rows] == ["review", "reviewed_verdict", "ruling", "reviewed_by",
                                                  "reviewed_at", "review_note"]
    refused = await post(ds, "/-/review/checks/3", alice, decision="overturn", to="verified")
    assert refused.status_code == 400 and "needs a note saying why" in refused.text
    response = await post(ds, "/-/review/checks/3", alice, decision="overturn", to="verified", note="Tape says can")
    assert response.status_code == 302
    rows = [r for r in history(path) if r[4] in ("review", "ruling", "reviewed_by")]
    assert rows == [
        ("alice", "confirm", "checks", 2, "review", "confirmed"),
        ("alice", "confirm", "checks", 2, "ruling", "misattributed"),
        ("alice", "confirm", "checks", 2, "reviewed_by", "alice"),
        ("alice", "overturn", "checks", 3, "review", "overturned"),
        ("alice", "overturn", "checks", 3, "ruling", "verified"),
        ("alice", "overturn", "checks", 3, "reviewed_by", "alice"),
    ]


@pytest.mark.asyncio
async def test_a_reviewer_promotes_rejects_and_merges(ds, path):
    alice = actor(ds, "alice")
    index = (await ds.client.get("/-/review", cookies=alice)).text
    assert 'href="/-/review/checks/2"' in index and 'href="/-/review/quotes/4"' in index
    response = await post(ds, "/-/review/quotes/4", alice, decision="promote", source_url="https://example.com/tv",
                          source_type="interview")
    assert response.status_code == 302
    bad = await post(ds, "/-/review/quotes/5", alice, decision="promote", source_url="https://example.com/x")
    assert bad.status_code == 400 and "quote 5 has no speaker" in bad.text
    assert (await post(ds, "/-/review/quotes/5", alice, decision="reject", note="A headline")).status_code == 302
    merged = await post(ds, "/-/review", alice, keep="Shinjiro Koizumi", absorb="4")
    assert merged.status_code == 302 and merged.headers["location"] == "/-/review"
    db = open_db(path)
    record = db["records"].get(3)
    assert (record["text"], record["verified_by"], record["source_type"]) == (
        "The measures will do little to lift wages.", "alice", "interview")
    assert db["quotes"].get(5)["review"] == "rejected" and db["quotes"].get(6)["speaker_id"] == 1
    assert not db.execute("select 1 from speakers where id = 4").fetchone()
    db.close()
    assert {(r[0], r[1]) for r in history(path)} == {("alice", "promote"), ("alice", "reject"), ("alice", "merge")}


@pytest.mark.asyncio
async def test_an_immutable_database_refuses_with_a_reason(path, monkeypatch):
    register_review_plugin()
    monkeypatch.setenv("ATTRIBUTION_PASSWORD_HASH_ALICE", HASH)
    ds = Datasette(immutables=[str(path)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text()))
    response = await post(ds, "/-/review/checks/2", actor(ds, "alice"), decision="confirm")
    assert response.status_code == 400
    assert "this database is served read-only (immutable); serve it without -i/--immutable" in response.text
    assert history(path) == []


@pytest.mark.parametrize("env, line", [
    ({"ATTRIBUTION_PASSWORD_HASH_ALICE": HASH, "ATTRIBUTION_PASSWORD_HASH_BOB": HASH},
     "Reviewers: alice, bob (log in at /-/login)"),
    ({}, "No reviewers: set ATTRIBUTION_PASSWORD_HASH_<ID> to a `datasette hash-password` hash to add one"),
])
def test_serve_lists_the_reviewers_it_found(path, env, line):
    """`attribution serve` as a process: its second line names the reviewer logins (then it is stopped)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ATTRIBUTION_PASSWORD_HASH_")}
    port = free_port()
    program = ("import sys; sys.path.insert(0, 'tests'); from review_data import register_review_plugin; "
               "register_review_plugin(); from attribution.cli import cli; cli()")
    server = subprocess.Popen([sys.executable, "-c", program, "serve", "--db", str(path), "--port", str(port)],
                              cwd=ROOT, env={**clean, **env}, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                              text=True)
    try:
        assert server.stderr.readline().startswith(f"Serving {path} at http://127.0.0.1:{port}/")
        assert server.stderr.readline().rstrip("\n") == line
    finally:
        server.terminate()
        server.wait(10)
