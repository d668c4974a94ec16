"""The one annotated document every extraction stage reads and adds to.

Stanza's own objects are converted once into plain, flat records with
*global* word indices and character offsets into the original article text,
so the stages never walk Stanza's nested structures or re-read the raw text
their own way (and so annotations can be cached and compared).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Quote
    from .text.article import Article
    from .text.quote_marks import QuoteSpan

__all__ = ["Document", "Entity", "Sentence", "Word", "from_stanza"]


@dataclass(slots=True)
class Word:
    i: int  #: index in Document.words
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int | None  #: index in Document.words; None for a sentence root
    deprel: str
    start: int  #: character offsets into the article text
    end: int
    ner: str  #: the BIOES tag of the token this word belongs to
    sent: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(slots=True)
class Sentence:
    index: int
    first: int  #: first word index
    last: int  #: one past the last word index
    start: int  #: character offsets
    end: int
    root: int | None


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    type: str
    text: str
    first: int  #: first word index
    last: int  #: last word index (inclusive)


@dataclass
class Document:
    """An article with its parse, entities and what the stages found."""

    article: "Article"
    words: list[Word]
    sentences: list[Sentence]
    entities: list[Entity]
    children: list[list[int]] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    marks: list["QuoteSpan"] = field(default_factory=list)
    inside_marks: list[bool] = field(default_factory=list)  #: per word: inside quotation marks?
    quotes: list["Quote"] = field(default_factory=list)
    #: per word: does it carry a dependency parse? Selective parsing leaves out the sentences extraction
    #: does not read (their words have head None and deprel "dep"); empty means every word does.
    depparsed: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.children:
            self.children = [[] for _ in self.words]
            for w in self.words:
                if w.head is not None:
                    self.children[w.head].append(w.i)
        if not self.paragraphs:
            self.paragraphs = paragraph_spans(self.text)
        self._entity_at = {i: e for e in self.entities for i in range(e.first, e.last + 1)}
        # Character offsets in text order, for lookups by bisection: a long article costs no more per lookup.
        self._word_starts = [w.start for w in self.words]
        self._word_ends = [w.end for w in self.words]
        self._sentence_starts = [s.start for s in self.sentences]
        self._sentence_ends = [s.end for s in self.sentences]
        self._paragraph_ends = [e for _, e in self.paragraphs]

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_of(self, word: int) -> Sentence:
        return self.sentences[self.words[word].sent]

    def subtree(self, i: int, skip: set[int] | frozenset[int] = frozenset()) -> list[int]:
        """Word indices under ``i`` (itself included), leaving out the subtrees rooted in ``skip``."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            if j in skip:
                continue
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def span(self, indices: list[int]) -> tuple[int, int]:
        """Character extent of some words."""
        return self.words[indices[0]].start, self.words[indices[-1]].end

    def entity_at(self, word: int) -> Entity | None:
        return self._entity_at.get(word)

    def words_within(self, start: int, end: int) -> range:
        """The words wholly inside characters ``start``..``end``."""
        lo = bisect.bisect_left(self._word_starts, start)
        return range(lo, max(lo, bisect.bisect_right(self._word_ends, end)))

    def last_word_starting_by(self, char: int) -> int:
        """The last word that starts at or before character ``char`` (the first word if none does)."""
        return max(0, bisect.bisect_right(self._word_starts, char) - 1)

    def word_ending_after(self, char: int) -> int | None:
        """The first word that ends after character ``char``, if any."""
        i = bisect.bisect_right(self._word_ends, char)
        return i if i < len(self.words) else None

    def sentences_overlapping(self, start: int, end: int) -> range:
        """The sentences that end after ``start`` and begin at or before ``end``."""
        lo = bisect.bisect_right(self._sentence_ends, start)
        return range(lo, max(lo, bisect.bisect_right(self._sentence_starts, end)))

    def sentences_starting_within(self, start: int, end: int) -> range:
        """The sentences that begin in characters ``start``..``end`` (end excluded)."""
        lo = bisect.bisect_left(self._sentence_starts, start)
        return range(lo, max(lo, bisect.bisect_left(self._sentence_starts, end)))

    def opens_sentence(self, char: int) -> bool:
        """Whether a quote starting at ``char`` begins its sentence ('"A," he said. "B."': B continues A)."""
        i = bisect.bisect_right(self._sentence_ends, char)
        return i < len(self.sentences) and self.text[self.sentences[i].start:char].strip() in _OPENING_MARKS

    def paragraph_at(self, char: int) -> int:
        """Index of the paragraph holding a character offset."""
        return min(bisect.bisect_right(self._paragraph_ends, char), len(self.paragraphs) - 1)


_OPENING_MARKS = {"", '"', "“", "‘", "'", "«", "„", "''", "``"}  # '' and `` as some wires write "


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines are paragraphs: news text marks them with newlines."""
    spans, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        if line.strip():
            spans.append((s, e))
        pos = e + 1
    return spans or [(0, len(text))]


def from_stanza(article: "Article", sdoc) -> Document:
    """Flatten a Stanza ``Document`` into our records (global indices, article offsets)."""
    words: list[Word] = []
    sentences: list[Sentence] = []
    depparsed: list[bool] = []
    for s_index, sent in enumerate(sdoc.sentences):
        base = len(words)
        root = None
        for token in sent.tokens:
            for w in token.words:
                start = w.start_char if w.start_char is not None else token.start_char
                end = w.end_char if w.end_char is not None else token.end_char
                head = base + w.head - 1 if w.head else None
                if w.head == 0:
                    root = len(words)
                depparsed.append(w.deprel is not None)
                words.append(Word(len(words), w.text, w.lemma or w.text, w.upos or "X", w.xpos or "",
                                  w.feats or "", head, w.deprel or "dep", start, end,
                                  token.ner or "O", s_index))
        sentences.append(Sentence(s_index, base, len(words), sent.tokens[0].start_char,
                                  sent.tokens[-1].end_char, root))
    _join_after_abbreviations(words, sentences)
    starts = [w.start for w in words]
    entities = []
    for ent in sdoc.entities:
        lo = bisect.bisect_left(starts, ent.start_char)
        hi = bisect.bisect_left(starts, ent.end_char)
        if lo < hi:
            entities.append(Entity(ent.start_char, ent.end_char, ent.type, ent.text, lo, hi - 1))
    return Document(article, words, sentences, entities, depparsed=[] if all(depparsed) else depparsed)


#: Abbreviations after which the tokenizer wrongly ends a sentence ("said on Oct. | 30 that").
ABBREVIATIONS = frozenset("""jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. gen. lt. col. sgt.
capt. gov. sen. rep. dr. mr. mrs. ms. st. no. adm. maj. cmdr. prof. rev. ft. mt.""".split())


def _join_after_abbreviations(words: list[Word], sentences: list[Sentence]) -> None:
    """Merge a sentence ending in an abbreviation with the next when that starts with a digit or a
    capital: Stanza's offline tokenizer splits "on Oct. 30" and "Lt. Gen. Smith" there. The merged
    sentence keeps the first part's root; the second part's root stays a root of its own."""
    n = 0
    while n + 1 < len(sentences):
        this, nxt = sentences[n], sentences[n + 1]
        last, first = words[this.last - 1], words[nxt.first]
        if last.text.lower() in ABBREVIATIONS and (first.text[:1].isdigit() or first.text[:1].isupper()):
            this.last, this.end = nxt.last, nxt.end
            del sentences[n + 1]
            for s in sentences[n:]:
                s.index = sentences.index(s)
                for w in words[s.first:s.last]:
                    w.sent = s.index
        else:
            n += 1
