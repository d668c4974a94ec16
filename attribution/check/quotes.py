"""Checking an article's quotes against the verified records: the ``attribution check`` library side.

:func:`check_document` returns the extraction JSON object (:func:`attribution.extract.output.article_dict`)
with every quote extended by its verdict (see :mod:`attribution.check.verdict`)::

    "verdict": "verified" | "misattributed" | "altered" | "unverified",
    "score": 0-100 (how closely the quote matches "record"; 0 when there is none),
    "match": "whole" | "fragment" | "paraphrase" | null,
    "record": {"id", "speaker", "text", "said_on", "source_url"} | null,
    "context": {"before", "after"} | null   (the record's words around a quoted fragment),
    "diff": [{"op": "equal"|"replace"|"delete"|"insert", "record": str, "quote": str}, ...],
    "flags": ["negation", "number", "dropped", "inserted", "replaced", "spelling", "said_on"],
    "suggestion": null | {"verdict", "score", "match", "record", "context", "diff", "flags", "reason"},
    "note": str   (one line for people)

:func:`check_document` writes nothing. :func:`check_stored` gives the stored quotes (those of
``attribution ingest``) their verdicts and keeps them in the ``checks`` table, one row per quote.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Iterable

import sqlite_utils

from ..document import Document
from ..extract.output import article_dict
from ..model import VERDICTS
from ..store.database import insert_sql, transaction, utc_now
from .verdict import Checker

__all__ = ["PASSAGE_REACH", "PROBLEMS", "check_document", "check_stored", "passage", "summary"]

#: Verdicts that make ``attribution check`` exit with status 1.
PROBLEMS = ("misattributed", "altered")


def check_document(db: sqlite_utils.Database, doc: Document, checker: Checker | None = None) -> dict:
    """The article's extraction object with a verdict on every quote (pass one ``checker`` for many documents)."""
    checker = checker or Checker(db)
    out = article_dict(doc)
    for quote, item in zip(doc.quotes, out["quotes"]):
        speaker = quote.speaker
        v = checker.verdict(quote.text, quote.kind, speaker.name if speaker else None,
                            speaker.type if speaker else None, quote.said_on,
                            mention=speaker.mention if speaker else None,
                            context=passage(doc.text, quote.start, quote.end), confidence=quote.confidence)
        item.update(v.to_dict())
    return out


#: Only the verdict's own columns: anything else a reviewer adds to a checks row survives a recheck.
_UPSERT_CHECK = insert_sql("checks", upsert_on="quote_id")

_BATCH = 500  #: quotes checked per transaction, so a long recheck never holds the write lock for long


def check_stored(db: sqlite_utils.Database, *, unchecked_only: bool = False,
                 checker: Checker | None = None) -> Counter:
    """Check the stored quotes against the records and save each verdict in ``checks``; how many got each.

    Run it after records change (``attribution recheck``); ``unchecked_only`` checks just the quotes
    that have no verdict yet (what ``attribution ingest`` does for the quotes it adds).
    """
    checker = checker or Checker(db)
    counts = Counter({v: 0 for v in VERDICTS})
    rows = db.execute(
        "select quotes.id, quotes.text, quotes.kind, speakers.name, speakers.type, quotes.said_on, quotes.mention, "
        "substr(articles.text, max(1, quotes.start + 1 - :reach), quotes.[end] - quotes.start + 2 * :reach), "
        "quotes.start - max(0, quotes.start - :reach), quotes.confidence from quotes "
        "join articles on articles.id = quotes.article_id "
        "left join speakers on speakers.id = quotes.speaker_id "
        + ("where not exists (select 1 from checks where checks.quote_id = quotes.id) " if unchecked_only else "")
        + "order by quotes.id", {"reach": PASSAGE_REACH}).fetchall()
    for at in range(0, len(rows), _BATCH):
        values = []
        for quote_id, text, kind, speaker, speaker_type, said_on, mention, around, lead, confidence in rows[at:at + _BATCH]:
            v = checker.verdict(text, kind, speaker, speaker_type, said_on, mention=mention,
                                context=passage(around, lead, lead + len(text)), confidence=confidence)
            counts[v.verdict] += 1
            values.append((quote_id, v.record["id"] if v.record else None, v.verdict, v.score, v.match,
                           json.dumps(v.diff) if v.diff else None, json.dumps(v.flags), v.note,
                           json.dumps(v.suggestion) if v.suggestion else None, utc_now()))
        with transaction(db):
            db.conn.executemany(_UPSERT_CHECK, values)
    return counts


#: Characters read either side of a quote for its passage (a sentence is rarely longer).
PASSAGE_REACH = 400
_SENTENCE_END = re.compile(r"(?:[.!?][\"'”’)]*\s+|\n\s*)")


def passage(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` holding characters ``start``..``end`` and the sentence before (a quote
    often continues one: '“...,” Hannity said. “Maybe ...”'), at most :data:`PASSAGE_REACH` characters
    either side: where the article would name who said it, or whom it is about."""
    lo, hi = max(0, start - PASSAGE_REACH), min(len(text), end + PASSAGE_REACH)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)][-2:-1]
    after = _SENTENCE_END.search(text, end, hi)
    return text[ends[-1] if ends else lo:after.start() if after else hi]


def summary(results: Iterable[dict]) -> Counter:
    """How many quotes got each verdict."""
    counts = Counter({v: 0 for v in VERDICTS})
    for art in results:
        counts.update(q["verdict"] for q in art["quotes"])
    return counts
