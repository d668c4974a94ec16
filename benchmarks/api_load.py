"""How fast does ``attribution serve`` answer 50 concurrent clients on a 1,000,000-quote database?

Usage (from the repository root)::

    python benchmarks/api_load.py [--quotes N] [--records R] [--db PATH] [--clients C] [--requests K]
                                  [--check-requests J] [--endpoints table,facets,search,check]
                                  [--no-cache] [--seed S]

Builds a synthetic database (or reuses ``--db PATH`` when it already holds N quotes): the
speakers and R verified records of ``benchmarks/match_speed.py`` (its ``build``), then N quotes
(default 1,000,000) with the same sentence generator (``Sentences``: Zipf over function words and
pseudo-words), 20 to an article, 40 outlets, every quote with a check row; the FTS index is built
once at the end. Then it starts ``attribution serve`` (``--no-cache``: without its response
cache) on a free loopback port (a real subprocess running this checkout's code), warms it up with
one request of each kind (the first one alone is timed and printed: an uncached page), and runs C
(default 50) concurrent clients, threads with kept-alive connections, that share a fixed list of
requests, shuffled:

* **table**   -- ``/attribution/speakers.json?_shape=array&id__gt=N``, N at random (K requests);
* **facets**  -- ``/attribution/quotes.json``: the quotes table with the metadata's default facets,
  as a browser loads it (K requests);
* **search**  -- ``/attribution/quotes.json?_search=WORD`` with a word drawn from the generator (K);
* **check**   -- ``POST /-/check.json`` with a short article (J requests, default 10: Stanza is slow).

Figures printed per endpoint: requests, errors (non-200 or exceptions), p50 / p95 / p99 / max
latency in ms, and the overall throughput. Target: facets p95 ≤ 200 ms at 1M quotes.
Nothing is asserted: timings depend on the machine and its load (the load average is printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import queue
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from match_speed import Sentences, build, database_path, fts_deferred, pct  # noqa: E402

from attribution.store.database import open_db  # noqa: E402
from attribution.text.normalize import normalize_quote, quote_hash  # noqa: E402

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
    with fts_deferred(conn, "quotes"):
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
    conn.execute("pragma synchronous = normal")
    conn.execute("analyze")
    conn.execute("pragma wal_checkpoint(truncate)")
    print(f"  quotes FTS index built ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: str, port: int, cache: bool) -> subprocess.Popen:
    """``attribution serve`` from this checkout, in its own process."""
    proc = subprocess.Popen([sys.executable, "-c", "from attribution.cli import cli; cli()", "serve", "--db", path,
                             "--port", str(port)] + ([] if cache else ["--no-cache"]), cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"attribution serve exited with status {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit("attribution serve did not answer within 60 s")


def make_requests(db, args, rng: random.Random) -> list[tuple[str, str, str, dict | None]]:
    """(endpoint, method, url, JSON body) for every request, shuffled."""
    speakers = db.execute("select max(id) from speakers").fetchone()[0]
    words = [w for w in Sentences(random.Random(args.seed)).content[:20_000] if w.isascii()]
    out = []
    for _ in range(args.requests):
        out.append(("table", "GET", f"/attribution/speakers.json?_shape=array&id__gt={rng.randrange(speakers)}", None))
        out.append(("facets", "GET", "/attribution/quotes.json", None))
        out.append(("search", "GET", f"/attribution/quotes.json?_search={rng.choice(words)}", None))
    for _ in range(args.check_requests):
        out.append(("check", "POST", "/-/check.json", {"text": CHECK_ARTICLE, "date": "2025-11-10"}))
    out = [r for r in out if r[0] in args.endpoints.split(",")]
    rng.shuffle(out)
    return out


def send(conn: http.client.HTTPConnection, method: str, url: str, body: dict | None) -> int:
    """One request on a kept-alive connection; the response status."""
    data = None if body is None else json.dumps(body).encode()
    conn.request(method, url, body=data, headers={} if body is None else {"content-type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def run_clients(port: int, requests: list, clients: int) -> tuple[dict, dict, float]:
    """C client threads, each with its own keep-alive connection, take requests from one queue until it is
    empty; latencies in ms and errors per endpoint. (Threads with http.client: httpx's async pool itself
    added ~150 ms per request at 50 connections on two cores.)"""
    work: queue.SimpleQueue = queue.SimpleQueue()
    for r in requests:
        work.put(r)
    latency: dict[str, list[float]] = {}
    errors: dict[str, int] = {}

    ready = threading.Barrier(clients + 1)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.request("GET", "/-/versions.json")  # connected before the clock starts, as a browser's are kept alive
        conn.getresponse().read()
        ready.wait()
        while True:
            try:
                endpoint, method, url, body = work.get_nowait()
            except queue.Empty:
                break
            t0 = time.perf_counter()
            try:
                ok = send(conn, method, url, body) == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                ok = False
            latency.setdefault(endpoint, []).append((time.perf_counter() - t0) * 1000)
            errors[endpoint] = errors.get(endpoint, 0) + (not ok)
        conn.close()

    sys.setswitchinterval(0.0005)  # the 50 client threads share one interpreter: switch often
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    ready.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return latency, errors, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--db", help="keep the synthetic database here (reused when it already has N quotes)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint (table, facets, search)")
    ap.add_argument("--check-requests", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--endpoints", default="table,facets,search,check", help="which of them to request")
    ap.add_argument("--no-cache", action="store_true", help="serve with --no-cache (every page computed afresh)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print(f"cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")

    path, tmp = database_path(args.db, "load.db")
    if not os.path.exists(path):
        t0 = time.perf_counter()
        build(path, args.records, random.Random(args.seed))
        build_quotes(path, args.quotes, random.Random(args.seed + 1))
        print(f"built {args.quotes:,} quotes and {args.records:,} records in {time.perf_counter() - t0:.0f} s "
              f"({os.path.getsize(path) / 2**20:,.0f} MiB)")
    db = open_db(path)
    have = db["quotes"].count
    if have != args.quotes:
        sys.exit(f"{path} has {have:,} quotes, not {args.quotes:,}: give another --db")
    requests = make_requests(db, args, rng)
    db.close()

    port = free_port()
    server = start_server(path, port, cache=not args.no_cache)
    try:
        # warm up: one of each, and one check whatever is measured (the server loads the Stanza models in a
        # thread at startup, which slows everything else until it is done)
        warm = {r[0]: r for r in requests} | {"check": ("check", "POST", "/-/check.json", {"text": CHECK_ARTICLE})}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        cold = {}
        for endpoint, method, url, body in warm.values():
            t0 = time.perf_counter()
            if send(conn, method, url, body) != 200:
                sys.exit(f"warming up: {method} {url} failed")
            cold[endpoint] = (time.perf_counter() - t0) * 1000
        conn.close()
        latency, errors, elapsed = run_clients(port, requests, args.clients)
    finally:
        server.terminate()
        server.wait(30)
    print(f"\n{args.quotes:,} quotes, {args.clients} concurrent clients, response cache "
          f"{'off' if args.no_cache else 'on'}, {len(requests)} requests in "
          f"{elapsed:.1f} s ({len(requests) / elapsed:.1f} requests/s); times in ms")
    print(f"{'endpoint':9} {'requests':>8} {'errors':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} | "
          f"{'first, alone':>12}")
    for endpoint in ("table", "facets", "search", "check"):
        ms = latency.get(endpoint, [])
        if ms:
            print(f"{endpoint:9} {len(ms):8} {errors[endpoint]:6} {pct(ms, 50):8.1f} {pct(ms, 95):8.1f} "
                  f"{pct(ms, 99):8.1f} {max(ms):8.1f} | {cold[endpoint]:12.1f}")
    if "facets" in latency:
        print(f"facets p95 {pct(latency['facets'], 95):.1f} ms (target ≤ 200 ms at 1M quotes)")
    print(f"load average {os.getloadavg()[0]:.2f}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
