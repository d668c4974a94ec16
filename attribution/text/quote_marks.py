"""Find quotation-mark spans in news text.

This module knows nothing about speakers; it only answers "which stretches of
the article are inside quotation marks?", robustly enough for real news copy:

* double marks (straight ``"``, curly “ ”, „ “ and « ») are paired per
  paragraph, straight marks being read as opening or closing from context;
* the newspaper convention for long quotes (a paragraph left open, the next
  one reopening with a mark) yields one span over several paragraphs;
* a mark left open never runs past its paragraph otherwise, so one typo
  cannot swallow the rest of the article;
* single marks (‘…’ or '…') count as top-level quotes only where they cannot
  be apostrophes, as in headlines.

All offsets are ``str`` indices into the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quotes"]

# A paragraph is a line's content without surrounding whitespace.
_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
_DOUBLE = re.compile("[\"“”„«»]")
_SINGLE = re.compile("['‘’]")
_WORD = re.compile(r"\w+")

_OPEN, _CLOSE, _EITHER = range(3)
# What a double mark is when its surroundings do not settle it.
_DEFAULT_ROLE = {'"': _EITHER, "“": _OPEN, "„": _OPEN, "«": _OPEN, "”": _CLOSE, "»": _CLOSE}
# Guillemets pair only with guillemets, so French “…” can nest inside «…».
_FAMILY = {'"': "d", "“": "d", "”": "d", "„": "d", "«": "g", "»": "g"}
# Characters after which a mark reads as opening (besides start and space).
_BEFORE_DOUBLE_OPEN = "([{-–—/“‘„«"
_BEFORE_SINGLE_OPEN = "([{:–—"
# Characters that cannot follow an opening mark.
_AFTER_CLOSE_ONLY = ",.;:!?)]}"
_MIN_SINGLE_WORDS = 3


@dataclass(frozen=True)
class QuoteSpan:
    """One top-level quote; ``text[start:end]`` is its content."""

    start: int
    end: int
    open: int
    close: int | None
    paragraphs: int
    words: int


@dataclass(slots=True)
class _Open:
    """A double mark waiting for its closing partner."""

    mark: int
    family: str
    paragraphs: int = 1


def find_quotes(text: str) -> list[QuoteSpan]:
    """Return the top-level quotes of ``text``, sorted and non-overlapping."""
    text = _doubled_singles_as_double(text)
    quotes: list[QuoteSpan] = []
    paragraphs = [m.span() for m in _PARAGRAPH.finditer(text)]
    pending: _Open | None = None
    for n, (lo, hi) in enumerate(paragraphs):
        found, pending = _scan_paragraph(text, lo, hi, pending)
        quotes.extend(found)
        if pending is None:
            continue
        if n + 1 < len(paragraphs) and _reopens(text, *paragraphs[n + 1]):
            pending.paragraphs += 1
        else:
            span = _span(text, pending.mark, None, hi, pending.paragraphs)
            if span.words:  # a lone mark with nothing after it is no quote
                quotes.append(span)
            pending = None
    quotes.sort(key=lambda q: q.start)
    return quotes


_DOUBLED_SINGLE = re.compile("''|``")


def _doubled_singles_as_double(text: str) -> str:
    """Some wires write ''quotes'' with two apostrophes (or ``quotes'' ): read each pair as one double mark.

    The pair becomes a space and a ``"`` (opening) or a ``"`` and a space
    (closing), so the text keeps its length and every offset stays valid.
    """
    if "''" not in text and "``" not in text:
        return text

    def one(m: re.Match) -> str:
        i = m.start()
        opening = m.group() == "``" or i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_DOUBLE_OPEN
        return ' "' if opening else '" '

    return _DOUBLED_SINGLE.sub(one, text)


def _scan_paragraph(
    text: str, lo: int, hi: int, carry: _Open | None
) -> tuple[list[QuoteSpan], _Open | None]:
    """Pair the double marks of ``text[lo:hi]``; return its closed quotes and the one left open.

    ``carry`` is a quote continued from the previous paragraph, whose reopening
    mark sits at ``lo``.  Openers left unmatched before the paragraph's last
    quote are dropped: we cannot tell where they would end.
    """
    stack = [carry] if carry else []
    counts = {"d": 0, "g": 0}
    if carry:
        counts[carry.family] = 1
    pairs: list[tuple[_Open, int]] = []
    for m in _DOUBLE.finditer(text, lo + 1 if carry else lo, hi):
        i = m.start()
        family = _FAMILY[text[i]]
        role = _double_role(text, i, lo, hi)
        if role != _OPEN and counts[family]:
            k = next(j for j in range(len(stack) - 1, -1, -1) if stack[j].family == family)
            for o in stack[k:]:
                counts[o.family] -= 1
            pairs.append((stack[k], i))
            del stack[k:]
        elif role != _CLOSE:
            stack.append(_Open(i, family))
            counts[family] += 1
    if carry is not None and stack and stack[0] is carry:
        return [], carry  # the whole paragraph is inside the continued quote

    quotes: list[QuoteSpan] = []
    covered: list[tuple[int, int]] = []
    last = -1
    for opener, close in sorted(pairs, key=lambda p: p[0].mark):
        if opener.mark > last:  # not nested in the previous top-level pair
            quotes.append(_span(text, opener.mark, close, close, opener.paragraphs))
            covered.append((max(opener.mark, lo), close + 1))
            last = close
    pending = next((o for o in stack if o.mark > last), None)
    if pending is not None:
        covered.append((pending.mark, hi))
    if _SINGLE.search(text, lo, hi):
        gap_start = lo
        for a, b in [*covered, (hi, hi)]:
            quotes.extend(_single_quotes(text, lo, hi, gap_start, a))
            gap_start = b
    return quotes, pending


def _double_role(text: str, i: int, lo: int, hi: int) -> int:
    """Read a double mark as opening or closing from its neighbours, else from its glyph."""
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    opens = (
        (not prev or prev.isspace() or prev in _BEFORE_DOUBLE_OPEN)
        and _is_solid(nxt)
        and nxt not in _AFTER_CLOSE_ONLY
    )
    closes = _is_solid(prev) and (not nxt or nxt.isspace() or _is_punct(nxt))
    if opens != closes:
        return _OPEN if opens else _CLOSE
    return _DEFAULT_ROLE[text[i]]


def _reopens(text: str, lo: int, hi: int) -> bool:
    """True when a paragraph starts with an opening double mark (a continued quote)."""
    return text[lo] in _FAMILY and _double_role(text, lo, lo, hi) != _CLOSE


def _single_quotes(text: str, lo: int, hi: int, a: int, b: int) -> list[QuoteSpan]:
    """Find unambiguous single-quoted spans in ``text[a:b]``, a gap of paragraph ``text[lo:hi]``.

    A closing mark after "s" followed by space may be a plural possessive
    (students' books), so it is used only when no plain closing mark comes
    first, or when another opening mark follows it.
    """
    opens: list[int] = []
    strong: list[int] = []
    weak: list[int] = []
    for m in _SINGLE.finditer(text, a, b):
        i = m.start()
        prev = text[i - 1] if i > lo else ""
        nxt = text[i + 1] if i + 1 < hi else ""
        if text[i] != "’" and _single_opens(prev, nxt):
            opens.append(i)
        elif text[i] != "‘" and _is_solid(prev) and (not nxt or nxt.isspace() or _is_punct(nxt)):
            (weak if prev in "sS" and nxt.isspace() else strong).append(i)

    quotes: list[QuoteSpan] = []
    k = 0
    while k < len(opens):
        mark = opens[k]
        close = _single_close(mark, opens, strong, weak)
        if close is not None and _count_words(text, mark + 1, close) >= _MIN_SINGLE_WORDS:
            quotes.append(_span(text, mark, close, close, 1))
            k = bisect_right(opens, close)
        else:
            k += 1
    return quotes


def _single_opens(prev: str, nxt: str) -> bool:
    """An opening single mark follows a boundary and precedes a word, never a digit ('90s)."""
    boundary = not prev or prev.isspace() or prev in _BEFORE_SINGLE_OPEN
    return boundary and _is_solid(nxt) and not nxt.isdigit() and nxt not in _AFTER_CLOSE_ONLY


def _single_close(mark: int, opens: list[int], strong: list[int], weak: list[int]) -> int | None:
    """Pick the closing mark for the opening single mark at ``mark``, if any."""
    s = _first_after(strong, mark)
    w = _first_after(weak, mark)
    if w is None or (s is not None and s < w):
        return s
    if s is None:
        return w
    p = _first_after(opens, w)  # a new quote opening before s means w closed this one
    return w if p is not None and p < s else s


def _first_after(positions: list[int], i: int) -> int | None:
    k = bisect_right(positions, i)
    return positions[k] if k < len(positions) else None


def _span(text: str, mark: int, close: int | None, end: int, paragraphs: int) -> QuoteSpan:
    return QuoteSpan(mark + 1, end, mark, close, paragraphs, _count_words(text, mark + 1, end))


def _count_words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _is_solid(ch: str) -> bool:
    """A character that exists and is not whitespace."""
    return bool(ch) and not ch.isspace()


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")
