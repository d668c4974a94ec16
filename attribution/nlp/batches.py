"""Articles to annotated documents, in input order: the annotation cache first, then Stanza in
batches, in this process, in worker processes, or on a Dask cluster (cluster.py).

Stanza is faster on many sentences per call than on one article at a time
(about 10% on the development set: its models run batched matrix products),
so articles are grouped up to :data:`BATCH_CHARS` characters. With ``jobs`` > 1 each batch
goes to one of ``jobs`` worker processes, each with its own pipeline and
``threads_for(jobs)`` torch threads, and a few batches are kept in flight;
documents still come out in input order. An input error (a malformed line,
a text too long) stops the run only after every article before it has come
out, so ``ingest`` stores all of them.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import sqlite_utils

from ..document import Document
from ..errors import AttributionError, BadInput
from ..text.article import Article
from . import selective
from .annotation_cache import AnnotationCache, decode, encode
from .models import check_models, load_pipeline, set_threads, threads_for
from .selective import PARSE_MODES, Extractor, parse_articles, unparsed_reads

__all__ = ["BATCH_ARTICLES", "BATCH_CHARS", "MAX_NLP_CHARS", "annotate_articles", "parsed_for_sending", "received"]

#: Characters per Stanza call: about ten news articles, enough to fill Stanza's own batches while
#: output still streams.
BATCH_CHARS = 50_000
#: Articles per Stanza call at most (short articles).
BATCH_ARTICLES = 32
#: Longest article we parse: past this Stanza takes many minutes and gigabytes, so we refuse clearly.
MAX_NLP_CHARS = 1_000_000


def annotate_articles(articles: Iterable[Article], extractor: Extractor, *, models_dir: str | None = None,
                      parse: str = "selective", cache: sqlite_utils.Database | None = None,
                      jobs: int = 1, cluster: str | None = None) -> Iterator[Document]:
    """Annotate every article (see the module docstring); ``extractor`` decides what a selective
    parse needs, ``cache`` is a database whose ``annotations`` table is read and filled; ``cluster``
    (a Dask scheduler's address, or ``local:N``) parses there instead (see cluster.py)."""
    if parse not in PARSE_MODES:
        raise BadInput(f"unknown parse mode {parse!r}: use one of {', '.join(PARSE_MODES)}")
    if jobs < 1:
        raise BadInput(f"--jobs must be at least 1, not {jobs}")
    if cluster and jobs > 1:
        raise BadInput("--jobs and --cluster do not go together: a cluster's workers are its own")
    store = AnnotationCache(cache, check_models(models_dir), parse) if cache is not None else None
    parser = _parser(extractor, models_dir, parse, jobs, cluster)
    pending: collections.deque = collections.deque()  # (batch, cached docs, parse in flight)
    try:
        batches = _batches(articles)
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                break
            except Exception:
                while pending:  # everything before the bad input comes out first
                    yield from _finish(*pending.popleft(), store)
                raise
            cached = [_from_cache(store, a, extractor) for a in batch]
            pending.append((batch, cached, parser.submit([a for a, d in zip(batch, cached) if d is None])))
            while len(pending) > parser.in_flight:
                yield from _finish(*pending.popleft(), store)
        while pending:
            yield from _finish(*pending.popleft(), store)
    finally:
        parser.close()


def _parser(extractor: Extractor, models_dir: str | None, parse: str, jobs: int, cluster: str | None):
    """Where batches are parsed: this process, ``jobs`` worker processes, or a Dask cluster."""
    if cluster:
        from .cluster import ClusterParser  # Dask loads only when a cluster is asked for

        return ClusterParser(cluster, extractor, models_dir, parse)
    return _Workers(extractor, models_dir, parse, jobs) if jobs > 1 else _InProcess(extractor, models_dir, parse)


def _from_cache(store: AnnotationCache | None, article: Article, extractor: Extractor) -> Document | None:
    """The cached annotations, unless a selective row lacks a parse this extraction reads."""
    doc = store.get(article) if store is not None else None
    if doc is not None and unparsed_reads(doc, extractor):
        return None
    return doc


def _finish(batch: list[Article], cached: list[Document | None], result, store: AnnotationCache | None
            ) -> Iterator[Document]:
    """The batch's documents in order, cached or parsed; then the parsed ones go into the cache."""
    parsed = iter(result())
    fresh = []
    for doc in cached:
        if doc is None:
            doc = next(parsed)
            fresh.append(doc)
        yield doc
    if store is not None:
        store.put(fresh)


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Articles grouped for Stanza; on an input error the articles before it come out first."""
    batch: list[Article] = []
    size = 0
    iterator = iter(articles)
    while True:
        try:
            article = next(iterator)
            if len(article.text) > MAX_NLP_CHARS:
                raise BadInput(f"{article.id}: article has {len(article.text):,} characters, more than the "
                               f"{MAX_NLP_CHARS:,} we parse: split it into smaller articles")
        except StopIteration:
            break
        except Exception:
            if batch:
                yield batch
            raise
        if batch and (size + len(article.text) > BATCH_CHARS or len(batch) >= BATCH_ARTICLES):
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


class _InProcess:
    """Parse in this process, with the shared pipeline, one batch at a time."""

    in_flight = 0

    def __init__(self, extractor: Extractor, models_dir: str | None, parse: str) -> None:
        self.extractor, self.models_dir, self.parse = extractor, models_dir, parse

    def submit(self, articles: list[Article]):
        docs = parse_articles(load_pipeline(self.models_dir), articles, self.parse, self.extractor) if articles else []
        return lambda: docs

    def close(self) -> None:
        pass


_WORKER_DIED = AttributionError("a parsing worker process died (killed, or out of memory?): run again with "
                                "fewer --jobs; articles already stored are kept")


class _Workers:
    """Parse in ``jobs`` worker processes, each with its own pipeline; a few batches in flight each."""

    def __init__(self, extractor: Extractor, models_dir: str | None, parse: str, jobs: int) -> None:
        self.in_flight = 2 * jobs
        check_models(models_dir)  # a clear error now, not from every worker
        self.start = (jobs, (extractor, models_dir, parse, threads_for(jobs)))
        self.pool = None  # started with the first batch to parse: none when the cache has everything

    def submit(self, articles: list[Article]):
        if not articles:
            return lambda: []
        if self.pool is None:
            jobs, initargs = self.start
            # spawn, not fork: a forked copy of a process that has run torch can hang in its thread pool.
            # An executor, not multiprocessing.Pool: when a worker dies (killed, out of memory) its
            # futures fail with BrokenProcessPool instead of waiting for ever.
            self.pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_start, initargs=initargs)
        try:
            pending = self.pool.submit(_worker_parse, articles)
        except BrokenProcessPool:
            raise _WORKER_DIED from None

        def result() -> list[Document]:
            try:
                blobs, counts = pending.result()
            except BrokenProcessPool:
                raise _WORKER_DIED from None
            return received(articles, blobs, counts)
        return result

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


_WORKER: dict = {}


def _worker_start(extractor: Extractor, models_dir: str | None, parse: str, threads: int) -> None:
    """Set up a worker; its pipeline is loaded with its first batch (an error raised here would only
    say the pool broke; one raised by a task reaches the caller as it is)."""
    set_threads(threads)
    _WORKER.update(extractor=extractor, models_dir=models_dir, parse=parse, threads=threads)


def _worker_parse(articles: list[Article]) -> tuple[list[bytes], selective.ParseCounts]:
    nlp = load_pipeline(_WORKER["models_dir"])
    set_threads(_WORKER["threads"])  # building the pipeline sets the one-process default
    return parsed_for_sending(nlp, articles, _WORKER["parse"], _WORKER["extractor"])


def parsed_for_sending(nlp, articles: list[Article], parse: str, extractor: Extractor
                       ) -> tuple[list[bytes], selective.ParseCounts]:
    """In a worker (a process of --jobs, or a Dask worker): a batch parsed, as compressed annotations,
    with the work it took."""
    before = selective.COUNTS.copy()
    docs = parse_articles(nlp, articles, parse, extractor)
    return [encode(d) for d in docs], selective.COUNTS - before


def received(articles: list[Article], blobs: list[bytes], counts: selective.ParseCounts) -> list[Document]:
    """Back in this process: a worker's batch as documents; the work done for us counts as ours."""
    selective.COUNTS.add(counts)
    return [decode(a, blob) for a, blob in zip(articles, blobs)]
