"""Which sentences' part-of-speech tags and lemmas extraction reads, stage module by stage module.

Usage::

    STANZA_RESOURCES_DIR=... python benchmarks/tag_reads.py ARTICLES.jsonl [--limit N]

Selective tagging (tag and lemmatize only the sentences extraction reads, as
``nlp/selective.py`` does for the dependency parse) can only skip the sentences
no stage reads a tag of. This runs the real pipeline with every processor,
then extraction over words that note which sentence's ``lemma``, ``upos``,
``xpos`` or ``feats`` each module reads, and prints the shares: the ceiling
on what selective tagging could save.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from attribution.document import Document, Word
from attribution.extract.runner import annotate, extract_document
from attribution.text.article import read_articles

_TAGS = ("lemma", "upos", "xpos", "feats")


class _NotingWord(Word):
    """A word that notes, per module, which sentences' tags are read."""

    __slots__ = ("_reads", "_key")


def _noting(name: str) -> property:
    slot = Word.__dict__[name]

    def read(self):
        module = Path(sys._getframe(1).f_code.co_filename).name
        self._reads[module].add((self._key, self.sent))
        return slot.__get__(self)

    return property(read)


for _name in _TAGS:
    setattr(_NotingWord, _name, _noting(_name))


def _noting_copy(doc: Document, key: int, reads: dict[str, set]) -> Document:
    words = []
    for w in doc.words:
        copy = _NotingWord.__new__(_NotingWord)
        for name in Word.__slots__:
            Word.__dict__[name].__set__(copy, Word.__dict__[name].__get__(w))
        copy._reads, copy._key = reads, key
        words.append(copy)
    return Document(doc.article, words, doc.sentences, doc.entities, children=doc.children,
                    paragraphs=doc.paragraphs, depparsed=doc.depparsed)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    articles = list(read_articles([args.articles]))[:args.limit]
    started = time.perf_counter()
    reads: dict[str, set] = collections.defaultdict(set)
    sentences = 0
    for key, doc in enumerate(annotate(articles, parse="full")):
        extract_document(_noting_copy(doc, key, reads))
        sentences += len(doc.sentences)
    every = set().union(*reads.values())
    print(f"{len(articles)} articles, {sentences} sentences ({time.perf_counter() - started:.0f} s)")
    print(f"tags read in {len(every) / sentences:.1%} of the sentences; by module:")
    for module, read in sorted(reads.items(), key=lambda item: -len(item[1])):
        print(f"  {module:16} {len(read) / sentences:6.1%}")
    for left_out in (("reported.py",), ("reported.py", "coref.py")):
        rest = set().union(*(read for module, read in reads.items() if module not in left_out))
        print(f"without {' and '.join(left_out)}: {len(rest) / sentences:.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
