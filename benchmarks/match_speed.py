"""How fast is checking one quote against a large store of records, and does the fast path miss anything?

Usage (from the repository root)::

    python benchmarks/match_speed.py [--records N] [--queries Q] [--brute-queries B] [--db PATH] [--seed S]

Builds a synthetic store of N verified records (default 1,000,000) in a temporary
database (or in ``--db PATH``, kept and reused if it already holds N records):
sentences of 6-30 words drawn from a generated vocabulary (common English
function words, then 100,000 pseudo-words, with one Zipf distribution, so word
frequencies are roughly those of English text); about 1% of records
carry a non-ASCII word such as "café" or "ﬁnal", so the matcher's in-memory
path for text FTS5 may tokenise differently is exercised too). The records
are bulk inserted with the FTS triggers dropped, then ``records_fts`` is
rebuilt once and the triggers are restored.

Q queries (default 400) are made from random records, in equal numbers of five
kinds:

* **exact**      -- a record's text, as printed;
* **altered**    -- a record with one change: "not" removed or added, a number
  changed, a word replaced, or 2-4 words cut from the middle;
* **fragment**   -- 6-12 consecutive words of a longer record;
* **unmatched**  -- a newly generated sentence (no record is close);
* **paraphrase** -- some of a record's words shuffled, with a few others, checked
  as indirect speech (``paraphrase`` mode).

Figures printed, per kind and overall:

* **check** -- wall-clock latency of :meth:`attribution.check.verdict.Checker.verdict`,
  the whole per-quote check (exact-hash lookup, candidate search, scoring,
  fetching records, word diff), p50 / p95 / max, in ms (target: p95 ≤ 50 ms at
  1M records);
* **search** -- the candidate search and scoring alone (:meth:`Matcher.search`),
  with the mean number of candidates scored;
* **brute** -- the same search by :class:`attribution.check.match.BruteForce`, which
  scores every record (pre-encoded once, timed apart) with the same scorer and
  cutoff, on the first B queries (default: all; at 1M records each takes
  about a second); **ratio** = brute / search;
* **agreement** -- the share of those queries where both return exactly the
  same hits (record ids and scores): must be 100%;
* **peak RSS** -- ``ru_maxrss`` after the matcher runs (the brute-force scan,
  which holds every record in memory, is measured after it and reported apart).

Nothing is asserted: timings depend on the machine and its load (the load
average is printed before and after).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from attribution.check.match import BruteForce  # noqa: E402
from attribution.check.verdict import Checker  # noqa: E402
from attribution.store.database import open_db  # noqa: E402
from attribution.store.identity import name_key  # noqa: E402
from attribution.text.normalize import normalize_quote, quote_hash  # noqa: E402

FUNCTION_WORDS = """the a an to of and in that is it for on we will not be this with as are have was
our by at but from they you i he she can would should could has had been their there which who what
all more no so if do does than about into over after before when must may also its them his her us
one two three four five ten first new said just very much many some any only even every out up""".split()
ODD_WORDS = ["café", "naïve", "Zürich", "ﬁnal", "São", "Łódź", "x²", "Straße"]
KINDS = ("exact", "altered", "fragment", "unmatched", "paraphrase")


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Pronounceable pseudo-words (no dictionary needed)."""
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pl pr sl st tr ch sh th".split()
    vowels = "a e i o u ai ea ou io".split()
    codas = ["", "", "n", "r", "s", "t", "l", "nd", "st", "m"]
    words: set[str] = set()
    while len(words) < size:
        n = rng.choice((1, 2, 2, 3, 3, 4))
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(n)) + rng.choice(codas))
    return sorted(words)


class Sentences:
    """Sentences from one Zipf distribution (s = 1) over the function words, most frequent first, then
    ``vocab_size`` pseudo-words: as in English text, "the" is about 7% of the words and the commonest
    content word well under 0.1%."""

    def __init__(self, rng: random.Random, vocab_size: int = 100_000) -> None:
        self.rng = rng
        self.content = vocabulary(rng, vocab_size)
        self.vocab = FUNCTION_WORDS + [w for w in self.content if w not in set(FUNCTION_WORDS)]
        total, self.cum = 0.0, []
        for i in range(len(self.vocab)):
            total += 1 / (i + 1)
            self.cum.append(total)

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def sentence(self) -> str:
        rng = self.rng
        words = self.words(rng.randint(6, 30))
        if rng.random() < 0.3:
            words[rng.randrange(1, len(words))] += ","
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), "don’t")
        if rng.random() < 0.01:
            words[rng.randrange(len(words))] = rng.choice(ODD_WORDS)
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
        return " ".join(words).capitalize() + "."


@contextlib.contextmanager
def fts_deferred(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Bulk inserts into ``table`` without its full-text triggers, then one rebuild of ``TABLE_fts``
    and the triggers back: much faster than keeping the index up to date row by row."""
    triggers = [sql for (sql,) in conn.execute(
        "select sql from sqlite_master where type = 'trigger' and tbl_name = ?", [table])]
    with conn:
        for suffix in ("ai", "ad", "au"):
            conn.execute(f"drop trigger if exists {table}_{suffix}")
    yield
    with conn:
        conn.execute(f"insert into {table}_fts({table}_fts) values ('rebuild')")
        for sql in triggers:
            conn.execute(sql)


def build(path: str, n: int, rng: random.Random) -> None:
    """N synthetic records, bulk inserted, FTS index built once."""
    db = open_db(path)
    conn = db.conn
    gen = Sentences(rng)
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -200000")
    speakers = 2000
    with conn:
        names = [(i, f"Speaker {i:04d} {gen.content[i].title()}") for i in range(1, speakers + 1)]
        conn.executemany("insert into speakers (id, name, type, aliases, key, surname) "
                         "values (?, ?, 'PERSON', '[]', ?, ?)",
                         [(i, name, name_key(name), name_key(name).split()[-1]) for i, name in names])
        conn.executemany("insert into speaker_aliases (alias_key, speaker_id) values (?, ?)",
                         [(name_key(name), i) for i, name in names])
    with fts_deferred(conn, "records"):
        start = dt.date(2020, 1, 1).toordinal()
        done, t0 = 0, time.perf_counter()
        while done < n:
            batch = []
            for _ in range(min(50_000, n - done)):
                text = gen.sentence()
                norm = normalize_quote(text)
                batch.append((rng.randint(1, speakers), text, norm, quote_hash(text),
                              dt.date.fromordinal(start + rng.randrange(2190)).isoformat(),
                              f"https://records.example.org/{done + len(batch)}"))
            with conn:
                conn.executemany("insert or ignore into records (speaker_id, text, norm_text, norm_hash, said_on, "
                                 "source_url) values (?, ?, ?, ?, ?, ?)", batch)
            done += len(batch)
            print(f"  inserted {done:,} records ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    conn.execute("pragma synchronous = normal")
    conn.execute("pragma wal_checkpoint(truncate)")
    print(f"  FTS index built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


def make_queries(db, count: int, rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(kind, mode, text, speaker name) for ``count`` queries, kinds in turn."""
    top = db.execute("select max(id) from records").fetchone()[0]
    gen = Sentences(random.Random(rng.random()))
    out = []
    while len(out) < count:
        kind = KINDS[len(out) % len(KINDS)]
        row = db.execute("select r.text, s.name from records r join speakers s on s.id = r.speaker_id "
                         "where r.id = ?", (rng.randint(1, top),)).fetchone()
        if row is None:
            continue
        text, speaker = row
        words = text.rstrip(".").split()
        if kind == "exact":
            out.append((kind, "quote", text, speaker))
        elif kind == "altered":
            change = rng.choice(("negation", "number", "word", "cut"))
            if change == "negation":
                if "not" in words:
                    words.remove("not")
                else:
                    words.insert(rng.randrange(1, len(words)), "not")
            elif change == "number":
                nums = [i for i, w in enumerate(words) if w.strip(",").isdigit()]
                i = rng.choice(nums) if nums else rng.randrange(len(words))
                words[i] = str(rng.randint(2, 2000))
            elif change == "word":
                words[rng.randrange(len(words))] = gen.words(1)[0]
            elif len(words) > 10:
                i = rng.randrange(2, len(words) - 6)
                del words[i:i + rng.randint(2, 4)]
            else:  # not at either end, which would leave a verified fragment
                del words[rng.randrange(1, len(words) - 1)]
            out.append((kind, "quote", " ".join(words) + ".", speaker))
        elif kind == "fragment":
            if len(words) < 14:
                continue
            k = rng.randint(6, 12)
            i = rng.randrange(0, len(words) - k)
            out.append((kind, "quote", " ".join(words[i:i + k]), speaker))
        elif kind == "unmatched":
            out.append((kind, "quote", gen.sentence(), speaker))
        else:
            keep = rng.sample(words, max(3, int(len(words) * rng.uniform(0.6, 0.9))))
            out.append((kind, "paraphrase", " ".join(keep + gen.words(rng.randint(1, 3))), speaker))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def database_path(given: str | None, name: str) -> tuple[str, tempfile.TemporaryDirectory | None]:
    """Where the synthetic database goes: --db, else a temporary directory (returned, to keep it alive)."""
    if given:
        return given, None
    tmp = tempfile.TemporaryDirectory()
    return os.path.join(tmp.name, name), tmp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=400)
    ap.add_argument("--brute-queries", type=int, default=None, help="how many queries to also run brute force on")
    ap.add_argument("--db", help="keep the synthetic database here (reused when it already has N records)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")

    path, tmp = database_path(args.db, "records.db")
    db = open_db(path)
    have = db["records"].count
    if have != args.records:
        if have:
            sys.exit(f"{path} has {have:,} records, not {args.records:,}: give another --db")
        t0 = time.perf_counter()
        build(path, args.records, random.Random(args.seed))
        print(f"built {args.records:,} records in {time.perf_counter() - t0:.1f} s "
              f"({os.path.getsize(path) / 2**20:,.0f} MiB)")
        db = open_db(path)
    n_records = db["records"].count
    queries = make_queries(db, args.queries, rng)

    t0 = time.perf_counter()
    checker = Checker(db)
    matcher = checker.matcher
    print(f"matcher ready in {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"({sum(len(v) for v in matcher._unsafe.values())} unsafe word entries)")
    for kind, mode, text, speaker in queries[:10]:  # warm the caches
        checker.verdict(text, "indirect" if mode == "paraphrase" else "direct", speaker)

    check_ms: dict[str, list[float]] = {k: [] for k in KINDS}
    search_ms: dict[str, list[float]] = {k: [] for k in KINDS}
    cands: dict[str, list[int]] = {k: [] for k in KINDS}
    verdicts: dict[str, dict[str, int]] = {k: {} for k in KINDS}
    results = []
    for kind, mode, text, speaker in queries:
        t0 = time.perf_counter()
        v = checker.verdict(text, "indirect" if mode == "paraphrase" else "direct", speaker)
        check_ms[kind].append((time.perf_counter() - t0) * 1000)
        verdicts[kind][v.verdict] = verdicts[kind].get(v.verdict, 0) + 1
        before = matcher.stats["candidates"]
        t0 = time.perf_counter()
        hits = matcher.search(text, mode)
        search_ms[kind].append((time.perf_counter() - t0) * 1000)
        cands[kind].append(matcher.stats["candidates"] - before)
        results.append(hits)
    rss_matcher = rss_mib()

    nb = len(queries) if args.brute_queries is None else min(args.brute_queries, len(queries))
    t0 = time.perf_counter()
    brute = BruteForce(db)
    brute_load = time.perf_counter() - t0
    brute_ms: dict[str, list[float]] = {k: [] for k in KINDS}
    agree = 0
    for (kind, mode, text, _), hits in zip(queries[:nb], results[:nb]):
        t0 = time.perf_counter()
        expected = brute.search(text, mode)
        brute_ms[kind].append((time.perf_counter() - t0) * 1000)
        if expected == hits:
            agree += 1
        else:
            print(f"DISAGREE ({kind}): {text!r}: matcher {len(hits)} hits, brute force {len(expected)}")

    print(f"\n{n_records:,} records, {len(queries)} queries; times in ms")
    print(f"{'kind':11} {'check p50':>9} {'p95':>7} {'max':>7} | {'search p50':>10} {'p95':>7} {'cands':>7} | "
          f"{'brute mean':>10} {'ratio':>7} | verdicts")
    for kind in KINDS + ("all",):
        cm = sum(check_ms.values(), []) if kind == "all" else check_ms[kind]
        sm = sum(search_ms.values(), []) if kind == "all" else search_ms[kind]
        cc = sum(cands.values(), []) if kind == "all" else cands[kind]
        bm = sum(brute_ms.values(), []) if kind == "all" else brute_ms[kind]
        vd = "" if kind == "all" else ", ".join(f"{k} {n}" for k, n in sorted(verdicts[kind].items()))
        b = statistics.mean(bm) if bm else float("nan")
        print(f"{kind:11} {pct(cm, 50):9.1f} {pct(cm, 95):7.1f} {max(cm):7.1f} | {pct(sm, 50):10.1f} "
              f"{pct(sm, 95):7.1f} {statistics.mean(cc):7.0f} | {b:10.1f} {b / statistics.mean(sm):7.0f} | {vd}")
    print(f"\nagreement with brute force: {agree}/{nb} queries ({100 * agree / max(nb, 1):.1f}%)")
    print(f"check p95 {pct(sum(check_ms.values(), []), 95):.1f} ms (target ≤ 50 ms at 1M records)")
    print(f"matcher: {matcher.stats['fts']} single FTS queries, {matcher.stats['count']} per-group counts, "
          f"{matcher.stats['scans']} full scans")
    print(f"peak RSS after the matcher runs: {rss_matcher:,.0f} MiB; after the brute-force scan "
          f"(loaded in {brute_load:.1f} s): {rss_mib():,.0f} MiB")
    print(f"load average {os.getloadavg()[0]:.2f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
