"""Write our extraction of a JSONL of articles in the scorer's system format.

Usage::

    STANZA_RESOURCES_DIR=... python benchmarks/dev_output.py ARTICLES.jsonl OUT.jsonl [--parse full|selective]
    python3 ../shared/eval/score.py ARTICLES.jsonl OUT.jsonl --merge-split

The output is ``attribution extract --format jsonl`` itself: the contract's
quote objects carry every field the scorer reads (spans, kind, speaker name
and mention span, cue span). ``--parse`` chooses the parse mode (default
selective, as the CLI). Scorer output stays outside the repository: the
development set is not ours to republish.
"""

from __future__ import annotations

import argparse
import sys
import time

from attribution.extract.output import write_jsonl
from attribution.extract.runner import extract
from attribution.nlp.selective import PARSE_MODES
from attribution.text.article import read_articles


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles")
    parser.add_argument("out")
    parser.add_argument("--parse", choices=PARSE_MODES, default="selective")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    n = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for doc in extract(read_articles([args.articles]), parse=args.parse):
            write_jsonl(doc, out)
            n += 1
    print(f"{n} articles in {time.perf_counter() - started:.1f} s ({args.parse} parse)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
