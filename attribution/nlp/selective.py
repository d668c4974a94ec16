"""Selective parsing: the dependency parser runs only on the sentences extraction reads.

The dependency parser is half of Stanza's time, and most sentences of a news
article hold no speech. Every sentence is tokenized, tagged (pos), lemmatized
and NER-tagged, since the speaker resolution reads the names and tags of the
whole article; the parse is added only where extraction asks for it.

Where it asks is not guessed: extraction itself is run as a probe over the
document, with the unparsed words and sentences watching their dependency
fields (``head``, ``deprel``, ``doc.children``, ``Sentence.root``). The
sentences whose parse it read are parsed, and the probe runs again, until a
run reads no missing parse. That last run read only parsed sentences, and a
Stanza sentence is parsed the same alone as in its article (the parser works
sentence by sentence), so the extraction is exactly the one a full parse
gives: the fixtures test this (``tests/test_selective.py``). A probe costs
milliseconds; a run needs two or three probes.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable

from ..document import Document, Sentence, Word, from_stanza
from ..text.article import Article
from .models import PROCESSORS

__all__ = ["COUNTS", "PARSE_MODES", "ParseCounts", "parse_articles", "unparsed_reads"]

#: "selective" parses what extraction reads; "full" parses every sentence.
PARSE_MODES = ("selective", "full")
_FULL = PROCESSORS
_TAGGERS = PROCESSORS.replace("depparse,", "")  #: everything but the dependency parse


@dataclass
class ParseCounts:
    """What this process has given Stanza: read it to tell how much work a run did (or skipped)."""

    calls: int = 0  #: bulk calls into Stanza (one per batch and probe round)
    articles: int = 0  #: articles tokenized
    sentences: int = 0  #: sentences tokenized, tagged, lemmatized and NER-tagged
    depparsed: int = 0  #: sentences given to the dependency parser

    def copy(self) -> "ParseCounts":
        return ParseCounts(**vars(self))

    def __sub__(self, other: "ParseCounts") -> "ParseCounts":
        return ParseCounts(**{k: v - getattr(other, k) for k, v in vars(self).items()})

    def add(self, other: "ParseCounts") -> None:
        for k, v in vars(other).items():
            setattr(self, k, getattr(self, k) + v)


#: Counts for this process (each worker process of ``--jobs`` keeps its own).
COUNTS = ParseCounts()

Extractor = Callable[[Document], object]


def parse_articles(nlp, articles: list[Article], mode: str, extractor: Extractor) -> list[Document]:
    """Annotate ``articles`` in one batch of Stanza calls; ``extractor`` is what decides which
    sentences a selective parse needs (it is run as a probe, see the module docstring)."""
    if not articles:
        return []
    full = mode == "full"
    sdocs = nlp.bulk_process([a.text for a in articles], processors=_FULL if full else _TAGGERS)
    n_sentences = sum(len(d.sentences) for d in sdocs)
    COUNTS.calls += 1
    COUNTS.articles += len(articles)
    COUNTS.sentences += n_sentences
    if full:
        COUNTS.depparsed += n_sentences
        return [from_stanza(a, d) for a, d in zip(articles, sdocs)]
    done: dict[int, Document] = {}
    while True:
        todo = []
        for k, (article, sdoc) in enumerate(zip(articles, sdocs)):
            if k in done:
                continue
            doc = from_stanza(article, sdoc)
            reads = unparsed_reads(doc, extractor)
            if not reads:
                done[k] = doc
                continue
            firsts = _first_words(sdoc)
            todo.extend(sdoc.sentences[n] for n in sorted({bisect.bisect_right(firsts, i) - 1 for i in reads}))
        if not todo:
            return [done[k] for k in range(len(articles))]
        _depparse(nlp, todo)


def _first_words(sdoc) -> list[int]:
    """The index of each Stanza sentence's first word in the flattened document."""
    firsts, n = [], 0
    for sent in sdoc.sentences:
        firsts.append(n)
        n += len(sent.words)
    return firsts


def _depparse(nlp, sentences: list) -> None:
    """Parse some sentences (of any articles) in one call; Stanza writes the parse onto them."""
    from stanza.models.common.doc import Document as StanzaDocument  # Stanza loads only when parsing

    batch = StanzaDocument([])
    batch.sentences = sentences
    batch.num_words = sum(len(s.words) for s in sentences)
    batch.num_tokens = sum(len(s.tokens) for s in sentences)
    nlp.processors["depparse"].process(batch)
    COUNTS.calls += 1
    COUNTS.depparsed += len(sentences)


def unparsed_reads(doc: Document, extractor: Extractor) -> set[int]:
    """The words without a parse whose parse ``extractor`` reads on ``doc`` (for a sentence root,
    the sentence's first word). Empty: ``doc`` has all the parse extraction needs."""
    if not doc.depparsed:
        return set()
    reads: set[int] = set()
    words = [w if parsed else _watch(_WatchedWord, w, reads) for w, parsed in zip(doc.words, doc.depparsed)]
    sentences = [s if doc.depparsed[s.first] else _watch(_WatchedSentence, s, reads) for s in doc.sentences]
    probe = Document(doc.article, words, sentences, doc.entities, paragraphs=doc.paragraphs,
                     children=_WatchedChildren(doc.children, doc.depparsed, reads), depparsed=doc.depparsed)
    try:
        extractor(probe)
    except Exception:
        if not reads:
            raise  # a failure on parsed words only: a real error
        # else it ran on missing parses (every unparsed word a root without dependents): parse what it read
    return reads


def _watch(cls: type, source: object, reads: set[int]):
    """A copy of ``source`` as an instance of its watching subclass ``cls`` (filled through the base
    class's own slot descriptors: the subclass's properties shadow some of them)."""
    base = cls.__base__
    new = cls.__new__(cls)
    for name in base.__slots__:
        base.__dict__[name].__set__(new, base.__dict__[name].__get__(source))
    new._reads = reads
    return new


def _noting(base: type, name: str, at: str) -> property:
    """A property that notes the read (the object's ``at`` index) and returns ``base``'s slot ``name``."""
    slot = base.__dict__[name]

    def read(self):
        self._reads.add(getattr(self, at))
        return slot.__get__(self)

    return property(read)


class _WatchedWord(Word):
    """A word without a parse that notes when its ``head`` or ``deprel`` is read."""

    __slots__ = ("_reads",)
    head = _noting(Word, "head", "i")
    deprel = _noting(Word, "deprel", "i")


class _WatchedSentence(Sentence):
    """A sentence without a parse that notes when its ``root`` is read."""

    __slots__ = ("_reads",)
    root = _noting(Sentence, "root", "first")


class _WatchedChildren(list):
    """``doc.children`` that notes a look-up of an unparsed word's dependents."""

    def __init__(self, children: list[list[int]], depparsed: list[bool], reads: set[int]) -> None:
        super().__init__(children)
        self._depparsed = depparsed
        self._reads = reads

    def __getitem__(self, i):
        if isinstance(i, int) and not self._depparsed[i]:
            self._reads.add(i)
        return super().__getitem__(i)
