"""The verdict on one quote: verified, misattributed, altered or unverified, and why.

Rules (thresholds are the module constants; scores are 0-100, see :mod:`attribution.match`):

Direct quotes (``quote`` mode: word-level ``whole`` ratio or ``fragment`` partial ratio):

- **verified** -- a record of the named speaker has exactly these words, whole or as a
  contiguous fragment (``match`` says which; ``context`` gives the record's words around a
  fragment). Words that differ only in spelling ("organisation"/"organization", "per
  cent"/"percent", "5"/"five") still verify, with the flag ``spelling``.
- **altered** -- the best record of the named speaker scores at least ``ALTERED_MIN`` but its
  words differ inside the quoted stretch. ``diff`` is the word-level diff (ops ``equal``,
  ``replace``, ``delete`` = in the record, not the quote; ``insert`` = in the quote, not the
  record) and ``flags`` name what changed: ``negation`` (a not/no/never/n't added or removed),
  ``number`` (a number or date changed), ``dropped``, ``inserted``, ``replaced``.
- **misattributed** -- no record of the named speaker is close, but a record of someone else
  scores at least ``MISATTRIBUTED_MIN``; ``record`` is theirs (its speaker is named).
- **unverified** -- nothing close enough. The nearest record, if any, is the ``suggestion``.

The diff aligns the quote with the record so that as many quote words as possible are matched,
then as few words as possible changed between them; record words before and after the quoted
stretch are its context, not words it dropped.

Mixed speech (reported speech with quoted words) is checked by its longest quoted part of more
than ``SHORT_WORDS`` words, word for word as a direct quote: those words claim to be the
speaker's own, so they can be altered. When that part matches nothing, the whole is checked as
a paraphrase, as indirect speech always is.

Indirect speech is paraphrase (``paraphrase`` mode: 200·k/(k+u) for k of the quote's u
distinct words found in the record, word order ignored): it is verified when a record of the
named speaker scores at least ``PARAPHRASE_MIN`` and misattributed when only someone else's
scores at least ``PARAPHRASE_MISATTRIBUTED_MIN``; it is never altered. A paraphrase whose
negation or numbers disagree with the record is not verified: it stays unverified, with those
flags on the suggestion.

A quote of at most ``SHORT_WORDS`` words is never more than unverified: what it would have been
is returned as the ``suggestion``. So is a matching quote with no named speaker.

The speaker of a quote and of a record are the same person when :mod:`attribution.identity`
says so ("Takaichi", "Prime Minister Sanae Takaichi", "Sanae Takaichi"), read without
writing to the database.

Among several fitting records of the named speaker one with exactly the quote's words wins,
then the best score, then the one said closest to the quote's date; the flag ``said_on`` marks a record more than ``SAID_ON_DAYS``
days from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable

import sqlite_utils
from rapidfuzz import fuzz

from .identity import find_speakers, name_key
from .quotes import find_quotes
from .match import PARAPHRASE, QUOTE, Encoder, Hit, Matcher, query_words, record_words
from .normalize import normalize_quote

__all__ = ["ALTERED_MIN", "Checker", "FLAGS", "MISATTRIBUTED_MIN", "PARAPHRASE_MIN",
           "PARAPHRASE_MISATTRIBUTED_MIN", "SHORT_WORDS", "VERDICTS", "Verdict"]

VERDICTS = ("verified", "misattributed", "altered", "unverified")
#: Every flag, in the order they are listed.
FLAGS = ("negation", "number", "dropped", "inserted", "replaced", "spelling", "said_on")

ALTERED_MIN = 75.0  #: a same-speaker record this close (whole or fragment) makes a differing quote "altered"
MISATTRIBUTED_MIN = 90.0  #: another speaker's record must be this close for "misattributed"
PARAPHRASE_MIN = 70.0  #: token-set score for an indirect quote to be verified
PARAPHRASE_MISATTRIBUTED_MIN = 80.0  #: ... and to be misattributed
SHORT_WORDS = 4  #: quotes of this many words or fewer get at most "unverified" (plus a suggestion)
SAID_ON_DAYS = 7  #: a record said further than this from the quote's date gets the flag "said_on"
CONTEXT_WORDS = 10  #: words of a record shown either side of a quoted fragment
_SHORTLIST = 8  #: same-speaker hits examined for an exact fragment before settling for the best score
_KEEP = 50  #: hits of the named speaker, and of others, looked at (the best by score)

_NEGATIONS = frozenset("""not no never cannot nor neither nobody nothing none nowhere noone dont cant wont
isnt doesnt didnt wasnt arent werent couldnt shouldnt wouldnt hasnt havent hadnt aint""".split())
_NUMBER_WORDS = {w: n for n, w in enumerate("""zero one two three four five six seven eight nine ten eleven
twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty""".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
                      "trillion": 10**12, "dozen": 12})
_DATE_WORDS = frozenset("""half quarter double triple third fourth fifth january february march
april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov
dec monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
saturdays sundays weekday weekdays weekend weekends today tomorrow yesterday tonight""".split())
_WORD = re.compile(r"[^\W_]+")


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


# --- words with their place in the original text --------------------------------------------------

@dataclass
class _Words:
    """A text's comparison words, with character spans into ``text`` when they line up."""

    text: str
    keys: list[str]
    spans: list[tuple[int, int]] | None

    @classmethod
    def of(cls, text: str, keys: list[str]) -> "_Words":
        spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        if len(spans) != len(keys) or any(normalize_quote(text[s:e]) != k for (s, e), k in zip(spans, keys)):
            spans = None
        return cls(text, keys, spans)

    def show(self, lo: int, hi: int) -> str:
        """Words lo..hi-1 as printed (with the punctuation between them)."""
        if lo >= hi:
            return ""
        if self.spans is None:
            return " ".join(self.keys[lo:hi])
        return self.text[self.spans[lo][0]:self.spans[hi - 1][1]]


def _is_negation(keys: list[str], i: int) -> bool:
    w = keys[i]
    return w in _NEGATIONS or (w == "t" and i > 0 and keys[i - 1].endswith("n"))


def _is_number(w: str) -> bool:
    return any(ch.isdigit() for ch in w) or w in _NUMBER_WORDS or w in _DATE_WORDS


def _value(w: str) -> int | None:
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _canonical(words: list[str]) -> str:
    return "".join(str(_value(w)) if _value(w) is not None else w for w in words)


def _spelling_variant(r: list[str], q: list[str]) -> bool:
    """Different ways of writing the same words: 'per cent'/'percent', 'u.s.'/'us', 'five'/'5', 'colour'/'color'."""
    if _canonical(r) == _canonical(q):
        return True
    if len(r) != len(q):
        return False
    for a, b in zip(r, q):
        if a == b:
            continue
        if _value(a) is not None and _value(a) == _value(b):
            continue
        if (_is_number(a) or _is_number(b) or a in _NEGATIONS or b in _NEGATIONS or min(len(a), len(b)) < 4
                or a[0] != b[0] or a[-1] != b[-1] or abs(len(a) - len(b)) > 2 or fuzz.ratio(a, b) < 80):
            return False
    return True


@dataclass
class _Alignment:
    diff: list[dict]
    flags: list[str]
    context: dict | None
    changed: bool  #: a difference that is not just spelling


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
        if j > 0 and here == score[i - 1][j - 1] + (big if q[i - 1] == r[j - 1] else -1):
            steps.append(("equal" if q[i - 1] == r[j - 1] else "replace", j - 1, j, i - 1, i))
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
            continue
        rk, qk = record.keys[r0:r1], quote.keys[q0:q1]
        if tag == "replace" and _spelling_variant(rk, qk):
            flags.add("spelling")
            continue
        changed = True
        flags.add({"delete": "dropped", "insert": "inserted", "replace": "replaced"}[tag])
        if (sum(_is_negation(record.keys, i) for i in range(r0, r1))
                != sum(_is_negation(quote.keys, i) for i in range(q0, q1))):
            flags.add("negation")
        if sorted(_canonical([w]) for w in rk if _is_number(w)) != sorted(_canonical([w]) for w in qk if _is_number(w)):
            flags.add("number")
    return _Alignment(diff, [f for f in FLAGS if f in flags], context, changed)


def _paraphrase_conflicts(record_keys: list[str], quote_keys: list[str]) -> list[str]:
    """Flags for a paraphrase that contradicts its record: negation on one side only, numbers that differ."""
    flags = []
    if any(_is_negation(quote_keys, i) for i in range(len(quote_keys))) != any(
            _is_negation(record_keys, i) for i in range(len(record_keys))):
        flags.append("negation")
    if {w for w in quote_keys if _is_number(w)} - {w for w in record_keys if _is_number(w)}:
        flags.append("number")
    return flags


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
            "select records.id, speaker_id, text, norm_text, said_on, source_url, coalesce(speakers.name, '?') "
            "from records left join speakers on speakers.id = records.speaker_id "
            f"where records.id in ({','.join('?' * len(ids))})", ids).fetchall()
        return {rid: {"id": rid, "speaker_id": sid, "speaker": speaker, "text": text, "norm_text": norm,
                      "said_on": said_on, "source_url": url}
                for rid, sid, text, norm, said_on, url, speaker in rows}

    # -- verdicts

    def verdict(self, text: str, kind: str = "direct", speaker: str | None = None,
                speaker_type: str | None = "PERSON", said_on: dt.date | str | None = None) -> Verdict:
        """The verdict on a quote ``text`` attributed to ``speaker`` (None: no speaker named)."""
        keys = query_words(text)
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
        if v.verdict != "unverified" and speaker is None:
            who = v.record["speaker"]
            return Verdict("unverified", suggestion=self._suggest(v, "no speaker is named; the words match "
                                                                  f"a record of {who}"),
                           note=f"no speaker named; close to a record of {who}")
        if v.verdict != "unverified" and len(keys) <= SHORT_WORDS:
            return Verdict("unverified", suggestion=self._suggest(v, f"only {len(keys)} words: too short to "
                                                                  "attribute on its own"),
                           note=f"too short to check ({len(keys)} words); would be {v.verdict}")
        return v

    def _mixed(self, text: str, keys: list[str], same: set[int], said_on: dt.date | None) -> Verdict:
        """Mixed speech: the words inside the marks claim to be the speaker's own, so the longest quoted
        part is checked word for word (it can be altered); failing that, the whole is a paraphrase."""
        parts = [p for p in (text[q.start:q.end] for q in find_quotes(text)) if len(query_words(p)) > SHORT_WORDS]
        if parts:
            part = max(parts, key=len)
            v = self._direct(part, query_words(part), same, said_on)
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
        quote = _Words.of(text, keys)
        if mine:
            best = None
            for h in mine[:_SHORTLIST]:
                rec = records[h.record_id]
                al = _align(_Words.of(rec["text"], record_words(rec["norm_text"])), quote)
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
            else:
                note = f"differs from a record of {rec['speaker']} ({rec['said_on']}): " + ", ".join(al.flags)
            return Verdict(verdict, round(h.score, 1), match, self._public(rec), al.context, al.diff, flags,
                           note=note)
        if others:
            h = others[0]
            rec = records[h.record_id]
            al = _align(_Words.of(rec["text"], record_words(rec["norm_text"])), quote)
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
            conflicts = _paraphrase_conflicts(record_words(rec["norm_text"]), keys)
            flags = [f for f in FLAGS if f in set(conflicts) | set(self._date_flag(rec, said_on))]
            v = Verdict(verdict, round(h.score, 1), "paraphrase", self._public(rec), None, [], flags,
                        note=(f"paraphrases a record of {rec['speaker']} ({rec['said_on']})" if verdict == "verified"
                              else f"paraphrases a record of {rec['speaker']} ({rec['said_on']}), not the named speaker"))
            if conflicts:
                return Verdict("unverified", suggestion=self._suggest(v, "the paraphrase disagrees with the record: "
                                                                      + ", ".join(conflicts)),
                               note=f"disagrees with a record of {rec['speaker']}: " + ", ".join(conflicts))
            if verdict == "verified" or h.score >= PARAPHRASE_MISATTRIBUTED_MIN:
                return v
            return Verdict("unverified", suggestion=self._suggest(v, f"loosely similar to words of {rec['speaker']}"),
                           note=f"no record close enough; nearest is by {rec['speaker']}")
        return Verdict("unverified", note="no similar record")
