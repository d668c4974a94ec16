"""ClaimReview export: the schema.org fields Google's fact-check markup requires, with literal values,
for reviewed findings only, and the CLI writing them to a file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT
from review_data import KOIZUMI_WORDS, build_review_db

from attribution.cli import cli
from attribution.errors import BadConfig
from attribution.store.claimreview import Publisher, claim_reviews, publisher_from_env
from attribution.store.database import open_db
from attribution.store.review import confirm_check, overturn_check
from attribution.text.normalize import normalize_quote, quote_hash

CHECK_DIR = ROOT / "fixtures" / "check"
PUBLISHER = Publisher("Example Fact Check", "https://factcheck.example.org", "https://data.example.org")


@pytest.fixture
def db(tmp_path):
    database = build_review_db(tmp_path / "attribution.db")
    # An earlier article carrying the misattributed quote (quote 2, Takaichi): its first appearance.
    early = database["articles"].insert({"content_hash": "a0", "text": "...", "outlet": "Morning Example",
                                         "url": "https://morning.example.com/takaichi", "published": "2025-10-22",
                                         "title": "Takaichi on defence"}).last_pk
    database["quotes"].insert({"article_id": early, "speaker_id": 2, "text": KOIZUMI_WORDS,
                               "norm_text": normalize_quote(KOIZUMI_WORDS), "norm_hash": quote_hash(KOIZUMI_WORDS),
                               "kind": "direct", "start": 0, "end": 46, "said_on": "2025-10-22"})
    yield database
    database.close()


def test_a_confirmed_misattribution(db):
    confirm_check(db, 2, "alice", "On the briefing tape")
    [review] = claim_reviews(db, PUBLISHER)
    reviewed_on = db["checks"].get(2)["reviewed_at"][:10]
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://data.example.org/attribution/checks/2",
        "claimReviewed": "We cannot afford to wait on defence spending.",
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [
                {"@type": "CreativeWork", "url": "https://morning.example.com/takaichi",
                 "headline": "Takaichi on defence", "datePublished": "2025-10-22",
                 "publisher": {"@type": "Organization", "name": "Morning Example"}},
                {"@type": "CreativeWork", "url": "https://daily.example.com/defence-day-two",
                 "headline": "Defence plan, day two", "datePublished": "2025-10-24",
                 "publisher": {"@type": "Organization", "name": "Daily Example"}},
            ],
            "firstAppearance": {"@type": "CreativeWork", "url": "https://morning.example.com/takaichi",
                                "headline": "Takaichi on defence", "datePublished": "2025-10-22",
                                "publisher": {"@type": "Organization", "name": "Morning Example"}},
            "author": {"@type": "Person", "name": "Sanae Takaichi"},
            "datePublished": "2025-10-22",
        },
        "author": {"@type": "Organization", "name": "Example Fact Check", "url": "https://factcheck.example.org"},
        "datePublished": reviewed_on,
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Misattributed"},
        "reviewBody": "These words are on record from Shinjiro Koizumi (2025-10-22, https://example.org/briefing), "
                      "not from Sanae Takaichi.",
    }
    dt.date.fromisoformat(reviewed_on)


def test_every_review_carries_the_required_fields(db):
    confirm_check(db, 1, "alice")
    confirm_check(db, 3, "bob")
    overturn_check(db, 2, "carol", "Takaichi repeated the words in parliament", to="verified")
    reviews = sorted(claim_reviews(db, PUBLISHER), key=lambda r: r["url"])  # reviewed in the same second
    assert [(r["url"].rsplit("/", 1)[1], r["reviewRating"]["alternateName"]) for r in reviews] == [
        ("1", "Accurate quote"), ("2", "Accurate quote"), ("3", "Altered quote")]
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
        assert review["url"].startswith("https://data.example.org/attribution/checks/")
        assert review["author"]["@type"] == "Organization" and review["author"]["name"] == "Example Fact Check"
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["author"]["@type"] == "Person" and claim["author"]["name"]
        assert claim["firstAppearance"] == claim["appearance"][0]
        assert all(a["@type"] == "CreativeWork" and a["url"].startswith("https://") for a in claim["appearance"])
        dt.date.fromisoformat(review["datePublished"])
    assert reviews[2]["reviewBody"] == ("The record of Shinjiro Koizumi's words (2025-10-22, https://example.org/briefing) "
                                        "reads: “We cannot afford to wait on defence spending.”")
    assert reviews[1]["reviewBody"] == "Takaichi repeated the words in parliament"


def test_unreviewed_unverified_and_old_reviews_are_left_out(db):
    assert claim_reviews(db, PUBLISHER) == []
    overturn_check(db, 3, "alice", "The tape is inaudible", to="unverified")
    assert claim_reviews(db, PUBLISHER) == []
    confirm_check(db, 2, "alice")
    assert len(claim_reviews(db, PUBLISHER, since=dt.date(2000, 1, 1))) == 1
    assert claim_reviews(db, PUBLISHER, since=dt.date.today() + dt.timedelta(days=1)) == []


def test_the_publisher_comes_from_the_environment():
    env = {"ATTRIBUTION_ORG_NAME": "Example Fact Check", "ATTRIBUTION_SITE_URL": "https://data.example.org/"}
    assert publisher_from_env(env) == Publisher("Example Fact Check", None, "https://data.example.org")
    with pytest.raises(BadConfig, match=r"set ATTRIBUTION_SITE_URL \(--site-url\), e\.g\."):
        publisher_from_env({"ATTRIBUTION_ORG_NAME": "X"})


def test_cli_writes_a_file(db, tmp_path):
    confirm_check(db, 2, "alice")
    out = tmp_path / "reviews.json"
    env = {"ATTRIBUTION_ORG_NAME": "Example Fact Check", "ATTRIBUTION_SITE_URL": "https://data.example.org"}
    result = CliRunner().invoke(cli, ["export", "claimreview", "--db", str(tmp_path / "attribution.db"),
                                      "-o", str(out), "--since", "2000-01-01"], env=env)
    assert result.exit_code == 0, result.output
    assert result.output == f"1 ClaimReview written to {out}\n"
    assert json.loads(out.read_text()) == claim_reviews(db, publisher_from_env(env))
    missing = CliRunner().invoke(cli, ["export", "claimreview", "--db", str(tmp_path / "attribution.db")],
                                 env={"ATTRIBUTION_ORG_NAME": None, "ATTRIBUTION_SITE_URL": None})
    assert missing.exit_code == 1
    assert missing.output.startswith("Error: ClaimReview needs the publishing organisation: set "
                                     "ATTRIBUTION_ORG_NAME (--org-name) and ATTRIBUTION_SITE_URL (--site-url)")


def test_the_fixture_articles_reviewed_and_exported(nlp, tmp_path):
    """The whole loop on the checker's fixture articles: records, ingest (with verdicts), a reviewer's
    confirmation on the CLI, and the export."""
    path = str(tmp_path / "attribution.db")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, [*args, "--db", path])
        assert result.exit_code == 0, result.output
        return result.output

    run("records", "import", str(CHECK_DIR / "records.csv"))
    run("ingest", str(CHECK_DIR / "port_alder_ferries.txt"), "--date", "2025-11-10", "--outlet",
        "Port Alder Harbour Times", "--url", "https://harbour.example.com/2025/11/10/port-alder-ferries")
    db = open_db(path)
    [(check_id,)] = db.execute("select checks.id from checks join quotes on quotes.id = checks.quote_id "
                               "where checks.verdict = 'misattributed' and quotes.text like 'The budget%'")
    db.close()
    run("checks", "confirm", str(check_id), "--by", "A. Mori", "--note", "Reyes said it at the council meeting")
    out = tmp_path / "claimreview.json"
    env = {"ATTRIBUTION_ORG_NAME": "Example Fact Check", "ATTRIBUTION_ORG_URL": "https://factcheck.example.org",
           "ATTRIBUTION_SITE_URL": "https://data.factcheck.example.org"}
    result = runner.invoke(cli, ["export", "claimreview", "--db", path, "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    [review] = json.loads(out.read_text())
    appearance = {"@type": "CreativeWork", "url": "https://harbour.example.com/2025/11/10/port-alder-ferries",
                  "datePublished": "2025-11-10",
                  "publisher": {"@type": "Organization", "name": "Port Alder Harbour Times"}}
    assert review["url"] == f"https://data.factcheck.example.org/attribution/checks/{check_id}"
    assert review["claimReviewed"] == "The budget leaves nothing for the north pier, and the council should be ashamed of that"
    assert review["itemReviewed"] == {"@type": "Claim", "appearance": [appearance], "firstAppearance": appearance,
                                      "author": {"@type": "Person", "name": "Rosa Lindqvist"},
                                      "datePublished": "2025-11-10"}
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                                      "alternateName": "Misattributed"}
    assert review["reviewBody"] == ("These words are on record from Tomas Reyes "
                                    "(2025-11-10, https://portalder.example.gov/council/2025-11-10), not from Rosa Lindqvist.")
