"""How much slower is our extraction than the bare Stanza parse it builds on?

Usage (from the repository root)::

    STANZA_RESOURCES_DIR=/path/to/stanza_resources \\
        python benchmarks/extract_speed.py ARTICLES.jsonl [--limit N] [--repeat R]

``ARTICLES.jsonl`` is one JSON object per line with at least ``"id"`` and
``"text"`` (``"date"`` and other keys are optional; it is read with
:func:`attribution.article.read_articles`). ``--limit N`` keeps the first N
articles; ``--repeat R`` times everything R times and keeps, for each article and
each measurement, the best (lowest) of the R timings before summing, which
filters out bursts of noise from other processes on the machine.

What is measured, all in one process, on the same texts:

* **load** -- building the shared ``stanza.Pipeline``
  (:func:`attribution.nlp.load_pipeline`), reported on its own; then one
  warm-up call of both paths on a short text, so lazy initialisation is not
  charged to the first article.
* **bare** -- ``nlp(text)`` for each article: the Stanza parse alone.
* **ours** -- ``list(extract([article]))`` for each article: what a user
  pays, i.e. the Stanza parse *plus* conversion to our ``Document``
  (:func:`attribution.document.from_stanza`) *plus* our extraction stages.
* **convert** and **stages** -- measured separately, on the Stanza output of
  the bare run: ``from_stanza(article, parsed)`` and
  ``extract_document(doc)``. Their sum is our own cost measured directly;
  **ours - bare** is the same cost measured by difference (noisier, since it
  is the difference of two large numbers).

The two paths are interleaved article by article, and which goes first
alternates from one article (and one repeat) to the next, so neither gets a
systematically warmer cache or a quieter machine; ``gc.collect()`` runs
(untimed) before each timed call, so neither pays for collecting the garbage
the other left behind.

Figures printed:

* seconds, articles/s, chars/s for each measurement (wall clock,
  ``time.perf_counter``; chars are ``len(article.text)``);
* **overhead** = ours / bare - 1: the extra time our extraction adds on top
  of Stanza (target: at most 10%); **own cost / bare** is the same ratio
  from the direct measure (convert + stages), and a note is printed when
  the two disagree by more than 5% of bare, i.e. when the timings are noise;
* **peak RSS** = the process's maximum resident memory so far
  (``resource.getrusage(...).ru_maxrss``), which includes the models, torch
  and the largest article parsed (target: at most 2 GiB);
* the CPU count and 1-minute load average before and after: another process
  competing for the cores (torch's threads fight over them) can make every
  call many times slower and the comparison meaningless, so rerun on a
  quiet machine if the load is above the CPU count.

Targets are printed beside the figures for reading, never asserted: timings
depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

from attribution.article import Article, read_articles
from attribution.document import from_stanza
from attribution.errors import BadInput
from attribution.nlp import load_pipeline
from attribution.pipeline import MAX_NLP_CHARS, extract, extract_document

OVERHEAD_TARGET = 0.10  #: ours may take at most 10% longer than bare Stanza
RSS_TARGET_MIB = 2048  #: peak resident memory, 2 GiB

WARMUP_TEXT = 'The minister said on Tuesday that the plan "will work". Critics disagreed, according to Reuters.'


def peak_rss_mib() -> float:
    """Peak resident set size of this process, in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_average() -> str:
    """The 1-minute load average, to tell a busy machine from a slow program."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("jsonl", help="articles, one JSON object per line with id and text")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="time everything R times and keep the best per article (default 1)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def load_articles(path: str, limit: int | None) -> list[Article]:
    articles = []
    for article in read_articles([path]):
        if limit is not None and len(articles) >= limit:
            break
        if len(article.text) > MAX_NLP_CHARS:
            print(f"skipping {article.id}: {len(article.text):,} characters, more than we parse",
                  file=sys.stderr)
            continue
        articles.append(article)
    return articles


def one_run(nlp, articles: list[Article], run: int) -> dict[str, list[float]]:
    """Time bare and ours once on every article, interleaved; seconds per article per measurement."""
    times: dict[str, list[float]] = {"bare": [], "ours": [], "convert": [], "stages": []}
    for i, article in enumerate(articles):
        bare_first = (i + run) % 2 == 0
        for path in (("bare", "ours") if bare_first else ("ours", "bare")):
            gc.collect()  # neither measurement pays for collecting the other's garbage
            if path == "bare":
                t0 = time.perf_counter()
                parsed = nlp(article.text)
                t1 = time.perf_counter()
                doc = from_stanza(article, parsed)
                t2 = time.perf_counter()
                extract_document(doc)
                t3 = time.perf_counter()
                times["bare"].append(t1 - t0)
                times["convert"].append(t2 - t1)
                times["stages"].append(t3 - t2)
                del parsed, doc
            else:
                t0 = time.perf_counter()
                docs = list(extract([article]))
                times["ours"].append(time.perf_counter() - t0)
                del docs
    return times


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.2f}" if seconds > 0 else "-"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        articles = load_articles(args.jsonl, args.limit)
    except BadInput as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not articles:
        print("error: no articles to time", file=sys.stderr)
        return 2
    n_articles = len(articles)
    n_chars = sum(len(a.text) for a in articles)

    load_before = load_average()
    t0 = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    rss_after_load = peak_rss_mib()

    t0 = time.perf_counter()
    nlp(WARMUP_TEXT)
    list(extract([Article(id="warm-up", text=WARMUP_TEXT, date=None)]))
    warmup_s = time.perf_counter() - t0

    runs = []
    for run in range(args.repeat):
        times = one_run(nlp, articles, run)
        runs.append(times)
        print(f"run {run + 1}/{args.repeat}: bare {sum(times['bare']):.2f} s, ours {sum(times['ours']):.2f} s",
              file=sys.stderr)
    # Best of the runs article by article: a burst of load on the machine spoils one
    # article's timing in one run, not the whole run.
    best = {key: sum(min(r[key][i] for r in runs) for i in range(n_articles)) for key in runs[0]}
    own = best["convert"] + best["stages"]
    diff = best["ours"] - best["bare"]
    overhead = best["ours"] / best["bare"] - 1 if best["bare"] > 0 else float("nan")
    own_share = own / best["bare"] if best["bare"] > 0 else float("nan")
    peak = peak_rss_mib()
    load_after = load_average()

    print(f"extract_speed: {Path(args.jsonl).name}, {n_articles} articles, {n_chars:,} chars, "
          f"best of {args.repeat} run(s)")
    print(f"pipeline load {load_s:.2f} s (peak RSS after load {rss_after_load:,.0f} MiB), "
          f"warm-up {warmup_s:.2f} s")
    print(f"machine: {os.cpu_count()} CPU(s), load average {load_before} before, {load_after} after "
          "(a busy machine slows and blurs both timings)")
    print()
    header = f"{'measurement':<34}{'articles':>9}{'chars':>12}{'seconds':>10}{'articles/s':>14}{'chars/s':>16}"
    print(header)
    print("-" * len(header))
    rows = [
        ("bare   nlp(text)", best["bare"]),
        ("ours   extract([article])", best["ours"]),
        ("  convert  from_stanza", best["convert"]),
        ("  stages   extract_document", best["stages"]),
        ("  convert + stages (direct)", own),
        ("  ours - bare (by difference)", diff),
    ]
    for label, seconds in rows:
        print(f"{label:<34}{n_articles:>9}{n_chars:>12,}{seconds:>10.2f}"
              f"{rate(n_articles, seconds):>14}{rate(n_chars, seconds):>16}")
    print()
    noisy = best["bare"] > 0 and abs(diff - own) > OVERHEAD_TARGET / 2 * best["bare"]
    ok = lambda good: "ok" if good else "OVER"  # noqa: E731
    print(f"overhead ours/bare     {best['ours'] / best['bare']:.3f}  ({overhead:+.1%})"
          f"   target <= {OVERHEAD_TARGET:.0%}   {'noisy, see note' if noisy else ok(overhead <= OVERHEAD_TARGET)}")
    print(f"own cost / bare        {own_share:.4f}  ({own_share:+.2%})"
          f"   (convert + stages measured directly)   {ok(own_share <= OVERHEAD_TARGET)}")
    if noisy:
        print(f"note: ours - bare ({diff:+.2f} s) and convert + stages ({own:.2f} s) disagree by more than "
              f"{OVERHEAD_TARGET / 2:.0%} of bare: the timings are noisy (busy machine?); "
              "rerun with --repeat 3 on a quiet machine, or trust the direct figure")
    print(f"peak RSS               {peak:,.0f} MiB ({peak / 1024:.2f} GiB)"
          f"   target <= {RSS_TARGET_MIB / 1024:.0f} GiB   {ok(peak <= RSS_TARGET_MIB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
