"""Extraction as small stages over one shared Document.

Each stage declares what it needs and what it provides, as Stanza's
processors do, so the order is checked once and a newcomer can read the data
flow top to bottom: marks → direct → reported → speakers → dates → scores.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import sqlite_utils

from ..document import Document
from ..model import Cue
from ..nlp.batches import MAX_NLP_CHARS, annotate_articles
from ..text.article import Article
from ..text.quote_marks import find_quotes
from .confidence import confidence
from .coref import Resolver
from .direct import find_direct
from .reported import find_reported
from .said_on import said_on

__all__ = ["MAX_NLP_CHARS", "STAGES", "Stage", "annotate", "extract", "extract_document"]

@dataclass(frozen=True)
class Stage:
    name: str
    needs: frozenset[str]
    provides: frozenset[str]
    run: Callable[[Document], None]


def _marks(doc: Document) -> None:
    doc.marks = find_quotes(doc.text)
    doc.inside_marks = [False] * len(doc.words)
    ends = [w.end for w in doc.words]
    for m in doc.marks:  # a word overlapping the content is inside, even one glued to its mark ("''It")
        i = bisect.bisect_right(ends, m.start)
        while i < len(doc.words) and doc.words[i].start < m.end:
            doc.inside_marks[i] = True
            i += 1


def _direct(doc: Document) -> None:
    doc.quotes = find_direct(doc)


def _reported(doc: Document) -> None:
    """Indirect speech, merged with the direct quotes: one attribution per stretch of text."""
    quotes = list(doc.quotes)
    for cand in sorted(find_reported(doc), key=lambda q: q.start - q.end):
        overlapping = [q for q in quotes if q.start < cand.end and cand.start < q.end]
        if any(q.cue_word == cand.cue_word and q.kind == "direct" for q in quotes) and not overlapping:
            continue  # the cue already introduces a direct quote: '"...," said Dan Conston, a senior adviser'
        if not overlapping:
            quotes.append(cand)
            continue
        inner = [q for q in overlapping if q.kind == "direct" and cand.start <= q.start and q.end <= cand.end
                 and not _opens_sentence(doc, q.start)]
        if inner and len(inner) == len(overlapping) and _words_outside_marks(doc, cand) >= 1:
            for q in inner:  # 'X said Japan will "fundamentally reinforce" its defences'
                quotes.remove(q)
            cand.kind = "mixed"
            quotes.append(cand)
    for q in quotes:
        if q.kind == "indirect" and any(m.start < q.end and q.start < m.end for m in doc.marks):
            q.kind = "mixed"
    doc.quotes = sorted(quotes, key=lambda q: q.start)


def _carry_over(doc: Document) -> None:
    """A quote that opens its sentence with no cue continues the statement just before it."""
    previous = None
    for q in doc.quotes:
        para = doc.paragraph_at(q.start)
        if (q.kind == "direct" and q.cue_word is None and q.speaker_word is None and previous is not None
                and doc.paragraph_at(previous.start) >= para - 1 and _opens_sentence(doc, q.start)):
            q.speaker_word, q.how = previous.speaker_word, "carryover"
            if doc.paragraph_at(previous.start) == para:  # '"A," he said. "B."': one statement, one cue
                q.cue_word, q.how = previous.cue_word, "split"
        elif q.kind == "direct" and q.speaker_word is None and q.cue_word is None and para > 0:
            q.speaker_word = _topic_of_paragraph(doc, para - 1)
            q.how = "context" if q.speaker_word is not None else q.how
        if q.speaker_word is not None:
            previous = q


def _topic_of_paragraph(doc: Document, para: int) -> int | None:
    """The person a quote paragraph with no cue is most likely by: the subject of the paragraph before
    ("Rubio also had strong views on the situation.¶“If my campaign ...”")."""
    start, end = doc.paragraphs[para]
    sents = [s for s in doc.sentences if start <= s.start < end]
    if not sents or sents[-1].root is None:
        return None
    for c in doc.children[sents[-1].root]:
        w = doc.words[c]
        if w.deprel.startswith("nsubj") and not doc.inside_marks[c] and (
                w.upos in ("PROPN", "PRON") or doc.entity_at(c) is not None):
            return c
    return None


_OPENING_MARKS = {"", '"', "“", "‘", "'", "«", "„"}


def _opens_sentence(doc: Document, char: int) -> bool:
    """Whether a quote begins its sentence ('"A," he said. "B."': B continues A)."""
    first = next((s for s in doc.sentences if s.end > char), None)
    return first is not None and doc.text[first.start:char].strip() in _OPENING_MARKS


def _words_outside_marks(doc: Document, quote) -> int:
    return sum(1 for w in doc.words if quote.start <= w.start and w.end <= quote.end
               and not doc.inside_marks[w.i] and any(ch.isalnum() for ch in w.text))


def _speakers(doc: Document) -> None:
    resolver = Resolver(doc)
    for q in doc.quotes:
        q.text = doc.text[q.start:q.end]
        if q.speaker_word is not None:
            q.speaker = resolver.speaker(q.speaker_word)
        if q.cue_word is not None:
            q.cue = _cue(doc, q.cue_word, q.cue_last if q.cue_last is not None else q.cue_word)


def _cue(doc: Document, first: int, last: int) -> Cue:
    """The cue as written, and its lemma: "said" → say; "expressed confidence" → express confidence."""
    words = doc.words[first:last + 1]
    if words[0].lower == "according":
        lemma = "according to"
    else:
        lemma = " ".join([words[0].lemma] + [w.lemma for w in words[1:] if w.upos not in ("DET", "PRON")])
    return Cue(text=doc.text[words[0].start:words[-1].end], lemma=lemma, start=words[0].start, end=words[-1].end)


def _dates(doc: Document) -> None:
    last_said: dict[int, object] = {}  # speaker word -> the date of its latest statement
    for q in doc.quotes:
        if q.how in ("carryover", "split") and q.speaker_word in last_said:
            q.said_on = last_said[q.speaker_word]
        else:
            q.said_on = said_on(doc, q.cue_word, doc.article.date, content=(q.start, q.end))
        if q.speaker_word is not None:
            last_said[q.speaker_word] = q.said_on


def _scores(doc: Document) -> None:
    for q in doc.quotes:
        q.confidence = confidence(doc, q)


STAGES: tuple[Stage, ...] = (
    Stage("marks", frozenset({"parse"}), frozenset({"marks"}), _marks),
    Stage("direct", frozenset({"parse", "marks"}), frozenset({"quotes"}), _direct),
    Stage("reported", frozenset({"parse", "marks", "quotes"}), frozenset({"indirect"}), _reported),
    Stage("carry-over", frozenset({"indirect"}), frozenset({"carry-over"}), _carry_over),
    Stage("speakers", frozenset({"parse", "entities", "carry-over"}), frozenset({"speakers"}), _speakers),
    Stage("dates", frozenset({"speakers"}), frozenset({"said_on"}), _dates),
    Stage("scores", frozenset({"speakers", "said_on"}), frozenset({"confidence"}), _scores),
)


def _check_order(stages: Iterable[Stage]) -> None:
    have = {"parse", "entities"}
    for stage in stages:
        missing = stage.needs - have
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {sorted(missing)} before it")
        have |= stage.provides


_check_order(STAGES)


def extract_document(doc: Document) -> Document:
    """Run every stage over an annotated document; its ``quotes`` are the result."""
    for stage in STAGES:
        stage.run(doc)
    return doc


def annotate(articles: Iterable[Article], models_dir: str | None = None, *, parse: str = "selective",
             cache: sqlite_utils.Database | None = None, jobs: int = 1) -> Iterator[Document]:
    """Annotate each article with Stanza, in batches, in input order (see batches.py).

    ``parse="selective"`` parses only the sentences extraction reads (see selective.py), and gives
    the same quotes as ``"full"``; ``cache`` is a database whose annotation cache is used and
    filled; ``jobs`` > 1 parses in that many worker processes (started with multiprocessing's
    "spawn": a script that asks for them must do so under ``if __name__ == "__main__":``).
    """
    yield from annotate_articles(articles, extract_document, models_dir=models_dir, parse=parse, cache=cache,
                                 jobs=jobs)


def extract(articles: Iterable[Article], models_dir: str | None = None, *, parse: str = "selective",
            cache: sqlite_utils.Database | None = None, jobs: int = 1) -> Iterator[Document]:
    """Articles in, documents with their quotes out, in input order (options as for :func:`annotate`)."""
    for doc in annotate(articles, models_dir, parse=parse, cache=cache, jobs=jobs):
        yield extract_document(doc)
