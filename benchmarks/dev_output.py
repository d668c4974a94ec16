"""Write our extraction of a JSONL of articles in the scorer's system format.

Usage::

    STANZA_RESOURCES_DIR=... python benchmarks/dev_output.py ARTICLES.jsonl OUT.jsonl
    python3 ../shared/eval/score.py ARTICLES.jsonl OUT.jsonl --merge-split

The output is ``attribution extract --format jsonl`` itself: the contract's
quote objects carry every field the scorer reads (spans, kind, speaker name
and mention span, cue span). Scorer output stays outside the repository: the
development set is not ours to republish.
"""

from __future__ import annotations

import sys
import time

from attribution.article import read_articles
from attribution.output import write_jsonl
from attribution.pipeline import extract


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        raise SystemExit(__doc__)
    started = time.perf_counter()
    n = 0
    with open(argv[2], "w", encoding="utf-8") as out:
        for doc in extract(read_articles([argv[1]])):
            write_jsonl(doc, out)
            n += 1
    print(f"{n} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
