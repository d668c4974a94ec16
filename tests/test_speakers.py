"""Who said it, on sentences of our own where a small parser goes astray: a day is never the speaker."""

from __future__ import annotations

import datetime as dt

from attribution.extract.runner import extract
from attribution.text.article import Article

RELATIVE_CLAUSE_THEN_DAY = Article(id="ellis", date=dt.date(2025, 10, 24), text=(
    "Ellis, who previously questioned whether the judge's heritage made him biased due to his support for "
    "building a wall on the border, said Friday that the judge \"happens to be, we believe, biased.\" "
    "Ellis spoke in Ohio.\n"))


def test_a_day_after_said_is_not_its_speaker(nlp):
    doc = next(extract([RELATIVE_CLAUSE_THEN_DAY]))
    said = [q for q in doc.quotes if q.cue and q.cue.text == "said"]
    assert [(q.speaker.name, q.text, q.said_on) for q in said] == [
        ("Ellis", 'the judge "happens to be, we believe, biased."', dt.date(2025, 10, 24))]  # the mark stays paired
