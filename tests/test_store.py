"""The SQLite store: schema v1, migrations (idempotent, all-or-nothing), WAL, foreign keys, transactions."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from attribution.errors import BadDatabase
from attribution.store import database as store
from attribution.store.database import open_db, transaction

VERSIONS = [version for version, _, _ in store.MIGRATIONS]

TABLES = {"_migrations", "articles", "speakers", "quotes", "records", "checks"}


def _article(db, text="Some text.") -> int:
    return db.execute("insert into articles (content_hash, text) values (?, ?)", [f"h-{text}", text]).lastrowid


def test_open_creates_schema_v1(tmp_path):
    db = open_db(tmp_path / "sub" / "a.db")  # the directory is created too
    assert TABLES <= set(db.table_names())
    assert {"quotes_fts", "records_fts"} <= set(db.table_names())
    assert [(r["version"], r["name"]) for r in db.query("select * from _migrations")][:2] == [
        (1, "tables, indexes and full-text search"), (2, "speaker name keys, statements, whole verdicts")]
    assert [r["version"] for r in db.query("select version from _migrations")] == VERSIONS
    assert db.journal_mode == "wal"
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1
    assert db.execute("pragma synchronous").fetchone()[0] == 1  # NORMAL
    assert db["quotes"].columns_dict.items() >= {
        "id": int, "article_id": int, "speaker_id": int, "text": str, "norm_text": str, "norm_hash": str,
        "kind": str, "cue": str, "cue_lemma": str, "start": int, "end": int, "mention": str, "title": str,
        "said_on": str, "confidence": float, "statement_id": int}.items()  # later migrations add more
    unique = {tuple(i.columns) for i in db["records"].indexes if i.unique}
    assert ("speaker_id", "norm_hash", "said_on") in unique
    db.close()


def test_opening_again_migrates_nothing(tmp_path):
    path = tmp_path / "a.db"
    first = open_db(path)
    applied = list(first.query("select * from _migrations"))
    first.close()
    again = open_db(path)
    assert list(again.query("select * from _migrations")) == applied
    assert again.journal_mode == "wal"
    again.close()


def test_foreign_keys_are_enforced(tmp_path):
    db = open_db(tmp_path / "a.db")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("insert into quotes (article_id, text, norm_text, norm_hash, kind, start, end) "
                   "values (99, 'x', 'x', 'h', 'direct', 0, 1)")
    assert db["quotes"].count == 0


def test_a_failed_migration_leaves_no_trace(tmp_path, monkeypatch):
    def broken(db):
        db["half_done"].create({"id": int}, pk="id")
        raise RuntimeError("migration 99 failed")

    path = tmp_path / "a.db"
    open_db(path).close()  # the shipped versions applied
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS + ((99, "broken", broken),))
    with pytest.raises(RuntimeError, match="migration 99 failed"):
        open_db(path)
    monkeypatch.undo()
    db = open_db(path)
    assert "half_done" not in db.table_names()  # DDL rolled back with the rest
    assert [r["version"] for r in db.query("select version from _migrations")] == VERSIONS
    db.close()


def test_all_pending_migrations_are_one_transaction(tmp_path, monkeypatch):
    def broken(db):
        raise RuntimeError("migration 99 failed")

    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS + ((99, "broken", broken),))
    path = tmp_path / "fresh.db"
    with pytest.raises(RuntimeError):
        open_db(path)
    raw = sqlite3.connect(path)
    assert raw.execute("select name from sqlite_master").fetchall() == []  # not even version 1's tables
    raw.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "a.db"
    db = open_db(path)
    db["_migrations"].insert({"version": 70, "name": "future", "applied_at": "2030-01-01T00:00:00+00:00"})
    db.close()
    with pytest.raises(BadDatabase, match=r"a\.db has schema version 70, made by a newer attribution; "
                                          rf"this one knows versions up to {max(VERSIONS)}: upgrade attribution"):
        open_db(path)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 50)
    with pytest.raises(BadDatabase, match=r"notes\.db is not a usable attribution database "
                                          r"\(file is not a database\); pass another file with --db"):
        open_db(path)


def test_someone_elses_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    raw = sqlite3.connect(path)
    raw.execute("create table invoices (id integer primary key)")
    raw.commit()
    raw.close()
    with pytest.raises(BadDatabase, match="is an SQLite database but not an attribution one"):
        open_db(path)


def test_transaction_commits_or_rolls_back_everything(tmp_path):
    db = open_db(tmp_path / "a.db")
    with transaction(db):
        _article(db, "one")
        db["speakers"].insert({"name": "Kazuo Ueda", "type": "PERSON"})
    with pytest.raises(ZeroDivisionError):
        with transaction(db):
            _article(db, "two")
            db["speakers"].insert({"name": "Naomi Clarke", "type": "PERSON"})
            1 / 0
    assert [r["text"] for r in db.query("select text from articles")] == ["one"]
    assert [r["name"] for r in db.query("select name from speakers")] == ["Kazuo Ueda"]
    assert not db.conn.in_transaction
    db.close()


def test_transactions_do_not_nest(tmp_path):
    db = open_db(tmp_path / "a.db")
    with transaction(db):
        with pytest.raises(RuntimeError, match="cannot be nested"):
            with transaction(db):
                pass
    db.close()


def test_a_reader_sees_only_committed_work_and_is_not_blocked(tmp_path):
    path = tmp_path / "a.db"
    db = open_db(path)
    _article(db, "committed")
    reader = sqlite3.connect(path, timeout=0.1)  # would fail fast if the writer blocked it
    with transaction(db):
        _article(db, "in progress")
        assert reader.execute("select text from articles").fetchall() == [("committed",)]
    assert reader.execute("select count(*) from articles").fetchone() == (2,)
    reader.close()
    db.close()


def test_full_text_search_follows_the_quotes(tmp_path):
    db = open_db(tmp_path / "a.db")
    article = _article(db)
    db.execute("insert into quotes (article_id, text, norm_text, norm_hash, kind, start, end) "
               "values (?, 'We cannot afford to wait', 'we cannot afford to wait', 'h', 'direct', 0, 24)", [article])
    assert db.execute("select rowid from quotes_fts where quotes_fts match 'afford'").fetchall() == [(1,)]
    assert db.execute("select rowid from quotes_fts where quotes_fts match 'waiting'").fetchall() == [(1,)]  # porter
    db.close()


def test_several_processes_opening_a_new_database_at_once_migrate_it_once(tmp_path):
    path = tmp_path / "shared.db"
    errors = []

    def open_and_close():
        try:
            open_db(path).close()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    raw = sqlite3.connect(path)
    assert raw.execute("select version from _migrations").fetchall() == [(v,) for v in VERSIONS]
    raw.close()


def test_migration_2_indexes_the_names_of_speakers_stored_before_it(tmp_path, monkeypatch):
    path = tmp_path / "v1.db"
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:1])
    v1 = open_db(path)
    v1["speakers"].insert_all([
        {"name": "Sanae Takaichi", "type": "PERSON", "aliases": '["Prime Minister Sanae Takaichi", "Takaichi"]'},
        {"name": "Bank of Japan", "type": "ORG", "aliases": '["the Bank of Japan"]'}])
    v1.close()
    monkeypatch.undo()
    db = open_db(path)
    assert [(r["id"], r["key"], r["surname"]) for r in db.query("select * from speakers order by id")] == [
        (1, "sanae takaichi", "takaichi"), (2, "bank of japan", "japan")]
    assert db.execute("select alias_key, speaker_id from speaker_aliases order by 1").fetchall() == [
        ("bank of japan", 2), ("sanae takaichi", 1), ("takaichi", 1)]
    assert db["quotes"].columns_dict["statement_id"] is int
    assert {t.name for t in db["quotes"].triggers} == {"quotes_ai", "quotes_ad", "quotes_au"}  # FTS kept in step
    db.close()


def test_migration_5_counts_the_sources_of_statements_stored_before_it(tmp_path, monkeypatch):
    """Two outlets' copies of one wire story were counted as corroboration before version 5."""
    path = tmp_path / "v4.db"
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:4])
    v4 = open_db(path)
    speaker = v4["speakers"].insert({"name": "Lena Ostrova", "type": "PERSON"}).last_pk
    story = ("Harbor Commissioner Lena Ostrova on Tuesday approved a new stone breakwater for the marina, ending a "
             "two-year dispute over how to shield the moorings from winter storms. “We are not raising mooring "
             "fees this year,” Ostrova said.")
    statement = v4["statements"].insert({  # as version 4 left it: two outlets, corroborated
        "speaker_id": speaker, "text": "We are not raising mooring fees this year,", "outlets": 2, "corroborated": 1,
        "norm_text": "we are not raising mooring fees this year", "conflicting_speakers": "[]"}).last_pk
    v4["statements"].insert({"speaker_id": speaker, "text": "Another day,", "norm_text": "another day", "outlets": 1,
                             "corroborated": 0, "conflicting_speakers": "[]"})  # one outlet: nothing to compare
    for outlet in ("Bayside Herald", "Pinecrest Daily"):
        article = v4["articles"].insert({"content_hash": outlet, "text": story, "outlet": outlet}).last_pk
        v4["quotes"].insert({"article_id": article, "speaker_id": speaker, "kind": "direct", "start": 0, "end": 1,
                             "text": "We are not raising mooring fees this year,", "statement_id": statement,
                             "norm_text": "we are not raising mooring fees this year", "norm_hash": "h"})
    v4.close()
    monkeypatch.undo()
    db = open_db(path)
    assert db.execute("select outlets, sources, syndicated, corroborated from statements order by id").fetchall() == [
        (2, 1, '[["Bayside Herald", "Pinecrest Daily"]]', 0), (1, 1, "[]", 0)]
    db.close()


def test_written_columns_are_the_schemas(tmp_path):
    db = open_db(tmp_path / "a.db")
    for table, columns in store.WRITTEN.items():
        assert set(columns) <= set(db[table].columns_dict), table
    assert store.insert_sql("checks", upsert_on="quote_id").startswith(
        "INSERT INTO checks ([quote_id], [record_id], [verdict], [score], [match], [diff], [flags], [note], "
        "[suggestion], [checked_at]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ([quote_id]) DO UPDATE SET "
        "[record_id] = excluded.[record_id], ")
    assert store.insert_sql("records", rows=2, or_ignore=True).count("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") == 2
    db.close()
