"""The speakers stage: each quote's text, its speaker resolved to one canonical name, and its cue."""

from __future__ import annotations

from ..document import Document
from ..model import Cue
from .coref import Resolver

__all__ = ["attribute_quotes"]


def attribute_quotes(doc: Document) -> None:
    """Fill each quote's ``text``, ``speaker`` (from its speaker word, through coreference) and ``cue``."""
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
