"""A small review database written through the store: two articles, three speakers, quotes, records
and checks, with the ids the review tests name. Shared by the review, plugin, export and feed tests."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from datasette.plugins import pm

from attribution.store.database import open_db
from attribution.store.identity import resolve_speaker
from attribution.store.records import add_record
from attribution.text.normalize import normalize_quote, quote_hash
from attribution.web import review_pages as review_plugin

KOIZUMI_WORDS = "We cannot afford to wait on defence spending."
ALTERED_WORDS = "We can afford to wait on defence spending."
CLARKE_WORDS = "The measures will do little to lift wages."


def _quote(db: sqlite_utils.Database, article_id: int, speaker: str | None, text: str, said_on: str | None) -> int:
    start = 100 * (db["quotes"].count + 1)  # distinct offsets: (article, start, end) is unique
    return db["quotes"].insert({
        "article_id": article_id, "speaker_id": resolve_speaker(db, speaker) if speaker else None, "text": text,
        "norm_text": normalize_quote(text), "norm_hash": quote_hash(text), "kind": "direct", "cue": "said",
        "cue_lemma": "say", "start": start, "end": start + len(text), "said_on": said_on, "confidence": 0.9}).last_pk


def build_review_db(path: Path) -> sqlite_utils.Database:
    """ids: articles 1 (Example Wire, 2025-10-23), 2 (Daily Example, 2025-10-24);
    speakers 1 Shinjiro Koizumi, 2 Sanae Takaichi, 3 Naomi Clarke, 4 Koizumi Shinjiro (a duplicate of 1,
    sharing the alias key "koizumi");
    records 1 (Koizumi's words), 2 (Clarke's words); quotes 1 verified (Koizumi), 2 misattributed (Takaichi),
    3 altered (Koizumi), 4 unverified (Clarke, no date), 5 no speaker, 6 (the duplicate speaker);
    checks 1-3 on quotes 1-3."""
    db = open_db(path)
    one = db["articles"].insert({"content_hash": "a1", "text": "...", "outlet": "Example Wire",
                                 "url": "https://wire.example.com/defence-plan",
                                 "published": "2025-10-23", "title": "Defence plan"}).last_pk
    two = db["articles"].insert({"content_hash": "a2", "text": "...", "outlet": "Daily Example",
                                 "url": "https://daily.example.com/defence-day-two",
                                 "published": "2025-10-24", "title": "Defence plan, day two"}).last_pk
    q1 = _quote(db, one, "Shinjiro Koizumi", KOIZUMI_WORDS, "2025-10-22")
    q2 = _quote(db, two, "Sanae Takaichi", KOIZUMI_WORDS, "2025-10-22")
    q3 = _quote(db, two, "Shinjiro Koizumi", ALTERED_WORDS, "2025-10-22")
    db["speaker_aliases"].insert({"alias_key": "koizumi", "speaker_id": 1})  # as a curated "Koizumi" record leaves it
    _quote(db, two, "Naomi Clarke", CLARKE_WORDS, None)
    _quote(db, one, None, "Nobody knows.", "2025-10-23")
    db["speakers"].insert({"name": "Koizumi Shinjiro", "type": "PERSON", "aliases": '["Koizumi Shinjiro", "Koizumi"]',
                           "key": "koizumi shinjiro", "surname": "shinjiro"})
    db["speaker_aliases"].insert_all([{"alias_key": "koizumi shinjiro", "speaker_id": 4},
                                      {"alias_key": "koizumi", "speaker_id": 4}])  # speaker 1 has "koizumi" too
    db["quotes"].insert({"article_id": one, "speaker_id": 4, "text": KOIZUMI_WORDS,
                         "norm_text": normalize_quote(KOIZUMI_WORDS), "norm_hash": quote_hash(KOIZUMI_WORDS),
                         "kind": "direct", "start": 900, "end": 950, "said_on": "2025-10-22"})
    record = add_record(db, "Shinjiro Koizumi", KOIZUMI_WORDS, "2025-10-22", "https://example.org/briefing",
                        source_type="transcript", verified_by="A. Mori")
    add_record(db, "Naomi Clarke", CLARKE_WORDS, "2025-11-05", "https://example.com/interview")
    diff = ('[{"op": "equal", "record": "We", "quote": "We"}, {"op": "replace", "record": "cannot", '
            '"quote": "can"}, {"op": "equal", "record": "afford to wait on defence spending.", '
            '"quote": "afford to wait on defence spending."}]')
    db["checks"].insert_all([
        {"quote_id": q1, "record_id": record, "verdict": "verified", "score": 100.0, "checked_at": "2025-10-25T08:00:00+00:00"},
        {"quote_id": q2, "record_id": record, "verdict": "misattributed", "score": 100.0,
         "checked_at": "2025-10-25T08:00:00+00:00"},
        {"quote_id": q3, "record_id": record, "verdict": "altered", "score": 94.1, "diff": diff,
         "flags": '["negation", "replaced"]', "checked_at": "2025-10-25T08:00:00+00:00"},
    ])
    return db


def register_review_plugin() -> None:
    """The entry point registers the plugin once the package is installed; a checkout run in place may predate it."""
    if not any(getattr(p, "__name__", "") == "attribution.web.review_pages" for p in pm.get_plugins()):
        pm.register(review_plugin, name="attribution_review")
