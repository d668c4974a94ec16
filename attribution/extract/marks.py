"""The marks stage: where the quotation marks are, and which words they enclose (no Stanza needed)."""

from __future__ import annotations

import bisect

from ..document import Document
from ..text.quote_marks import find_quotes

__all__ = ["mark_quotes"]


def mark_quotes(doc: Document) -> None:
    """Fill ``doc.marks`` and ``doc.inside_marks``."""
    doc.marks = find_quotes(doc.text)
    doc.inside_marks = [False] * len(doc.words)
    ends = [w.end for w in doc.words]
    for m in doc.marks:  # a word overlapping the content is inside, even one glued to its mark ("''It")
        i = bisect.bisect_right(ends, m.start)
        while i < len(doc.words) and doc.words[i].start < m.end:
            doc.inside_marks[i] = True
            i += 1
