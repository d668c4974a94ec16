"""The Datasette side: plugin functions, metadata (facets, search, hidden tables) and canned queries,
in-process through ``datasette.client`` on a real SQLite file made by the store."""

from __future__ import annotations

import asyncio
import json
import pathlib

import pytest
import yaml
from datasette.app import Datasette

from attribution.store.database import open_db
from attribution.store.identity import resolve_speaker
from attribution.store.statements import update_statements
from attribution.text.normalize import normalize_quote, quote_hash
from attribution.web.plugin import MAX_FUNCTION_CHARS

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _quote(db, article_id: int, speaker: str, text: str, said_on: str) -> int:
    return db["quotes"].insert({
        "article_id": article_id, "speaker_id": resolve_speaker(db, speaker), "text": text,
        "norm_text": normalize_quote(text), "norm_hash": quote_hash(text), "kind": "direct", "cue": "said",
        "cue_lemma": "say", "start": 0, "end": len(text), "said_on": said_on, "confidence": 0.9}).last_pk


@pytest.fixture(scope="module")
def ds(tmp_path_factory) -> Datasette:
    path = tmp_path_factory.mktemp("ds") / "attribution.db"
    db = open_db(path)
    one = db["articles"].insert({"content_hash": "a1", "text": "...", "outlet": "Example Wire",
                                 "published": "2025-10-23", "title": "Defence plan"}).last_pk
    two = db["articles"].insert({"content_hash": "a2", "text": "...", "outlet": "Daily Example",
                                 "published": "2025-10-24", "title": "Defence plan, day two"}).last_pk
    words = "We cannot afford to wait on defence spending."
    q1 = _quote(db, one, "Shinjiro Koizumi", words, "2025-10-22")
    q2 = _quote(db, two, "Sanae Takaichi", words, "2025-10-22")
    record = db["records"].insert({
        "speaker_id": resolve_speaker(db, "Shinjiro Koizumi"), "text": words, "norm_text": normalize_quote(words),
        "norm_hash": quote_hash(words), "said_on": "2025-10-22", "source_url": "https://example.org/briefing",
        "source_type": "transcript"}).last_pk
    db["checks"].insert_all([
        {"quote_id": q1, "record_id": record, "verdict": "verified", "score": 100.0},
        {"quote_id": q2, "record_id": record, "verdict": "misattributed", "score": 100.0},
    ])
    update_statements(db)
    db.conn.close()
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text())
    return Datasette([str(path)], metadata=metadata)


@pytest.mark.asyncio
async def test_plugin_is_registered(ds):
    plugins = (await ds.client.get("/-/plugins.json")).json()
    assert "attribution" in [p["name"] for p in plugins]


@pytest.mark.asyncio
async def test_sql_functions(ds):
    sql = ("select fuzz_ratio('We cannot wait', '“we cannot wait,”') as r, "
           "fuzz_partial_ratio('cannot wait', 'We cannot wait on it') as p, normalize_quote('“Hi — there,”') as n")
    rows = (await ds.client.get("/attribution.json", params={"sql": sql, "_shape": "array"})).json()
    assert rows == [{"r": 100.0, "p": 100.0, "n": "hi - there"}]


@pytest.mark.asyncio
async def test_sql_functions_refuse_arguments_that_would_stall_the_server(ds):
    # 600,000 characters: unbounded, partial_ratio on these ran for over 12 minutes holding the GIL
    huge = "hex(randomblob(300000))"
    sql = f"select fuzz_partial_ratio({huge}, {huge}) as p, fuzz_ratio({huge}, {huge}) as r"
    stalled, versions = await asyncio.gather(ds.client.get("/attribution.json", params={"sql": sql, "_shape": "array"}),
                                             ds.client.get("/-/versions.json"))
    assert stalled.json() == [{"p": None, "r": None}]
    assert versions.status_code == 200
    at_limit = "x" * MAX_FUNCTION_CHARS["fuzz_partial_ratio"]
    sql = f"select fuzz_partial_ratio('{at_limit}', '{at_limit}') as p, fuzz_partial_ratio('{at_limit}x', 'x') as q"
    rows = (await ds.client.get("/attribution.json", params={"sql": sql, "_shape": "array"})).json()
    assert rows == [{"p": 100.0, "q": None}]


@pytest.mark.asyncio
async def test_quotes_table_facets_and_search(ds):
    response = await ds.client.get("/attribution/quotes.json", params={"_search": "afford", "_facet": "kind"})
    data = response.json()
    assert response.status_code == 200
    assert len(data["rows"]) == 2
    assert data["facet_results"]["kind"]["results"][0]["value"] == "direct"
    assert data["facet_results"]["kind"]["results"][0]["count"] == 2
    rows = (await ds.client.get("/attribution/quotes.json", params={"_shape": "array", "_search": "nothing"})).json()
    assert rows == []


@pytest.mark.asyncio
async def test_fts_shadow_tables_are_hidden(ds):
    tables = {t["name"]: t["hidden"] for t in (await ds.client.get("/attribution.json")).json()["tables"]}
    assert tables["quotes_fts_data"] is True and tables["_migrations"] is True and tables["annotations"] is True
    assert tables["quotes"] is False


@pytest.mark.asyncio
async def test_canned_queries(ds):
    async def rows(name: str, **params) -> list[dict]:
        response = await ds.client.get(f"/attribution/{name}.json", params={"_shape": "array", **params})
        assert response.status_code == 200, (name, response.text)
        return response.json()

    assert [(r["credited_to"], r["record_speaker"]) for r in await rows("misattributed_quotes")] == [
        ("Sanae Takaichi", "Shinjiro Koizumi")]
    assert await rows("altered_quotes") == []
    statements = await rows("speaker_statements", speaker="Koizumi")
    assert [(s["verdict"], s["outlet"]) for s in statements] == [("verified", "Example Wire")]
    conflicts = await rows("conflicting_attributions")
    assert conflicts[0]["speakers"] == 2 and conflicts[0]["occurrences"] == 2
    assert await rows("statement_spread", speaker="") == []  # for everyone: only what spread to two outlets
    spread = await rows("statement_spread", speaker="i")  # both speakers' names hold an "i"
    assert [(r["speaker"], r["first_outlet"], r["first_published"], r["outlets"], json.loads(r["conflicting_speakers"]),
             r["corroborated"]) for r in spread] == [
        ("Shinjiro Koizumi", "Example Wire", "2025-10-23", 1, ["Sanae Takaichi"], 0),
        ("Sanae Takaichi", "Daily Example", "2025-10-24", 1, ["Shinjiro Koizumi"], 0)]
    assert [r["speaker"] for r in await rows("statement_spread", speaker="Takaichi")] == ["Sanae Takaichi"]
    assert await rows("unverified_by_speaker") == []
    assert json.loads(json.dumps(statements))  # JSON API round trip
