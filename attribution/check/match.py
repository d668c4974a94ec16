"""Finding the verified records a quote's words come from: fast, and provably as complete as a full scan.

Words, not characters
---------------------
A quote and a record are compared as sequences of *words*: the keys of
:func:`attribution.text.words.tokens` (letters case- and accent-folded, numbers as
values), so punctuation, typography, case and accents never count. Each distinct word is encoded
as one character and rapidfuzz scores the encoded strings, with cutoff *c*:

``quote`` mode (direct quotes): n quote words, m record words,
    ``whole``    = ``fuzz.ratio`` = 200·LCS/(n+m), LCS being the longest
    common word subsequence;
    ``fragment`` = ``fuzz.partial_ratio``: the quote against its best-aligned
    stretch of the record (only for records at least as long as the quote).
    A record is a hit when either reaches *c*; its score is the larger.
``paraphrase`` mode (indirect speech): u distinct *content* words of the
    quote (not :data:`STOPWORDS`, which reported speech rewords), k of them in
    the record (``LCSseq.similarity`` of the two sorted word sets); score =
    200·k/(k+u), the share of the quote's vocabulary the record has, as
    rapidfuzz's token_set_ratio measures "intersection against intersection +
    the quote's other words", counted in words. No content words, no hits.

The scores depend only on which words are equal, so any one-to-one encoding
gives the same numbers: :class:`Matcher` encodes per query, :class:`BruteForce`
once for all records, and both score with :func:`score_candidates`.

Why the candidate filter never loses a hit
------------------------------------------
:class:`Matcher` scores only the exact ``norm_hash`` hits, the records the
FTS5 index ``records_fts`` returns for one query built from the quote's
words, and the records an in-memory map adds. That set contains every record
:class:`BruteForce` reports, because:

1. *A hit lacks at most M of the quote's distinct words.* ``quote`` mode:
   both scores compare the quote with some stretch W of the record (all of
   it, or a window), and 200·LCS/(n+|W|) ≥ c with LCS ≤ |W| gives
   LCS ≥ c·n/(200−c); so at most M = n − ⌈c·n/(200−c)⌉ quote words are
   unmatched, and at most M distinct words absent. ``paraphrase`` mode:
   200·k/(k+u) ≥ c gives k ≥ c·u/(200−c), so M = u − ⌈c·u/(200−c)⌉
   (:func:`min_shared`), counting content words only.
2. *So a hit has every word of at least t of any M + t groups.* The quote's
   distinct *searchable* (content) words (:class:`attribution.text.words.Token`)
   are split into M + t groups (pigeonhole: at most M groups can hold an absent
   word), and FTS5 gives the records having
   all the words of some t of them: either in one query,
   ``(g1 AND g2) OR (g1 AND g3) OR ...`` (at most ``MAX_CLAUSES`` clauses), or
   with one query per group, counting the groups each record has. The groups
   are balanced by document frequency (rare words spread out, common ones
   added where they cost least), and t and the method are chosen by an
   estimated cost -- all for speed only.
3. *FTS5 finds a record through words it indexes.* ``records_fts`` indexes
   ``records.text`` with the ``porter`` tokenizer over ``unicode61``, whose
   tokens are the runs of letters and digits, case-folded; a term matches the
   same token (stemming only adds candidates). So a record is found through
   any word of ours that is also a whole pure-ASCII letter-and-digit run
   of its text: in a text that is ASCII apart from the quotation marks, dashes
   and no-break spaces, every searchable word is (numbers, which may be
   written out, and "percent", which may be "%", are never searchable).
4. *The other records are added from memory.* In a text with other non-ASCII
   characters, NFKC, case- and accent-folding can make an ASCII word of ours
   that is not an index token ("ﬁnance" → finance, "Straße" → strasse,
   "café" → cafe).
   One scan (texts with more bytes than characters) finds those *unsafe*
   words of each record (:func:`unsafe_words`) and keeps a word → records
   map; every record listed under one of the quote's words is a candidate.
   A hit whose t fully present groups hold no unsafe word is found as in 3.
5. *When 1-2 give nothing to search for* (fewer than M + 1 distinct ASCII
   words, e.g. a quote in Japanese), the whole table is scanned.

Records are read by their printed ``text`` (the words come from it); ``norm_text`` and
``norm_hash`` (:func:`attribution.text.normalize.normalize_quote`) serve exact lookups.
Precondition: ``records_fts`` is kept in step by the schema's triggers. Records added after
the :class:`Matcher` is made are seen (a cheap ``max(id)`` check picks up new
ids); records changed by another connection trigger a rescan; call
:meth:`Matcher.refresh` after changing records in place through the same one.
"""

from __future__ import annotations

import itertools
import math
import re
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Iterator

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from ..text.normalize import quote_hash
from ..text.words import Token, keys, tokens

__all__ = ["BruteForce", "DEFAULT_CUTOFFS", "Encoder", "Hit", "MODES", "Matcher", "Plan", "STOPWORDS", "content_words",
           "find_candidates", "make_plan", "min_shared", "score_candidates", "unsafe_words"]

QUOTE, PARAPHRASE = "quote", "paraphrase"
MODES = (QUOTE, PARAPHRASE)
#: Lowest score a record needs to be returned at all (the verdicts set their own, higher, bars).
DEFAULT_CUTOFFS = {QUOTE: 75.0, PARAPHRASE: 70.0}
#: Largest number of AND-clauses in one FTS query before we fall back to fewer words per clause.
MAX_CLAUSES = 64

_EPS = 1e-9
# Non-ASCII characters normalize_quote turns into ASCII separators; FTS5 treats them as separators too.
_PLAIN_EXTRA = "“”„«»‘’‚–—‐‑\u00a0"
_TO_ASCII = str.maketrans({ch: " " for ch in _PLAIN_EXTRA})
_ASCII_SEPARATORS = re.compile("[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f" + _PLAIN_EXTRA + "]+")


#: Function words paraphrase mode leaves out (indirect speech rewords them: "we will" → "the city would").
STOPWORDS = frozenset("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t d ll m re ve
said says say told""".split())


def content_words(words: list[str]) -> list[str]:
    """The words paraphrase mode compares: all but :data:`STOPWORDS`."""
    return [w for w in words if w not in STOPWORDS]


def _is_plain(text: str) -> bool:
    """Whether FTS5 tokenises this text exactly into our words (see the module docstring, point 3)."""
    return text.translate(_TO_ASCII).isascii()


def unsafe_words(text: str) -> set[str]:
    """ASCII words of a record that FTS5 may not index as such (see the module docstring, point 4):
    those that are not also a whole pure-ASCII run of letters and digits in the text."""
    runs = {run.lower() for run in _ASCII_SEPARATORS.split(text) if run.isascii()}
    return {w for w in keys(text) if w.isascii() and w not in runs}


@dataclass(frozen=True)
class Hit:
    """One record whose words match a quote's well enough."""

    record_id: int
    speaker_id: int
    score: float  #: 0-100: the larger of whole and fragment, or the paraphrase score
    match: str  #: "whole", "fragment" or "paraphrase"
    whole: float = 0.0  #: quote mode: the whole-record score, 0 when under the cutoff
    fragment: float = 0.0  #: quote mode: the fragment score, 0 when under the cutoff or the record is shorter


# --- encoding: one character per distinct word --------------------------------------------------

_CODEPOINTS: list[int] = []


def _codepoint(i: int) -> str:
    """The i-th usable code: from U+0100 on, skipping surrogates and whitespace (token_set_ratio splits on it)."""
    while len(_CODEPOINTS) <= i:
        cp = _CODEPOINTS[-1] + 1 if _CODEPOINTS else 0x100
        while 0xD800 <= cp <= 0xDFFF or chr(cp).isspace():
            cp += 1
        if cp > 0x10FFFF:
            raise ValueError("more distinct words than Unicode code points")
        _CODEPOINTS.append(cp)
    return chr(_CODEPOINTS[i])


class Encoder:
    """Maps words to single characters, the same word always to the same one."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.stop: set[str] = set()  #: the codes of STOPWORDS

    def encode(self, words: Iterable[str]) -> str:
        codes = self.codes
        out = []
        for w in words:
            c = codes.get(w)
            if c is None:
                c = codes[w] = _codepoint(len(codes))
                if w in STOPWORDS:
                    self.stop.add(c)
            out.append(c)
        return "".join(out)

    def content(self, code: str) -> str:
        """The distinct content words (not STOPWORDS) of an encoded text, sorted."""
        return "".join(sorted(set(code) - self.stop))


@dataclass
class Encoded:
    """Candidates ready for scoring, in parallel lists."""

    ids: list[int]
    speakers: list[int]
    codes: list[str]  #: one character per word (quote mode)
    word_sets: list[str]  #: the distinct content words, sorted (paraphrase mode)

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, list[str]]], encoder: Encoder, mode: str | None = None) -> "Encoded":
        """Encode candidates for ``mode`` (None: both)."""
        ids, speakers, codes, word_sets = [], [], [], []
        for rid, sid, words in rows:
            code = encoder.encode(words)
            ids.append(rid)
            speakers.append(sid)
            if mode != PARAPHRASE:
                codes.append(code)
            if mode != QUOTE:
                word_sets.append(encoder.content(code))
        return cls(ids, speakers, codes, word_sets)


def score_candidates(query: str, cands: Encoded, mode: str, cutoff: float, encoder: Encoder) -> list[Hit]:
    """Score encoded candidates against an encoded query (same encoder); the hits reaching ``cutoff``.

    This is *the* scorer: :class:`Matcher` and :class:`BruteForce` both call it.
    """
    if not query:
        return []
    n = len(query)
    hits: dict[int, Hit] = {}
    if mode == QUOTE:
        whole = {i: s for _, s, i in process.extract(query, cands.codes, scorer=fuzz.ratio, processor=None,
                                                       score_cutoff=cutoff, limit=None)}
        longer = [i for i, c in enumerate(cands.codes) if len(c) >= n]
        frag = {longer[j]: s for _, s, j in process.extract(query, [cands.codes[i] for i in longer],
                                                            scorer=fuzz.partial_ratio, processor=None,
                                                            score_cutoff=cutoff, limit=None)}
        for i in whole.keys() | frag.keys():
            w, f = whole.get(i, 0.0), frag.get(i, 0.0)
            hits[i] = Hit(cands.ids[i], cands.speakers[i], max(w, f), "whole" if w >= f else "fragment", w, f)
    elif mode == PARAPHRASE:
        # k = distinct content words shared: the LCS of the sorted word sets (same encoder, so same order)
        q = encoder.content(query)
        u = len(q)
        if not u:
            return []
        least = min_shared(list(q), PARAPHRASE, cutoff)
        for _, k, i in process.extract(q, cands.word_sets, scorer=LCSseq.similarity, processor=None,
                                       score_cutoff=max(1, least), limit=None):
            score = 200 * k / (k + u)
            if score >= cutoff:
                hits[i] = Hit(cands.ids[i], cands.speakers[i], score, "paraphrase")
    else:
        raise ValueError(f"unknown match mode {mode!r}: use one of {MODES}")
    return sorted(hits.values(), key=lambda h: (-h.score, h.record_id))


# --- the bounds behind the candidate filter --------------------------------------------------------

def min_shared(qwords: list[str], mode: str, cutoff: float) -> int:
    """The fewest quote words a record reaching ``cutoff`` must share: word occurrences matched in
    order in quote mode, distinct words in paraphrase mode (both ⌈c·n/(200−c)⌉; 0 = no bound)."""
    n = len(qwords) if mode == QUOTE else len(set(qwords))
    if cutoff >= 100:
        return n
    return min(n, max(0, math.ceil(cutoff * n / (200 - cutoff) - _EPS)))


@dataclass(frozen=True)
class Plan:
    """How a query's candidates are found: the records with every word of at least ``per_clause`` of the
    ``groups``, asked of FTS5 in one query (``method`` "fts") or counted from one FTS5 query per group
    ("count"); with no groups, a scan of the whole table."""

    budget: int  #: M: distinct quote words a hit may lack
    min_words: int  #: records with fewer words cannot be hits
    groups: tuple[tuple[str, ...], ...]  #: M + t groups partitioning the quote's distinct ASCII words
    per_clause: int  #: t
    method: str = "fts"
    cost: float = 0.0  #: the estimate (ms) that chose it

    @property
    def scan(self) -> bool:
        return not self.groups

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(w for g in self.groups for w in g)

    def group_queries(self) -> list[str]:
        return [" AND ".join(f'"{w}"' for w in g) for g in self.groups]

    def fts_query(self) -> str:
        clauses = itertools.combinations(self.groups, self.per_clause)
        return " OR ".join("(" + " AND ".join(f'"{w}"' for g in c for w in g) + ")" for c in clauses)


# Cost model (ms) for choosing a plan, measured on a 1M-record store; it only affects speed.
_MS_PER_CANDIDATE = 0.013  # fetch, tokenise, encode and score one candidate
_MS_PER_ROW = 0.0003  # one rowid read back from a per-group FTS5 query
_MS_PER_QUERY = 0.05  # one FTS5 query
_MS_PER_POSTING = 0.0000015  # one document-list entry read by the single FTS5 query, per clause using it
_MAX_GROUPS_EXTRA = 6  # t tried up to this


def _balanced_groups(words: list[str], logp: dict[str, float], count: int) -> list[list[str]]:
    """Rarest first, each word into the group that is least selective so far (balanced products)."""
    groups: list[list[str]] = [[] for _ in range(count)]
    sums = [0.0] * count
    for w in sorted(words, key=lambda w: (logp[w], w)):
        g = max(range(count), key=lambda i: (not groups[i], sums[i], -i))
        groups[g].append(w)
        sums[g] += logp[w]
    return groups


def _at_least(probs: list[float], t: int) -> float:
    """Sum over t-subsets of the product of their probabilities (elementary symmetric polynomial)."""
    e = [1.0] + [0.0] * t
    for p in probs:
        for k in range(t, 0, -1):
            e[k] += e[k - 1] * p
    return e[t]


def make_plan(qwords: list[str], mode: str, cutoff: float, rarity: dict[str, int] | None = None,
              total: int = 1, *, searchable: set[str]) -> Plan:
    """Split the quote's distinct ``searchable`` words (:attr:`attribution.text.words.Token.searchable`) into
    M + t groups so that every hit contains all the words of at least t groups. ``rarity`` (document counts out of
    ``total``) balances the groups and picks t and the method by estimated cost, which only matters
    for speed."""
    shared = min_shared(qwords, mode, cutoff)
    budget = (len(qwords) if mode == QUOTE else len(set(qwords))) - shared
    min_words = shared
    words = sorted(set(qwords) & searchable)
    if shared == 0 or len(words) < budget + 1:
        return Plan(budget, min_words, (), 0, "scan")
    rarity = rarity or {}
    n = max(total, 1)
    df = {w: min(rarity.get(w, 0), n) for w in words}
    logp = {w: math.log((df[w] + 1) / (n + 1)) for w in words}
    best: Plan | None = None
    for t in range(1, min(len(words) - budget, _MAX_GROUPS_EXTRA) + 1):
        groups = _balanced_groups(words, logp, budget + t)
        probs = [math.exp(sum(logp[w] for w in g)) for g in groups]
        candidates = n * min(1.0, _at_least(probs, t))
        plans = [Plan(budget, min_words, tuple(map(tuple, groups)), t, "count",
                      _MS_PER_QUERY * len(groups) + _MS_PER_ROW * n * sum(probs) + _MS_PER_CANDIDATE * candidates)]
        if t <= 3 and math.comb(len(groups), t) <= MAX_CLAUSES:
            postings = sum(sum(df[w] for w in g) for g in groups) * math.comb(len(groups) - 1, t - 1)
            plans.append(Plan(budget, min_words, tuple(map(tuple, groups)), t, "fts",
                              _MS_PER_QUERY + _MS_PER_POSTING * postings + _MS_PER_CANDIDATE * candidates))
        for plan in plans:
            if best is None or plan.cost < best.cost:
                best = plan
    return best


# --- the matcher ------------------------------------------------------------------------------

class Matcher:
    """Searches one database's records; make one per run and reuse it for every quote."""

    def __init__(self, db: sqlite_utils.Database, cutoffs: dict[str, float] | None = None) -> None:
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.cutoffs = {**DEFAULT_CUTOFFS, **(cutoffs or {})}
        self.stats = {"queries": 0, "fts": 0, "count": 0, "scans": 0, "candidates": 0}
        self._stems: dict[str, str] = {}
        self._doc_counts: dict[str, int] = {}
        self._unsafe: dict[str, set[int]] = {}  # word -> records FTS5 may not find through it
        self._seen_max = -1
        self._data_version: int | None = None
        self._prepare_temp_tables()
        self._refresh()

    # -- public API

    def exact(self, text: str) -> list[int]:
        """Ids of the records with exactly these words in the same typography-free form."""
        return [r[0] for r in self.conn.execute("select id from records where norm_hash = ? order by id",
                                                 (quote_hash(text),))]

    def search(self, text: str, mode: str = QUOTE, cutoff: float | None = None) -> list[Hit]:
        """Every record scoring at least ``cutoff`` against ``text``, best first (exactly what a full scan finds)."""
        cutoff = self.cutoffs[mode] if cutoff is None else cutoff
        toks = tokens(text)
        if not toks:
            return []
        encoder = Encoder()
        query = encoder.encode([t.key for t in toks])
        cands = Encoded.build(self._candidates(text, toks, mode, cutoff), encoder, mode)
        self.stats["candidates"] += len(cands.ids)
        return score_candidates(query, cands, mode, cutoff, encoder)

    def candidates(self, text: str, mode: str = QUOTE, cutoff: float | None = None) -> dict[int, tuple[int, list[str]]]:
        """{record id: (speaker id, words)} for the records :meth:`search` scores."""
        cutoff = self.cutoffs[mode] if cutoff is None else cutoff
        return {rid: (sid, words) for rid, sid, words in self._candidates(text, tokens(text), mode, cutoff)}

    def refresh(self) -> None:
        """Forget what is known about the records and look again (after editing records in place)."""
        self._unsafe.clear()
        self._seen_max = -1
        self._doc_counts.clear()
        self._refresh()

    # -- internals

    def _candidates(self, text: str, toks: list[Token], mode: str, cutoff: float
                    ) -> Iterator[tuple[int, int, list[str]]]:
        self.stats["queries"] += 1
        qwords = [t.key for t in toks]
        if mode == PARAPHRASE:
            qwords = content_words(qwords)
        if not qwords:
            return
        searchable = {t.key for t in toks if t.searchable}
        self._refresh()
        plan = make_plan(qwords, mode, cutoff, self._rarity(searchable), self._seen_max, searchable=searchable)
        seen: set[int] = set()

        def emit(rows):
            for rid, sid, printed in rows:
                if rid in seen:
                    continue
                seen.add(rid)
                words = keys(printed)
                if len(words) >= plan.min_words:
                    yield rid, sid, words

        yield from emit(self.conn.execute("select id, speaker_id, text from records where norm_hash = ?",
                                          (quote_hash(text),)))
        if plan.scan:
            self.stats["scans"] += 1
            yield from emit(self.conn.execute("select id, speaker_id, text from records"))
            return
        self.stats[plan.method] += 1
        if plan.method == "fts":
            yield from emit(self.conn.execute(
                "select id, speaker_id, text from records where id in "
                "(select rowid from records_fts where records_fts match ?)", (plan.fts_query(),)))
            found: set[int] = set()
        else:
            full: dict[int, int] = {}  # record -> groups it has every word of
            for query in plan.group_queries():
                for (rid,) in self.conn.execute("select rowid from records_fts where records_fts match ?", (query,)):
                    full[rid] = full.get(rid, 0) + 1
            found = {rid for rid, k in full.items() if k >= plan.per_clause}
        found |= set().union(*(self._unsafe.get(w, ()) for w in plan.terms))
        yield from emit(self._rows(sorted(found - seen)))

    def _rows(self, ids: list[int]) -> Iterator[tuple[int, int, str]]:
        for chunk in range(0, len(ids), 500):
            part = ids[chunk:chunk + 500]
            yield from self.conn.execute(
                f"select id, speaker_id, text from records where id in ({','.join('?' * len(part))})", part)

    def _prepare_temp_tables(self) -> None:
        """A scratch FTS5 table with the same tokenizer (to learn stems) and a view of the index's vocabulary."""
        self.conn.execute("create virtual table if not exists temp.attribution_stems "
                          "using fts5(t, tokenize='porter')")
        self.conn.execute("create virtual table if not exists temp.attribution_stem_terms "
                          "using fts5vocab(temp, attribution_stems, instance)")
        self.conn.execute("create virtual table if not exists temp.attribution_record_terms "
                          "using fts5vocab(main, records_fts, row)")

    def _rarity(self, searchable: set[str]) -> dict[str, int]:
        """Document counts of the quote's searchable words (cached; only used to order the terms)."""
        words = sorted(searchable)
        new = [w for w in words if w not in self._stems]
        if new:
            # Writes to a temp table open an implicit transaction: close it, unless the caller had one open.
            ours = not self.conn.in_transaction
            self.conn.execute("delete from temp.attribution_stems")
            self.conn.execute("insert into temp.attribution_stems(rowid, t) values (1, ?)", (" ".join(new),))
            for term, offset in self.conn.execute("select term, offset from temp.attribution_stem_terms"):
                self._stems[new[offset]] = term
            self.conn.execute("delete from temp.attribution_stems")
            if ours and self.conn.in_transaction:
                self.conn.commit()
        out = {}
        for w in words:
            stem = self._stems.get(w, w)
            if stem not in self._doc_counts:
                row = self.conn.execute("select doc from temp.attribution_record_terms where term = ?",
                                        (stem,)).fetchone()
                self._doc_counts[stem] = row[0] if row else 0
            out[w] = self._doc_counts[stem]
        return out

    def _refresh(self) -> None:
        """Keep the set of records FTS5 may tokenise differently up to date (see the module docstring)."""
        version = self.conn.execute("pragma data_version").fetchone()[0]
        if self._data_version is not None and version != self._data_version:
            self._unsafe.clear()
            self._seen_max = -1
            self._doc_counts.clear()
        self._data_version = version
        top = self.conn.execute("select max(id) from records").fetchone()[0] or 0
        if top <= self._seen_max:
            return
        for rid, text in self.conn.execute(  # non-ASCII: more bytes than characters
                "select id, text from records where id > ? "
                "and length(text) != length(cast(text as blob))", (self._seen_max,)):
            if not _is_plain(text):
                for w in unsafe_words(text):
                    self._unsafe.setdefault(w, set()).add(rid)
        self._seen_max = top
        if self._doc_counts:
            self._doc_counts.clear()


def find_candidates(db: sqlite_utils.Database, text: str, mode: str = QUOTE,
                    cutoff: float | None = None) -> dict[int, tuple[int, list[str]]]:
    """One-off :meth:`Matcher.candidates` (a superset of the hits; make a :class:`Matcher` to reuse)."""
    return Matcher(db).candidates(text, mode, cutoff)


class BruteForce:
    """The reference: every record scored, with the same scorer. For tests and the benchmark."""

    def __init__(self, db: sqlite_utils.Database, cutoffs: dict[str, float] | None = None) -> None:
        self.cutoffs = {**DEFAULT_CUTOFFS, **(cutoffs or {})}
        self.encoder = Encoder()
        rows = db.conn.execute("select id, speaker_id, text from records order by id")
        self.records = Encoded.build(((rid, sid, keys(printed)) for rid, sid, printed in rows), self.encoder)

    def search(self, text: str, mode: str = QUOTE, cutoff: float | None = None) -> list[Hit]:
        cutoff = self.cutoffs[mode] if cutoff is None else cutoff
        query = self.encoder.encode(keys(text))
        return score_candidates(query, self.records, mode, cutoff, self.encoder)
