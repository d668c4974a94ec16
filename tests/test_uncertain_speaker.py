"""Words on record from someone else, credited here through a pronoun: reported as ``unverified`` with the
flag ``speaker_uncertain`` everywhere a fact-checker looks (the checks table, its facets, the review queue),
and never exported as a misattribution unless a reviewer says so. Real Stanza, ingest, SQLite and Datasette."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from attribution.check.verdict import ACCUSE_MIN_CONFIDENCE, Checker
from attribution.ingest import ingest_articles
from attribution.store.claimreview import Publisher, claim_reviews
from attribution.store.database import open_db
from attribution.store.records import import_records, read_records
from attribution.store.review import confirm_check, overturn_check
from attribution.text.article import read_articles
from attribution.web import review_pages as review_plugin
from attribution.web.serve import make_datasette

CHECK_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "check"
PUBLISHER = Publisher("Example Fact Check", "https://factcheck.example.org", "https://data.example.org")
HADDAD_WORDS = "The reading room on Mill Street is the warmest place in town for a lot of families"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("uncertain") / "attribution.db"
    db = open_db(path)
    import_records(db, read_records(CHECK_DIR / "records.csv"))
    ingest_articles(db, read_articles([str(CHECK_DIR / "riverside_library.txt")], default_date=dt.date(2025, 12, 5)),
                    outlet="Riverside Record")
    db.close()
    return path


def _uncertain(db) -> dict:
    [row] = db.query("select checks.*, quotes.text from checks join quotes on quotes.id = checks.quote_id "
                     "where checks.flags like '%speaker_uncertain%'")
    return row


def test_the_check_row_reports_without_accusing(db_path):
    db = open_db(db_path)
    row = _uncertain(db)
    assert row["text"].startswith(HADDAD_WORDS)
    assert (row["verdict"], json.loads(row["flags"]), row["record_id"]) == ("unverified", ["speaker_uncertain"], None)
    suggestion = json.loads(row["suggestion"])
    assert (suggestion["verdict"], suggestion["record"]["speaker"]) == ("misattributed", "Omar Haddad")
    assert row["note"] == ("these words are on record from Omar Haddad (2025-11-20); who says them here is "
                           "uncertain (the speaker was found through “she”): a person must look")
    # the party-labelled speaker's own words are verified against "Councillor Dana J. Whitfield"
    assert db.execute("select count(*) from checks where verdict = 'verified'").fetchone() == (1,)
    db.close()


@pytest.mark.asyncio
async def test_datasette_facets_the_flag(db_path):
    ds = make_datasette(db_path)
    response = await ds.client.get("/attribution/checks.json")
    assert response.status_code == 200
    facets = response.json()["facet_results"]
    flags = {f["value"]: f["count"] for f in facets["flags"]["results"]}
    assert flags == {"speaker_uncertain": 1}
    verdicts = {f["value"]: f["count"] for f in facets["verdict"]["results"]}
    assert verdicts == {"unverified": 3, "verified": 1}


def test_the_review_queue_holds_it(db_path):
    db = open_db(db_path)
    pending = list(db.query(review_plugin._PENDING_CHECKS))
    assert [(p["verdict"], json.loads(p["flags"])) for p in pending] == [("unverified", ["speaker_uncertain"])]
    db.close()


def test_claimreview_exports_it_only_as_a_reviewer_rules(tmp_path, db_path):
    path = tmp_path / "copy.db"
    path.write_bytes(db_path.read_bytes())
    db = open_db(path)
    check_id = _uncertain(db)["id"]
    confirm_check(db, check_id, "alice", "Could not tell who said it")
    assert claim_reviews(db, PUBLISHER) == []  # unverified stands: nothing to publish
    overturn_check(db, check_id, "alice", "The tape has Haddad saying it; the article credits Whitfield",
                   to="misattributed")
    [review] = claim_reviews(db, PUBLISHER)
    assert review["reviewRating"]["alternateName"] == "Misattributed"
    db.close()


@pytest.mark.asyncio
async def test_quotes_are_found_by_their_speakers_name_and_speakers_are_searchable(db_path):
    ds = make_datasette(db_path)
    quotes = (await ds.client.get("/attribution/quotes.json", params={"_search": "Whitfield", "_shape": "array"})).json()
    assert sorted(q["speaker_name"] for q in quotes) == ["Dana Whitfield", "Dana Whitfield"]
    speakers = (await ds.client.get("/attribution/speakers.json", params={"_search": "Haddad", "_shape": "array"})).json()
    assert [s["name"] for s in speakers] == ["Omar Haddad"]


def test_a_speaker_found_on_weak_evidence_is_never_accused(db_path):
    """Extraction's confidence in a speaker (low for a surname two people share, a far pronoun, a guess
    from the paragraph before) decides too: below ACCUSE_MIN_CONFIDENCE the checker reports, never accuses."""
    db = open_db(db_path)
    checker = Checker(db)
    firm = checker.verdict(HADDAD_WORDS, "direct", "Dana Whitfield", "PERSON", "2025-12-05", mention="Whitfield",
                           confidence=ACCUSE_MIN_CONFIDENCE)
    weak = checker.verdict(HADDAD_WORDS, "direct", "Dana Whitfield", "PERSON", "2025-12-05", mention="Whitfield",
                           confidence=ACCUSE_MIN_CONFIDENCE - 0.05)
    assert (firm.verdict, weak.verdict, weak.flags) == ("misattributed", "unverified", ["speaker_uncertain"])
    assert weak.suggestion["verdict"] == "misattributed"
    assert weak.note.endswith(f"(the speaker was found on weak evidence (confidence {ACCUSE_MIN_CONFIDENCE - 0.05:.2f})): "
                              "a person must look")
    db.close()
