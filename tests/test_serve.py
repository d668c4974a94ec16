"""``attribution serve``: the database published as "attribution" with metadata.yml and the plugin, the check
page and check.json. In-process through ``datasette.client`` on a real SQLite file filled by the real ingest
(real Stanza) and records import from ``fixtures/``."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from attribution.check.quotes import check_document
from attribution.cli import cli
from attribution.errors import BadDatabase
from attribution.extract.runner import extract
from attribution.ingest import ingest_articles
from attribution.store.database import open_db
from attribution.store.records import import_records, read_records
from attribution.text.article import read_articles
from attribution.web.check_page import MAX_CHECK_CHARS, highlight
from attribution.web.serve import make_datasette

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PORT_ALDER = FIXTURES / "check" / "port_alder_ferries.txt"
NORTHFIELD = FIXTURES / "check" / "northfield_clinic_hours.txt"
#: Written for this test: another outlet credits Lindqvist's words from the Port Alder article to the mayor,
#: and quotes Lindqvist's promise as the Port Alder article did.
RETOLD = ('"The budget leaves nothing for the north pier, and the council should be ashamed of that," '
          "Mayor Elena Marsh said on Wednesday.\n\n"
          '"Every crossing we add is a promise to the people who live on the islands," Rosa Lindqvist said.\n')


def _ingest(db, source: Path | str, date: str, outlet: str) -> None:
    """Ingest a fixture file, or text as `attribution ingest -` reads stdin."""
    day = dt.date.fromisoformat(date)
    if isinstance(source, Path):
        articles = read_articles([str(source)], default_date=day)
    else:
        articles = read_articles(["-"], default_date=day, stdin=io.StringIO(source))
    ingest_articles(db, articles, outlet=outlet)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("serve") / "newsroom quotes.db"  # any name: it is served as "attribution"
    db = open_db(path)
    import_records(db, read_records(FIXTURES / "check" / "records.csv"))
    _ingest(db, PORT_ALDER, "2025-11-10", "Port Alder Gazette")
    _ingest(db, NORTHFIELD, "2025-12-03", "Northfield Courier")
    _ingest(db, RETOLD, "2025-11-12", "Harbour Weekly")
    db.close()
    return path


@pytest.fixture(scope="module")
def ds(db_path):
    return make_datasette(db_path)


async def _json(ds, path: str, **params):
    response = await ds.client.get(path, params=params)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


def test_missing_database_is_a_clear_error_and_creates_nothing(tmp_path):
    with pytest.raises(BadDatabase, match=r"no database at .*missing\.db: build the demo with `attribution demo`"):
        make_datasette(tmp_path / "missing.db")
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: no database at {tmp_path / 'missing.db'}: build the demo with")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.asyncio
async def test_served_as_attribution_and_mutable(ds):
    databases = await _json(ds, "/-/databases.json")
    served = [d for d in databases if d["name"] == "attribution"]
    assert len(served) == 1 and served[0]["is_mutable"] is True
    assert served[0]["path"].endswith("newsroom quotes.db")
    settings = await _json(ds, "/-/settings.json")
    assert settings["suggest_facets"] is False


@pytest.mark.asyncio
async def test_table_json_shape_array(ds):
    articles = await _json(ds, "/attribution/articles.json", _shape="array")
    assert [(a["source_id"], a["outlet"], a["published"]) for a in articles] == [
        ("northfield_clinic_hours", "Northfield Courier", "2025-12-03"),
        ("stdin", "Harbour Weekly", "2025-11-12"),
        ("port_alder_ferries", "Port Alder Gazette", "2025-11-10")]
    speakers = await _json(ds, "/attribution/speakers.json", _shape="array", type="PERSON")
    assert [s["name"] for s in speakers] == ["Amara Okafor", "Dana J. Whitfield", "Elena Marsh", "Martin Hale",
                                              "Omar Haddad", "Rosa Lindqvist", "Tomas Reyes"]


@pytest.mark.asyncio
async def test_default_facets_from_metadata(ds):
    data = await _json(ds, "/attribution/quotes.json", _size="0")
    assert data["filtered_table_rows_count"] == 24
    assert set(data["facet_results"]) == {"speaker_id", "kind", "said_on"}
    kinds = {r["value"]: r["count"] for r in data["facet_results"]["kind"]["results"]}
    assert kinds == {"direct": 15, "indirect": 7, "mixed": 2}
    speakers = {r["label"]: r["count"] for r in data["facet_results"]["speaker_id"]["results"]}
    assert speakers["Elena Marsh"] == 7 and speakers["Rosa Lindqvist"] == 6
    outlets = await _json(ds, "/attribution/articles.json", _size="0", _facet="outlet")
    assert {r["value"] for r in outlets["facet_results"]["outlet"]["results"]} == {
        "Port Alder Gazette", "Northfield Courier", "Harbour Weekly"}


@pytest.mark.asyncio
async def test_asking_for_a_facet_already_shown_shows_it_once(ds):
    response = await ds.client.get("/attribution/quotes.json?_size=0&_facet=kind&_facet=speaker_id&_facet=cue&_facet=cue")
    assert sorted(response.json()["facet_results"]) == ["cue", "kind", "said_on", "speaker_id"]  # no kind_2
    page = (await ds.client.get("/attribution/checks?_facet_array=flags&_facet=verdict")).text
    assert "flags_2" not in page and "verdict_2" not in page


@pytest.mark.asyncio
async def test_full_text_search(ds):
    rows = await _json(ds, "/attribution/quotes.json", _shape="array", _search="north pier")
    assert sorted(r["speaker_id"] for r in rows) == sorted(
        [r["id"] for r in await _json(ds, "/attribution/speakers.json", _shape="array", _where=(
            "name in ('Rosa Lindqvist', 'Elena Marsh')"))])
    assert {r["text"] for r in rows} == {
        "The budget leaves nothing for the north pier, and the council should be ashamed of that,"}
    records = await _json(ds, "/attribution/records.json", _shape="array", _search="nurses")
    assert [r["id"] for r in records] == [8, 9]


@pytest.mark.asyncio
async def test_canned_queries(ds):
    async def rows(name: str, **params) -> list[dict]:
        return await _json(ds, f"/attribution/{name}.json", _shape="array", **params)

    marsh = await rows("speaker_statements", speaker="Marsh")
    assert [(s["said_on"], s["outlet"]) for s in marsh][:2] == [("2025-11-12", "Harbour Weekly"),
                                                               ("2025-11-10", "Port Alder Gazette")]
    assert len(marsh) == 7
    assert await rows("speaker_statements", speaker="Nobody Atall") == []
    conflicts = await rows("conflicting_attributions")
    assert [(c["norm_text"], c["speakers"], c["occurrences"]) for c in conflicts] == [
        ("the budget leaves nothing for the north pier, and the council should be ashamed of that", 2, 2)]
    assert sorted(conflicts[0]["credited_to"].split(",")) == ["Elena Marsh", "Rosa Lindqvist"]
    spread = await rows("statement_spread", speaker="Lindqvist")
    assert [(s["text"], s["first_outlet"], s["first_published"], s["outlets"], json.loads(s["carried_by"]))
            for s in spread][0] == (
        "Every crossing we add is a promise to the people who live on the islands,", "Port Alder Gazette",
        "2025-11-10", 2, ["Port Alder Gazette", "Harbour Weekly"])
    everyone = await rows("statement_spread", speaker="")  # every statement that spread, by a named speaker
    assert [(s["speaker"], s["outlets"]) for s in everyone] == [("Rosa Lindqvist", 2)]
    # ingest checked every quote against the records
    assert [(q["quote_id"], q["credited_to"], q["record_speaker"]) for q in await rows("misattributed_quotes")] == [
        (18, "Amara Okafor", "Martin Hale"), (23, "Elena Marsh", "Tomas Reyes"), (11, "Rosa Lindqvist", "Tomas Reyes"),
        (13, "Tomas Reyes", "Elena Marsh")]
    altered = await rows("altered_quotes")
    assert [(q["quote_id"], q["speaker"], json.loads(q["flags"])) for q in altered][:2] == [
        (3, "Elena Marsh", ["negation", "dropped"]), (16, "Amara Okafor", ["number", "replaced"])]
    assert {(u["name"], u["unverified"]) for u in await rows("unverified_by_speaker")} >= {("Elena Marsh", 2),
                                                                                            ("Martin Hale", 2)}


# --- the check page -------------------------------------------------------------------------------

async def _form(ds) -> tuple[str, str]:
    """GET /-/check: the CSRF cookie Datasette sets and the token in the form."""
    response = await ds.client.get("/-/check")
    assert response.status_code == 200
    cookie = response.cookies["ds_csrftoken"]
    token = re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)
    return cookie, token


@pytest.mark.asyncio
async def test_menu_links_to_the_check_page(ds):
    page = (await ds.client.get("/")).text
    assert '<a href="/-/check">Check an article</a>' in page
    assert '<a href="/-/dashboard">Dashboard</a>' in page


@pytest.mark.asyncio
async def test_check_form_shows_verdicts_highlights_and_diffs(ds):
    cookie, token = await _form(ds)
    response = await ds.client.post("/-/check", data={"text": NORTHFIELD.read_text(), "date": "2025-12-03",
                                                      "csrftoken": token},
                                    headers={"cookie": f"ds_csrftoken={cookie}"})
    assert response.status_code == 200
    page = response.text
    assert re.findall(r'<mark class="(\w+)" id="mark-(\d)"', page) == [
        ("unverified", "1"), ("altered", "2"), ("verified", "3"), ("misattributed", "4"), ("unverified", "5"),
        ("verified", "6"), ("unverified", "7"), ("altered", "8")]
    assert ">We have hired four new nurses and two pharmacists for the evening shifts,<sup>" in page
    assert '<a href="/attribution/records/8">record 8</a>' in page
    assert '<del title="in the record">Thursdays</del> <ins title="in the quote">Fridays</ins>' in page
    assert "Amara Okafor (Dr.)" in page and "Martin Hale" in page


@pytest.mark.asyncio
async def test_a_text_without_quotes_says_so(ds):
    cookie, token = await _form(ds)
    response = await ds.client.post("/-/check", data={"text": "The weather was mild all week.", "csrftoken": token},
                                    headers={"cookie": f"ds_csrftoken={cookie}"})
    assert "0 quotes found" in response.text and "<h2>Quotes</h2>" not in response.text
    assert "No quotation or reported statement was found in this text: there is\nnothing to check." in response.text


@pytest.mark.asyncio
async def test_check_form_refuses_a_post_without_the_token(ds):
    cookie, _ = await _form(ds)
    response = await ds.client.post("/-/check", data={"text": NORTHFIELD.read_text()},
                                    headers={"cookie": f"ds_csrftoken={cookie}"})
    assert response.status_code == 403
    assert "form-urlencoded POST field did not match cookie" in response.text


@pytest.mark.asyncio
async def test_check_form_size_cap_and_bad_date(ds):
    cookie, token = await _form(ds)
    headers = {"cookie": f"ds_csrftoken={cookie}"}
    response = await ds.client.post("/-/check", data={"text": "a" * (MAX_CHECK_CHARS + 1), "csrftoken": token},
                                    headers=headers)
    assert response.status_code == 413
    assert "the article has 100,001 characters; the limit is 100,000" in response.text
    response = await ds.client.post("/-/check", data={"text": "Hello.", "date": "2025-13-45", "csrftoken": token},
                                    headers=headers)
    assert response.status_code == 400
    assert 'class="check-error"' in response.text and "2025-13-45" in response.text
    assert ">Hello.</textarea>" in response.text  # what was typed is kept


# --- check.json -----------------------------------------------------------------------------------

@pytest.mark.asyncio
async def test_check_json_is_what_attribution_check_gives(ds, db_path):
    text = PORT_ALDER.read_text()
    response = await ds.client.post("/-/check.json", json={"text": text, "date": "2025-11-10"})
    assert response.status_code == 200
    result = response.json()
    db = open_db(db_path)
    article = next(read_articles(["-"], default_date=dt.date(2025, 11, 10), stdin=io.StringIO(text)))
    assert result == json.loads(json.dumps(check_document(db, next(extract([article])))))
    db.close()
    assert [q["verdict"] for q in result["quotes"]].count("misattributed") == 2
    assert [(q["verdict"], q["record"]["id"]) for q in result["quotes"] if q["verdict"] == "altered"] == [
        ("altered", 1), ("altered", 2), ("altered", 4)]


@pytest.mark.asyncio
async def test_check_json_from_a_browser_needs_no_form_token(ds):
    cookie, _ = await _form(ds)
    response = await ds.client.post("/-/check.json", content=json.dumps({"text": RETOLD}),
                                    headers={"cookie": f"ds_csrftoken={cookie}", "content-type": "application/json"})
    assert response.status_code == 200
    assert [q["verdict"] for q in response.json()["quotes"]] == ["misattributed", "verified"]
    # a form post (what another site could send) gets no exemption
    response = await ds.client.post("/-/check.json", data={"text": RETOLD}, headers={"cookie": f"ds_csrftoken={cookie}"})
    assert response.status_code == 403


@pytest.mark.asyncio
@pytest.mark.parametrize("body, content_type, status, message", [
    (b'{"text": "unclosed', "application/json", 400, "the body is not valid JSON: Unterminated string"),
    (b'["a list"]', "application/json", 400, 'the body must be a JSON object {"text": ..., "date": ...}'),
    (b'{"date": "2025-11-10"}', "application/json", 400, '"text" must be a non-empty string'),
    (b'{"text": "Hi.", "data": "2025-11-10"}', "application/json", 400, 'unknown keys "data"'),
    (b'{"text": "Hi.", "date": "10/11/2025"}', "application/json", 400, "10/11/2025"),
    (b'{"text": "Hi.", "date": 20251110}', "application/json", 400, '"date" must be a string YYYY-MM-DD or null'),
    (json.dumps({"text": "a" * (MAX_CHECK_CHARS + 1)}).encode(), "application/json", 413,
     "the article has 100,001 characters; the limit is 100,000"),
    (b'{"text": "Hi."}', "text/plain", 415, "Content-Type: application/json"),
])
async def test_check_json_refuses_bad_requests(ds, body, content_type, status, message):
    response = await ds.client.post("/-/check.json", content=body, headers={"content-type": content_type})
    assert response.status_code == status
    assert response.json()["ok"] is False
    assert message in response.json()["error"]


@pytest.mark.asyncio
async def test_a_chunked_body_is_refused_once_it_is_too_big_not_read_whole(ds):
    sent = 0

    async def chunks():
        nonlocal sent
        for _ in range(100):  # 100 MB, if it were all read
            sent += 1
            yield b"x" * 1_000_000

    response = await ds.client.post("/-/check.json", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"].startswith("the request has 2,000,000 bytes")  # refused past 1,210,000
    assert sent < 5


@pytest.mark.asyncio
async def test_the_limit_counts_characters_not_bytes(ds):
    """Emoji escaped by json.dumps take 12 bytes each: a text under the character limit is still read."""
    text = "\U0001F600" * (MAX_CHECK_CHARS // 2) + "a" * (MAX_CHECK_CHARS // 2 + 1)
    response = await ds.client.post("/-/check.json", content=json.dumps({"text": text}).encode(),
                                    headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "the article has 100,001 characters" in response.json()["error"]


@pytest.mark.asyncio
async def test_checks_beyond_the_queue_are_refused_at_once(ds, monkeypatch):
    from attribution.web import check_service

    monkeypatch.setattr(check_service, "MAX_PENDING", 0)
    response = await ds.client.post("/-/check.json", content=b'{"text": "Hello there."}',
                                    headers={"content-type": "application/json"})
    assert response.status_code == 503
    assert response.json()["error"].startswith("0 articles are being checked already; try again in a minute")


@pytest.mark.asyncio
async def test_check_json_get_is_refused(ds):
    response = await ds.client.get("/-/check.json")
    assert response.status_code == 405
    assert response.json()["error"].startswith("POST a JSON object")


def test_highlight_cuts_the_text_at_the_quotes():
    text = 'She said "one" and "two".'
    quotes = [{"start": 20, "end": 23}, {"start": 10, "end": 13}, {"start": 11, "end": 12}]
    assert highlight(text, quotes) == [
        {"text": "She said \"", "quote": None}, {"text": "one", "quote": 1}, {"text": "\" and \"", "quote": None},
        {"text": "two", "quote": 0}, {"text": "\".", "quote": None}]
