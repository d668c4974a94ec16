"""How fast does ``attribution serve`` answer 50 concurrent clients on a 1,000,000-quote database?

Usage (from the repository root)::

    python benchmarks/api_load.py [--quotes N] [--records R] [--db PATH] [--clients C] [--requests K]
                                  [--check-requests J] [--seed S]

Builds a synthetic database (or reuses ``--db PATH`` when it already holds N quotes): the
speakers and R verified records of ``benchmarks/match_speed.py`` (its ``build``), then N quotes
(default 1,000,000) with the same sentence generator (``Sentences``: Zipf over function words and
pseudo-words), 20 to an article, 40 outlets, every quote with a check row; the FTS index is built
once at the end. Then it starts ``attribution serve`` on a free loopback port (a real subprocess,
the installed command's code from this checkout) and runs C (default 50) concurrent httpx clients
that share a fixed list of requests, shuffled:

* **table**   -- ``/attribution/speakers.json?_shape=array`` (K requests);
* **facets**  -- ``/attribution/quotes.json`` with the metadata's default facets, as a browser would
  load the quotes table (K requests, pages at random offsets by ``_next``-free sorting);
* **search**  -- ``/attribution/quotes.json?_search=WORD`` with a word drawn from the generator (K);
* **check**   -- ``POST /-/check.json`` with a short article (J requests, default 10: Stanza is slow).

Figures printed per endpoint: requests, errors (non-2xx or exceptions), p50 / p95 / p99 / max
latency in ms, and the overall throughput. Target: facets p95 ≤ 200 ms at 1M quotes.
Nothing is asserted: timings depend on the machine and its load (the load average is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_speed import Sentences, build, pct  # noqa: E402

from attribution.normalize import normalize_quote, quote_hash  # noqa: E402
from attribution.store import open_db  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUOTES_PER_ARTICLE = 20
OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
KINDS = (("direct", 6), ("mixed", 1), ("indirect", 3))
CUES = (("said", "say"), ("told", "tell"), ("added", "add"), ("warned", "warn"), ("wrote", "write"),
        ("according to", "according to"))
VERDICTS = (("unverified", 70), ("verified", 20), ("altered", 6), ("misattributed", 4))
CHECK_ARTICLE = ('"We will not raise ferry fares this winter, because families on the islands have already '
                 'paid enough," Mayor Elena Marsh said on Monday.\n\nThe council said the new terminal would '
                 'open in March.\n')


def build_quotes(path: str, n: int, rng: random.Random) -> None:
    """N synthetic quotes (with articles and checks) on top of match_speed's speakers and records."""
    db = open_db(path)
    conn = db.conn
    gen = Sentences(rng)
    speakers = conn.execute("select max(id) from speakers").fetchone()[0]
    records = conn.execute("select max(id) from records").fetchone()[0] or 0
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -200000")
    triggers = [sql for (sql,) in conn.execute(
        "select sql from sqlite_master where type = 'trigger' and tbl_name = 'quotes'")]
    with conn:
        for name in ("quotes_ai", "quotes_ad", "quotes_au"):
            conn.execute(f"drop trigger if exists {name}")
    start = dt.date(2020, 1, 1).toordinal()
    kinds, kind_w = zip(*KINDS)
    verdicts, verdict_w = zip(*VERDICTS)
    done, t0 = 0, time.perf_counter()
    while done < n:
        size = min(50_000, n - done)
        articles, quotes, checks = [], [], []
        first_article = done // QUOTES_PER_ARTICLE + 1
        for a in range(first_article, first_article + size // QUOTES_PER_ARTICLE):
            published = dt.date.fromordinal(start + rng.randrange(2190)).isoformat()
            articles.append((a, f"synthetic-{a}", f"Synthetic article {a}", rng.choice(OUTLETS), published,
                             f"Synthetic article {a}.", f"https://news.example.org/{a}"))
            for i in range(QUOTES_PER_ARTICLE):
                text = gen.sentence()
                qid = done + len(quotes) + 1
                cue, lemma = rng.choice(CUES)
                quotes.append((qid, a, min(speakers, int(rng.paretovariate(1.2))), text, normalize_quote(text),
                               quote_hash(text), rng.choices(kinds, kind_w)[0], cue, lemma, i * 1000,
                               i * 1000 + len(text), published, round(rng.uniform(0.3, 1.0), 2)))
                verdict = rng.choices(verdicts, verdict_w)[0]
                checks.append((qid, None if verdict == "unverified" or not records else rng.randint(1, records),
                               verdict, 0.0 if verdict == "unverified" else round(rng.uniform(75, 100), 1)))
        with conn:
            conn.executemany("insert into articles (id, content_hash, title, outlet, published, text, url) "
                             "values (?, ?, ?, ?, ?, ?, ?)", articles)
            conn.executemany('insert into quotes (id, article_id, speaker_id, text, norm_text, norm_hash, kind, cue, '
                             'cue_lemma, start, "end", said_on, confidence) '
                             'values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', quotes)
            conn.executemany("insert into checks (quote_id, record_id, verdict, score) values (?, ?, ?, ?)", checks)
        done += len(quotes)
        print(f"  inserted {done:,} quotes ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    with conn:
        conn.execute("insert into quotes_fts(quotes_fts) values ('rebuild')")
        for sql in triggers:
            conn.execute(sql)
    conn.execute("pragma synchronous = normal")
    conn.execute("analyze")
    conn.execute("pragma wal_checkpoint(truncate)")
    print(f"  quotes FTS index built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
