"""Does extraction keep its pace when other processes want the cores? Torch threads, idle and loaded.

Usage (from the repository root)::

    STANZA_RESOURCES_DIR=... python benchmarks/threads_under_load.py ARTICLES.jsonl [--limit 20] [--load 2]

For each setting -- 2 torch threads (the default before), 2 threads with ``OMP_WAIT_POLICY=PASSIVE``,
and 1 thread (:func:`attribution.nlp.models.threads_for`'s default now) -- a fresh process loads the
models and times ``extract`` over the articles (the load excluded), first on a quiet machine, then
with ``--load`` busy processes (pure Python loops, as other jobs on a shared server) beside it. Prints
articles/s idle and loaded, and loaded / idle (1.0: unaffected; with N busy processes on C cores a fair
share is about C / (N + 1) of the idle pace).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import time
from typing import Iterator

_CHILD = r"""
import json, sys, time
from attribution.extract.runner import extract
from attribution.nlp.models import load_pipeline, set_threads
from attribution.text.article import read_articles
threads, path, limit = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
set_threads(threads)
load_pipeline()
articles = list(read_articles([path]))[:limit]
list(extract(articles[:1]))
t = time.perf_counter()
list(extract(articles))
print(json.dumps({"seconds": time.perf_counter() - t, "articles": len(articles)}))
"""

SETTINGS = (("2 threads (before)", 2, {}), ("2 threads, OMP_WAIT_POLICY=PASSIVE", 2, {"OMP_WAIT_POLICY": "PASSIVE"}),
            ("1 thread (now)", 1, {}))


def pace(threads: int, extra_env: dict, path: str, limit: int) -> float:
    """Articles per second of ``extract`` in a fresh process with ``threads`` torch threads (load excluded)."""
    env = {**os.environ, **extra_env, "OMP_NUM_THREADS": str(threads)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(threads), path, str(limit)], env=env,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["articles"] / result["seconds"]


@contextlib.contextmanager
def busy(processes: int) -> Iterator[None]:
    """``processes`` pure-Python busy loops running beside the body, as other jobs on a shared server."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)]
    try:
        time.sleep(1)
        yield
    finally:
        for p in loops:
            p.kill()
            p.wait()


def compare(path: str, limit: int, loads: list[int], settings=SETTINGS) -> None:
    """Print articles/s idle and with each number of busy processes, per thread setting, and whether the
    loaded pace keeps at least half of a fair share (idle / (load + 1) on a machine of that many cores)."""
    cores = len(os.sched_getaffinity(0))
    print(f"cores {cores}, load average {os.getloadavg()[0]:.2f}, {limit} articles")
    print(f"{'setting':36} {'busy':>4} {'idle art/s':>10} {'loaded art/s':>12} {'loaded/idle':>11} {'target':>7}")
    for name, threads, extra in settings:
        idle = pace(threads, extra, path, limit)
        for load in loads:
            with busy(load):
                loaded = pace(threads, extra, path, limit)
            floor = 0.5 * idle / load  # the bar: at least half of the idle rate divided by the load
            print(f"{name:36} {load:>4} {idle:10.2f} {loaded:12.2f} {loaded / idle:11.2f} "
                  f"{'ok' if loaded >= floor else 'UNDER':>7}")
    print(f"load average {os.getloadavg()[0]:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jsonl")
    ap.add_argument("--limit", type=int, default=20, help="articles timed per run")
    ap.add_argument("--load", type=int, default=2, help="busy processes beside the loaded runs")
    args = ap.parse_args()
    compare(args.jsonl, args.limit, [args.load])


if __name__ == "__main__":
    main()
