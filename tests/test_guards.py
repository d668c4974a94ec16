"""What a visitor cannot do to the server: stall it with a huge body, crash a canned query with a POST,
choose the address the login limit counts, or crash the check endpoint with nested JSON. In-process
through ``datasette.client`` and, for forwarding headers, a real uvicorn server."""

from __future__ import annotations

import json
import urllib.request

import pytest

from attribution.store.database import open_db
from attribution.web.check_page import MAX_BODY_BYTES
from attribution.web.guards import MAX_FORM_BYTES
from attribution.web.serve import make_datasette

from live_server import live_server


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    path = tmp_path_factory.mktemp("guards") / "attribution.db"
    open_db(path).close()
    return make_datasette(path)


@pytest.mark.asyncio
@pytest.mark.parametrize("path", ["/attribution/misattributed_quotes", "/attribution/misattributed_quotes.json"])
async def test_a_post_to_a_read_only_canned_query_is_405(ds, path):
    response = await ds.client.post(path, json={"speaker": "x"})
    assert (response.status_code, response.headers["allow"]) == (405, "GET")
    assert "this canned query only reads: open it with GET" in response.text
    assert (await ds.client.get(path)).status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("path, limit", [("/-/login", MAX_FORM_BYTES), ("/-/review", MAX_FORM_BYTES),
                                         ("/-/review/checks/1", MAX_FORM_BYTES),
                                         ("/attribution/-/query", MAX_FORM_BYTES), ("/-/check", MAX_BODY_BYTES),
                                         ("/-/check.json", MAX_BODY_BYTES)])
async def test_every_post_body_is_bounded_before_it_is_read(ds, path, limit):
    response = await ds.client.post(path, content=b"x" * (limit + 1),
                                    headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413, (path, response.text[:200])
    assert f"the request has {limit + 1:,} bytes" in response.text


@pytest.mark.asyncio
async def test_the_password_tool_is_not_served(ds):
    for response in (await ds.client.get("/-/password-tool"), await ds.client.post("/-/password-tool", data={})):
        assert response.status_code == 404
        assert "`datasette hash-password` on the command line" in response.text


@pytest.mark.asyncio
async def test_deeply_nested_json_is_a_400_not_a_crash(ds):
    response = await ds.client.post("/-/check.json", content=b"[" * 100_000 + b"]" * 100_000,
                                    headers={"content-type": "application/json"})
    assert (response.status_code, response.json()["error"]) == (400, "the body is JSON nested too deeply to read")


async def _client_address(scope, receive, send) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    body = json.dumps(scope["client"][0]).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


def _seen_as(base: str) -> str:
    request = urllib.request.Request(base + "/", headers={"X-Forwarded-For": "203.0.113.9"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_forwarding_headers_are_trusted_only_from_the_proxy_named():
    with live_server(_client_address) as base:
        assert _seen_as(base) == "127.0.0.1"  # a spoofed header from this very host changes nothing
    with live_server(_client_address, forwarded_allow_ips="127.0.0.1") as base:
        assert _seen_as(base) == "203.0.113.9"  # behind a proxy at 127.0.0.1, its header is the client
