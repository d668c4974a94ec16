"""Checking pasted article text for a server, off the event loop.

One worker thread per process does all the work: Stanza's pipeline is one shared object that is
not safe to use from two threads at once, so a single worker both serializes it and keeps each
SQLite connection in the thread that made it. The pipeline loads once per process
(:func:`attribution.nlp.models.load_pipeline` is cached); each database gets one read-only connection
and one :class:`~attribution.check.match.Matcher`, which notices records added while it is in use.
A check reads the text as ``attribution check -`` reads stdin, so the result is the object that
command prints for the same text and date.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import gc
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import sqlite_utils

from ..check.match import Matcher
from ..check.quotes import check_document
from ..check.verdict import Checker
from ..errors import ServerBusy
from ..extract.runner import extract
from ..nlp.models import load_pipeline
from ..store.database import connect_readonly
from ..text.article import read_articles

__all__ = ["CheckedText", "MAX_PENDING", "check_text", "warm_up"]

#: Checks running or waiting at once; more are refused at once (each can take seconds of CPU: an
#: unbounded queue would let anyone pile up minutes of work).
MAX_PENDING = 8
_pending = 0  # touched only on the event loop

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="attribution-check")
_matchers: dict[str, Matcher] = {}  # database path -> its matcher (touched only by the worker thread)


@dataclass(frozen=True)
class CheckedText:
    text: str  #: the article text the quote offsets index (line endings normalised, or HTML's main text)
    result: dict  #: what ``attribution check --format json`` gives for this article


def _matcher(db_path: str) -> Matcher:
    if db_path not in _matchers:
        _matchers[db_path] = Matcher(sqlite_utils.Database(connect_readonly(db_path)))
    return _matchers[db_path]


def _check(db_path: str, text: str, date: dt.date | None, models_dir: str | None) -> CheckedText:
    article = next(read_articles(["-"], default_date=date, stdin=io.StringIO(text)))
    doc = next(extract([article], models_dir))
    matcher = _matcher(db_path)
    return CheckedText(article.text, check_document(matcher.db, doc, Checker(matcher.db, matcher)))


async def check_text(db_path: str, text: str, date: dt.date | None = None,
                     models_dir: str | None = None) -> CheckedText:
    """Extract and check ``text`` against the records in ``db_path``, in the worker thread.

    Raises :class:`ServerBusy` when ``MAX_PENDING`` checks are already running or waiting."""
    global _pending
    if _pending >= MAX_PENDING:
        raise ServerBusy(f"{MAX_PENDING} articles are being checked already; try again in a minute, "
                         "or use `attribution check` on the command line")
    _pending += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_worker, _check, db_path, text, date, models_dir)
    finally:
        _pending -= 1


@functools.lru_cache(maxsize=None)
def _load(models_dir: str | None) -> None:
    """Load the models once; their ~400,000 objects live as long as the process, so the collector
    stops walking them (a full collection took ~180 ms, stalling every request)."""
    load_pipeline(models_dir)
    gc.freeze()


def warm_up(models_dir: str | None = None) -> None:
    """Start loading the models in the worker now, so the first check does not wait for them."""
    _worker.submit(_load, models_dir)
