"""Which outlets printed one and the same story: a wire report (or a partner's article) run by
several papers is one source, however many outlets carry it.

Corroboration counts independent sources, not outlets: ten papers printing
one agency story have not confirmed a quote ten times. Two articles are one
story when, apart from the words quoted, most of the shorter one's word
sequences (runs of :data:`SHINGLE` words) are also in the other: a copy that
was trimmed, retitled or given a new dateline still counts. Everything inside
quotation marks is left out of the comparison (two reporters at one speech
share its quotes, not their stories), and so are the statement's own words.
Articles too short to judge beyond that (fewer than :data:`MIN_SHINGLES`
runs left) are their own story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..text.quote_marks import find_quotes

__all__ = ["MIN_SHINGLES", "SAME_STORY", "SHINGLE", "shingles", "stories"]

SHINGLE = 5  #: words per run compared
SAME_STORY = 0.5  #: share of the shorter article's runs also in the other: one story
MIN_SHINGLES = 10  #: runs an article needs, beyond the quoted words, to be compared at all

_WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[tuple[str, ...]]:
    """The runs of :data:`SHINGLE` consecutive words of ``text`` (lower case, punctuation ignored)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def stories(texts: Sequence[str], quoted: Iterable[str] = ()) -> list[list[int]]:
    """Group the indexes of ``texts`` (articles) that are one story, in order of first appearance;
    ``quoted`` are the words the articles are compared *without* (the statement itself, which
    independent articles share by definition)."""
    ignore: set[tuple[str, ...]] = set().union(*(shingles(q) for q in quoted))
    groups: list[tuple[set[tuple[str, ...]], list[int]]] = []  # (the first article's runs, members)
    for i, text in enumerate(texts):
        own = set().union(*(shingles(piece) for piece in _unquoted(text))) - ignore
        for runs, members in groups:
            if _one_story(own, runs):
                members.append(i)
                break
        else:
            groups.append((own, [i]))
    return [members for _, members in groups]


def _unquoted(text: str) -> list[str]:
    """The stretches of ``text`` outside quotation marks (no word run spans a quotation)."""
    pieces, at = [], 0
    for mark in find_quotes(text):
        pieces.append(text[at:mark.start])
        at = mark.end
    pieces.append(text[at:])
    return pieces


def _one_story(a: set, b: set) -> bool:
    shorter = min(len(a), len(b))
    return shorter >= MIN_SHINGLES and len(a & b) >= SAME_STORY * shorter
