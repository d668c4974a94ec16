"""The response cache in front of ``attribution serve``: replays pages until another connection writes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from attribution.store.database import open_db
from attribution.store.records import add_record, import_records, read_records
from attribution.web.serve import asgi_app, make_datasette

RECORDS = Path(__file__).resolve().parent.parent / "fixtures" / "check" / "records.csv"


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "cached.db"
    db = open_db(path)
    import_records(db, read_records(RECORDS))
    db.close()
    app = asgi_app(make_datasette(path))
    return path, app, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost")


def _hit(response: httpx.Response) -> bool:
    return response.headers.get("x-attribution-cache") == "hit"


@pytest.mark.asyncio
async def test_pages_are_replayed_until_the_database_changes(served):
    path, app, client = served
    async with client:
        first = await client.get("/attribution/records.json", params={"_size": "0"})
        again = await client.get("/attribution/records.json", params={"_size": "0"})
        assert (first.status_code, _hit(first), again.status_code, _hit(again)) == (200, False, 200, True)
        assert again.json() == first.json() and first.json()["filtered_table_rows_count"] == 14
        db = open_db(path)  # another connection writes, as `attribution records add` would
        add_record(db, "Elena Marsh", "The ferries will run on time this winter.", "2025-11-20",
                   "https://portalder.example.gov/press/2025-11-20")
        db.close()
        after = await client.get("/attribution/records.json", params={"_size": "0"})
        assert not _hit(after) and after.json()["filtered_table_rows_count"] == 15
        assert _hit(await client.get("/attribution/records.json", params={"_size": "0"}))
    assert (app.hits, app.misses) == (2, 2)


@pytest.mark.asyncio
async def test_only_plain_successful_pages_of_the_database_are_kept(served):
    _, app, client = served
    async with client:
        for _ in range(2):
            missing = await client.get("/attribution/no_such_table.json")
            form = await client.get("/-/check")
        assert (missing.status_code, _hit(missing)) == (404, False)
        assert (form.status_code, _hit(form)) == (200, False)  # outside /attribution, and it sets a cookie
        await client.get("/attribution/speakers.json")
        assert _hit(await client.get("/attribution/speakers.json"))
        as_someone = await client.get("/attribution/speakers.json", headers={"cookie": "ds_actor=someone"})
        assert not _hit(as_someone)  # who asks is part of the key
        assert not _hit(await client.get("/attribution/speakers.json", params={"_shape": "array"}))


@pytest.mark.asyncio
async def test_concurrent_requests_for_one_page_make_it_once(served):
    _, app, client = served
    async with client:
        responses = await asyncio.gather(*(client.get("/attribution/records.json") for _ in range(5)))
    assert [r.status_code for r in responses] == [200] * 5
    assert sorted(_hit(r) for r in responses) == [False, True, True, True, True]
    assert (app.hits, app.misses) == (4, 1)


@pytest.mark.asyncio
async def test_a_forged_host_header_gets_its_own_page(served):
    path, app, client = served
    async with client:
        forged = await client.get("/attribution/records", params={"_size": "1"}, headers={"host": "evil.example"})
        assert "http://evil.example/" in forged.text  # Datasette builds absolute links from the Host header
        honest = await client.get("/attribution/records", params={"_size": "1"})
        assert not _hit(honest) and "evil.example" not in honest.text


@pytest.mark.asyncio
async def test_kept_pages_are_bounded_in_bytes(served, monkeypatch):
    from attribution.web import response_cache

    path, app, client = served
    monkeypatch.setattr(response_cache, "MAX_BYTES", 3_000)
    async with client:
        for n in range(4):  # each page about 2,000 bytes: only the newest fits
            page = await client.get("/attribution.json", params={"sql": f"select hex(randomblob(1000)) as n{n}"})
            assert page.status_code == 200 and len(page.content) > 2_000
        newest = await client.get("/attribution.json", params={"sql": "select hex(randomblob(1000)) as n3"})
        oldest = await client.get("/attribution.json", params={"sql": "select hex(randomblob(1000)) as n0"})
        assert (_hit(newest), _hit(oldest)) == (True, False)
        assert app._bytes <= 3_000 + len(oldest.content)
