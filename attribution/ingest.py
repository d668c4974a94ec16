"""Extract articles and store them: one article, its speakers and its quotes per transaction.

An article is identified by the SHA-256 of its text (``articles.content_hash``):
one already stored is skipped before it is parsed, so re-ingesting the same
inputs adds nothing. Each new article is written in one transaction (its row,
the speakers it introduces and all its quotes), so a run that is killed or
fails midway leaves every finished article complete and no article
half-written; running it again picks up where it stopped.

After the articles, the run gives the new quotes their verdicts (``checks``,
see :func:`attribution.check.quotes.check_stored`) and puts them into statements
(:func:`attribution.store.statements.update_statements`); both steps take what is
left undone, so a killed run is finished by the next one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

import sqlite_utils

from .check.quotes import check_stored
from .errors import AttributionError, BadInput
from .extract.runner import extract
from .model import Quote
from .store.database import insert_sql, transaction, utc_now
from .store.identity import is_name, resolve_speaker
from .store.statements import update_statements
from .text.article import Article, content_hash, is_web_address
from .text.normalize import norm_hash, normalize_quote
from .text.spelling import other_spellings

__all__ = ["IngestReport", "content_hash", "ingest_articles", "quote_rows", "store_document"]

#: Quote rows per INSERT statement. One statement for many rows, not one per row: the full-text
#: trigger costs much less per row that way (about 1.35x the rows/s of executemany; benchmarks/ingest_speed.py).
_ROWS_PER_INSERT = 500


def _insert_quotes(db: sqlite_utils.Database, rows: list[tuple]) -> int:
    """Insert quote rows (a duplicate of a stored one is skipped); how many were added."""
    added = 0
    for at in range(0, len(rows), _ROWS_PER_INSERT):
        chunk = rows[at:at + _ROWS_PER_INSERT]
        added += db.conn.execute(insert_sql("quotes", rows=len(chunk), or_ignore=True),
                                 [v for row in chunk for v in row]).rowcount
    return added

#: Called once per input article when it is done: the article, and the quotes it added (None if already stored).
Progress = Callable[[Article, "int | None"], None]


@dataclass
class IngestReport:
    """What one ingest run did."""

    articles_added: int = 0
    articles_skipped: int = 0  #: already stored (same text), not parsed again
    quotes_added: int = 0
    verdicts: Counter = field(default_factory=Counter)  #: verdicts given to quotes that had none
    statements_added: int = 0  #: statements first seen in this run


def _stored(db: sqlite_utils.Database, digest: str) -> bool:
    return db.execute("select 1 from articles where content_hash = ?", [digest]).fetchone() is not None


def quote_rows(db: sqlite_utils.Database, article_id: int, quotes: Iterable[Quote]) -> list[tuple]:
    """The quotes table rows for an article's quotes, resolving (and creating) their speakers.

    Call inside the article's transaction: new speakers are part of it. Names are looked up per
    article (an indexed lookup, :func:`attribution.store.identity.resolve_speaker`), never cached across
    articles: a surname that named one person may be ambiguous by the next article.
    """
    rows, resolved = [], {}  # one lookup per person in the article (its names are already resolved by coref)
    for q in quotes:
        speaker_id = mention = title = None
        if q.speaker is not None:
            key = (q.speaker.name, q.speaker.type)
            if key not in resolved:  # a description ("officials", "they") is kept on the quote, not made a speaker
                resolved[key] = resolve_speaker(db, *key) if is_name(*key) else None
            speaker_id, mention, title = resolved[key], q.speaker.mention, q.speaker.title
        norm = normalize_quote(q.text)
        rows.append((
            article_id, speaker_id, q.text, norm, norm_hash(norm), q.kind,
            q.cue.text if q.cue else None, q.cue.lemma if q.cue else None, q.start, q.end, mention, title,
            q.said_on.isoformat() if q.said_on else None, round(q.confidence, 3),
            q.speaker.name if q.speaker else None, other_spellings(q.text),
        ))
    return rows


def _check_url(url: str | None) -> None:
    """Pages link an article's URL: only http(s) ones are stored (never a javascript: link)."""
    if url and not is_web_address(url):
        raise BadInput(f"{url!r} is not a web address: give a full http:// or https:// URL")


def store_document(db: sqlite_utils.Database, article: Article, quotes: Sequence[Quote], *,
                   outlet: str | None = None, url: str | None = None) -> int | None:
    """Write one extracted article in one transaction; the number of quotes added, or None if already stored.

    ``outlet`` and ``url`` are used when the article carries none of its own.
    """
    _check_url(url)
    digest = content_hash(article.text)
    with transaction(db):
        if _stored(db, digest):  # checked under the write lock: two runs never store it twice
            return None
        article_id = db.execute(
            insert_sql("articles"),
            [digest, article.id, article.url or url, article.title, article.outlet or outlet,
             article.date.isoformat() if article.date else None, article.text, utc_now()]).lastrowid
        return _insert_quotes(db, quote_rows(db, article_id, quotes))


def ingest_articles(db: sqlite_utils.Database, articles: Iterable[Article], *, outlet: str | None = None,
                    url: str | None = None, models_dir: str | None = None,
                    progress: Progress | None = None, jobs: int = 1, cluster: str | None = None) -> IngestReport:
    """Extract every article not yet stored and store it with its quotes, one transaction per article.

    Articles whose text is already in the database are skipped without being
    parsed. ``outlet``/``url`` fill in articles that carry none; ``progress``
    is called after each input article. An error (a bad input line, missing
    models) stops the run; the articles stored before it stay stored. Stanza's
    annotations are cached in ``db`` (see annotations.py); ``jobs`` > 1 parses
    in that many worker processes, ``cluster`` on a Dask cluster (the one writer stays here).
    """
    _check_url(url)
    report = IngestReport()

    def new_articles() -> Iterator[Article]:
        # Pulled lazily by extract, a batch at a time; a text repeated within a batch is still stored once
        # (store_document checks again under the write lock).
        for article in articles:
            if _stored(db, content_hash(article.text)):
                report.articles_skipped += 1
                if progress:
                    progress(article, None)
                continue
            yield article

    try:
        for doc in extract(new_articles(), models_dir, cache=db, jobs=jobs, cluster=cluster):
            added = store_document(db, doc.article, doc.quotes, outlet=outlet, url=url)
            if added is None:
                report.articles_skipped += 1
            else:
                report.articles_added += 1
                report.quotes_added += added
            if progress:
                progress(doc.article, added)
    except AttributionError:  # a bad input stops the run: what it stored still gets its verdicts and statements
        _finish(db, report)
        raise
    _finish(db, report)
    return report


def _finish(db: sqlite_utils.Database, report: IngestReport) -> None:
    """Verdicts for the quotes that have none, and statements for those in none (all stored quotes, so a
    run that was killed before this step is finished by the next)."""
    report.verdicts = check_stored(db, unchecked_only=True)
    report.statements_added = update_statements(db).statements_added

