"""Verdicts kept in the database: ``attribution ingest`` checks the quotes it stores, ``attribution recheck``
checks every stored quote again after the records change, one ``checks`` row per quote."""

from __future__ import annotations

import json

from click.testing import CliRunner
from test_check import CHECK_DIR, DATES, EXPECTED

from attribution.check.quotes import check_stored
from attribution.cli import cli
from attribution.store.database import open_db


def _ingest_check_articles(db_path) -> None:
    for path, date in DATES.items():
        result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db_path), "--date", date])
        assert result.exit_code == 0, result.output


def _stored_verdicts(db) -> dict[str, list[tuple]]:
    """{article id: [(quote start words, verdict, record id), ...]} in article order."""
    out: dict[str, list[tuple]] = {}
    for source_id, text, verdict, record_id in db.execute(
            "select articles.source_id, quotes.text, checks.verdict, checks.record_id from checks "
            "join quotes on quotes.id = checks.quote_id join articles on articles.id = quotes.article_id "
            "order by articles.id, quotes.start"):
        out.setdefault(source_id, []).append((text, verdict, record_id))
    return out


def test_ingest_then_recheck_gives_the_verdicts_check_gives(nlp, tmp_path):
    path = tmp_path / "stored.db"
    _ingest_check_articles(path)  # no records yet: every stored quote is unverified
    db = open_db(path)
    assert {v for rows in _stored_verdicts(db).values() for _, v, _ in rows} == {"unverified"}
    db.close()

    runner = CliRunner()
    assert runner.invoke(cli, ["records", "import", str(CHECK_DIR / "records.csv"), "--db", str(path)]).exit_code == 0
    result = runner.invoke(cli, ["recheck", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == (f"checked 26 quotes: 7 verified, 3 misattributed, 5 altered, 11 unverified: {path}\n")

    db = open_db(path)
    stored = _stored_verdicts(db)
    for article, expected in EXPECTED.items():
        got = stored[article]
        assert len(got) == len(expected)
        for (text, verdict, _), (start, want, *_) in zip(got, expected):
            assert (start in text, verdict) == (True, want), text
        assert [rid for _, verdict, rid in got if verdict != "unverified"] == [
            rid for _, verdict, rid, *_ in expected if verdict != "unverified"]
    altered = db.execute("select diff, flags, match, note from checks where verdict = 'altered' "
                         "order by quote_id limit 1").fetchone()
    assert [op["op"] for op in json.loads(altered[0])][:2] == ["equal", "delete"]  # "will [-not-] raise"
    assert json.loads(altered[1]) == ["negation", "dropped"]
    assert altered[2] == "whole" and altered[3]
    suggestion = db.execute("select suggestion from checks join quotes on quotes.id = checks.quote_id "
                            "where quotes.text like 'We will see%'").fetchone()[0]
    assert json.loads(suggestion)["record"]["speaker"] == "Tomas Reyes"

    rows = db["checks"].count
    assert sum(check_stored(db).values()) == rows == 26  # again: same rows updated, none added
    assert db["checks"].count == 26
    db.close()


def test_recheck_sees_a_record_added_later(nlp, tmp_path):
    path = tmp_path / "later.db"
    _ingest_check_articles(path)
    runner = CliRunner()
    result = runner.invoke(cli, ["records", "add", "--db", str(path), "--speaker", "Mayor Elena Marsh",
                                 "--text", "Nobody in this city should pay more for a ferry that runs less often.",
                                 "--said-on", "2025-11-10",
                                 "--source-url", "https://portalder.example/council/2025-11-10"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["recheck", "--db", str(path)]).exit_code == 0
    db = open_db(path)
    assert db.execute("select checks.verdict from checks join quotes on quotes.id = checks.quote_id "
                      "where quotes.text like 'Nobody in this city%'").fetchone() == ("verified",)
    db.close()


def test_recheck_without_a_database_is_a_clear_error(tmp_path):
    (tmp_path / "notes.db").write_text("not a database\n" * 100)
    result = CliRunner().invoke(cli, ["recheck", "--db", str(tmp_path / "notes.db")])
    assert result.exit_code == 1
    assert "is not a usable attribution database" in result.output
