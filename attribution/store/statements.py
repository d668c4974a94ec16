"""Corroboration: the quotes of one speaker that are one statement, however many outlets printed it.

A *statement* is a cluster of stored quotes with the same speaker and
fuzzy-equal words (:func:`same_statement`): the wording as printed by each
outlet, trimmed or retyped, stays in ``quotes``; the ``statements`` row says
where it first appeared (outlet, date), how many outlets and articles carried
it, how many of those outlets are independent sources (outlets that printed one
and the same story, a wire report say, are one source: see syndication.py),
how many wordings there are, and which *other* speakers are credited with the
same words. A statement from at least two independent sources, with no other
speaker credited with its words, is ``corroborated``.

Clustering is incremental: :func:`update_statements` puts each quote that has
a speaker and no statement into the first statement of that speaker its words
match (candidates from the full-text index on ``statements``, so the cost does
not grow with how much a speaker has said) (earliest published first, so the first appearance founds the cluster),
or founds a new one, then recomputes the figures of every statement it touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Iterable
from urllib.parse import urlsplit

import sqlite_utils
from rapidfuzz import fuzz, process

from .database import transaction, utc_now
from .syndication import stories

__all__ = ["FRAGMENT_MIN", "FRAGMENT_WORDS", "SAME_MIN", "StatementsReport", "list_statements",
           "refresh_statements", "same_statement", "update_statements"]

SAME_MIN = 90.0  #: fuzz.ratio of the normal forms for two wordings to be one statement
FRAGMENT_MIN = 95.0  #: ... or fuzz.partial_ratio when the shorter one is a trimmed version of the longer
FRAGMENT_WORDS = 6  #: a trimmed version must keep at least this many words to count

_WORD = re.compile(r"[^\W_]+")


def same_statement(a: str, b: str) -> bool:
    """Whether two normal forms are one statement: nearly the same words, or one a long stretch of the other."""
    if fuzz.ratio(a, b, score_cutoff=SAME_MIN):
        return True
    shorter = a if len(a) <= len(b) else b
    return (len(_WORD.findall(shorter)) >= FRAGMENT_WORDS
            and bool(fuzz.partial_ratio(a, b, score_cutoff=FRAGMENT_MIN)))


def _longest_words(norm: str) -> list[str]:
    """The four longest distinct ASCII words: two of them are in any wording of the same statement."""
    return sorted(set(w for w in _WORD.findall(norm) if w.isascii()), key=lambda w: (-len(w), w))[:4]


class _Said:
    """One speaker's statements in memory while clustering, with a word index to find candidates
    without a scan in Python (rapidfuzz scans for whole-text matches in C)."""

    def __init__(self, rows: list[tuple[int, str]]) -> None:
        self.ids: list[int] = []
        self.texts: list[str] = []
        self.by_word: dict[str, set[int]] = {}
        for statement_id, norm in rows:
            self.add(statement_id, norm)

    def add(self, statement_id: int, norm: str) -> None:
        for word in _longest_words(norm):
            self.by_word.setdefault(word, set()).add(len(self.ids))
        self.ids.append(statement_id)
        self.texts.append(norm)

    def first_same(self, norm: str) -> int | None:
        """The first statement ``norm`` is :func:`same_statement` with: the whole-text near matches,
        and those sharing two of its longest words (where a trimmed version is found)."""
        found = {i for _, _, i in process.extract(norm, self.texts, scorer=fuzz.ratio, score_cutoff=SAME_MIN,
                                                  limit=None)}
        seen: dict[int, int] = {}
        for word in _longest_words(norm):
            for i in self.by_word.get(word, ()):
                seen[i] = seen.get(i, 0) + 1
        found |= {i for i, n in seen.items() if n >= 2}
        return next((self.ids[i] for i in sorted(found) if same_statement(norm, self.texts[i])), None)


def _others_candidates(db: sqlite_utils.Database, norm: str, speaker_id: int) -> list[tuple[int, str]]:
    """(id, normal form) of the statements of *other* speakers that could be the same as ``norm``: from
    the full-text index, those with any two of its four longest words (a wording with fewer than two
    ASCII words: only the very same words). A cheap net: :func:`same_statement` decides."""
    words = _longest_words(norm)
    if len(words) < 2:
        return db.execute("select id, norm_text from statements where norm_text = ? and speaker_id != ?",
                          [norm, speaker_id]).fetchall()
    pairs = " OR ".join(f'("{a}" AND "{b}")' for i, a in enumerate(words) for b in words[i + 1:])
    return db.execute(
        "select statements.id, statements.norm_text from statements_fts "
        "join statements on statements.id = statements_fts.rowid "
        "where statements_fts match ? and statements.speaker_id != ? order by statements.id",
        [pairs, speaker_id]).fetchall()


@dataclass
class StatementsReport:
    """What one :func:`update_statements` run did."""

    quotes_clustered: int = 0
    statements_added: int = 0
    statements_updated: set[int] = field(default_factory=set)


def update_statements(db: sqlite_utils.Database, *, rebuild: bool = False,
                      refresh: Iterable[int] = ()) -> StatementsReport:
    """Cluster the quotes not yet in a statement and refresh the figures of the statements touched,
    in one transaction. ``rebuild`` forgets every statement first (after a change to the rules);
    ``refresh`` names statements whose conflicts must be refreshed too (those that named a speaker
    merged away)."""
    report = StatementsReport()
    with transaction(db):
        if rebuild:
            db.execute("update quotes set statement_id = null")
            db.execute("delete from statements")
        pending = db.execute(
            "select quotes.id, quotes.speaker_id, quotes.norm_text from quotes "
            "join articles on articles.id = quotes.article_id "
            "where quotes.statement_id is null and quotes.speaker_id is not null "
            "order by articles.published is null, articles.published, articles.id, quotes.start").fetchall()
        known: dict[int, _Said] = {}
        for quote_id, speaker_id, norm in pending:
            if speaker_id not in known:
                known[speaker_id] = _Said(db.execute("select id, norm_text from statements where speaker_id = ? "
                                                     "order by id", [speaker_id]).fetchall())
            statement_id = known[speaker_id].first_same(norm)
            if statement_id is None:
                statement_id = db.execute(
                    "insert into statements (speaker_id, text, norm_text, first_quote_id) "
                    "select speaker_id, text, norm_text, id from quotes where id = ?", [quote_id]).lastrowid
                known[speaker_id].add(statement_id, norm)
                report.statements_added += 1
            db.execute("update quotes set statement_id = ? where id = ?", [statement_id, quote_id])
            report.quotes_clustered += 1
            report.statements_updated.add(statement_id)
        refresh_statements(db, report.statements_updated, refresh)
    return report


def refresh_statements(db: sqlite_utils.Database, statement_ids: Iterable[int], others: Iterable[int] = ()) -> None:
    """Compute the figures and conflicts of ``statement_ids`` again, and the conflicts of the statements
    that match them, before or after, and of ``others`` (inside the caller's transaction)."""
    # A statement's wording (its first appearance) can change: those that matched the old wording must
    # drop it from their conflicts, those that match the new one add it.
    touched = set(statement_ids)
    partners = {sid for statement_id in touched for sid in _similar_statements(db, statement_id)}
    for statement_id in touched:
        _refresh_figures(db, statement_id)
    for statement_id in touched:
        partners |= _refresh_conflicts(db, statement_id)
    for statement_id in (partners | set(others)) - touched:
        _refresh_conflicts(db, statement_id)


def _outlet(outlet: str | None, url: str | None) -> str | None:
    """The outlet an article counts for: its name, else its web site's host."""
    if outlet and outlet.strip():
        return outlet.strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _refresh_figures(db: sqlite_utils.Database, statement_id: int) -> None:
    rows = db.execute(
        "select quotes.id, quotes.text, quotes.norm_text, quotes.norm_hash, articles.id, articles.outlet, "
        "articles.url, articles.published from quotes join articles on articles.id = quotes.article_id "
        "where quotes.statement_id = ? "
        "order by articles.published is null, articles.published, articles.id, quotes.start", [statement_id]).fetchall()
    first = rows[0]
    outlets = list(dict.fromkeys(o for o in (_outlet(r[5], r[6]) for r in rows) if o))
    sources, shared = _sources(db, rows, len(outlets)) if len(outlets) > 1 else (len(outlets), [])
    db.execute(
        "update statements set text = ?, norm_text = ?, first_quote_id = ?, first_article_id = ?, first_outlet = ?, "
        "first_published = ?, outlets = ?, articles = ?, quotes = ?, variants = ?, outlet_names = ?, sources = ?, "
        "syndicated = ?, updated_at = ? where id = ?",
        [first[1], first[2], first[0], first[4], _outlet(first[5], first[6]), first[7], len(outlets),
         len({r[4] for r in rows}), len(rows), len({r[3] for r in rows}), json.dumps(outlets),
         sources, json.dumps(shared), utc_now(), statement_id])


def _sources(db: sqlite_utils.Database, rows: list[tuple], outlets: int) -> tuple[int, list[list[str]]]:
    """How many independent sources carried the statement: its distinct stories (a wire report run by
    several papers is one; see syndication.py), no more than its outlets; and the outlets that printed
    each story run by more than one."""
    articles = list(dict.fromkeys((r[4], outlet) for r in rows if (outlet := _outlet(r[5], r[6]))))
    texts = dict(db.execute(f"select id, text from articles where id in ({', '.join('?' * len(articles))})",
                            [a for a, _ in articles]).fetchall())
    found = stories([texts[a] or "" for a, _ in articles], {r[1] for r in rows})
    by_story = [list(dict.fromkeys(articles[i][1] for i in story)) for story in found]
    return min(len(found), outlets), [group for group in by_story if len(group) > 1]


def _similar_statements(db: sqlite_utils.Database, statement_id: int) -> dict[int, str]:
    """{id: speaker name} of the statements of *other* speakers with the same words, by speaker name."""
    speaker_id, norm = db.execute("select speaker_id, norm_text from statements where id = ?",
                                  [statement_id]).fetchone()
    similar = [sid for sid, text in _others_candidates(db, norm, speaker_id) if same_statement(norm, text)]
    if not similar:
        return {}
    return dict(db.execute(
        "select statements.id, speakers.name from statements join speakers "
        f"on speakers.id = statements.speaker_id where statements.id in ({', '.join('?' * len(similar))}) "
        "order by speakers.name", similar).fetchall())


def _refresh_conflicts(db: sqlite_utils.Database, statement_id: int) -> set[int]:
    """Write who else is credited with the statement's words (and whether it is corroborated); their statements."""
    similar = _similar_statements(db, statement_id)
    names = list(dict.fromkeys(similar.values()))
    db.execute("update statements set conflicting_speakers = ?, "
               "corroborated = (sources >= 2 and ? = 0) where id = ?",
               [json.dumps(names), len(names), statement_id])
    return set(similar)


def list_statements(db: sqlite_utils.Database, speaker_ids: Iterable[int] | None = None,
                    corroborated_only: bool = False) -> list[dict]:
    """The statements as dicts (most widely carried first), each with its ``variants``: every wording
    printed, with the outlets that printed it."""
    where, params = [], []
    if speaker_ids is not None:
        ids = list(speaker_ids)
        where.append(f"statements.speaker_id in ({', '.join('?' * len(ids))})")
        params += ids
    if corroborated_only:
        where.append("statements.corroborated = 1")
    rows = db.query(
        "select statements.*, speakers.name as speaker from statements "
        "join speakers on speakers.id = statements.speaker_id "
        + (f"where {' and '.join(where)} " if where else "")
        + "order by statements.outlets desc, statements.first_published, statements.id", params)
    out = []
    for row in rows:
        variants: dict[str, dict] = {}
        for text, norm_hash, outlet, url, published in db.execute(
                "select quotes.text, quotes.norm_hash, articles.outlet, articles.url, articles.published "
                "from quotes join articles on articles.id = quotes.article_id where quotes.statement_id = ? "
                "order by articles.published is null, articles.published, articles.id", [row["id"]]):
            variant = variants.setdefault(norm_hash, {"text": text, "outlets": [], "first_published": published})
            name = _outlet(outlet, url)
            if name and name not in variant["outlets"]:
                variant["outlets"].append(name)
        out.append({
            "id": row["id"], "speaker": row["speaker"], "text": row["text"],
            "first_appearance": {"outlet": row["first_outlet"], "published": row["first_published"],
                                 "quote_id": row["first_quote_id"], "article_id": row["first_article_id"]},
            "outlets": json.loads(row["outlet_names"] or "[]"), "sources": row["sources"],
            "syndicated": json.loads(row["syndicated"] or "[]"), "articles": row["articles"],
            "quotes": row["quotes"], "variants": list(variants.values()),
            "conflicting_speakers": json.loads(row["conflicting_speakers"] or "[]"),
            "corroborated": bool(row["corroborated"]), "status": _status(row),
        })
    return out


def _status(row: dict) -> str:
    """corroborated (two independent sources or more, uncontested), contested (another speaker has the
    words) or single source."""
    if row["corroborated"]:
        return "corroborated"
    return "contested" if json.loads(row["conflicting_speakers"] or "[]") else "single source"
