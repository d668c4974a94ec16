"""Tests for attribution.text.quote_marks: one test per quoting phenomenon."""

from attribution.text.quote_marks import QuoteSpan, find_quotes


def contents(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_double_quotes():
    text = 'The mayor said "the bridge opens in May" and left.'
    assert find_quotes(text) == [QuoteSpan(16, 39, 15, 39, 1, 5)]
    assert contents(text) == ["the bridge opens in May"]


def test_curly_double_quotes():
    text = "“We will win,” she said. “Trust me.”"
    assert find_quotes(text) == [
        QuoteSpan(1, 13, 0, 13, 1, 3),
        QuoteSpan(26, 35, 25, 35, 1, 2),
    ]


def test_guillemets_and_low_high_marks():
    text = "« Il a dit “oui” hier », dit-il. „Das ist gut“, sagte er."
    assert contents(text) == [" Il a dit “oui” hier ", "Das ist gut"]


def test_nested_single_quotes_stay_inside_parent():
    text = "“She told me ‘never again’ and walked out,” Kim said. 'Hi,' \"he said 'no'.\""
    assert contents(text) == [
        "She told me ‘never again’ and walked out,",
        "he said 'no'.",
    ]


def test_quote_over_several_sentences():
    text = '"It rained. We stayed in. Nobody minded," she said.'
    assert find_quotes(text) == [QuoteSpan(1, 40, 0, 40, 1, 7)]


def test_multi_paragraph_convention():
    text = (
        "Lee spoke first. “The first part ends here.\n\n"
        "“The second part goes on.\n"
        "“The third part closes it,” he said.\n"
        "Next paragraph."
    )
    assert find_quotes(text) == [QuoteSpan(18, 97, 17, 97, 3, 15)]
    assert text[18:97].endswith("closes it,")


def test_unbalanced_opening_does_not_swallow_article():
    text = (
        'He said "this never ends.\n'
        "The council met on Monday.\n"
        '"All good," she said.'
    )
    assert find_quotes(text) == [
        QuoteSpan(9, 25, 8, None, 1, 3),
        QuoteSpan(54, 63, 53, 63, 1, 2),
    ]


def test_unbalanced_opening_before_a_closed_quote_is_dropped():
    text = "“Missing its end. Then she said “this one is fine.”"
    assert contents(text) == ["this one is fine."]


def test_unbalanced_closing_mark_is_ignored():
    text = "The vote passed.” Then she said “yes, we will” today."
    assert find_quotes(text) == [QuoteSpan(33, 45, 32, 45, 1, 3)]


def test_stray_straight_quotes():
    text = 'He is 6 ft 2" tall. She said "fine by me" later.\nSay something "\nEnd.'
    assert find_quotes(text) == [QuoteSpan(30, 40, 29, 40, 1, 3)]


def test_apostrophes_are_not_quote_marks():
    assert find_quotes("Don't forget the '90s, the students' books and Japan's ports.") == []
    text = "\"We don't miss the '90s,\" said the students' teacher."
    assert contents(text) == ["We don't miss the '90s,"]


def test_top_level_single_quotes_in_headlines():
    assert find_quotes("‘We will not back down’: Minister defends tax plan") == [
        QuoteSpan(1, 22, 0, 22, 1, 5)
    ]
    assert contents("'Too little, too late' says union") == ["Too little, too late"]
    assert contents("'The students' books are gone,' she said.") == [
        "The students' books are gone,"
    ]
    assert contents("'Give 'em hell,' she said.") == ["Give 'em hell,"]
    assert find_quotes("The 'ban' failed in rock 'n' roll towns.") == []  # under 3 words


def test_empty_and_blank_text():
    assert find_quotes("") == []
    assert find_quotes(" \n\n  \n") == []


def test_five_megabyte_input():
    unit = (
        'The council met. "We agreed," she said. ‘Plans are on hold’ for now.\n'
        "“One paragraph\n“and another,” he said.\n"
        'A stray " mark and "an open quote\n'
    )
    text = unit * (5_000_000 // len(unit) + 1)
    quotes = find_quotes(text)
    repeats = len(text) // len(unit)
    assert len(quotes) == 4 * repeats
    previous_end = -1
    for q in quotes:
        assert previous_end <= q.open < q.start <= q.end <= len(text)
        assert q.close is None or text[q.close] in "\"”’"
        previous_end = q.end
    assert sum(q.paragraphs == 2 for q in quotes) == repeats
    assert sum(q.close is None for q in quotes) == repeats
