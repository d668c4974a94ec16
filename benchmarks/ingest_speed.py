"""How fast the storage step of ``attribution ingest`` writes quote rows (no Stanza).

Builds a synthetic batch of extracted articles (made-up text with the
word frequencies of ``match_speed.py``'s generator, quotes with
speakers, cues and dates, as extraction produces them) and times
``attribution.ingest.store_document`` writing them to a fresh SQLite file:
one transaction per article, speakers resolved, FTS kept up to date by
triggers. Prints quote rows per second (the target is at least 20,000), and
the same with the time spent resolving speakers (``identity.resolve_speaker``,
an indexed lookup of the name's keys) left out. ``--speakers`` sets how many
distinct people the batch names: the cost of a new name must not grow with it.

    python benchmarks/ingest_speed.py                       # 500 articles x 60 quotes
    python benchmarks/ingest_speed.py --articles 2000 --quotes 40 --speakers 300
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time

from match_speed import Sentences  # this directory: the generator the matching benchmark uses

from attribution import ingest
from attribution.ingest import store_document
from attribution.model import Cue, Quote, Speaker
from attribution.store.database import open_db
from attribution.text.article import Article

CUES = [("said", "say"), ("told", "tell"), ("added", "add"), ("warned", "warn"), ("according to", "according to")]


def synthetic_batch(n_articles: int, n_quotes: int, n_speakers: int,
                    seed: int = 1) -> list[tuple[Article, list[Quote]]]:
    """Articles of "QUOTE," NAME said. paragraphs, with the Quote objects extraction would give."""
    rng = random.Random(seed)
    sentences = Sentences(rng)  # Zipf-distributed words, as in news text (the full-text index cares)
    names = [f"{rng.choice(['Aki', 'Ben', 'Chika', 'Dai', 'Emi', 'Finn'])}{i} Surname{i}" for i in range(n_speakers)]
    batch = []
    for a in range(n_articles):
        pieces, quotes, pos = [], [], 0
        cast = rng.sample(names, min(len(names), 6))  # a handful of people per article, as in news
        for _ in range(n_quotes):
            sentence = sentences.sentence().rstrip(".")
            name = rng.choice(cast)
            line = f'"{sentence}," {name} said.\n\n'
            start = pos + 1
            end = start + len(sentence) + 1
            cue_text, cue_lemma = rng.choice(CUES)
            quotes.append(Quote(
                start=start, end=end, kind=rng.choice(["direct", "mixed", "indirect"]), text=line[1:end - pos],
                speaker=Speaker(name=name, mention=name.split()[-1], start=end + 2, end=end + 2 + len(name),
                                type="PERSON", title=rng.choice([None, "Minister", "Governor"])),
                cue=Cue(text=cue_text, lemma=cue_lemma, start=end + 3 + len(name), end=end + 7 + len(name)),
                said_on=dt.date(2025, 10, 1) + dt.timedelta(days=rng.randint(0, 60)),
                confidence=rng.random()))
            pieces.append(line)
            pos += len(line)
        text = f"Article {a}\n\n" + "".join(pieces)
        shift = len(f"Article {a}\n\n")
        for q in quotes:
            q.start += shift
            q.end += shift
        batch.append((Article(id=f"synthetic-{a}", text=text, date=dt.date(2025, 11, 1), title=f"Article {a}"),
                      quotes))
    return batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--quotes", type=int, default=60, help="quotes per article")
    parser.add_argument("--speakers", type=int, default=200, help="distinct speakers over the batch")
    args = parser.parse_args()

    batch = synthetic_batch(args.articles, args.quotes, args.speakers)
    rows = sum(len(quotes) for _, quotes in batch)
    resolving = [0.0]
    resolve = ingest.resolve_speaker

    def timed_resolve(*a, **k):
        began = time.perf_counter()
        try:
            return resolve(*a, **k)
        finally:
            resolving[0] += time.perf_counter() - began

    ingest.resolve_speaker = timed_resolve
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(os.path.join(tmp, "bench.db"))
        began, began_cpu = time.perf_counter(), time.process_time()
        stored = sum(store_document(db, article, quotes, outlet="Synthetic Wire")
                     for article, quotes in batch)
        elapsed, cpu = time.perf_counter() - began, time.process_time() - began_cpu
        speakers = db["speakers"].count
        db.close()
    assert stored == rows, (stored, rows)
    print(f"stored {rows:,} quote rows ({args.articles:,} articles, {speakers:,} speakers) in {elapsed:.2f} s: "
          f"{rows / elapsed:,.0f} quote rows/s, {args.articles / elapsed:,.0f} articles/s")
    print(f"CPU time {cpu:.2f} s: {rows / cpu:,.0f} quote rows per CPU second (the wall-clock rate on a quiet "
          f"machine; lower wall-clock rates mean other processes shared the cores)")
    print(f"of which resolving speakers: {resolving[0]:.2f} s; without it: "
          f"{rows / (elapsed - resolving[0]):,.0f} quote rows/s")


if __name__ == "__main__":
    main()
