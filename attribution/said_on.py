"""When the words were said: date expressions tied to the cue, else the article date."""

from __future__ import annotations

import datetime as dt

from .dates import resolve_date
from .document import Document

__all__ = ["said_on"]

_TIME_RELS = ("obl", "obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod", "advmod", "nmod")
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday yesterday today
tonight week month year january february march april may june july august september october
november december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept.
oct oct. nov nov. dec dec. morning night evening afternoon""".split())


def said_on(doc: Document, cue: int | None, published: dt.date | None) -> dt.date | None:
    """The date the cue's own time expression gives ("said on Wednesday"), else publication."""
    if cue is not None:
        for c in doc.children[cue]:
            if doc.words[c].deprel not in _TIME_RELS:
                continue
            words = doc.subtree(c)
            if not any(doc.words[i].lower in _TIME_WORDS or doc.words[i].ner.endswith("DATE") for i in words):
                continue
            start, end = doc.span(words)
            if end - start > 40:
                continue  # a whole clause, not a time expression
            day = resolve_date(doc.text[start:end], published)
            if day is not None:
                return day
    return published
