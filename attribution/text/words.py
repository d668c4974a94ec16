"""Words as the checker compares them: one tokenizer for matching, the verdict and the diff.

A quote and a record are compared as lists of :class:`Token`, each with a ``key`` (its
comparable form) and its character span in the text it came from:

- letters are case-folded and accent-folded: "Núñez" → ``nunez``, "café" → ``cafe``;
- a number is its value, never a string of digits: "2.5" → ``2.5`` (not "25"), "2,500" →
  ``2500``, "twenty five" → ``25`` (not "205"), "2.6million", "2.6 million" → ``2600000``,
  "$5bn", "$5 billion" → ``5000000000``;
- "%" and "per cent" are ``percent``;
- an apostrophe splits a word as SQLite's FTS5 does: "can't" → ``can``, ``t``.

Tokens are read from the text as printed (quote or record), so that each has a span to show
in a diff; the keys are what :func:`attribution.text.normalize.normalize_quote` would make of the
same words, folded further.

``searchable`` marks a key that, wherever it occurs in a pure-ASCII text, is also one of the
tokens FTS5's ``unicode61`` tokenizer makes of that text (a whole run of letters and digits as
printed): only those are looked up in ``records_fts`` (see :mod:`attribution.check.match`). Numbers
("25" may be printed "twenty five"), "percent" (may be "%") and accent-folded words are compared,
never searched for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["NEGATIONS", "NUMBER_WORDS", "Token", "fold", "is_negation", "is_numeric", "keys", "tokens"]

#: Words that negate what follows (with "n't", which FTS5 and we split into "n" + "t": see :func:`is_negation`).
NEGATIONS = frozenset("""not no never cannot nor neither nobody nothing none nowhere noone dont cant wont
isnt doesnt didnt wasnt arent werent couldnt shouldnt wouldnt hasnt havent hadnt aint""".split())

_UNITS = {w: n for n, w in enumerate("""zero one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen""".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Magnitudes written onto a number: "5bn", "2.6m", "10k".
_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "b": 10**9, "tn": 10**12,
             "trn": 10**12}
#: Every word that is (part of) a number written out.
NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_SCALES, "hundred", "dozen"})
#: Words that are not numbers but say how much or when: a change to one is a change of number.
_QUANTITY_WORDS = frozenset("""half halves quarter quarters third thirds double triple twice percent
hundreds thousands millions billions trillions dozens
third fourth fifth sixth seventh eighth ninth tenth
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
saturdays sundays weekday weekdays weekend weekends today tomorrow yesterday tonight""".split())

_RUN = re.compile(r"[^\W_]+")
#: What follows a thousands comma: "2,500" ("500"), "1,000m" ("000m").
_THOUSANDS = re.compile(r"\d{3}(?!\d)\w*")
#: A number as printed: "25", "2.5", "2,500,000", optionally with a magnitude written onto it ("2.6million", "5bn").
_NUMERAL = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([^\W\d_]*)$")


@dataclass(frozen=True)
class Token:
    """One compared word: its key and where it is printed (``start``..``end`` in the text read)."""

    key: str
    start: int
    end: int
    number: Fraction | None = None  #: the value, for a number
    searchable: bool = False  #: whether FTS5 indexes pure-ASCII text with this very token


def fold(text: str) -> str:
    """Case- and accent-folded: "José Núñez" → "jose nunez" (ligatures and widths as NFKC makes them)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _show(value: Fraction) -> str:
    """A value's key: "2.5", "2600000", "0.333333"."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def _numeral(run: str) -> Fraction | None:
    """The value of a printed number, with its magnitude suffix; None if the run is not one."""
    m = _NUMERAL.match(run)
    if not m:
        return None
    whole, decimals, suffix = m.groups()
    if suffix and suffix not in _SUFFIXES and suffix not in _SCALES:
        return None  # "1990s", "4th", "10am": a word of its own
    value = Fraction(whole.replace(",", "") + (decimals or ""))
    return value * (_SUFFIXES.get(suffix) or _SCALES.get(suffix) or 1)


@dataclass
class _Run:
    text: str  #: as folded
    start: int
    end: int
    gap: str  #: the characters before it, since the previous run


def _runs(text: str) -> list[_Run]:
    """Runs of letters and digits; a decimal point or thousands comma between digits joins them."""
    runs: list[_Run] = []
    last = 0
    for m in _RUN.finditer(text):
        gap = text[last:m.start()]
        if runs and gap in (".", ",") and runs[-1].text[-1:].isdigit() and m.group()[:1].isdigit() \
                and (gap == "." or _THOUSANDS.fullmatch(m.group())):
            prev = runs[-1]
            runs[-1] = _Run(prev.text + gap + m.group(), prev.start, m.end(), prev.gap)
        else:
            runs.append(_Run(m.group(), m.start(), m.end(), gap))
        last = m.end()
    return runs


def _joins(gap: str) -> bool:
    """Whether two words with this between them can be one number: spaces, or a hyphen ("twenty-five")."""
    return gap != "" and all(ch.isspace() or ch in "-‐‑" for ch in gap)


def _number_phrase(runs: list[_Run], i: int) -> tuple[Fraction, int] | None:
    """A number starting at run i, written in figures or words ("2.6 million", "two hundred and five",
    "twenty-five"); its value and the index after it."""
    value = _numeral(runs[i].text)
    if value is None and runs[i].text not in NUMBER_WORDS:
        return None
    total, current = Fraction(0), Fraction(0)
    last = None  # what the previous word was: "digit", "unit", "teen", "tens", "hundred", "scale"
    j = i
    while j < len(runs):
        w, gap = runs[j].text, runs[j].gap
        if j > i and not _joins(gap):
            break
        if j > i and w == "and" and j + 1 < len(runs) and last in ("hundred", "scale") \
                and runs[j + 1].text in _UNITS | _TENS and _joins(runs[j + 1].gap):
            j += 1
            continue
        if j == i and value is not None:
            current, last = value, "digit"
        elif w in _TENS and last in (None, "hundred", "scale"):
            current, last = current + _TENS[w], "tens"
        elif w in _UNITS and (last in (None, "hundred", "scale") or (last == "tens" and _UNITS[w] < 10)):
            current, last = current + _UNITS[w], ("unit" if _UNITS[w] < 10 else "teen")
        elif w == "hundred" and last in (None, "unit", "teen", "tens", "digit") and current < 100:
            current, last = (current or 1) * 100, "hundred"
        elif w in _SCALES and last != "scale":
            total, current, last = total + (current or 1) * _SCALES[w], Fraction(0), "scale"
        elif w == "dozen" and last in (None, "unit", "digit"):
            current, last = (current or 1) * 12, "scale"
        else:
            break
        j += 1
    if j > i and runs[j - 1].text == "and":
        j -= 1
    return total + current, j


def tokens(text: str) -> list[Token]:
    """The compared words of ``text``, with spans into it."""
    out: list[Token] = []
    runs = [_Run(fold(r.text), r.start, r.end, r.gap) for r in _runs(text)]
    i = 0
    while i < len(runs):
        run = runs[i]
        number = _number_phrase(runs, i)
        if number is not None:
            value, j = number
            end = runs[j - 1].end
            out.append(Token(_show(value), run.start, end, value))
            if text[end:end + 1] in ("%", "％"):
                out.append(Token("percent", end, end + 1))
            i = j
        elif run.text == "per" and i + 1 < len(runs) and runs[i + 1].text == "cent" and runs[i + 1].gap.isspace():
            out.append(Token("percent", run.start, runs[i + 1].end))
            i += 2
        else:
            printed = text[run.start:run.end]
            out.append(Token(run.text, run.start, run.end,
                             searchable=printed.isascii() and printed.isalnum() and run.text != "percent"))
            i += 1
    return out


_PLAIN_OK = re.compile(r"[\x00-\x7f“”‘’–—\u00a0]*")
_NUMBERISH = re.compile(r"\d|(?<![^\W_])(?:" + "|".join(sorted(NUMBER_WORDS)) + r")(?![^\W_])")
_PER_CENT = re.compile(r"(?<![^\W_])per\s+cent(?![^\W_])")


def keys(text: str) -> list[str]:
    """Just the keys: '“We can’t wait,” she' → ['we', 'can', 't', 'wait', 'she'].

    The matcher reads every candidate record this way, so text with no number and no letter beyond
    ASCII takes a short cut: the same keys, read by one regular expression."""
    lower = text.lower()
    if _PLAIN_OK.fullmatch(text) and not _NUMBERISH.search(lower):
        return _RUN.findall(_PER_CENT.sub("percent", lower))
    return [t.key for t in tokens(text)]


def is_negation(words: list[str], i: int) -> bool:
    """Whether word i negates: "not", "never", ..., or the "t" of "n't"."""
    w = words[i]
    return w in NEGATIONS or (w == "t" and i > 0 and words[i - 1].endswith("n"))


def is_numeric(token: Token) -> bool:
    """A number, or a word that says how much or when ("half", "percent", "March")."""
    return token.number is not None or token.key in _QUANTITY_WORDS
