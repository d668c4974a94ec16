"""Reported speech on sentences of our own, one per rule that decides where the content starts and ends
or whether a cue reports anything (real Stanza pipeline, offline models)."""

from __future__ import annotations

import datetime as dt

import pytest

from attribution.extract.runner import extract
from attribution.text.article import Article

SENTENCES = [
    # an aside in the middle of what was said is part of it; only one that ends the content is cut off
    ("Smith said the new law, which takes effect in January, will cut emissions by a third.",
     [("Smith", "said", "the new law, which takes effect in January, will cut emissions by a third")]),
    # an inverted source set off in the middle: the sentence around it
    ("The worst flooding, said Kono, was in the old town of Nobeoka.",
     [("Kono", "said", "The worst flooding, said Kono, was in the old town of Nobeoka")]),
    # a source with an appositive after the content ends the content
    ("The supply arrived on Monday, John Lee, a ministry spokesman, said.",
     [("John Lee", "said", "The supply arrived on Monday")]),
    # a relative clause before the cue (parsed as its clause) is not what was said: the that-clause is
    ("Ann Lee, who is vice president of development at her father's company, told the New York Times that "
     "she took off eight days in 2011 after her first child was born.",
     [("Ann Lee", "told", "she took off eight days in 2011 after her first child was born")]),
    # "..., says TITLE NAME.": the name after the cue is the source, whatever the parser made the subject
    ("Even India has more cultural pull through its films, says political scientist Dossym Satpayev.",
     [("Dossym Satpayev", "says", "Even India has more cultural pull through its films")]),
    # "said a few words" is an action, not a report
    ("She stood at the podium, said a few words about the victims and left.", []),
    # a participle followed by "by" still reports: only a capitalised credit line does not
    ("The minister defended the plan, saying by 2030 every home would have power.",
     [("The minister", "defended", "the plan"), ("The minister", "saying", "would have power")]),
    ("(Reporting by Aiko Mori and Ben Hart; Editing by Clara Voss)", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_reported_speech_in_one_sentence(nlp, text, expected):
    doc = next(extract([Article(id="s", date=dt.date(2025, 11, 3), text=text)]))
    assert [(q.speaker.name if q.speaker else None, q.cue.text if q.cue else None, q.text)
            for q in doc.quotes] == expected
