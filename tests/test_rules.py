"""Extraction rules on frozen parses: Documents decoded from ``tests/frozen/*.json`` (Stanza's output for
``tests/frozen/articles.jsonl``, stored by ``tests/frozen/freeze.py``), so each rule is tested in
milliseconds, with no model loaded, and a failure names the rule rather than a model change."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from attribution.extract.runner import extract_document
from attribution.nlp.annotation_cache import from_annotations
from attribution.text.article import read_articles

FROZEN = Path(__file__).resolve().parent / "frozen"
ARTICLES = {a.id: a for a in read_articles([str(FROZEN / "articles.jsonl")])}


def quotes(article_id: str) -> list[tuple]:
    """(kind, text, speaker name, mention, title, cue, rule, said on) for each quote found."""
    data = json.loads((FROZEN / f"{article_id}.json").read_text(encoding="utf-8"))
    doc = extract_document(from_annotations(ARTICLES[article_id], data))
    return [(q.kind, q.text, q.speaker and q.speaker.name, q.speaker and q.speaker.mention,
             q.speaker and q.speaker.title, q.cue and q.cue.text, q.how, q.said_on) for q in doc.quotes]


def test_every_frozen_article_has_its_parse():
    assert sorted(p.stem for p in FROZEN.glob("*.json")) == sorted(ARTICLES)


def test_a_cue_after_the_quote_names_the_speaker_and_dates_it():
    assert quotes("cue_after") == [("direct", "The morning ferry will run again from Monday,", "Elena Marsh",
                                    "Elena Marsh", None, "said", "cue", dt.date(2025, 11, 7))]  # "on Friday"


def test_an_inverted_cue_keeps_the_description_as_a_title():
    assert quotes("cue_inverted") == [("direct", "We will see whether the board keeps its word,", "Tomas Reyes",
                                       "Tomas Reyes", "councillor", "said", "cue", dt.date(2025, 11, 10))]


def test_according_to_credits_reported_speech():
    assert quotes("according_to") == [("indirect", "The north pier will not be repaired before the summer",
                                       "the harbour board", "the harbour board", None, "according to",
                                       "according", dt.date(2025, 11, 10))]


def test_a_partial_quote_in_reported_speech_is_one_mixed_quote():
    assert quotes("mixed") == [("mixed", 'Japan will "fundamentally reinforce" its defence capabilities', "Koizumi",
                                "Koizumi", None, "said", "subject", dt.date(2025, 10, 29))]


def test_a_pronoun_leads_back_to_the_full_name_and_its_title():
    assert quotes("pronoun") == [("direct", "We share the same goals for the region,", "Shinjiro Koizumi", "he",
                                  "Defense Minister", "said", "cue", dt.date(2025, 10, 29))]


def test_a_quote_split_by_its_cue_is_one_statement():
    assert quotes("carry_over") == [
        ("direct", "The clinic will stay open later,", "Amara Okafor", "Amara Okafor", None, "said", "cue",
         dt.date(2025, 12, 3)),
        ("direct", "Nobody will be turned away.", "Amara Okafor", "Amara Okafor", None, "said", "split",
         dt.date(2025, 12, 3))]


def test_a_surname_leads_back_to_the_full_name():
    assert quotes("surname") == [("direct", "This budget protects every household,", "Sanae Takaichi", "Takaichi",
                                  "Prime Minister", "told", "cue", dt.date(2025, 10, 29))]


@pytest.mark.parametrize("article_id", sorted(ARTICLES))
def test_the_frozen_parse_is_the_article_it_was_made_from(article_id):
    data = json.loads((FROZEN / f"{article_id}.json").read_text(encoding="utf-8"))
    text = ARTICLES[article_id].text
    words = data["words"]
    assert [text[s:e] for s, e in zip(words["start"], words["end"])] == words["text"]
