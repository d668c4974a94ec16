"""How extraction's cost grows with an article's length: it should grow in proportion.

Usage (from the repository root)::

    STANZA_RESOURCES_DIR=... python benchmarks/long_article.py [--sizes 1,2,4,8] [--threads 1]

Builds articles of 1, 2, 4, 8 ... copies of the project's fixture articles (about 19,000 characters
each copy), annotates each with Stanza (full parse) and runs the extraction stages on it, and prints
per size: characters, quotes, seconds for Stanza and for our stages, and seconds per 10,000
characters, with the ratio against the smallest size (1.0 everywhere = linear). The stages' first
run pays dateparser's one-off set-up; a warm-up article is run first so that it does not count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="copies of the fixture articles per article")
    ap.add_argument("--threads", type=int, default=1, help="torch threads")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    from attribution.extract.runner import annotate, extract_document
    from attribution.nlp.models import load_pipeline, set_threads
    from attribution.text.article import Article

    set_threads(args.threads)
    load_pipeline()
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    warm = Article(id="warm-up", text=base[:5000], date=dt.date(2025, 11, 1))
    extract_document(next(annotate([warm], parse="full")))
    print(f"load average {os.getloadavg()[0]:.2f}, {args.threads} torch thread(s)")
    print(f"{'copies':>6} {'chars':>9} {'quotes':>6} {'stanza s':>9} {'stages s':>9} {'s/10k chars':>12} {'ratio':>6}")
    first = None
    for copies in (int(n) for n in args.sizes.split(",")):
        article = Article(id=f"x{copies}", text="\n\n".join([base] * copies), date=dt.date(2025, 11, 1))
        t0 = time.perf_counter()
        doc = next(annotate([article], parse="full"))
        t1 = time.perf_counter()
        extract_document(doc)
        t2 = time.perf_counter()
        per = (t2 - t0) / len(article.text) * 10_000
        first = first or per
        print(f"{copies:6} {len(article.text):9,} {len(doc.quotes):6} {t1 - t0:9.1f} {t2 - t1:9.2f} {per:12.2f} "
              f"{per / first:6.2f}")
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
