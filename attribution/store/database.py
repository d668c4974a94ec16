"""The SQLite store: schema, versioned migrations, and the connection settings every writer uses.

Written with sqlite-utils. Foreign keys are on and the journal is WAL, so
Datasette and scripts can read while the CLI writes: a reader sees the
database as of the last commit, never a writer's half-done work. Each
migration runs once, in order, and is recorded in ``_migrations``; a database
made by an older version is brought up to date when it is opened.

Transactions are explicit (``BEGIN IMMEDIATE`` … ``COMMIT``, see
:func:`transaction`): Python's sqlite3 only opens a transaction implicitly
before INSERT/UPDATE/DELETE, so ``CREATE TABLE`` and friends would otherwise
commit one by one and a failed migration could leave half a schema behind.
``synchronous=NORMAL`` in WAL mode keeps every committed transaction through a
killed process (only a power cut can lose the last few commits, never corrupt
the file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

from ..errors import BadDatabase

__all__ = ["BUSY_TIMEOUT_MS", "CACHE_KIB", "DEFAULT_DB", "MIGRATIONS", "SCHEMA_VERSION", "WAL_AUTOCHECKPOINT_PAGES",
           "WRITTEN", "connect_readonly", "insert_sql", "open_db", "transaction", "utc_now"]

#: Where the database lives unless --db says otherwise.
DEFAULT_DB = os.path.join("db", "attribution.db")


def _m001_tables(db: sqlite_utils.Database) -> None:
    """The five tables, their keys and the lookups the checker and Datasette make."""
    db["articles"].create({
        "id": int, "content_hash": str, "source_id": str, "url": str, "title": str, "outlet": str,
        "published": str, "text": str, "ingested_at": str,
    }, pk="id", not_null={"content_hash", "text"})
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["outlet"])
    db["articles"].create_index(["published"])

    db["speakers"].create({"id": int, "name": str, "type": str, "aliases": str}, pk="id", not_null={"name"})
    db["speakers"].create_index(["name"], unique=True)

    db["quotes"].create({
        "id": int, "article_id": int, "speaker_id": int, "text": str, "norm_text": str, "norm_hash": str,
        "kind": str, "cue": str, "cue_lemma": str, "start": int, "end": int, "mention": str, "title": str,
        "said_on": str, "confidence": float,
    }, pk="id", foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
        not_null={"article_id", "text", "norm_text", "norm_hash", "kind", "start", "end"})
    db["quotes"].create_index(["article_id", "start", "end"], unique=True)
    for column in ("speaker_id", "norm_hash", "kind", "said_on"):
        db["quotes"].create_index([column])

    db["records"].create({
        "id": int, "speaker_id": int, "text": str, "norm_text": str, "norm_hash": str, "said_on": str,
        "source_url": str, "source_type": str, "verified_by": str, "verified_at": str, "notes": str,
    }, pk="id", foreign_keys=[("speaker_id", "speakers", "id")],
        not_null={"speaker_id", "text", "norm_text", "norm_hash", "said_on", "source_url"})
    db["records"].create_index(["speaker_id", "norm_hash", "said_on"], unique=True)
    db["records"].create_index(["norm_hash"])

    db["checks"].create({
        "id": int, "quote_id": int, "record_id": int, "verdict": str, "score": float, "diff": str,
        "flags": str, "checked_at": str,
    }, pk="id", foreign_keys=[("quote_id", "quotes", "id"), ("record_id", "records", "id")],
        not_null={"quote_id", "verdict"})
    db["checks"].create_index(["quote_id"], unique=True)
    db["checks"].create_index(["verdict"])

    db["quotes"].enable_fts(["text"], create_triggers=True, tokenize="porter")
    db["records"].enable_fts(["text"], create_triggers=True, tokenize="porter")


def _m002_speaker_keys_and_statements(db: sqlite_utils.Database) -> None:
    """Indexed name keys, so finding a speaker costs a lookup, not a scan of every speaker; the
    ``statements`` table: the quotes of one speaker that are one statement, however many outlets carried it;
    and the whole verdict in ``checks``."""
    db["speakers"].add_column("key", str)
    db["speakers"].add_column("surname", str)
    db["speaker_aliases"].create({"alias_key": str, "speaker_id": int}, pk=("alias_key", "speaker_id"),
                                 foreign_keys=[("speaker_id", "speakers", "id")])
    db["speaker_aliases"].create_index(["speaker_id"])
    _key_speakers(db)
    db["speakers"].create_index(["key"])
    db["speakers"].create_index(["surname"])

    db["statements"].create({
        "id": int, "speaker_id": int, "text": str, "norm_text": str, "first_quote_id": int,
        "first_article_id": int, "first_outlet": str, "first_published": str, "outlets": int, "articles": int,
        "quotes": int, "variants": int, "outlet_names": str, "conflicting_speakers": str, "corroborated": int,
        "updated_at": str,
    }, pk="id", foreign_keys=[("speaker_id", "speakers", "id"), ("first_quote_id", "quotes", "id"),
                              ("first_article_id", "articles", "id")],
        not_null={"speaker_id", "text", "norm_text"})
    for columns in (["speaker_id"], ["corroborated"], ["first_published"], ["outlets"]):
        db["statements"].create_index(columns)
    # Plain ALTER TABLE: sqlite-utils' add_column(fk=...) rebuilds the table, dropping its FTS triggers.
    db.execute("ALTER TABLE quotes ADD COLUMN statement_id INTEGER REFERENCES statements(id)")
    db["quotes"].create_index(["statement_id"])
    db["statements"].enable_fts(["text"], create_triggers=True, tokenize="porter")

    for column in ("match", "note", "suggestion"):  # the rest of a verdict, for people browsing the checks
        db["checks"].add_column(column, str)


def _m007_searchable_speakers(db: sqlite_utils.Database) -> None:
    """Quotes found by their speaker's name too: each quote keeps the name its article gave the speaker
    (``speaker_name``: "Trump", "Donald Trump"), indexed with its words; and the speakers table gets
    its own full-text search over names and aliases."""
    db.execute("ALTER TABLE quotes ADD COLUMN speaker_name TEXT")
    db.execute("UPDATE quotes SET speaker_name = (select name from speakers where speakers.id = quotes.speaker_id)")
    db["quotes"].disable_fts()
    db["quotes"].enable_fts(["text", "speaker_name"], create_triggers=True, tokenize="porter")
    db["speakers"].enable_fts(["name", "aliases"], create_triggers=True, tokenize="porter")


def _m008_spelling_variants(db: sqlite_utils.Database) -> None:
    """A search for "defense" finds quotes and records printed "defence" (and back): each keeps the other
    spellings of its words (``spellings``, see :mod:`attribution.text.spelling`), indexed with its words."""
    from ..text.spelling import other_spellings

    for table in ("quotes", "records"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN spellings TEXT")
        db.conn.executemany(f"UPDATE {table} SET spellings = ? WHERE id = ?",
                            [(other_spellings(text), row_id) for row_id, text in db.execute(f"select id, text from {table}")])
    db["quotes"].disable_fts()
    db["quotes"].enable_fts(["text", "speaker_name", "spellings"], create_triggers=True, tokenize="porter")
    db["records"].disable_fts()
    db["records"].enable_fts(["text", "spellings"], create_triggers=True, tokenize="porter")


def _key_speakers(db: sqlite_utils.Database) -> None:
    """Every speakers row's ``key`` and ``surname``, and its alias keys, from its name and aliases."""
    from .identity import name_key, surname  # the keys are computed in Python; identity imports nothing from here

    db.execute("DELETE FROM speaker_aliases")
    for speaker_id, name, aliases in db.execute("select id, name, aliases from speakers").fetchall():
        key = name_key(name)
        db.execute("UPDATE speakers SET key = ?, surname = ? WHERE id = ?", [key, surname(key) or None, speaker_id])
        keys = {key, *(name_key(a) for a in json.loads(aliases or "[]"))} - {""}
        db.conn.executemany("INSERT OR IGNORE INTO speaker_aliases (alias_key, speaker_id) VALUES (?, ?)",
                            [(k, speaker_id) for k in sorted(keys)])


def _m003_annotations(db: sqlite_utils.Database) -> None:
    """The annotation cache (``attribution.nlp.annotation_cache``): Stanza's output by article text hash."""
    db["annotations"].create({
        "content_hash": str, "parse_mode": str, "stanza_version": str, "models_key": str, "data": bytes,
        "created_at": str,
    }, pk="content_hash", not_null={"parse_mode", "stanza_version", "models_key", "data"})


def _m004_review(db: sqlite_utils.Database) -> None:
    """A reviewer's decisions on checks and quotes, and the ``history`` of every change they make.

    ``checks``: ``review`` is confirmed or overturned, ``reviewed_verdict`` the checker's verdict
    the reviewer ruled on (a later recheck may change ``verdict``), ``ruling`` the verdict that
    stands. ``quotes``: ``review`` is promoted (to the record ``promoted_record_id``) or rejected.
    ``history`` keeps one row per changed field, inserted or deleted row (the row as JSON); a
    trigger adds the checker's own changes of a stored verdict or its record (actor ``checker``,
    action ``recheck``), whoever runs it: reviewers never change ``verdict``, and a recheck always
    sets ``checked_at`` (a merge repointing ``record_id`` does not, and writes its own history).
    """
    for column, kind in (("review", "TEXT"), ("reviewed_verdict", "TEXT"), ("ruling", "TEXT"),
                         ("reviewed_by", "TEXT"), ("reviewed_at", "TEXT"), ("review_note", "TEXT")):
        db.execute(f"ALTER TABLE checks ADD COLUMN [{column}] {kind}")
    db.execute("CREATE INDEX idx_checks_ruling_reviewed_at ON checks (ruling, reviewed_at)")
    for column, kind in (("review", "TEXT"), ("promoted_record_id", "INTEGER REFERENCES records(id)"),
                         ("reviewed_by", "TEXT"), ("reviewed_at", "TEXT"), ("review_note", "TEXT")):
        db.execute(f"ALTER TABLE quotes ADD COLUMN [{column}] {kind}")
    db.execute("CREATE INDEX idx_quotes_review ON quotes (review)")
    db.execute("CREATE INDEX idx_quotes_promoted_record_id ON quotes (promoted_record_id)")
    db.execute("""CREATE TABLE history (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        table_name TEXT NOT NULL, row_id INTEGER NOT NULL, field TEXT, old_value, new_value)""")
    db.execute("CREATE INDEX idx_history_table_name_row_id ON history (table_name, row_id)")
    db.execute("CREATE INDEX idx_history_at ON history (at)")
    when = "coalesce(new.checked_at, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))"
    db.execute(f"""CREATE TRIGGER checks_recheck_history AFTER UPDATE OF verdict, record_id ON checks
        BEGIN
          INSERT INTO history (at, actor, action, table_name, row_id, field, old_value, new_value)
            SELECT {when}, 'checker', 'recheck', 'checks', new.id, 'verdict', old.verdict, new.verdict
            WHERE old.verdict IS NOT new.verdict;
          INSERT INTO history (at, actor, action, table_name, row_id, field, old_value, new_value)
            SELECT {when}, 'checker', 'recheck', 'checks', new.id, 'record_id', old.record_id, new.record_id
            WHERE old.record_id IS NOT new.record_id AND old.checked_at IS NOT new.checked_at;
        END""")


def _m005_independent_sources(db: sqlite_utils.Database) -> None:
    """How many independent sources carried each statement: outlets that printed one and the same story
    (a wire report) are one source, and corroboration needs two (see syndication.py). Figures of the
    statements already stored are computed again."""
    from .statements import refresh_statements  # statements imports this module

    db.execute("ALTER TABLE statements ADD COLUMN sources INTEGER")
    db.execute("ALTER TABLE statements ADD COLUMN syndicated TEXT")
    db.execute("UPDATE statements SET sources = outlets, syndicated = '[]' WHERE outlets < 2")  # nothing shared
    refresh_statements(db, [r[0] for r in db.execute("select id from statements where outlets >= 2")])


def _m006_person_keys(db: sqlite_utils.Database) -> None:
    """Person keys that leave out party labels, descriptors, middle initials and accents
    (:func:`attribution.store.identity.name_key`): "Republican Donald J. Trump" is "donald trump"."""
    _key_speakers(db)


#: The columns the application writes rows with, per table, beside the migrations that made them: each
#: writer builds its INSERT from here (:func:`insert_sql`), so a column is named in one place.
WRITTEN: dict[str, tuple[str, ...]] = {
    "articles": ("content_hash", "source_id", "url", "title", "outlet", "published", "text", "ingested_at"),
    "quotes": ("article_id", "speaker_id", "text", "norm_text", "norm_hash", "kind", "cue", "cue_lemma", "start",
               "end", "mention", "title", "said_on", "confidence", "speaker_name", "spellings"),
    "records": ("speaker_id", "text", "norm_text", "norm_hash", "said_on", "source_url", "source_type",
                "verified_by", "verified_at", "notes", "spellings"),
    "checks": ("quote_id", "record_id", "verdict", "score", "match", "diff", "flags", "note", "suggestion",
               "checked_at"),
}


def insert_sql(table: str, *, rows: int = 1, or_ignore: bool = False, upsert_on: str | None = None) -> str:
    """An INSERT of ``rows`` rows of the :data:`WRITTEN` columns of ``table``, in that order; ``or_ignore``
    skips duplicates, ``upsert_on`` (a unique column) updates the other written columns instead, so columns
    written by others (a reviewer's) survive."""
    columns = WRITTEN[table]
    row = "(" + ", ".join("?" for _ in columns) + ")"
    sql = (f"INSERT {'OR IGNORE ' if or_ignore else ''}INTO {table} ({', '.join(f'[{c}]' for c in columns)}) "
           f"VALUES {', '.join([row] * rows)}")
    if upsert_on:
        sql += f" ON CONFLICT ([{upsert_on}]) DO UPDATE SET " + ", ".join(
            f"[{c}] = excluded.[{c}]" for c in columns if c != upsert_on)
    return sql


#: In order; never edit one that has shipped, add the next.
MIGRATIONS: tuple[tuple[int, str, Callable[[sqlite_utils.Database], None]], ...] = (
    (1, "tables, indexes and full-text search", _m001_tables),
    (2, "speaker name keys, statements, whole verdicts", _m002_speaker_keys_and_statements),
    (3, "annotation cache", _m003_annotations),
    (4, "review columns on checks and quotes, and the history table", _m004_review),
    (5, "independent sources of statements", _m005_independent_sources),
    (6, "person keys without descriptors, middle initials or accents", _m006_person_keys),
    (7, "quotes searchable by their speaker's name, speakers searchable", _m007_searchable_speakers),
    (8, "British and American spellings searchable alike", _m008_spelling_variants),
)

#: The schema version a fully migrated database has.
SCHEMA_VERSION = MIGRATIONS[-1][0]

#: How long a writer waits for another writer's transaction to finish before giving up.
BUSY_TIMEOUT_MS = 30_000

#: Page cache per connection, in KiB (SQLite's default is 2,000): the quotes table's indexes and its
#: full-text index outgrow the default within a few hundred thousand rows, and every insert then reads pages.
CACHE_KIB = 65_536

#: WAL pages between automatic checkpoints (SQLite's default is 1,000): fewer checkpoint fsyncs while
#: ingesting, for a write-ahead log of at most about 16 MB.
WAL_AUTOCHECKPOINT_PAGES = 4_000


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second: '2025-11-05T09:30:00+00:00'."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One explicit write transaction: everything inside is committed together or not at all.

    ``BEGIN IMMEDIATE`` takes the write lock up front (waiting up to
    :data:`BUSY_TIMEOUT_MS` for another writer), so two writers never
    deadlock half-way. sqlite-utils calls inside nest as savepoints.
    """
    if db.conn.in_transaction:
        raise RuntimeError("transaction() cannot be nested; a transaction is already open")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise BadDatabase(f"cannot write to the database: {exc}; another process may be writing to it, "
                          "try again when it has finished") from None
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


def connect_readonly(path: str | os.PathLike, **kwargs) -> sqlite3.Connection:
    """A connection that can only read (SQLite's ``mode=ro``), for servers that must never write;
    it waits up to :data:`BUSY_TIMEOUT_MS` for a lock unless ``timeout`` says otherwise."""
    kwargs.setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, **kwargs)


def open_db(path: str | os.PathLike = DEFAULT_DB) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database, with WAL and foreign keys on.

    Raises :class:`BadDatabase` for a file that is not SQLite or that was made
    by a newer version of attribution.
    """
    where = os.fspath(path)
    directory = os.path.dirname(where)
    try:
        if directory:
            os.makedirs(directory, exist_ok=True)
        db = sqlite_utils.Database(where)
    except (OSError, sqlite3.Error) as exc:
        raise BadDatabase(f"cannot open database {where}: {exc}") from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        _enable_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        _migrate(db, where)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise BadDatabase(f"{where} is not a usable attribution database ({exc}); "
                          "pass another file with --db") from None
    except BaseException:
        db.close()
        raise
    return db


def _enable_wal(db: sqlite_utils.Database, attempts: int = 50) -> None:
    """Switch to WAL. The switch needs the file to itself and SQLite does not wait for it (no busy
    handler), so processes opening a new database at the same moment retry briefly."""
    for attempt in range(attempts):
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def _applied(db: sqlite_utils.Database) -> set[int]:
    if not db["_migrations"].exists():
        return set()
    return {row[0] for row in db.execute("select version from _migrations").fetchall()}


def _migrate(db: sqlite_utils.Database, where: str) -> None:
    """Apply the missing migrations in one transaction: all of them, or none."""
    known = {version for version, _, _ in MIGRATIONS}
    done = _applied(db)
    if not done and db.table_names() and not db["_migrations"].exists():
        raise BadDatabase(f"{where} is an SQLite database but not an attribution one "
                          f"(it has tables {', '.join(sorted(db.table_names())[:5])}); pass another file with --db")
    newer = done - known
    if newer:
        raise BadDatabase(f"{where} has schema version {max(newer)}, made by a newer attribution; "
                          f"this one knows versions up to {max(known)}: upgrade attribution")
    if known <= done:
        return  # up to date: no write lock taken, so opening never waits for a busy writer
    with transaction(db):
        if not db["_migrations"].exists():
            db["_migrations"].create({"version": int, "name": str, "applied_at": str}, pk="version")
        done = _applied(db)  # another process may have migrated while we waited for the lock
        for version, name, migration in MIGRATIONS:
            if version not in done:
                migration(db)
                db["_migrations"].insert({"version": version, "name": name, "applied_at": utc_now()})
