"""The SQLite store: schema, versioned migrations, and the connection settings every writer uses.

Written with sqlite-utils. Foreign keys are on and the journal is WAL, so
Datasette and scripts can read while the CLI writes. Each migration runs once,
in order, inside a transaction, and is recorded in ``_migrations``; a database
made by an older version is brought up to date when it is opened.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Callable

import sqlite_utils

__all__ = ["DEFAULT_DB", "MIGRATIONS", "open_db"]

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


#: In order; never edit one that has shipped, add the next.
MIGRATIONS: list[tuple[int, str, Callable[[sqlite_utils.Database], None]]] = [
    (1, "tables, indexes and full-text search", _m001_tables),
]


def open_db(path: str | os.PathLike = DEFAULT_DB) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database, with WAL and foreign keys on."""
    directory = os.path.dirname(os.fspath(path))
    if directory:
        os.makedirs(directory, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    db.enable_wal()
    _migrate(db)
    return db


def _migrate(db: sqlite_utils.Database) -> None:
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"version": int, "name": str, "applied_at": str}, pk="version")
    done = {row["version"] for row in db["_migrations"].rows}
    for version, name, migration in MIGRATIONS:
        if version in done:
            continue
        with db.conn:
            migration(db)
            db["_migrations"].insert({"version": version, "name": name,
                                      "applied_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
