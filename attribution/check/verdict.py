"""The verdict on one quote: verified, misattributed, altered or unverified, and why.

Words are compared as :mod:`attribution.text.words` reads them: case and accents folded, numbers as
values ("2.5" is not "25", "twenty five" is 25, "2.6million" is "2.6 million"). Rules (thresholds
are the module constants; scores are 0-100, see :mod:`attribution.check.match`):

Direct quotes (``quote`` mode: word-level ``whole`` ratio or ``fragment`` partial ratio):

- **verified** -- a record of the named speaker has exactly these words, whole or as a
  contiguous fragment (``match`` says which; ``context`` gives the record's words around a
  fragment). Words that differ only in spelling ("organisation"/"organization", "per
  cent"/"percent", "5"/"five", "café"/"cafe") still verify, with the flag ``spelling``; so does a
  quote that differs only by an article or an opening "And"/"But"/"So" (flagged ``inserted`` etc.).
- **altered** -- the best record of the named speaker scores at least ``ALTERED_MIN`` but its
  words differ inside the quoted stretch. ``diff`` is the word-level diff (ops ``equal``,
  ``replace``, ``delete`` = in the record, not the quote; ``insert`` = in the quote, not the
  record) and ``flags`` name what changed: ``negation`` (a not/no/never/n't added or removed),
  ``number`` (a number, quantity or date changed: any change of value), ``dropped``,
  ``inserted``, ``replaced``.
- **misattributed** -- no record of the named speaker is close, but a record of someone else
  scores at least ``MISATTRIBUTED_MIN``; ``record`` is theirs (its speaker is named). This accuses
  the article, so it also needs a firm attribution (:func:`doubt`): a person or organisation named
  near the quote (not a pronoun, a description or no one), who shares no surname with the record's
  speaker, with the record's speaker not named in the passage. Otherwise the quote is
  **unverified** with the flag ``speaker_uncertain``, the record as the ``suggestion`` and a note
  saying what was found and why a person must look.
- **unverified** -- nothing close enough. The nearest record, if any, is the ``suggestion``.

The diff aligns the quote with the record so that as many quote words as possible are matched,
then as few words as possible changed between them; record words before and after the quoted
stretch are its context, not words it dropped.

Mixed speech (reported speech with quoted words) is checked by its longest quoted part of more
than ``SHORT_WORDS`` words, word for word as a direct quote: those words claim to be the
speaker's own, so they can be altered. When that part matches nothing, the whole is checked as
a paraphrase, as indirect speech always is.

Indirect speech is paraphrase (``paraphrase`` mode: 200·k/(k+u) for k of the quote's u
distinct content words found in the record, word order ignored): it is verified when a record of
the named speaker scores at least ``PARAPHRASE_MIN`` and misattributed when only someone else's
scores at least ``PARAPHRASE_MISATTRIBUTED_MIN``; it is never altered. Either needs at least
``PARAPHRASE_MIN_SHARED`` content words in common, and a misattribution a paraphrase of at
least ``ACCUSE_MIN_WORDS`` words. A paraphrase whose negation or numbers disagree with the
record is not verified: it stays unverified, with those flags on the suggestion.

A quote of at most ``SHORT_WORDS`` words is never more than unverified: what it would have been
is returned as the ``suggestion``.

The speaker of a quote and of a record are the same person when :mod:`attribution.store.identity`
says so ("Takaichi", "Prime Minister Sanae Takaichi", "Republican Sanae Takaichi"), read without
writing to the database.

Among several fitting records of the named speaker one with exactly the quote's words wins,
then the best score, then the one said closest to the quote's date; the flag ``said_on`` marks a
record more than ``SAID_ON_DAYS`` days from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable

import sqlite_utils
from rapidfuzz import fuzz

from ..store.identity import find_speakers, is_name, name_key, surname
from ..text.quote_marks import find_quotes
from ..text.words import NEGATIONS, Token, is_negation, is_numeric, tokens
from ..text.words import keys as word_keys
from .match import PARAPHRASE, QUOTE, Encoder, Hit, Matcher, content_words

__all__ = ["ACCUSE_MIN_CONFIDENCE", "ACCUSE_MIN_WORDS", "ALTERED_MIN", "Checker", "FLAGS", "MISATTRIBUTED_MIN", "PARAPHRASE_MIN",
           "PARAPHRASE_MIN_SHARED", "PARAPHRASE_MISATTRIBUTED_MIN", "SHORT_WORDS", "Verdict", "doubt"]

#: Every flag, in the order they are listed.
FLAGS = ("negation", "number", "dropped", "inserted", "replaced", "spelling", "said_on", "speaker_uncertain")

ALTERED_MIN = 75.0  #: a same-speaker record this close (whole or fragment) makes a differing quote "altered"
MISATTRIBUTED_MIN = 90.0  #: another speaker's record must be this close for "misattributed"
PARAPHRASE_MIN = 70.0  #: token-set score for an indirect quote to be verified
PARAPHRASE_MISATTRIBUTED_MIN = 80.0  #: ... and to be misattributed
PARAPHRASE_MIN_SHARED = 4  #: distinct content words a paraphrase must share with a record for any verdict from it
SHORT_WORDS = 4  #: quotes of this many words or fewer get at most "unverified" (plus a suggestion)
#: Below this extraction confidence a speaker is too uncertain to accuse (a guess from the paragraph before,
#: a surname several people share): see :mod:`attribution.extract.confidence`.
ACCUSE_MIN_CONFIDENCE = 0.55
ACCUSE_MIN_WORDS = 7  #: a paraphrase needs this many words to be called misattributed (fewer: anyone may say them)
SAID_ON_DAYS = 7  #: a record said further than this from the quote's date gets the flag "said_on"
CONTEXT_WORDS = 10  #: words of a record shown either side of a quoted fragment
_SHORTLIST = 8  #: same-speaker hits examined for an exact fragment before settling for the best score
_KEEP = 50  #: hits of the named speaker, and of others, looked at (the best by score)

@dataclass
class Verdict:
    """The checker's answer for one quote (``to_dict`` is the JSON form)."""

    verdict: str
    score: float = 0.0  #: how closely the quote matches ``record`` (0 when there is none)
    match: str | None = None  #: "whole", "fragment" or "paraphrase"
    record: dict | None = None  #: {"id", "speaker", "text", "said_on", "source_url"}
    context: dict | None = None  #: {"before", "after"}: the record's words around a quoted fragment
    diff: list[dict] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    suggestion: dict | None = None  #: for "unverified": the nearest record and what it would mean
    note: str = ""  #: one line for people

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "score": self.score, "match": self.match, "record": self.record,
                "context": self.context, "diff": self.diff, "flags": self.flags,
                "suggestion": self.suggestion, "note": self.note}


#: Words a quote may open with that the speaker's recorded sentence need not have.
_OPENERS = frozenset("and but so or yet then well oh".split())
#: Words whose addition, loss or swap alone does not make a quote altered: articles, openers, fillers.
_MINOR_WORDS = _OPENERS | {"a", "an", "the", "uh", "um"}


# --- words with their place in the original text --------------------------------------------------

@dataclass
class _Words:
    """A text's compared words (:func:`attribution.text.words.tokens`), which know where they are printed."""

    text: str
    tokens: list[Token]
    keys: list[str]

    @classmethod
    def of(cls, text: str) -> "_Words":
        toks = tokens(text)
        return cls(text, toks, [t.key for t in toks])

    def printed(self, i: int) -> str:
        return self.text[self.tokens[i].start:self.tokens[i].end]

    def show(self, lo: int, hi: int) -> str:
        """Words lo..hi-1 as printed (with the punctuation between them)."""
        if lo >= hi:
            return ""
        return self.text[self.tokens[lo].start:self.tokens[hi - 1].end]


def _numbers(toks: list[Token]) -> list[str]:
    """The numbers and quantity words among ``toks``, sorted: what a change of number changes."""
    return sorted(t.key for t in toks if is_numeric(t))


def _spelling_variant(r: list[Token], q: list[Token]) -> bool:
    """Different ways of writing the same words: 'per cent'/'percent', 'U.S.'/'US', 'colour'/'color'.
    Never a change of number or negation: '2.5' and '25' are different values, not spellings."""
    if _numbers(r) != _numbers(q):
        return False
    letters_r = "".join(t.key for t in r if not is_numeric(t))
    letters_q = "".join(t.key for t in q if not is_numeric(t))
    if letters_r == letters_q:
        return True
    if len(r) != len(q):
        return False
    for ta, tb in zip(r, q):
        a, b = ta.key, tb.key
        if a == b:
            continue
        if (is_numeric(ta) or is_numeric(tb) or a in NEGATIONS or b in NEGATIONS or min(len(a), len(b)) < 4
                or a[0] != b[0] or a[-1] != b[-1] or abs(len(a) - len(b)) > 2 or fuzz.ratio(a, b) < 80):
            return False
    return True


@dataclass
class _Alignment:
    diff: list[dict]
    flags: list[str]
    context: dict | None
    changed: bool  #: a difference in content words, negation or numbers (not spelling, not function words only)


def _alignment_ops(r: list[str], q: list[str]) -> list[tuple[str, int, int, int, int]]:
    """The quote aligned with the record: as many quote words matched as possible, then as few words
    changed between them; record words before the first and after the last matched stretch are free (the
    quote's context, not words it dropped). Runs of changes are merged into one op ("five per" + "cent")."""
    n, m = len(q), len(r)
    big = n + m + 1  # one matched word outweighs any number of changes
    score = [[0] * (m + 1)]  # score[0][j] = 0: any number of leading record words, free
    for i in range(1, n + 1):
        row = [-i] + [0] * m
        prev, qi = score[i - 1], q[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1] + (big if qi == r[j - 1] else -1)
            up, left = prev[j] - 1, row[j - 1] - 1
            row[j] = diag if diag >= up and diag >= left else up if up >= left else left
        score.append(row)
    j = max(range(m + 1), key=lambda k: (score[n][k], -k))  # trailing record words, free
    steps = []
    i = n
    while i > 0:
        here = score[i][j]
        same = j > 0 and q[i - 1] == r[j - 1]
        # a quote opening on "And", "But", "So": a word added before the record's words, not one of them changed
        edge = i == 1 and q[0] in _OPENERS and here == score[0][j] - 1
        if j > 0 and here == score[i - 1][j - 1] + (big if same else -1) and (same or not edge):
            steps.append(("equal" if same else "replace", j - 1, j, i - 1, i))
            i, j = i - 1, j - 1
        elif here == score[i - 1][j] - 1:
            steps.append(("insert", j, j, i - 1, i))
            i -= 1
        else:
            steps.append(("delete", j - 1, j, i, i))
            j -= 1
    ops: list[tuple[str, int, int, int, int]] = []
    for tag, r0, r1, q0, q1 in reversed(steps):
        if ops and (ops[-1][0] == tag == "equal" or (tag != "equal" and ops[-1][0] != "equal")):
            last = ops.pop()
            r0, q0 = last[1], last[3]
            if tag != "equal":
                tag = "replace" if r1 > r0 and q1 > q0 else "delete" if r1 > r0 else "insert"
        ops.append((tag, r0, r1, q0, q1))
    return ops


def _align(record: _Words, quote: _Words) -> _Alignment:
    """Word-level diff of the quote against the record, with the record's words around a fragment."""
    lo, hi = 0, len(record.keys)
    if hi > 4 * len(quote.keys) + 20:  # a long record: align around the best-matching stretch
        enc = Encoder()
        al = fuzz.partial_ratio_alignment(enc.encode(quote.keys), enc.encode(record.keys), processor=None)
        lo, hi = max(0, al.dest_start - 2 * len(quote.keys)), min(hi, al.dest_end + 2 * len(quote.keys))
    ops = [(tag, lo + r0, lo + r1, q0, q1) for tag, r0, r1, q0, q1 in _alignment_ops(record.keys[lo:hi], quote.keys)]
    m = len(record.keys)
    start = ops[0][1] if ops else 0
    end = ops[-1][2] if ops else m
    context = None
    if start > 0 or end < m:
        before = record.show(max(0, start - CONTEXT_WORDS), start)
        after = record.show(end, min(m, end + CONTEXT_WORDS))
        context = {"before": ("…" if start > CONTEXT_WORDS else "") + before,
                   "after": after + ("…" if m - end > CONTEXT_WORDS else "")}
    flags: set[str] = set()
    changed = False
    diff = []
    for tag, r0, r1, q0, q1 in ops:
        diff.append({"op": tag, "record": record.show(r0, r1), "quote": quote.show(q0, q1)})
        if tag == "equal":
            if any(record.printed(r).casefold() != quote.printed(q).casefold()
                   for r, q in zip(range(r0, r1), range(q0, q1))):
                flags.add("spelling")  # the same words printed otherwise: "café"/"cafe", "five per cent"/"5%"
            continue
        rk, qk = record.tokens[r0:r1], quote.tokens[q0:q1]
        if tag == "replace" and _spelling_variant(rk, qk):
            flags.add("spelling")
            continue
        flags.add({"delete": "dropped", "insert": "inserted", "replace": "replaced"}[tag])
        if (sum(is_negation(record.keys, i) for i in range(r0, r1))
                != sum(is_negation(quote.keys, i) for i in range(q0, q1))):
            flags.add("negation")
            changed = True
        if _numbers(rk) != _numbers(qk):
            flags.add("number")
            changed = True
        if any(t.key not in _MINOR_WORDS for t in rk + qk):
            changed = True  # not only articles, conjunctions and fillers, which transcripts often differ in
    return _Alignment(diff, [f for f in FLAGS if f in flags], context, changed)


def _paraphrase_conflicts(record: list[Token], quote: list[Token]) -> list[str]:
    """Flags for a paraphrase that contradicts its record: negation on one side only, numbers that differ."""
    flags = []
    rkeys, qkeys = [t.key for t in record], [t.key for t in quote]
    if any(is_negation(qkeys, i) for i in range(len(qkeys))) != any(is_negation(rkeys, i) for i in range(len(rkeys))):
        flags.append("negation")
    if set(_numbers(quote)) - set(_numbers(record)):
        flags.append("number")
    return flags


# --- how firm the article's attribution is -----------------------------------------------------------

#: Mentions that name nobody by themselves: a pronoun, or a description resolved to a name.
def doubt(speaker: str | None, speaker_type: str | None, mention: str | None, context: str,
          record_speaker: str, words: int, paraphrase: bool = False, confidence: float | None = None) -> str | None:
    """Why the evidence is too weak to say the article credits someone else's words, or None when it is firm.

    Calling a quote misattributed accuses the article. That needs the article's speaker to be a person
    or organisation found by name (not a pronoun or a description), clearly not the record's speaker
    (no shared surname, the record's speaker not named around the quote), and, for a paraphrase, enough
    words to be someone's own statement. The reason is shown to people as it is."""
    if speaker is None:
        return "no speaker is named here"
    if confidence is not None and confidence < ACCUSE_MIN_CONFIDENCE:
        return f"the speaker was found on weak evidence (confidence {confidence:.2f})"
    if paraphrase and words < ACCUSE_MIN_WORDS:
        return f"a paraphrase of only {words} words, which others may say too"
    if not _is_named(speaker, speaker_type):
        return f"“{speaker}” is not a named person or organisation"
    said = " ".join((mention or speaker).split())
    if not _is_named(said, "PERSON"):
        return f"the speaker was found through “{said}”"
    mine, theirs = name_key(speaker), name_key(record_speaker)
    if mine and theirs and surname(mine) == surname(theirs):
        return f"{speaker} and {record_speaker} share a surname"
    if theirs and surname(theirs) in set(word_keys(context)):
        return f"{record_speaker} is named in the same passage"
    return None


def _is_named(name: str, type: str | None) -> bool:
    """A person's or organisation's name, as printed (:func:`~attribution.store.identity.is_name`); not a
    place ("Oregon"), which cannot be misquoted."""
    return type not in ("GPE", "NORP") and is_name(name, type)


# --- the checker -------------------------------------------------------------------------------------


class Checker:
    """Gives verdicts against one database; make one per run (it caches speaker lookups)."""

    def __init__(self, db: sqlite_utils.Database, matcher: Matcher | None = None) -> None:
        self.db = db
        self.matcher = matcher or Matcher(db)
        self._speaker_ids: dict[tuple[str, str], set[int]] = {}

    # -- speakers

    def speaker_ids(self, name: str | None, type: str | None = "PERSON") -> set[int]:
        """The speakers rows that are this person, by the rules speakers are stored with."""
        key = (name or "", type or "PERSON")
        if key not in self._speaker_ids:
            self._speaker_ids[key] = {s.id for s in find_speakers(self.db, *key)}
        return self._speaker_ids[key]

    # -- records

    def _records(self, ids: Iterable[int]) -> dict[int, dict]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self.db.execute(
            "select records.id, speaker_id, text, said_on, source_url, coalesce(speakers.name, '?') "
            "from records left join speakers on speakers.id = records.speaker_id "
            f"where records.id in ({','.join('?' * len(ids))})", ids).fetchall()
        return {rid: {"id": rid, "speaker_id": sid, "speaker": speaker, "text": text, "said_on": said_on,
                      "source_url": url}
                for rid, sid, text, said_on, url, speaker in rows}

    # -- verdicts

    def verdict(self, text: str, kind: str = "direct", speaker: str | None = None,
                speaker_type: str | None = "PERSON", said_on: dt.date | str | None = None, *,
                mention: str | None = None, context: str = "", confidence: float | None = None) -> Verdict:
        """The verdict on a quote ``text`` attributed to ``speaker`` (None: no speaker named).

        ``mention`` is how the article names the speaker near the quote ("she", "Ms. Lee") and
        ``context`` the article's sentence(s) around it: with them the checker judges whether the
        attribution is firm enough to call the quote misattributed (:func:`doubt`), as does the
        extraction's ``confidence`` in its speaker."""
        keys = word_keys(text)
        if not keys:
            return Verdict("unverified", note="no words to check")
        if isinstance(said_on, str):
            said_on = dt.date.fromisoformat(said_on)
        if speaker is not None and not name_key(speaker):
            speaker = None  # "..." names nobody: as ingest stores it, no speaker
        same = self.speaker_ids(speaker, speaker_type)
        if kind == "mixed":
            v = self._mixed(text, keys, same, said_on)
        elif kind == "indirect":
            v = self._paraphrase(text, keys, same, said_on)
        else:
            v = self._direct(text, keys, same, said_on)
        if v.verdict != "unverified" and len(keys) <= SHORT_WORDS:
            return Verdict("unverified", suggestion=self._suggest(v, f"only {len(keys)} words: too short to "
                                                                  "attribute on its own"),
                           note=f"too short to check ({len(keys)} words); would be {v.verdict}")
        if v.verdict == "misattributed":
            why = doubt(speaker, speaker_type, mention, context, v.record["speaker"], len(keys),
                        v.match == "paraphrase", confidence)
            if why:
                who = f"{v.record['speaker']} ({v.record['said_on']})"
                return Verdict("unverified", flags=["speaker_uncertain"],
                               suggestion=self._suggest(v, f"these words are on record from {who}; {why}"),
                               note=f"these words are on record from {who}; who says them here is uncertain "
                                    f"({why}): a person must look")
        return v

    def _mixed(self, text: str, keys: list[str], same: set[int], said_on: dt.date | None) -> Verdict:
        """Mixed speech: the words inside the marks claim to be the speaker's own, so the longest quoted
        part is checked word for word (it can be altered); failing that, the whole is a paraphrase."""
        parts = [p for p in (text[q.start:q.end] for q in find_quotes(text)) if len(word_keys(p)) > SHORT_WORDS]
        if parts:
            part = max(parts, key=len)
            v = self._direct(part, word_keys(part), same, said_on)
            if v.verdict != "unverified":
                v.note = f"the words in quotation marks: {v.note}"
                return v
        return self._paraphrase(text, keys, same, said_on)

    def _suggest(self, v: Verdict, reason: str) -> dict:
        return {"verdict": v.verdict, "score": v.score, "match": v.match, "record": v.record,
                "context": v.context, "diff": v.diff, "flags": v.flags, "reason": reason}

    def _split(self, hits: list[Hit], same: set[int], said_on: dt.date | None
               ) -> tuple[dict[int, dict], list[Hit], list[Hit]]:
        """The best hits of the named speaker and of others (best first, then said closest to the quote's
        date), with their records."""
        mine = [h for h in hits if h.speaker_id in same][:_KEEP]
        others = [h for h in hits if h.speaker_id not in same][:_KEEP]
        records = self._records(h.record_id for h in mine + others)
        return records, self._order(mine, records, said_on), self._order(others, records, said_on)

    def _order(self, hits: list[Hit], records: dict[int, dict], said_on: dt.date | None) -> list[Hit]:
        def distance(h: Hit) -> int:
            try:
                return abs((dt.date.fromisoformat(records[h.record_id]["said_on"]) - said_on).days)
            except (TypeError, ValueError):
                return 0
        return sorted(hits, key=lambda h: (-h.score, distance(h) if said_on else 0, h.record_id))

    def _date_flag(self, record: dict, said_on: dt.date | None) -> list[str]:
        try:
            days = abs((dt.date.fromisoformat(record["said_on"]) - said_on).days)
        except (TypeError, ValueError):
            return []
        return ["said_on"] if days > SAID_ON_DAYS else []

    @staticmethod
    def _public(record: dict) -> dict:
        return {k: record[k] for k in ("id", "speaker", "text", "said_on", "source_url")}

    def _direct(self, text: str, keys: list[str], same: set[int], said_on: dt.date | None) -> Verdict:
        exact = self.matcher.exact(text)
        hits = None
        if exact:  # the fast path: the named speaker's exact words
            records = self._records(exact)
            mine = [Hit(i, records[i]["speaker_id"], 100.0, "whole", 100.0, 0.0) for i in exact
                    if records[i]["speaker_id"] in same]
            if mine:
                hits = mine
        if hits is None:
            hits = self.matcher.search(text, QUOTE, min(ALTERED_MIN, MISATTRIBUTED_MIN))
        records, mine, others = self._split(hits, same, said_on)
        quote = _Words.of(text)
        if mine:
            best = None
            for h in mine[:_SHORTLIST]:
                rec = records[h.record_id]
                al = _align(_Words.of(rec["text"]), quote)
                if not al.changed:
                    best = (h, rec, al)
                    break
                if best is None:
                    best = (h, rec, al)
            h, rec, al = best  # every hit scores at least ALTERED_MIN (the search cutoff)
            verdict = "altered" if al.changed else "verified"
            match = "fragment" if al.context else "whole"
            flags = [f for f in FLAGS if f in set(al.flags) | set(self._date_flag(rec, said_on))]
            if verdict == "verified":
                note = (f"{'part of' if al.context else 'matches'} a record of {rec['speaker']}"
                        f" ({rec['said_on']})")
                if {"dropped", "inserted", "replaced"} & set(al.flags):
                    note += ", apart from an article or an opening “and”, “but”, “so”"
            else:
                note = f"differs from a record of {rec['speaker']} ({rec['said_on']}): " + ", ".join(al.flags)
            return Verdict(verdict, round(h.score, 1), match, self._public(rec), al.context, al.diff, flags,
                           note=note)
        if others:
            h = others[0]
            rec = records[h.record_id]
            al = _align(_Words.of(rec["text"]), quote)
            flags = [f for f in FLAGS if f in set(al.flags) | set(self._date_flag(rec, said_on))]
            v = Verdict("misattributed", round(h.score, 1), "fragment" if al.context else "whole",
                        self._public(rec), al.context, al.diff, flags,
                        note=f"these words are on record from {rec['speaker']} ({rec['said_on']})")
            if h.score >= MISATTRIBUTED_MIN:
                return v
            return Verdict("unverified", suggestion=self._suggest(v, f"similar words by {rec['speaker']}"),
                           note=f"no record close enough; nearest is by {rec['speaker']}")
        return Verdict("unverified", note="no similar record")

    def _paraphrase(self, text: str, keys: list[str], same: set[int], said_on: dt.date | None) -> Verdict:
        hits = self.matcher.search(text, PARAPHRASE, min(PARAPHRASE_MIN, PARAPHRASE_MISATTRIBUTED_MIN))
        records, mine, others = self._split(hits, same, said_on)
        mine = [h for h in mine if h.score >= PARAPHRASE_MIN]
        for group, verdict in ((mine, "verified"), (others, "misattributed")):
            if not group:
                continue
            h = group[0]
            rec = records[h.record_id]
            record_tokens = tokens(rec["text"])
            conflicts = _paraphrase_conflicts(record_tokens, tokens(text))
            flags = [f for f in FLAGS if f in set(conflicts) | set(self._date_flag(rec, said_on))]
            v = Verdict(verdict, round(h.score, 1), "paraphrase", self._public(rec), None, [], flags,
                        note=(f"paraphrases a record of {rec['speaker']} ({rec['said_on']})" if verdict == "verified"
                              else f"paraphrases a record of {rec['speaker']} ({rec['said_on']}), not the named speaker"))
            if conflicts:
                return Verdict("unverified", suggestion=self._suggest(v, "the paraphrase disagrees with the record: "
                                                                      + ", ".join(conflicts)),
                               note=f"disagrees with a record of {rec['speaker']}: " + ", ".join(conflicts))
            shared = len(set(content_words(keys)) & set(content_words([t.key for t in record_tokens])))
            if shared < PARAPHRASE_MIN_SHARED:
                return Verdict("unverified", suggestion=self._suggest(v, f"shares only {shared} content words with "
                                                                      f"words of {rec['speaker']}"),
                               note=f"too little in common with any record; nearest is by {rec['speaker']}")
            if verdict == "verified" or h.score >= PARAPHRASE_MISATTRIBUTED_MIN:
                return v
            return Verdict("unverified", suggestion=self._suggest(v, f"loosely similar to words of {rec['speaker']}"),
                           note=f"no record close enough; nearest is by {rec['speaker']}")
        return Verdict("unverified", note="no similar record")
