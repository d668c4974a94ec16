"""Tests for attribution.extract.said_on: which time expression dates a statement.

The first group builds documents by hand (no parse: every word is its own
root), so it pins down the linear rules exactly. The second group runs the
real pipeline on short made-up articles for the rules that need the parse,
the speakers or more than one sentence.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from attribution.document import Document, Sentence, Word
from attribution.extract.runner import extract
from attribution.extract.said_on import said_on
from attribution.text.article import Article

PUBLISHED = dt.date(2025, 11, 7)  # a Friday
THU, MON, WED = dt.date(2025, 11, 6), dt.date(2025, 11, 3), dt.date(2025, 11, 5)

_TOKEN = re.compile(r"[A-Z][a-z]{2,3}\.(?= \d)|[’']s\b|\w+|[^\w\s]")
_UPOS = {
    "that": "SCONJ", "the": "DET", "a": "DET", "this": "DET", "on": "ADP", "in": "ADP", "at": "ADP",
    "after": "ADP", "before": "ADP", "to": "ADP", "since": "ADP", "said": "VERB", "told": "VERB",
    "and": "CCONJ", "who": "PRON", "he": "PRON", "she": "PRON", "it": "PRON", "would": "AUX",
    "was": "AUX", "'s": "PART", "’s": "PART",
}
_MARKS = "\"“”"


def flat_doc(text: str, published: dt.date | None = PUBLISHED) -> Document:
    """A one-sentence document with made-up tags and no tree: only the linear rules can apply."""
    words, inside, quoted = [], [], False
    for n, m in enumerate(_TOKEN.finditer(text)):
        token = m.group()
        if token in _MARKS:
            quoted = not quoted
        upos = ("PUNCT" if not token[0].isalnum() else "NUM" if token.isdigit()
                else _UPOS.get(token.lower()) or ("PROPN" if token[0].isupper() else "NOUN"))
        words.append(Word(n, token, token.lower(), upos, "", "", None, "dep", m.start(), m.end(), "O", 0))
        inside.append(quoted and token not in _MARKS)
    doc = Document(Article("t", text, published), words, [Sentence(0, 0, len(words), 0, len(text), None)], [])
    doc.inside_marks = inside
    return doc


def date_of(text: str, cue: str, content: str | None,
            published: dt.date | None = PUBLISHED) -> dt.date | None:
    """said_on for the first word ``cue`` of ``text``, with ``content`` as the content span."""
    doc = flat_doc(text, published)
    cue_word = next(w.i for w in doc.words if w.text == cue)
    span = None
    if content is not None:
        start = text.index(content)
        span = (start, start + len(content))
    return said_on(doc, cue_word, published, content=span)


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("Mori said on Thursday that profits would fall.", "profits would fall", THU),
        ("Mori said Thursday that profits would fall.", "profits would fall", THU),
        ("Mori said after Monday's vote that profits would fall.", "profits would fall", MON),
        ("Mori said after Monday’s vote that profits would fall.", "profits would fall", MON),
        ("Mori told analysts late on Wednesday that profits would fall.", "profits would fall", WED),
        ("Mori told a news conference on Thursday evening that profits would fall.",
         "profits would fall", THU),
        ("Mori said yesterday that profits would fall.", "profits would fall", THU),
        ("Mori told reporters last night that profits would fall.", "profits would fall", THU),
        ("Mori said last week that profits would fall.", "profits would fall", dt.date(2025, 10, 31)),
        ("Mori said on Oct. 24 that profits would fall.", "profits would fall", dt.date(2025, 10, 24)),
        ("In a speech on Oct. 30, Mori said that profits would fall.", "profits would fall",
         dt.date(2025, 10, 30)),
        ('"Profits will fall," Mori said on Wednesday.', "Profits will fall,", WED),
        ('"Profits will fall," Mori said on Oct. 30, 2025.', "Profits will fall,", dt.date(2025, 10, 30)),
    ],
)
def test_expression_tied_to_the_cue(text, content, expected):
    assert date_of(text, "said" if " said" in text else "told", content) == expected


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # in the content: what the statement is about
        ("Mori said the plant would close on Monday.", "the plant would close on Monday"),
        ("Mori said that sales fell in October.", "sales fell in October"),
        ('Mori said: "We met them on Monday."', "We met them on Monday."),
        # quoted words elsewhere in the sentence
        ('"We met them on Monday," Mori said.', None),
        # on the far side of the content
        ("Mori said profits would fall, a forecast first made on Monday.", "profits would fall"),
        # a bound or a name, not the day
        ("Mori said before Monday's vote that profits would fall.", "profits would fall"),
        ("Mori said at the Oct. 30 meeting that profits would fall.", "profits would fall"),
        # describes the speaker
        ("Mori, who took office on Monday, said that profits would fall.", "profits would fall"),
        # another clause
        ("Sales fell on Monday, and Mori said that profits would fall.", "profits would fall"),
        # not a month, not a date
        ("Jun Arai said that profits would fall.", "profits would fall"),
        ("Mori, 74, said that profits would fall.", "profits would fall"),
        # a day after publication cannot be when it was said
        ("Mori will say on Oct. 30, 2026 that profits would fall.", "profits would fall"),
    ],
)
def test_other_dates_leave_the_publication_date(text, content):
    cue = "say" if " say " in text else "said"
    assert date_of(text, cue, content) == PUBLISHED


def test_leading_edge_of_a_reported_span_belongs_to_the_cue():
    # the reported-speech finder may start the span early: "said [yesterday that the win ...]"
    text = "Mori said yesterday that the win mattered."
    assert date_of(text, "said", "yesterday that the win mattered") == THU


def test_after_the_cues_that_comes_the_content():
    # the content span may cover only the quoted words of a mixed quote
    text = 'Mori said that Monday\'s vote was "a mistake".'
    assert date_of(text, "said", "a mistake") == PUBLISHED


def test_a_clause_with_its_own_subject_is_not_the_cues():
    text = 'Mori said he hoped in July to "win the vote".'
    doc = flat_doc(text)
    tree = {2: (3, "nsubj"), 3: (1, "ccomp"), 4: (5, "case"), 5: (3, "obl")}  # he hoped ... in July
    for i, (head, rel) in tree.items():
        doc.words[i].head, doc.words[i].deprel = head, rel
    doc.children = [[w.i for w in doc.words if w.head == i] for i in range(len(doc.words))]
    start = text.index("win the vote")
    assert said_on(doc, 1, PUBLISHED, content=(start, start + len("win the vote"))) == PUBLISHED
    doc.words[2].deprel = "obj"  # no subject of its own: the cue's clause
    assert said_on(doc, 1, PUBLISHED, content=(start, start + len("win the vote"))) == dt.date(2025, 7, 1)


def test_nearest_expression_wins():
    text = "Mori, in last week's interview, said on Thursday that profits would fall."
    assert date_of(text, "said", "profits would fall") == THU


def test_no_cue_or_no_publication_date():
    doc = flat_doc("Mori said on Thursday that profits would fall.")
    assert said_on(doc, None, PUBLISHED) == PUBLISHED
    assert date_of("Mori said on Thursday that profits would fall.", "said", "profits would fall",
                   published=None) is None
    assert date_of("Mori said on Oct. 24, 2025 that profits would fall.", "said", "profits would fall",
                   published=None) == dt.date(2025, 10, 24)


def test_without_a_content_span_the_parse_stands_in():
    doc = flat_doc("Mori said on Thursday that profits would fall.")
    assert said_on(doc, 1, PUBLISHED) == THU


# --- with the real pipeline ----------------------------------------------------


@pytest.fixture(scope="module")
def run(nlp):
    """Extract one made-up article; return said_on (given the content span) for each cued quote."""
    def extract_dates(text: str) -> list[dt.date | None]:
        (doc,) = extract([Article("said-on-test", text, PUBLISHED)])
        return [said_on(doc, q.cue_word, PUBLISHED, content=(q.start, q.end))
                for q in doc.quotes if q.cue_word is not None]
    return extract_dates


def test_pipeline_relative_clause_and_content_dates(run):
    dates = run("Kenji Morita, who returned from injury only last month, said yesterday that the "
                "club would sign him on Monday.\n")
    assert dates == [THU]


def test_pipeline_occasion_set_by_the_sentence_before(run):
    dates = run("Hana Okada spoke at a rally outside the courthouse on Wednesday.\n\n"
                "“We will be back in court,” Okada told the crowd.\n\n"
                "“Prices will keep rising,” said Jiro Sato, an economist.\n")
    assert dates == [WED, PUBLISHED]


def test_pipeline_an_occasion_placed_a_day_before_another(run):
    dates = run("The ministers' meeting on Wednesday took place a day after talks between the two leaders, during "
                "which Aiko Tanabe said the alliance would deepen.\n\n"
                "The summit took place two days after a dinner in Osaka, at which Ken Ito said the tariffs would "
                "stay.\n")
    assert dates == [dt.date(2025, 11, 4), dt.date(2025, 11, 5)]  # Wednesday's eve; two days before publication
