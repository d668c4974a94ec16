"""Review actions (promote, reject, confirm, overturn, merge) on a real SQLite file: the change, its
history rows in the same transaction, refusals that write nothing, and the CLI round trips."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from review_data import KOIZUMI_WORDS, build_review_db

from attribution.check.quotes import check_stored
from attribution.cli import cli
from attribution.errors import BadRecord, ReviewRefused
from attribution.store.database import open_db
from attribution.store.review import confirm_check, merge_speakers, overturn_check, promote_quote, reject_quote
from attribution.store.statements import update_statements
from attribution.text.normalize import normalize_quote, quote_hash

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


@pytest.fixture
def db(tmp_path):
    database = build_review_db(tmp_path / "review.db")
    yield database
    database.close()


def history(db, action: str | None = None) -> list[tuple]:
    """(actor, action, table, row, field, old, new) in order; the time is checked to be a UTC stamp."""
    rows = list(db.query("select * from history order by id"))
    assert all(STAMP.match(r["at"]) for r in rows)
    return [(r["actor"], r["action"], r["table_name"], r["row_id"], r["field"], r["old_value"], r["new_value"])
            for r in rows if action is None or r["action"] == action]


def test_promote_makes_a_record_verified_by_the_reviewer(db):
    record_id = promote_quote(db, 4, "alice", "https://example.com/clarke-interview", source_type="interview",
                              notes="Checked against the broadcast")
    record = db["records"].get(record_id)
    assert record_id == 3
    assert {k: record[k] for k in ("speaker_id", "text", "said_on", "source_url", "source_type", "verified_by",
                                   "notes")} == {
        "speaker_id": 3, "text": "The measures will do little to lift wages.", "said_on": "2025-10-24",
        "source_url": "https://example.com/clarke-interview", "source_type": "interview", "verified_by": "alice",
        "notes": "Checked against the broadcast"}  # said_on: the quote has none, so its article's date
    assert STAMP.match(record["verified_at"])
    quote = db["quotes"].get(4)
    assert (quote["review"], quote["promoted_record_id"], quote["reviewed_by"]) == ("promoted", 3, "alice")
    assert quote["reviewed_at"] == record["verified_at"]
    rows = history(db)
    assert [r[:5] for r in rows] == [
        ("alice", "promote", "records", 3, None), ("alice", "promote", "quotes", 4, "review"),
        ("alice", "promote", "quotes", 4, "promoted_record_id"), ("alice", "promote", "quotes", 4, "reviewed_by"),
        ("alice", "promote", "quotes", 4, "reviewed_at")]
    assert json.loads(rows[0][6])["text"] == "The measures will do little to lift wages."
    assert rows[1][5:] == (None, "promoted") and rows[2][5:] == (None, 3)


def test_promoting_words_already_on_record_links_the_record(db):
    assert promote_quote(db, 1, "alice", "https://example.org/other-source") == 1
    assert db["records"].count == 2
    assert db["quotes"].get(1)["promoted_record_id"] == 1
    assert [r[2] for r in history(db)] == ["quotes"] * 4  # no record row added


def test_a_decided_quote_is_not_decided_again(db):
    promote_quote(db, 4, "alice", "https://example.com/clarke-interview")
    before = history(db)
    with pytest.raises(ReviewRefused, match=r"^quote 4 was already promoted to record 3 by alice on .+; "
                                            r"a decided quote is not decided again$"):
        reject_quote(db, 4, "bob")
    with pytest.raises(ReviewRefused, match="already promoted"):
        promote_quote(db, 4, "bob", "https://example.com/x")
    assert history(db) == before


@pytest.mark.parametrize("call, message", [
    (lambda db: promote_quote(db, 99, "alice", "https://example.com/x"), "there is no quote 99 in the database"),
    (lambda db: promote_quote(db, 5, "alice", "https://example.com/x"), "quote 5 has no speaker"),
    (lambda db: promote_quote(db, 4, " ", "https://example.com/x"), "promote: say who is reviewing"),
    (lambda db: reject_quote(db, 4, ""), "reject: say who is reviewing"),
    (lambda db: confirm_check(db, 42, "alice"), "there is no check 42 in the database"),
    (lambda db: overturn_check(db, 2, "alice", "", to="verified"), "needs a note saying why"),
    (lambda db: overturn_check(db, 2, "alice", "why", to="wrong"), "unknown verdict 'wrong'"),
    (lambda db: overturn_check(db, 2, "alice", "why", to="misattributed"), "check 2 is already misattributed"),
    (lambda db: merge_speakers(db, 1, "Shinjiro Koizumi", "alice"), "are the same speaker"),
    (lambda db: merge_speakers(db, 1, "Nobody Here", "alice"), "no speaker is called 'Nobody Here'"),
])
def test_refusals_write_nothing(db, call, message):
    tables = {t: list(db[t].rows) for t in ("quotes", "records", "checks", "speakers", "history")}
    with pytest.raises(ReviewRefused, match=re.escape(message)):
        call(db)
    assert {t: list(db[t].rows) for t in tables} == tables


def test_promote_checks_the_source_url(db):
    with pytest.raises(BadRecord, match=r"bad record: \"source_url\" 'ftp://x' is not an http\(s\) URL"):
        promote_quote(db, 4, "alice", "ftp://x")
    assert history(db) == [] and db["quotes"].get(4)["review"] is None


def test_reject_keeps_the_quote_with_why(db):
    reject_quote(db, 5, "bob", "Not speech: a headline")
    quote = db["quotes"].get(5)
    assert (quote["review"], quote["reviewed_by"], quote["review_note"]) == ("rejected", "bob", "Not speech: a headline")
    assert [r[1:7] for r in history(db)] == [
        ("reject", "quotes", 5, "review", None, "rejected"), ("reject", "quotes", 5, "reviewed_by", None, "bob"),
        ("reject", "quotes", 5, "reviewed_at", None, quote["reviewed_at"]),
        ("reject", "quotes", 5, "review_note", None, "Not speech: a headline")]


def test_confirm_then_overturn_keeps_both_in_history(db):
    row = confirm_check(db, 2, "alice", "Koizumi said it at the briefing")
    assert (row["review"], row["reviewed_verdict"], row["ruling"], row["reviewed_by"], row["review_note"]) == (
        "confirmed", "misattributed", "misattributed", "alice", "Koizumi said it at the briefing")
    assert row["verdict"] == "misattributed"  # the checker's own verdict is never rewritten
    row = overturn_check(db, 2, "bob", "Takaichi repeated it the next day", to="verified")
    assert (row["review"], row["ruling"], row["reviewed_by"]) == ("overturned", "verified", "bob")
    changes = [(r[0], r[1], r[4], r[5], r[6]) for r in history(db) if r[4] != "reviewed_at"]
    assert changes == [
        ("alice", "confirm", "review", None, "confirmed"),
        ("alice", "confirm", "reviewed_verdict", None, "misattributed"),
        ("alice", "confirm", "ruling", None, "misattributed"),
        ("alice", "confirm", "reviewed_by", None, "alice"),
        ("alice", "confirm", "review_note", None, "Koizumi said it at the briefing"),
        ("bob", "overturn", "review", "confirmed", "overturned"),
        ("bob", "overturn", "ruling", "misattributed", "verified"),
        ("bob", "overturn", "reviewed_by", "alice", "bob"),
        ("bob", "overturn", "review_note", "Koizumi said it at the briefing", "Takaichi repeated it the next day"),
    ]


def test_a_verdict_changed_since_the_reviewer_saw_it_is_not_confirmed(db):
    with pytest.raises(ReviewRefused, match="check 2 is now misattributed, not the verified you reviewed "
                                            r"\(a recheck changed it\): look at it again"):
        confirm_check(db, 2, "alice", seen="verified")
    with pytest.raises(ReviewRefused, match="check 2 is now misattributed, not the altered you reviewed"):
        overturn_check(db, 2, "alice", "wrong", to="verified", seen="altered")
    assert confirm_check(db, 2, "alice", seen="misattributed")["ruling"] == "misattributed"


def test_confirming_twice_changes_nothing_but_the_time(db):
    confirm_check(db, 3, "alice")
    first = len(history(db))
    confirm_check(db, 3, "alice")
    assert [r[4] for r in history(db)[first:]] in ([], ["reviewed_at"])


def test_merge_moves_everything_and_folds_duplicates(db):
    duplicate = db["records"].insert({
        "speaker_id": 4, "text": KOIZUMI_WORDS, "norm_text": normalize_quote(KOIZUMI_WORDS),
        "norm_hash": quote_hash(KOIZUMI_WORDS), "said_on": "2025-10-22", "source_url": "https://example.org/dup"}).last_pk
    own = db["records"].insert({
        "speaker_id": 4, "text": "Another statement entirely.", "norm_text": "another statement entirely",
        "norm_hash": quote_hash("Another statement entirely."), "said_on": "2025-10-20",
        "source_url": "https://example.org/own"}).last_pk
    db["checks"].insert({"quote_id": 6, "record_id": duplicate, "verdict": "verified", "score": 100.0})
    update_statements(db)
    kept_statement, absorbed_statement = db["quotes"].get(1)["statement_id"], db["quotes"].get(6)["statement_id"]
    assert kept_statement != absorbed_statement  # two speakers, two statements of the same words
    report = merge_speakers(db, "Shinjiro Koizumi", "Koizumi Shinjiro", "carol")
    assert (report.kept["id"], report.absorbed["id"], report.records_merged) == (1, 4, 1)
    assert report.moved == {"checks.record_id": 1, "quotes.speaker_id": 1, "records.speaker_id": 1,
                            "speaker_aliases.speaker_id": 1}
    assert db["speakers"].count == 3 and db["quotes"].get(6)["speaker_id"] == 1
    assert db["records"].get(own)["speaker_id"] == 1
    assert db.execute("select record_id from checks where quote_id = 6").fetchone()[0] == 1
    assert json.loads(db["speakers"].get(1)["aliases"]) == ["Shinjiro Koizumi", "Koizumi Shinjiro", "Koizumi"]
    assert sorted(db.execute("select alias_key, speaker_id from speaker_aliases where speaker_id in (1, 4)")) == [
        ("koizumi", 1), ("koizumi shinjiro", 1), ("shinjiro koizumi", 1)]
    assert db["quotes"].get(6)["statement_id"] == kept_statement  # clustered again with the kept speaker's
    deleted = {r[2]: json.loads(r[5]) for r in history(db, "merge") if r[4] is None}
    assert set(deleted) == {"records", "speakers", "speaker_aliases", "statements"}
    assert deleted["speakers"] == {"id": 4, "name": "Koizumi Shinjiro", "type": "PERSON",
                                   "aliases": '["Koizumi Shinjiro", "Koizumi"]', "key": "koizumi shinjiro",
                                   "surname": "shinjiro"}
    assert deleted["speaker_aliases"] == {"alias_key": "koizumi", "speaker_id": 4}
    assert deleted["records"]["source_url"] == "https://example.org/dup"
    assert deleted["statements"]["id"] == absorbed_statement
    assert {r[0] for r in history(db)} == {"carol"}
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_a_recheck_that_changes_a_verdict_is_in_history(db):
    confirm_check(db, 2, "alice")
    db.execute("update checks set verdict = 'verified', checked_at = '2025-11-01T00:00:00+00:00' where id = 2")
    db.execute("update checks set score = 99.0 where id = 1")  # not a verdict: no history
    assert history(db, "recheck") == [("checker", "recheck", "checks", 2, "verdict", "misattributed", "verified")]
    row = db["checks"].get(2)
    assert (row["review"], row["reviewed_verdict"], row["ruling"]) == ("confirmed", "misattributed", "misattributed")


def test_cli_round_trip(tmp_path):
    path = tmp_path / "review.db"
    build_review_db(path).close()
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(cli, [*args, "--db", str(path)])
        assert result.exit_code == 0, result.output
        return result.output

    assert run("records", "promote", "4", "--verified-by", "alice", "--source-url", "https://example.com/c",
               "--source-type", "interview") == f"quote 4 promoted to record 3 by alice: {path}\n"
    assert run("records", "reject", "5", "--by", "bob", "--note", "headline") == f"quote 5 rejected by bob: {path}\n"
    assert run("checks", "confirm", "2", "--by", "alice", "--note", "on tape") == (
        f"check 2 confirmed by alice: misattributed stands: {path}\n")
    assert run("checks", "overturn", "3", "--by", "bob", "--note", "transcript says can", "--to", "verified") == (
        f"check 3 overturned by bob: altered → verified: {path}\n")
    assert run("speakers", "merge", "1", "Koizumi Shinjiro", "--by", "carol") == (
        f"speaker 4 (Koizumi Shinjiro) merged into 1 (Shinjiro Koizumi) by carol: 1 quote, 0 records moved, "
        f"0 duplicate records folded; run the checks again to update verdicts: {path}\n")
    again = runner.invoke(cli, ["records", "reject", "5", "--by", "bob", "--db", str(path)])
    assert again.exit_code == 1
    assert again.output.startswith("Error: quote 5 was already rejected by bob on ")
    missing = runner.invoke(cli, ["checks", "confirm", "2", "--db", str(path)], env={"ATTRIBUTION_REVIEWER": None})
    assert missing.exit_code == 2 and "Missing option '--by'" in missing.output
    reread = open_db(path)
    assert [r["action"] for r in reread.query("select distinct action from history order by id")] == [
        "promote", "reject", "confirm", "overturn", "merge"]
    reread.close()


def test_after_a_merge_the_recheck_matches_the_absorbed_name_and_keeps_reviews(db):
    check_stored(db)
    assert db.execute("select verdict from checks where quote_id = 6").fetchone()[0] == "misattributed"
    confirm_check(db, 2, "alice", "On the briefing tape")
    merge_speakers(db, 1, 4, "carol")
    db.execute("update checks set checked_at = '2000-01-01T00:00:00+00:00'")  # so the recheck's time differs
    db.conn.commit()
    check_stored(db)
    [(check_id, verdict)] = db.execute("select id, verdict from checks where quote_id = 6").fetchall()
    assert verdict == "verified"  # "Koizumi Shinjiro" now is Shinjiro Koizumi, whose record this is
    assert [r[2:] for r in history(db, "recheck")] == [("checks", check_id, "verdict", "misattributed", "verified")]
    row = db["checks"].get(2)
    assert (row["verdict"], row["review"], row["ruling"], row["reviewed_by"], row["review_note"]) == (
        "misattributed", "confirmed", "misattributed", "alice", "On the briefing tape")
