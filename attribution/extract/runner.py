"""Extraction as small stages over one shared Document: the table of stages, and the runner.

Each stage declares the Document fields it needs and provides, as Stanza's processors do, so
the order is checked once and a newcomer can read the data flow top to bottom: marks → direct
→ reported → carry-over → speakers → dates → scores. The rules live in the stages' modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import sqlite_utils

from ..document import Document
from ..nlp.batches import MAX_NLP_CHARS, annotate_articles
from ..text.article import Article
from .attribute import attribute_quotes
from .carryover import carry_over
from .confidence import score_quotes
from .direct import add_direct
from .marks import mark_quotes
from .reported import add_reported
from .woven import add_woven
from .said_on import date_quotes

__all__ = ["ANNOTATED", "MAX_NLP_CHARS", "STAGES", "Stage", "annotate", "extract", "extract_document"]

@dataclass(frozen=True)
class Stage:
    """One step of extraction: the Document fields it reads and fills ("quotes.speaker": that field of
    every quote), checked in order when this module loads."""

    name: str
    needs: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Document], None]


def _stage(name: str, needs: str, provides: str, run: Callable[[Document], None]) -> Stage:
    return Stage(name, frozenset(needs.split()), frozenset(provides.split()), run)


#: What an annotated Document holds before the first stage (see :mod:`attribution.nlp.batches`).
ANNOTATED = frozenset({"article", "words", "sentences", "entities", "children", "paragraphs", "depparsed"})

STAGES: tuple[Stage, ...] = (
    _stage("marks", "article words", "marks inside_marks", mark_quotes),
    _stage("direct", "words sentences children marks inside_marks",
           "quotes quotes.kind quotes.cue_word quotes.speaker_word quotes.how", add_direct),
    _stage("reported", "words sentences children marks inside_marks quotes", "quotes.cue_last", add_reported),
    _stage("woven", "words children marks inside_marks quotes", "", add_woven),
    _stage("carry-over", "quotes.kind quotes.cue_word quotes.speaker_word paragraphs", "", carry_over),
    _stage("speakers", "quotes.speaker_word quotes.cue_word quotes.cue_last entities",
           "quotes.text quotes.speaker quotes.cue", attribute_quotes),
    _stage("dates", "quotes.cue_word quotes.speaker_word quotes.how", "quotes.said_on", date_quotes),
    _stage("scores", "quotes.how quotes.kind quotes.speaker quotes.cue", "quotes.confidence", score_quotes),
)


def _check_order(stages: Iterable[Stage]) -> None:
    have = set(ANNOTATED)
    for stage in stages:
        missing = stage.needs - have
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {sorted(missing)} before it")
        have |= stage.provides


_check_order(STAGES)


def extract_document(doc: Document) -> Document:
    """Run every stage over an annotated document; its ``quotes`` are the result."""
    for stage in STAGES:
        stage.run(doc)
    return doc


def annotate(articles: Iterable[Article], models_dir: str | None = None, *, parse: str = "selective",
             cache: sqlite_utils.Database | None = None, jobs: int = 1, cluster: str | None = None
             ) -> Iterator[Document]:
    """Annotate each article with Stanza, in batches, in input order (see batches.py).

    ``parse="selective"`` parses only the sentences extraction reads (see selective.py), and gives
    the same quotes as ``"full"``; ``cache`` is a database whose annotation cache is used and
    filled; ``jobs`` > 1 parses in that many worker processes (started with multiprocessing's
    "spawn": a script that asks for them must do so under ``if __name__ == "__main__":``); ``cluster``
    parses on a Dask cluster instead (a scheduler's ``tcp://HOST:PORT``, or ``local:N``, see cluster.py).
    """
    yield from annotate_articles(articles, extract_document, models_dir=models_dir, parse=parse, cache=cache,
                                 jobs=jobs, cluster=cluster)


def extract(articles: Iterable[Article], models_dir: str | None = None, *, parse: str = "selective",
            cache: sqlite_utils.Database | None = None, jobs: int = 1, cluster: str | None = None
            ) -> Iterator[Document]:
    """Articles in, documents with their quotes out, in input order (options as for :func:`annotate`)."""
    for doc in annotate(articles, models_dir, parse=parse, cache=cache, jobs=jobs, cluster=cluster):
        yield extract_document(doc)
