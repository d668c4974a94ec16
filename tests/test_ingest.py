"""Ingesting articles: one transaction per article, idempotent re-runs, crash safety, readers meanwhile.

Storage tests reuse the session's extracted fixture documents (``fixture_results``);
only a few tests run extraction again (``ingest_articles``, the CLI, and one
subprocess that is killed in the middle of writing an article).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_DIR

from attribution import ingest
from attribution.cli import cli
from attribution.ingest import IngestReport, content_hash, ingest_articles, store_document
from attribution.store.database import open_db
from attribution.store.identity import is_name
from attribution.text.article import read_articles
from attribution.text.normalize import quote_hash

DEFENCE, ECONOMY, BOJ = "defence_spending_koizumi", "economic_package_takaichi", "boj_holds_rates"
KOIZUMI_QUOTE = ("The security environment around Japan is the most severe it has been since the end of the war. "
                 "We cannot afford to wait,")


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "ingest.db")
    yield database
    database.close()


def store(db, fixture_results, article_id, **kwargs):
    doc = fixture_results[article_id][1]
    return store_document(db, doc.article, doc.quotes, **kwargs)


def count(db, sql="select count(*) from articles", params=()) -> int:
    return db.execute(sql, params).fetchone()[0]


def test_an_article_is_stored_with_its_quotes(db, fixture_results):
    doc = fixture_results[DEFENCE][1]
    added = store(db, fixture_results, DEFENCE, outlet="Example Wire")
    assert added == len(doc.quotes) >= 8
    article = next(db.query("select * from articles"))
    assert article["source_id"] == DEFENCE
    assert article["content_hash"] == content_hash(doc.article.text)
    assert content_hash("Japan will speed up.") == hashlib.sha256(b"Japan will speed up.").hexdigest()
    assert article["published"] == "2025-10-23"
    assert article["outlet"] == "Example Wire"
    assert article["text"] == doc.article.text
    row = next(db.query("select q.*, s.name as speaker, s.type from quotes q join speakers s on s.id = q.speaker_id "
                        "where q.kind = 'direct' order by q.start limit 1"))
    assert {k: row[k] for k in ("text", "kind", "cue", "cue_lemma", "mention", "title", "said_on", "speaker",
                                "type")} == {
        "text": KOIZUMI_QUOTE, "kind": "direct", "cue": "said", "cue_lemma": "say", "mention": "Koizumi",
        "title": "Defense Minister", "said_on": "2025-10-22", "speaker": "Shinjiro Koizumi", "type": "PERSON"}
    assert row["norm_text"] == ("the security environment around japan is the most severe it has been since the end "
                                "of the war. we cannot afford to wait")
    assert row["norm_hash"] == quote_hash(KOIZUMI_QUOTE)
    assert doc.article.text[row["start"]:row["end"]] == KOIZUMI_QUOTE
    assert 0 < row["confidence"] <= 1
    assert all(r["norm_hash"] == quote_hash(r["text"]) for r in db.query("select text, norm_hash from quotes"))
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'ammunition'").fetchone() == (1,)


def test_storing_the_same_article_again_adds_nothing(db, fixture_results):
    first = store(db, fixture_results, DEFENCE)
    before = (count(db), count(db, "select count(*) from quotes"), count(db, "select count(*) from speakers"))
    assert store(db, fixture_results, DEFENCE) is None
    assert (count(db), count(db, "select count(*) from quotes"), count(db, "select count(*) from speakers")) == before
    assert before[:2] == (1, first)


def test_outlet_and_url_fill_in_only_what_the_article_lacks(db, fixture_results):
    doc = fixture_results[BOJ][1]
    article = dataclasses.replace(doc.article, url="https://news.example.com/boj", outlet=None)
    store_document(db, article, doc.quotes, outlet="Example Wire", url="https://ignored.example.com")
    assert next(db.query("select outlet, url from articles")) == {"outlet": "Example Wire",
                                                                   "url": "https://news.example.com/boj"}


def test_speakers_are_shared_across_articles(db, fixture_results):
    for article_id in (DEFENCE, ECONOMY, BOJ):
        store(db, fixture_results, article_id)
    names = [r["name"] for r in db.query("select name from speakers")]
    assert len(names) == len(set(names))
    assert {"Shinjiro Koizumi", "Sanae Takaichi", "Yoshihiko Noda", "Satsuki Katayama", "Kazuo Ueda",
            "Minoru Kihara", "Hiroshi Tanaka", "Naomi Clarke"} <= set(names)
    katayama = count(db, "select count(*) from quotes q join speakers s on s.id = q.speaker_id "
                         "where s.name = 'Satsuki Katayama'")
    assert katayama == 4  # two quotes in each of two articles, one person
    takaichi = count(db, "select count(distinct article_id) from quotes q join speakers s on s.id = q.speaker_id "
                         "where s.name = 'Sanae Takaichi'")
    assert takaichi == 2


def test_a_failure_while_writing_an_article_leaves_nothing_of_it(db, fixture_results, monkeypatch):
    store(db, fixture_results, DEFENCE)
    before = [count(db, f"select count(*) from {t}") for t in ("articles", "quotes", "speakers")]
    real = ingest.quote_rows

    def failing(*args, **kwargs):
        real(*args, **kwargs)  # the article row and its new speakers are written by now
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ingest, "quote_rows", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store(db, fixture_results, ECONOMY)
    assert [count(db, f"select count(*) from {t}") for t in ("articles", "quotes", "speakers")] == before
    monkeypatch.undo()
    assert store(db, fixture_results, ECONOMY) == len(fixture_results[ECONOMY][1].quotes)


def test_ingest_articles_extracts_only_what_is_new(db, fixture_results, monkeypatch):
    paths = [str(ARTICLES_DIR / f"{a}.txt") for a in (DEFENCE, BOJ)]
    expected = sum(len(fixture_results[a][1].quotes) for a in (DEFENCE, BOJ))
    seen = []
    report = ingest_articles(db, read_articles(paths), progress=lambda article, added: seen.append((article.id, added)))
    assert report == IngestReport(articles_added=2, articles_skipped=0, quotes_added=expected,
                                  verdicts=Counter(verified=0, misattributed=0, altered=0, unverified=expected),
                                  statements_added=db["statements"].count)  # no records: nothing verified
    assert db["checks"].count == expected and db["statements"].count > 0
    assert seen == [(DEFENCE, len(fixture_results[DEFENCE][1].quotes)), (BOJ, len(fixture_results[BOJ][1].quotes))]

    parsed = []
    real = ingest.extract
    monkeypatch.setattr(ingest, "extract", lambda arts, models_dir=None, **options: real(
        (parsed.append(a.id) or a for a in arts), models_dir, **options))
    again = ingest_articles(db, read_articles(paths + paths))  # twice each, all already stored
    assert again == IngestReport(articles_added=0, articles_skipped=4, quotes_added=0,
                                 verdicts=Counter(verified=0, misattributed=0, altered=0, unverified=0))
    assert parsed == []  # stored articles are not parsed again
    assert count(db) == 2 and count(db, "select count(*) from quotes") == expected


def test_a_described_source_stays_on_its_quote_and_makes_no_speaker(db, fixture_results):
    """ "Opposition lawmakers" is how the article describes a source, not a name: the quote keeps the words,
    and the speakers table (whose rows pages and statements gather quotes under) holds only names."""
    doc = fixture_results[DEFENCE][1]
    store_document(db, doc.article, doc.quotes, outlet="Example Wire")
    described = db.execute("select speaker_id, speaker_name, mention from quotes where mention = ?",
                           ["Opposition lawmakers"]).fetchall()
    assert described == [(None, "Opposition lawmakers", "Opposition lawmakers")]
    assert "Opposition lawmakers" not in {r["name"] for r in db.query("select name from speakers")}


def test_the_same_article_twice_in_one_run_is_stored_once(db, fixture_results):
    path = str(ARTICLES_DIR / f"{DEFENCE}.txt")
    report = ingest_articles(db, read_articles([path, path]), outlet="Example Wire")
    n = len(fixture_results[DEFENCE][1].quotes)
    assert report == IngestReport(1, 1, n, Counter(verified=0, misattributed=0, altered=0, unverified=n),
                                  db["statements"].count)
    assert count(db) == 1


def test_cli_ingest_round_trip(tmp_path, fixture_results):
    path = tmp_path / "cli.db"
    article = str(ARTICLES_DIR / f"{DEFENCE}.txt")
    n = len(fixture_results[DEFENCE][1].quotes)
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", article, "--db", str(path), "--date", "2025-10-23",
                                "--outlet", "Example Wire", "--url", "https://news.example.com/defence"])
    assert first.exit_code == 0, first.output
    quotes = fixture_results[DEFENCE][1].quotes  # one statement per quote by a named speaker in a single article
    statements = sum(1 for q in quotes if q.speaker and is_name(q.speaker.name, q.speaker.type))
    assert 0 < statements < n  # "Opposition lawmakers" is a description: their quote is in no one's statements
    assert first.output == (f"1 article added ({n} quotes), 0 already stored: {path}\n"  # no progress bar off a terminal
                            f"checked {n} quotes: 0 verified, 0 misattributed, 0 altered, {n} unverified; "
                            f"{statements} new statements\n")
    second = runner.invoke(cli, ["ingest", article, "--db", str(path)])
    assert second.exit_code == 0, second.output
    assert second.output == f"0 articles added (0 quotes), 1 already stored: {path}\n"
    db = open_db(path)
    assert next(db.query("select source_id, outlet, url, published from articles")) == {
        "source_id": DEFENCE, "outlet": "Example Wire", "url": "https://news.example.com/defence",
        "published": "2025-10-23"}
    db.close()


def test_cli_ingest_stops_at_a_bad_input_keeping_what_was_stored(tmp_path, fixture_results):
    text = fixture_results[DEFENCE][1].article.text
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"id": DEFENCE, "text": text, "date": "2025-10-23"}) + "\n{not json\n",
                     encoding="utf-8")
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["ingest", str(jsonl), "--db", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {jsonl}, line 2: not valid JSON")
    assert result.output.endswith(f"(1 article before it stored in {path}; fix the input and run again "
                                  "to add the rest)\n")
    db = open_db(path)
    assert count(db) == 1
    quotes = count(db, "select count(*) from quotes")
    assert count(db, "select count(*) from checks") == quotes  # what was stored got its verdicts and statements
    assert count(db, "select count(*) from quotes where speaker_id is not null and statement_id is null") == 0
    db.close()


def test_cli_ingest_refuses_a_file_that_is_not_a_database(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database\n" * 100)
    result = CliRunner().invoke(cli, ["ingest", str(ARTICLES_DIR / f"{DEFENCE}.txt"), "--db", str(notes)])
    assert result.exit_code == 1
    assert result.output == (f"Error: {notes} is not a usable attribution database (file is not a database); "
                             "pass another file with --db\n")


# A driver for the crash test: the real CLI, except that writing the second article's quotes
# (inside its transaction, after its row and speakers are written) signals and then hangs.
DRIVER = textwrap.dedent("""
    import pathlib, sys, time
    import attribution.ingest as ingest
    from attribution.cli import cli

    marker = pathlib.Path(sys.argv[1])
    real = ingest.quote_rows

    def hanging(db, article_id, quotes):
        rows = real(db, article_id, quotes)
        if article_id == 2:
            marker.write_text("inside the second article's transaction")
            time.sleep(300)
        return rows

    ingest.quote_rows = hanging
    cli(sys.argv[2:])
""")


def test_kill_9_during_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path, fixture_results):
    ids = (DEFENCE, ECONOMY, BOJ)
    jsonl = tmp_path / "three.jsonl"
    jsonl.write_text("".join(json.dumps({"id": a, "text": fixture_results[a][1].article.text,
                                         "date": fixture_results[a][0]["date"]}) + "\n" for a in ids),
                     encoding="utf-8")
    quotes = {a: len(fixture_results[a][1].quotes) for a in ids}
    path, marker, driver = tmp_path / "crash.db", tmp_path / "marker", tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(driver), str(marker), "ingest", str(jsonl), "--db", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ})
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "the ingest subprocess never reached the second article"
            time.sleep(0.05)
        # A reader meanwhile sees the first article whole and nothing of the second, without waiting.
        reader = sqlite3.connect(path, timeout=0.5)
        assert reader.execute("select source_id from articles").fetchall() == [(DEFENCE,)]
        assert reader.execute("select count(*) from quotes").fetchone() == (quotes[DEFENCE],)
        reader.close()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    db = open_db(path)  # recovers from the killed writer's WAL
    assert [r["source_id"] for r in db.query("select source_id from articles")] == [DEFENCE]
    assert count(db, "select count(*) from quotes") == quotes[DEFENCE]
    db.close()

    rerun = CliRunner().invoke(cli, ["ingest", str(jsonl), "--db", str(path)])
    assert rerun.exit_code == 0, rerun.output
    n = quotes[ECONOMY] + quotes[BOJ]
    total = n + quotes[DEFENCE]  # the killed run never checked the article it stored: this run does
    assert rerun.output.startswith(f"2 articles added ({n} quotes), 1 already stored: {path}\n"
                                   f"checked {total} quotes: 0 verified, 0 misattributed, 0 altered, {total} unverified; ")

    db = open_db(path)
    assert sorted(r["source_id"] for r in db.query("select source_id from articles")) == sorted(ids)
    assert count(db, "select count(distinct content_hash) from articles") == 3
    per_article = {r["source_id"]: r["n"] for r in db.query(
        "select a.source_id, count(q.id) as n from articles a left join quotes q on q.article_id = a.id "
        "group by a.id")}
    assert per_article == quotes  # every article complete, none empty, none doubled
    assert count(db, "select count(*) from speakers where name = 'Satsuki Katayama'") == 1
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    db.close()
