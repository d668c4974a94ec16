"""The one tokenizer the checker compares words by (:mod:`attribution.text.words`): numbers as values,
accents folded, spans into the printed text."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings, strategies as st

from attribution.text.words import fold, is_negation, is_numeric, keys, tokens


def test_typography_and_case_never_count():
    assert keys("“We can’t wait—not again,” she said.") == ["we", "can", "t", "wait", "not", "again", "she", "said"]
    assert keys("the U.S. won't pay") == ["the", "u", "s", "won", "t", "pay"]


def test_a_number_is_its_value_not_its_digits():
    assert keys("grew by 2.5 percent") == ["grew", "by", "2.5", "percent"]
    assert keys("grew by 25 percent") == ["grew", "by", "25", "percent"]
    assert keys("3.5 percent") != keys("35 percent")
    assert keys("2,500,000 people") == ["2500000", "people"]
    assert keys("in 2015,2016") == ["in", "2015", "2016"]  # not a thousands comma


def test_numbers_written_out():
    assert keys("twenty five new teachers") == ["25", "new", "teachers"]
    assert keys("twenty-five new teachers") == ["25", "new", "teachers"]
    assert keys("205 new teachers") == ["205", "new", "teachers"]
    assert keys("two hundred and five") == ["205"]
    assert keys("two dozen eggs") == ["24", "eggs"]
    assert keys("one two three") == ["1", "2", "3"]  # a count, not one number
    assert keys("no one came") == ["no", "1", "came"]


def test_magnitudes_and_percentages():
    assert keys("2.6million") == keys("2.6 million") == ["2600000"]
    assert keys("$5bn") == keys("$5 billion") == keys("five billion") == ["5000000000"]
    assert keys("35% of them") == keys("35 per cent of them") == ["35", "percent", "of", "them"]
    assert keys("the 1990s at 10am, 4th") == ["the", "1990s", "at", "10am", "4th"]  # words, not numbers


def test_accents_and_case_fold():
    assert fold("José Núñez") == "jose nunez"
    assert keys("café") == keys("Cafe") == ["cafe"]
    assert keys("Straße ﬁnance") == ["strasse", "finance"]


def test_tokens_know_where_they_are_printed():
    text = "It rose 2.6 million, per cent café"
    toks = tokens(text)
    assert [(t.key, text[t.start:t.end]) for t in toks] == [
        ("it", "It"), ("rose", "rose"), ("2600000", "2.6 million"), ("percent", "per cent"), ("cafe", "café")]
    assert toks[2].number == Fraction(2600000)
    # only words FTS5 indexes exactly as we read them, wherever they are printed, are searched for
    assert [t.key for t in toks if t.searchable] == ["it", "rose"]


def test_negations_and_quantities():
    words = keys("we don't and won't, never")
    assert [w for i, w in enumerate(words) if is_negation(words, i)] == ["t", "t", "never"]
    assert [t.key for t in tokens("half of the 25 March votes, millions more") if is_numeric(t)] == [
        "half", "25", "march", "millions"]


_PIECES = [*"abcdefghij ABC-_.,'%$\n\t“’—\u00a0é7", "per ", "cent ", "one ", "twenty ", "2.5", "Per"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_the_short_cut_reads_the_same_keys(text):
    assert keys(text) == [t.key for t in tokens(text)]
