"""When the words were said: the time expression tied to the cue, else the article date.

News copy dates a statement with a time expression next to its attribution
("said on Friday", "told reporters last night", "said after Tuesday's vote",
"In her speech to parliament on Oct. 24, Takaichi said", '"...," a forecaster
told a news conference on Thursday evening'); ``dates.resolve_date`` turns the
expression into a day. Choosing *which* expression belongs to the cue is the
work here, and the offline parser is too weak to lean on (it hangs "last
night" under "reporters" misread as a verb, makes a cue the ``conj`` of the
quote's verb, tags "Monday" PERSON and misses "Oct. 24" as a DATE). So the
rule is mostly linear, with the parse as a helper that can only veto:

1. **Time expressions** grow from an *anchor*: a weekday; a month name that
   looks like a date ("Oct. 24", "March 2024", "in May"; not "Theresa May",
   "Jun Arai", "may"); "yesterday", "today", "tonight"; or "last/this" + a
   lower-case period ("last night", "this week"; not the programme "This
   Week"). They take in hedges and parts of the day ("late on Sunday",
   "Thursday evening", "Oct. 24, 2025") and drop a possessive ("after
   Monday's vote" gives Monday). A DATE entity counts only as "... ago": the
   others are mostly ages ("Ishikawa, 74,") and durations ("for 25 years").
2. **Candidates** are the expressions in the cue's sentence that
   - are outside the content span and outside quotation marks: a date in
     what was said is what the statement is about ("said the plan would start
     on Monday"). The leading edge of an unquoted reported span, before its
     "that" or its subject, is the cue's: "said [yesterday that the win ...]",
     "told [reporters last night he had ...]";
   - are on the cue's side of the content (before it in "X said on Friday
     that ...", after it in '"...," X said on Friday'), not after the cue's
     "that", and not across a ";" or ", and/but/or" from the cue;
   - are the day itself, not a bound ("before Tuesday's primary", "since
     May") or a name ("the Sept. 11 attacks", "the June 23 referendum");
   - do not describe someone: not in a relative clause, participle or
     appositive by the parse (``acl``, ``acl:relcl``, ``appos``) nor between
     commas after "who/which/..." ("Morita, who returned from injury only
     last month, said yesterday");
   - are not in another clause with its own subject by the parse ("He said
     he intends to win ... in July"; "the plane was grounded last week after
     the Times reported"). The clauses governing a subjectless cue are its
     own ("Speaking in parliament on Thursday, she said"; "landed in hot water
     last week by saying"), and a word outside the content that the parser
     hangs on the content's verb is still the cue's.
3. **The nearest candidate wins** (word distance to the cue; ties go to the
   one after the cue) among those that resolve to a day on or before
   publication.
4. **The occasion set just before.** If the cue's sentence gives no day, the
   same speaker's occasion in the sentences just before the quote gives it
   (the fixtures' convention: a statement continuing the same speaker on the
   same occasion inherits its date): "Okafor ... spoke at a rally ... on
   Tuesday. / '...,' Okafor told the crowd." Walking back (at most three
   paragraphs), a sentence with quotes must have only this speaker's quotes
   (its cues are then tried as above); a sentence without quotes must have a
   speech or appearance verb as its root ("spoke", "addressed", "said") and
   the speaker as its subject. Anything else is a new occasion and stops the
   walk. Speakers are compared by the resolved names of ``doc.quotes`` (one
   name contains the other: "Okafor", "Samuel Okafor").
5. **An occasion dated from another.** A cue in a clause opened by "during
   which", "at which" or "in which" speaks on the occasion that clause
   describes. When that occasion is placed by an offset ("The meeting took
   place a day after talks in Tokyo, during which Takaichi said ..."; "two
   days before a summit, at which ..."), it is that offset from the day of
   the sentence's first time expression, else of the publication date.
6. Otherwise the words were said on the publication date (so None when the
   article has none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Document, Word
from ..text.dates import resolve_date
from ..text.lexicon import POSSESSIVE_MARKS, SPEECH_VERBS
from ..text.timewords import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from ..model import Quote

__all__ = ["date_quotes", "said_on"]

_MONTH_MODIFIERS = frozenset({"last", "this", "early", "late", "mid", "mid-", "next"})
_DEICTIC = frozenset({"yesterday", "today", "tonight"})
#: "last night", "this week", "earlier this month": a period noun after one of _PERIOD_DETERMINERS
_PERIODS = frozenset("night morning afternoon evening week weekend month year".split())
_PERIOD_DETERMINERS = frozenset({"last", "this"})
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_HEDGES = frozenset({"early", "earlier", "late", "last"})
_RELATIVE = frozenset({"who", "whom", "whose", "which", "where"})
_OUTSIDE_CLAUSE = frozenset({"acl", "acl:relcl", "appos"})
#: Words before an expression that make it a bound or a span rather than the day itself.
_SPAN_WORDS = frozenset("""before until till since through ahead prior from for by within over of
between""".split())
_CLAUSE_LINKS = frozenset({"and", "but", "or", "while", "whereas"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl"})
#: Verbs that can set the occasion for a following quote by the same speaker.
_OCCASION_VERBS = SPEECH_VERBS | frozenset({"speak", "address", "appear", "testify", "brief", "hold"})
_MAX_LOOKBACK = 3  #: paragraphs back an occasion can be set
_MAX_LEADING_EDGE = 4  #: words of a reported span that can still belong to the cue


@dataclass(frozen=True, slots=True)
class _Expression:
    first: int  #: word indices, inclusive
    last: int
    anchor: int


def said_on(doc: Document, cue: int | None, published: dt.date | None, *,
            content: tuple[int, int] | None = None) -> dt.date | None:
    """The day the words at ``cue`` were said (see the module docstring), else ``published``.

    ``content`` is the character span of the quote's content: time expressions
    inside it are what was said, not when. Without it the cue's clausal
    complements in the parse stand in for the content, which is less reliable.
    """
    if cue is None or not 0 <= cue < len(doc.words):
        return published
    contents = [content] if content is not None else _complement_spans(doc, cue)
    day = _cue_day(doc, cue, contents, published)
    if day is None:
        day = _occasion_day(doc, cue, content, published)
    if day is None:
        day = _offset_occasion(doc, cue, published)
    return day if day is not None else published


def _cue_day(doc: Document, cue: int, contents: list[tuple[int, int]],
             published: dt.date | None) -> dt.date | None:
    """The day given by the time expression nearest the cue in its sentence (rules 1-3)."""
    sent = doc.sentence_of(cue)
    cue_at = doc.words[cue].start
    contents = [_trim_leading_edge(doc, s, e) for s, e in contents]
    lo, hi = _clause_bounds(doc, cue, contents)
    candidates = []
    for expr in _expressions(doc, sent.first, sent.last):
        start, end = doc.words[expr.first].start, doc.words[expr.last].end
        if not (lo <= expr.first and expr.last < hi):
            continue  # across ";" or ", and": another clause
        if any(_quoted(doc, i) for i in range(expr.first, expr.last + 1)):
            continue  # quoted words are someone's words, not the attribution
        if any(start < e and s < end for s, e in contents):
            continue  # what was said, not when
        if any(not (s <= cue_at < e) and ((cue_at < s and end > s) or (cue_at >= e and start < e))
               for s, e in contents):
            continue  # on the far side of the content
        if (_bounds_a_span(doc, expr) or _names_an_event(doc, expr) or _after_complementizer(doc, expr, cue)
                or _describes_someone(doc, expr, cue) or _in_other_clause(doc, expr, cue, contents)):
            continue
        candidates.append((abs(expr.anchor - cue), expr.anchor < cue, expr))
    for _, _, expr in sorted(candidates, key=lambda c: (c[0], c[1])):
        day = resolve_date(_expression_text(doc, expr), published)
        if day is not None:
            return day
    return None


#: "during which", "at which", "in which": a relative clause set on the occasion its noun names.
_OCCASION_PREPOSITIONS = frozenset({"during", "at", "in"})
_COUNTS = {"a": 1, "an": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}


def _offset_occasion(doc: Document, cue: int, published: dt.date | None) -> dt.date | None:
    """Rule 5: the day of an occasion placed by an offset from the sentence's own day."""
    words, sent = doc.words, doc.sentence_of(cue)
    which = next((i for i in range(cue - 1, sent.first, -1)
                  if words[i].lower == "which" and words[i - 1].lower in _OCCASION_PREPOSITIONS), None)
    if which is None:
        return None
    offset = None
    for i in range(sent.first, which - 3):  # "a day after", "two weeks before"
        count, unit, link = (words[i + k].lower for k in range(3))
        if count in _COUNTS and unit in _UNITS and link in ("after", "before"):
            offset = _COUNTS[count] * _UNITS[unit] * (-1 if link == "after" else 1)
            at = i
    if offset is None:
        return None
    first = next((e for e in _expressions(doc, sent.first, at)), None)
    reference = resolve_date(_expression_text(doc, first), published) if first is not None else published
    if reference is None:
        return None
    day = reference + dt.timedelta(days=offset)
    return day if published is None or day <= published else None


# --- time expressions --------------------------------------------------------


def _norm(text: str) -> str:
    return text.lower().rstrip(".")


def _is_anchor(doc: Document, i: int, first: int) -> bool:
    w = doc.words[i]
    word = _norm(w.text)
    if word in WEEKDAYS or word in _DEICTIC:
        return True
    if word in MONTHS:  # "Oct. 24", "March 2024", "in May"; not "Jun Arai", "Theresa May", "may"
        if not w.text[:1].isupper() or (word in MONTH_ABBREVIATIONS and not w.text.endswith(".")):
            return _is_day_number(doc, i + 1)
        before = doc.words[i - 1] if i > first else None
        return (_is_day_number(doc, i + 1) or _is_year(doc, i + 1) or (before is not None and (
            _is_day_number(doc, i - 1) or before.upos == "ADP" or before.lower in _MONTH_MODIFIERS)))
    # "last night", "this week"; not the programme "This Week"
    return (word in _PERIODS and w.text.islower() and i > first
            and doc.words[i - 1].lower in _PERIOD_DETERMINERS)


def _number(doc: Document, i: int) -> str | None:
    text = doc.words[i].text if 0 <= i < len(doc.words) else ""
    return text if text.isascii() and text.isdigit() else None


def _is_year(doc: Document, i: int) -> bool:
    return len(_number(doc, i) or "") == 4


def _is_day_number(doc: Document, i: int) -> bool:
    number = _number(doc, i)
    return number is not None and len(number) <= 2 and 1 <= int(number) <= 31


def _expressions(doc: Document, first: int, last: int) -> list[_Expression]:
    """The anchored time expressions among words ``first`` .. ``last - 1`` (rule 1)."""
    found: list[_Expression] = []
    covered = -1
    for i in range(first, last):
        if i <= covered:
            continue
        if _is_anchor(doc, i, first):
            expr = _extend(doc, i, first, last)
        elif doc.words[i].ner.endswith(("DATE", "TIME")) and doc.words[i].ner[0] in "BS":
            expr = _ago_entity(doc, i, last)
        else:
            expr = None
        if expr is not None:
            found.append(expr)
            covered = expr.last
    return found


def _extend(doc: Document, anchor: int, first: int, last: int) -> _Expression:
    """Grow an anchor into its expression: hedges before, day number, year and part of day after."""
    lo = hi = anchor
    word = _norm(doc.words[anchor].text)

    def low(i: int) -> str:
        return doc.words[i].lower if first <= i < last else ""

    if word in _PERIODS:  # "last night", "earlier this week"
        lo -= 1
    if word in MONTHS:
        if lo - 1 >= first and _is_day_number(doc, lo - 1):
            lo -= 1  # "24 October"
        if hi + 1 < last and _is_day_number(doc, hi + 1):
            hi += 1  # "Oct. 24"
        if hi + 2 < last and low(hi + 1) == "," and _is_year(doc, hi + 2):
            hi += 2  # "Oct. 24, 2025"
        elif hi + 1 < last and _is_year(doc, hi + 1):
            hi += 1  # "March 2024"
    elif hi + 1 < last and low(hi + 1) in _PARTS_OF_DAY:
        hi += 1  # "Thursday evening", "yesterday morning"
    while lo - 1 >= first and (low(lo - 1) in _HEDGES or low(lo - 1) == "on" and low(lo - 2) in _HEDGES):
        lo -= 1  # "late on Sunday", "earlier this month"
    return _Expression(lo, hi, anchor)


def _ago_entity(doc: Document, i: int, last: int) -> _Expression | None:
    """A DATE/TIME entity starting at ``i`` that is a point in the past ("two days ago")."""
    j = i
    while j + 1 < last and doc.words[j + 1].ner[:2] in ("I-", "E-") and doc.words[j].ner[0] not in "SE":
        j += 1
    if doc.words[j].lower == "ago":
        return _Expression(i, j, j)
    return None


def _expression_text(doc: Document, expr: _Expression) -> str:
    words = [w for w in doc.words[expr.first:expr.last + 1] if w.text not in POSSESSIVE_MARKS]
    return " ".join(w.text for w in words)


# --- where an expression may come from --------------------------------------


def _complement_spans(doc: Document, cue: int) -> list[tuple[int, int]]:
    """Without a content span, the cue's complements stand in for it: its ``xcomp`` ("urged them to
    act by Monday") and the ``ccomp``/``parataxis`` clauses that have a subject or are quoted (not
    "to parliament" or "reporters" misread as verbs)."""
    spans = []
    for c in doc.children[cue]:
        rel = doc.words[c].deprel
        if rel == "xcomp" or (rel in ("ccomp", "parataxis") and (_has_subject(doc, c) or _quoted(doc, c))):
            spans.append(doc.span(doc.subtree(c)))
    return spans


def _trim_leading_edge(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Drop the words of a reported span before its "that" or its subject (rule 2).

    Only unquoted words, only a few, and never past a comma: "yesterday that
    the win ..." starts at "the", "reporters last night he had ..." at "he",
    but "last week's vote was rigged" keeps its subject whole.
    """
    words = list(doc.words_within(start, end))
    if not words or _quoted(doc, words[0]):
        return start, end
    for n, i in enumerate(words[:_MAX_LEADING_EDGE + 1]):
        w = doc.words[i]
        if _quoted(doc, i) or w.text in (",", ";", ":"):
            break
        if w.lower == "that" and w.upos == "SCONJ":
            return (doc.words[words[n + 1]].start, end) if n + 1 < len(words) else (start, end)
        if w.deprel in _SUBJECTS and w.head is not None and w.head > i:
            subject_start = doc.subtree(i)[0]
            return (max(start, doc.words[subject_start].start), end)
    return start, end


def _clause_bounds(doc: Document, cue: int, contents: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of the cue's sentence between ";" or ", and" boundaries around the cue (unquoted)."""
    sent = doc.sentence_of(cue)

    def boundary(i: int) -> bool:
        w = doc.words[i]
        if _quoted(doc, i) or any(s <= w.start < e for s, e in contents):
            return False
        if w.text == ";":
            return True
        return ((w.upos == "CCONJ" or w.lower in _CLAUSE_LINKS) and i > sent.first
                and doc.words[i - 1].text == ",")

    lo = cue
    while lo > sent.first and not boundary(lo):
        lo -= 1
    if boundary(lo):
        lo += 1
    hi = cue + 1
    while hi < sent.last and not boundary(hi):
        hi += 1
    return lo, hi


def _bounds_a_span(doc: Document, expr: _Expression) -> bool:
    """ "before Tuesday's primary", "since Monday", "until March": a limit, not the day itself."""
    i = expr.first - 1
    while i >= 0 and doc.words[i].lower in ("the", "this", "last"):
        i -= 1
    return i >= 0 and doc.words[i].lower in _SPAN_WORDS


def _names_an_event(doc: Document, expr: _Expression) -> bool:
    """ "the Sept. 11 attacks", "the June 23 referendum": a date used as a name for something else."""
    before = doc.words[expr.first - 1] if expr.first > 0 else None
    after = doc.words[expr.last + 1] if expr.last + 1 < len(doc.words) else None
    return (before is not None and before.upos == "DET" and after is not None
            and after.upos in ("NOUN", "PROPN", "ADJ") and _norm(after.text) not in _PERIODS)


def _after_complementizer(doc: Document, expr: _Expression, cue: int) -> bool:
    """ "X stated that Thursday's debate was ...": after the cue's "that" comes what was said."""
    return any(doc.words[i].lower == "that" and doc.words[i].upos == "SCONJ" and not _quoted(doc, i)
               for i in range(cue + 1, expr.first))


def _in_other_clause(doc: Document, expr: _Expression, cue: int, contents: list[tuple[int, int]]) -> bool:
    """Whether the parse puts the expression in a clause with a subject of its own, other than the
    cue's ("..., and donations began to pick up again last week, Gilbert said"; "He said he intends
    to win ... in July"; "the plane was grounded last week after the Times reported").

    The clauses that govern a subjectless cue count as its own ("took the stage on Monday to say",
    "landed in hot water last week by saying"). Climbing stops at the content: a word outside it
    that the parser hangs on the content's verb is taken as the cue's.
    """
    own = {cue}
    i = cue
    while (not _has_subject(doc, i) and doc.words[i].deprel in ("xcomp", "advcl")
           and doc.words[i].head is not None):
        i = doc.words[i].head
        own.add(i)
    i, seen = expr.anchor, set()
    while i is not None and i not in seen and i not in own:
        seen.add(i)
        w = doc.words[i]
        if any(s <= w.start < e for s, e in contents):
            return False
        if i != expr.anchor and _has_subject(doc, i):
            return True
        i = w.head
    return False


def _quoted(doc: Document, i: int) -> bool:
    """Whether word ``i`` is inside quotation marks (False before the marks stage has run)."""
    return i < len(doc.inside_marks) and doc.inside_marks[i]


def _has_subject(doc: Document, i: int) -> bool:
    return any(doc.words[c].deprel in _SUBJECTS for c in doc.children[i])


def _describes_someone(doc: Document, expr: _Expression, cue: int) -> bool:
    """Whether an expression sits in a relative clause or an appositive (rule 2, last point)."""
    i, seen = expr.anchor, set()
    while i is not None and i != cue and i not in seen:
        seen.add(i)
        if doc.words[i].deprel in _OUTSIDE_CLAUSE:
            if cue not in doc.subtree(i):
                return True
        i = doc.words[i].head
    # linear: ", who ... ," around the expression, with the cue outside it
    sent = doc.sentence_of(cue)
    left = expr.first
    while left > sent.first and doc.words[left - 1].text != ",":
        left -= 1
    if left <= sent.first or doc.words[left].lower not in _RELATIVE:
        return False
    right = expr.last
    while right + 1 < sent.last and doc.words[right + 1].text != ",":
        right += 1
    return not left <= cue <= right


# --- the occasion set by the sentences before --------------------------------


def _occasion_day(doc: Document, cue: int, content: tuple[int, int] | None,
                  published: dt.date | None) -> dt.date | None:
    """The day of the same speaker's occasion in the sentences just before the quote (rule 4)."""
    me = _speaker_key(doc, cue, content)
    if me is None:
        return None
    begin = doc.words[cue].start if content is None else min(content[0], doc.words[cue].start)
    first = doc.word_ending_after(begin)
    here = doc.words[cue if first is None else first].sent
    seen: set[int] = {cue}
    for index in range(here - 1, -1, -1):
        sent = doc.sentences[index]
        if doc.paragraph_at(sent.start) < doc.paragraph_at(begin) - _MAX_LOOKBACK:
            return None
        quotes = [q for q in doc.quotes if q.start < sent.end and sent.start < q.end]
        if quotes:
            if not all(_same(_quote_key(doc, q), me) for q in quotes):
                return None  # someone else's statement (or no one's): a new occasion
            verbs = [q.cue_word for q in quotes if q.cue_word is not None and q.cue_word not in seen
                     and sent.first <= q.cue_word < sent.last]
        else:
            if not any(_occasion_verb(w) for w in doc.words[sent.first:sent.last]):
                return None  # decided by the words alone: the parse is not read (see selective.py)
            verb = sent.root
            if verb is None or not _occasion_verb(doc.words[verb]):
                return None
            subject = _subject_of(doc, verb)
            if subject is None or not _same(_names(doc, subject), me):
                return None
            verbs = [verb]
        spans = [(q.start, q.end) for q in quotes]
        for verb in verbs:
            seen.add(verb)
            day = _cue_day(doc, verb, spans or _complement_spans(doc, verb), published)
            if day is not None:
                return day
    return None


def _occasion_verb(word: Word) -> bool:
    return word.upos == "VERB" and word.lemma.lower() in _OCCASION_VERBS


def _speaker_key(doc: Document, cue: int, content: tuple[int, int] | None) -> frozenset[str] | None:
    """Who speaks at ``cue``, as lower-cased name tokens: the quote's resolved speaker when the
    speakers stage has run, else the proper names of the cue's subject."""
    for q in doc.quotes:
        if q.cue_word == cue and (content is None or (q.start < content[1] and content[0] < q.end)):
            return _quote_key(doc, q)
    head = _subject_of(doc, cue)
    return (_names(doc, head) or None) if head is not None else None


def _quote_key(doc: Document, q: Quote) -> frozenset[str] | None:
    if q.speaker is not None:
        return frozenset(q.speaker.name.casefold().split()) or None
    head = q.speaker_word if q.speaker_word is not None else (
        _subject_of(doc, q.cue_word) if q.cue_word is not None else None)
    return (_names(doc, head) or None) if head is not None else None


def _same(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    """One name is part of the other ("Okafor", "Samuel Okafor")."""
    return bool(a) and bool(b) and (a <= b or b <= a)


def _names(doc: Document, head: int) -> frozenset[str]:
    """The proper names in a mention, leaving out appositives and relative clauses."""
    skip = {c for c in doc.subtree(head) if c != head and doc.words[c].deprel in _OUTSIDE_CLAUSE}
    return frozenset(doc.words[i].lower for i in doc.subtree(head, skip)
                     if doc.words[i].upos == "PROPN" and not _quoted(doc, i))


def _subject_of(doc: Document, verb: int) -> int | None:
    for c in doc.children[verb]:
        if doc.words[c].deprel in ("nsubj", "nsubj:pass"):
            return c
    return None


def date_quotes(doc: Document) -> None:
    """The dates stage: each quote's ``said_on``; a statement carried over keeps the date of the one it continues."""
    last_said: dict[int, dt.date | None] = {}  # speaker word -> the date of its latest statement
    for q in doc.quotes:
        if q.how in ("carryover", "split") and q.speaker_word in last_said:
            q.said_on = last_said[q.speaker_word]
        else:
            q.said_on = said_on(doc, q.cue_word, doc.article.date, content=(q.start, q.end))
        if q.speaker_word is not None:
            last_said[q.speaker_word] = q.said_on
