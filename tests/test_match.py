"""The candidate search (:mod:`attribution.check.match`): its scores, its bounds, and above all that it finds
exactly what a brute-force scan of every record finds."""

from __future__ import annotations

import random

import pytest

from attribution.check.match import BruteForce, Hit, Matcher, find_candidates, make_plan, min_shared, unsafe_words
from attribution.store.database import open_db
from attribution.text.normalize import normalize_quote, quote_hash
from attribution.text.words import tokens


def add(db, speaker_id: int, text: str, said_on: str = "2025-01-01") -> int:
    """A record straight into the schema (the speakers row must exist)."""
    return db["records"].insert({"speaker_id": speaker_id, "text": text, "norm_text": normalize_quote(text),
                                 "norm_hash": quote_hash(text), "said_on": said_on,
                                 "source_url": "https://example.org/r"}).last_pk


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "match.db")
    db["speakers"].insert_all([{"id": i, "name": f"Speaker {i}", "type": "PERSON", "aliases": "[]"}
                               for i in range(1, 6)])
    return db


def test_min_shared_is_the_cutoff_bound():
    # quote mode: LCS ≥ c·n/(200−c) word occurrences; paraphrase: k ≥ c·u/(200−c) distinct words
    assert min_shared(["w"] * 15, "quote", 75) == 9
    assert min_shared(list("abcdefghijklmnopqrst"), "quote", 90) == 17
    assert min_shared(list("abcdefghijkl") + ["a"], "paraphrase", 70) == 7  # u = 12
    assert min_shared(list("abc"), "quote", 100) == 3
    assert min_shared([], "quote", 75) == 0


def test_plan_groups_words_so_every_hit_has_a_full_clause():
    words = "we need to see whether companies will continue to raise wages".split()
    rarity = {"wages": 3, "companies": 5, "continue": 9, "raise": 20, "whether": 40, "need": 60, "see": 80,
              "will": 400, "we": 500, "to": 900}
    plan = make_plan(words, "quote", 75, rarity, total=1000, searchable=set(words))
    # n = 11, L = ⌈75·11/125⌉ = 7 words shared, so M = 4 distinct words may be missing: with M + t = 6 groups,
    # every hit has all the words of t = 2 groups
    assert (plan.budget, plan.min_words, plan.per_clause, plan.method) == (4, 7, 2, "fts")
    # the rarest seed the groups; each commoner word joins the least selective group so far
    assert plan.groups == (("wages",), ("companies",), ("continue",), ("raise", "we"), ("whether", "will", "to"),
                           ("need", "see"))
    assert sorted(plan.terms) == sorted(set(words))
    query = plan.fts_query()
    assert query.startswith('("wages" AND "companies") OR ("wages" AND "continue") OR ("wages" AND "raise" AND "we")')
    assert query.count(" OR ") == 14  # C(6, 2) clauses
    assert plan.group_queries()[4] == '"whether" AND "will" AND "to"'
    # in a larger store the cheapest plan differs; any plan finds every hit
    assert make_plan(words, "quote", 75, rarity, total=10**6, searchable=set(words)).per_clause == 1
    # no words FTS5 is sure to index as we read them: scan
    toks = tokens("東京は 晴れ です よ")
    assert make_plan([t.key for t in toks], "quote", 75, searchable={t.key for t in toks if t.searchable}).scan
    # numbers ("25" may be printed "twenty five") and "percent" ("%") are compared, never searched for
    toks = tokens("prices rose 25 percent, or twenty five")
    assert [t.key for t in toks if t.searchable] == ["prices", "rose", "or"]


def _r(hits: list[Hit]) -> list[tuple]:
    return [(h.record_id, h.speaker_id, h.match, round(h.score, 6), round(h.whole, 6), round(h.fragment, 6))
            for h in hits]


def test_scores_are_word_level(db):
    a = add(db, 1, "We will not raise ferry fares this winter.")
    b = add(db, 2, "Ferry fares will rise this winter, the board said on Monday after a long meeting.")
    m = Matcher(db)
    # whole: 200·LCS/(n+m) = 200·7/(7+8); fragment: best 7-word window of the record, 6 of 7 in order
    assert _r(m.search("We will raise ferry fares this winter")) == [(a, 1, "whole", 93.333333, 93.333333, 85.714286)]
    # 6 words inside a 15-word record: whole 200·6/21 (under the cutoff: 0), fragment 100; the other record's
    # last 4 words are an edge window of it: 200·4/(6+4)
    assert _r(m.search("“ferry fares will rise this winter”")) == [(b, 2, "fragment", 100.0, 0.0, 100.0),
                                                                 (a, 1, "fragment", 80.0, 0.0, 80.0)]
    # paraphrase: 200·k/(k+u) for k of the u distinct content words (not STOPWORDS): board fares rise winter
    assert _r(m.search("the board said fares would rise this winter", "paraphrase")) == [
        (b, 2, "paraphrase", 100.0, 0.0, 0.0)]
    assert _r(m.search("the board said fares would rise sharply", "paraphrase")) == [
        (b, 2, "paraphrase", 85.714286, 0.0, 0.0)]  # 3 of 4: 200·3/7
    assert m.search("it was what it was", "paraphrase") == []  # no content words
    assert m.exact("we will not raise ferry fares this winter") == [a]
    assert m.search("Completely different words here today") == []


def test_records_fts_tokenises_differently_are_still_found(db):
    # NFKC and case-folding give words the FTS index does not have: "ﬁnance" → finance, "Straße" → strasse
    lig = add(db, 1, "The ﬁnance ministry will not cut the education budget next year")
    street = add(db, 2, "Die Straße bleibt für Autos bis zum Sommer gesperrt")
    assert unsafe_words("The ﬁnance ministry") == {"finance"}
    assert unsafe_words("Plain “quoted” text—don’t worry") == set()
    assert unsafe_words("Un café à Zürich") == {"cafe", "a", "zurich"}
    m = Matcher(db)
    assert [h.record_id for h in m.search("the finance ministry will cut the education budget next year")] == [lig]
    assert [h.record_id for h in m.search("die strasse bleibt bis zum sommer gesperrt")] == [street]
    # and records added after the matcher was made
    late = add(db, 3, "Le ﬁnancement du métro reste incertain pour l'année prochaine")
    assert [h.record_id for h in m.search("le financement du métro incertain pour l'année prochaine")] == [late]
    assert set(find_candidates(db, "die strasse bleibt bis zum sommer gesperrt")) >= {street}


ODD = ["ﬁnance", "Straße", "x²", "Acme™", "café", "ＵＳ", "naïve", "“quoted”", "don’t"]


def _synthetic(db, rng: random.Random, n: int = 2000) -> list[str]:
    """Sentences from a small Zipf vocabulary (so many records are near one another), 5% with words the
    FTS index tokenises differently from us."""
    vocab = ["the", "a", "we", "will", "to", "of"] + [f"w{i}" for i in range(300)] + ["finance", "strasse", "x2",
                                                                                      "acmetm", "us", "naive"]
    weights = [1 / (i + 1) for i in range(len(vocab))]
    rows = []
    for i in range(n):
        words = rng.choices(vocab, weights, k=rng.randint(3, 25))
        if i % 20 == 0:
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(ODD)
        text = " ".join(words)
        rows.append({"speaker_id": rng.randint(1, 5), "text": text, "norm_text": normalize_quote(text),
                     "norm_hash": quote_hash(text), "said_on": "2025-01-01", "source_url": "x"})
    db["records"].insert_all(rows)
    return [r["text"] for r in rows]


def _queries(rng: random.Random, texts: list[str], n: int) -> list[str]:
    vocab = [f"w{i}" for i in range(300)]
    out = []
    for i in range(n):
        words = rng.choice(texts).split()
        kind = i % 6
        if kind == 1 and len(words) > 3:  # a word dropped
            del words[rng.randrange(len(words))]
        elif kind == 2:  # a word inserted
            words.insert(rng.randrange(len(words) + 1), rng.choice(vocab))
        elif kind == 3 and len(words) > 6:  # a fragment
            s = rng.randrange(len(words) - 4)
            words = words[s:s + rng.randint(3, len(words) - s)]
        elif kind == 4:  # shuffled, partly replaced: a paraphrase
            rng.shuffle(words)
            words = words[:rng.randint(1, len(words))] + rng.choices(vocab, k=rng.randint(0, 5))
        elif kind == 5:  # nothing like any record
            words = [f"z{rng.randrange(10**6)}" for _ in range(rng.randint(3, 12))]
        out.append(" ".join(words))
    return out


def test_matcher_finds_exactly_what_brute_force_finds(db):
    rng = random.Random(20251110)
    texts = _synthetic(db, rng)
    queries = _queries(rng, texts, 200)
    matcher, brute = Matcher(db), BruteForce(db)
    total = 0
    for q in queries:
        for mode, cutoff in (("quote", None), ("paraphrase", None), ("quote", 60), ("paraphrase", 55)):
            expected = brute.search(q, mode, cutoff)
            assert matcher.search(q, mode, cutoff) == expected, (q, mode, cutoff)
            total += len(expected)
    assert total > 10_000  # the sample has plenty of near misses to lose
    # the index did the work, both ways
    assert matcher.stats["fts"] + matcher.stats["count"] > 0.95 * matcher.stats["queries"]
    assert matcher.stats["fts"] > 20 and matcher.stats["count"] > 20
    assert matcher.stats["candidates"] < 0.5 * matcher.stats["queries"] * len(texts)


def test_the_in_memory_path_is_needed(db):
    """A record whose words FTS5 indexes differently is found only through the in-memory map."""
    rid = add(db, 1, "Straße ﬁnance x² Acme™ café")
    query = "strasse finance x2 acmetm extra"  # 4 of 5 words in order: whole 80
    brute = BruteForce(db)
    assert [h.record_id for h in brute.search(query)] == [rid]
    matcher = Matcher(db)
    assert matcher.search(query) == brute.search(query)
    matcher._unsafe.clear()
    matcher._seen_max = 10**9  # keep the map from being rebuilt
    assert matcher.search(query) == []
