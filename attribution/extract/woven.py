"""Quoted fragments woven into a clause: 'McCain called the plan a "Chinese menu."'

A few quoted words inside a sentence, with no speech verb to report them, are
still someone's words: the verb of the clause they sit in is the cue, its
subject the speaker, and its complements the content, a mixed quote. This
stage runs after reported speech, so a fragment a speech verb reports
('insisted that he has "expanded the party"') keeps that reading.
"""

from __future__ import annotations

from ..document import Document
from ..model import Quote
from ..text.quote_marks import QuoteSpan
from .direct import is_speech, stands_alone
from .reported import a_source, introduces, trim
from .speakers import speaker_of

__all__ = ["add_woven"]

#: A verb's dependents that are not what it reports.
_NOT_CONTENT = frozenset({"punct", "conj", "cc", "parataxis", "nsubj", "nsubj:pass", "discourse", "advcl",
                          "csubj", "expl", "aux", "aux:pass", "mark"})

#: A quotation hung on the verb this way is a statement beside the clause, not part of what it reports.
_ASIDES = frozenset({"parataxis", "conj"})
_PERSONAL = frozenset("i we he she they".split())


def add_woven(doc: Document) -> None:
    """Fragments no stage reads as speech, or read as a direct quote of a verb elsewhere, become mixed quotes of
    the verb that governs them."""
    quotes = list(doc.quotes)
    for mark in doc.marks:
        if not is_speech(doc, mark) or stands_alone(doc, mark):
            continue
        covering = [q for q in quotes if q.start < mark.end and mark.start < q.end]
        if any(q.kind != "direct" or q.how != "cue" for q in covering):
            continue
        woven = _woven(doc, mark)
        if woven is not None and not any(q.cue_word == woven.cue_word and introduces(doc, q.cue_word, q)
                                         for q in covering):  # 'Reyes Said "We Were Robbed"' stays direct
            for q in covering:
                quotes.remove(q)
            quotes.append(woven)
    doc.quotes = sorted(quotes, key=lambda q: q.start)


def _woven(doc: Document, mark: QuoteSpan) -> Quote | None:
    """The mixed quote of the verb nearest above the quoted words, when its subject is someone who can speak."""
    words, inside = doc.words, doc.inside_marks
    quoted = [i for i in doc.words_within(mark.start, mark.end) if any(ch.isalnum() for ch in words[i].text)]
    found = _governing_verb(doc, quoted) if quoted else None
    if found is None:
        return None
    verb, holder = found
    speaker = speaker_of(doc, verb)
    if speaker is None or inside[speaker] or not (a_source(words[speaker]) or words[speaker].lower in _PERSONAL):
        return None
    content = _complements(doc, verb, holder)
    if not content or not (content[0] <= quoted[0] and quoted[-1] <= content[-1]):
        return None
    start, end = doc.span(content)
    return Quote(start=start, end=end, kind="mixed", cue_word=verb, speaker_word=speaker, how="woven")


def _governing_verb(doc: Document, quoted: list[int]) -> tuple[int, int] | None:
    """(the first verb outside the marks above the quoted words, its dependent that holds them)."""
    words, inside = doc.words, doc.inside_marks
    node = next((i for i in quoted if words[i].head is None or not inside[words[i].head]), None)
    while node is not None:
        head = words[node].head
        if head is None:
            return None
        if words[head].upos == "VERB" and not inside[head]:
            return head, node
        node = head
    return None


def _complements(doc: Document, verb: int, holder: int) -> list[int]:
    """What the verb says, in its sentence: its dependents after it that are not its subject, its modifiers or
    asides, and the phrase holding the quotation whatever the parse calls it ('mocked Rubio for "having a
    tough night"', an adverbial clause by the parse)."""
    words, sent = doc.words, doc.sentence_of(verb)
    kept = [c for c in doc.children[verb] if c > verb and (
        words[c].deprel not in _NOT_CONTENT or (c == holder and words[c].deprel not in _ASIDES))]
    content = sorted(i for i in set().union(*(doc.subtree(c) for c in kept)) if sent.first <= i < sent.last)
    return trim(content, doc) if content else content
