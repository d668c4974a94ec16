"""Extraction against the gold fixture articles, one parametrized test per phenomenon group.

Every gold quote is tested once for each phenomenon tag it carries, on the
fields that tag is about (test ids are ``TAG-ARTICLE-N``, N the quote's index
in the gold file). The documents come from one shared ``extract`` pass
(``fixture_results`` in conftest.py).

A gold quote is *found* when a predicted quote's span overlaps it with a
word-token overlap of at least 0.5: the ``\\w+`` tokens inside both spans,
divided by the larger of the two spans' token counts. The gold span is
located with ``doc.text.find(gold["text"])``.
"""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from conftest import fixture_articles

from attribution.model import KINDS, Quote

ARTICLES = fixture_articles()

QUOTE_MARK_TAGS = ("straight_quotes", "curly_quotes", "nested_single", "multi_sentence",
                   "multi_paragraph", "unbalanced")
REPORTED_TAGS = ("mixed", "indirect_that", "indirect_told", "indirect_verb", "according_to",
                 "noun_complement")
SPEAKER_TAGS = ("subject", "inverted", "colon", "appositive", "relative_clause", "split",
                "carryover", "post", "org_source", "descriptor_source")
RESOLUTION_TAGS = ("pronoun", "surname", "title_ref")
DATE_TAGS = ("said_on_weekday", "said_on_relative", "said_on_month_day", "said_on_default")

MIN_OVERLAP = 0.5
_WORD = re.compile(r"\w+")
#: stripped from both ends before comparing texts: spaces, punctuation and every quotation mark
_STRIP = string.whitespace + string.punctuation + "“”‘’«»„‚‹›—–…"


def _cases(tags: tuple[str, ...]) -> list:
    """One pytest param per (tag, gold quote) for the gold quotes carrying one of ``tags``."""
    params = []
    for tag in tags:
        for fa in ARTICLES:
            for n, q in enumerate(fa.gold["quotes"]):
                if tag in q["phenomena"]:
                    params.append(pytest.param(tag, fa.id, n, id=f"{tag}-{fa.id}-{n}"))
    return params


def _stripped(text: str) -> str:
    return text.strip(_STRIP)


def _tokens(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """The ``\\w+`` tokens lying wholly inside ``text[start:end]``, as character spans."""
    return {m.span() for m in _WORD.finditer(text, start, end)}


def _short(text: str | None, width: int = 70) -> str:
    if text is None:
        return "None"
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _match(results: dict, article_id: str, n: int) -> tuple[dict, Quote, str]:
    """The gold quote, the predicted quote that finds it (or fail), and a label for messages."""
    gold_article, doc = results[article_id]
    gold = gold_article["quotes"][n]
    start = doc.text.find(gold["text"])
    label = f"{article_id} #{n} (gold at {start}: {_short(gold['text'], 50)})"
    assert start >= 0, f"{label}: gold text not in the document text"
    gold_tokens = _tokens(doc.text, start, start + len(gold["text"]))
    best, best_overlap = None, 0.0
    for q in doc.quotes:
        if q.end <= start or start + len(gold["text"]) <= q.start:
            continue
        pred_tokens = _tokens(doc.text, q.start, q.end)
        overlap = len(gold_tokens & pred_tokens) / max(len(gold_tokens), len(pred_tokens), 1)
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    got = f"best overlap {best_overlap:.2f} with {best.kind} {_short(best.text)}" if best else "no overlapping quote"
    assert best is not None and best_overlap >= MIN_OVERLAP, f"{label}: not found ({got})"
    return gold, best, label


def _check_kind(gold: dict, pred: Quote, label: str) -> None:
    assert pred.kind == gold["kind"], (
        f"{label}: expected kind {gold['kind']}, got {pred.kind} {_short(pred.text)}")


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


# --- quotation marks and shapes -------------------------------------------


@pytest.mark.parametrize(("tag", "article_id", "n"), _cases(QUOTE_MARK_TAGS))
def test_quote_marks(fixture_results, tag, article_id, n):
    gold, pred, label = _match(fixture_results, article_id, n)
    _check_kind(gold, pred, label)
    if gold["kind"] == "direct":
        assert _stripped(pred.text) == _stripped(gold["text"]), (
            f"{label}: content span: expected {_short(gold['text'])}, got {_short(pred.text)}")


# --- reported speech --------------------------------------------------------


@pytest.mark.parametrize(("tag", "article_id", "n"), _cases(REPORTED_TAGS))
def test_reported_speech(fixture_results, tag, article_id, n):
    gold, pred, label = _match(fixture_results, article_id, n)
    _check_kind(gold, pred, label)


# --- speakers: form, resolution, cue ---------------------------------------


@pytest.mark.parametrize(("tag", "article_id", "n"), _cases(SPEAKER_TAGS + RESOLUTION_TAGS))
def test_speaker(fixture_results, tag, article_id, n):
    gold, pred, label = _match(fixture_results, article_id, n)
    got = pred.speaker.name if pred.speaker else None
    assert _same(got, gold["speaker"]), (
        f"{label}: expected speaker {gold['speaker']!r}, got {got!r}"
        + (f" (mention {pred.speaker.mention!r})" if pred.speaker else ""))
    if gold["cue"] is not None:
        cue = pred.cue.text if pred.cue else None
        assert _same(cue, gold["cue"]), f"{label}: expected cue {gold['cue']!r}, got {cue!r}"
    if tag == "title_ref" and gold["title"] is not None:
        title = pred.speaker.title
        assert _same(title, gold["title"]), f"{label}: expected title {gold['title']!r}, got {title!r}"


# --- dates ------------------------------------------------------------------


@pytest.mark.parametrize(("tag", "article_id", "n"), _cases(DATE_TAGS))
def test_said_on(fixture_results, tag, article_id, n):
    gold, pred, label = _match(fixture_results, article_id, n)
    expected = dt.date.fromisoformat(gold["said_on"])
    assert pred.said_on == expected, f"{label}: expected said_on {expected}, got {pred.said_on}"


# --- quoted strings that are not speech -----------------------------------


@pytest.mark.parametrize(
    ("article_id", "not_quote"),
    [pytest.param(fa.id, s, id=f"{fa.id}-{s}") for fa in ARTICLES for s in fa.gold["not_quotes"]],
)
def test_not_quotes(fixture_results, article_id, not_quote):
    _, doc = fixture_results[article_id]
    wrong = [q for q in doc.quotes if _stripped(q.text) == _stripped(not_quote)]
    assert not wrong, f"{article_id}: {not_quote!r} extracted as a {wrong[0].kind} quote"


def test_a_credit_line_is_no_quote(fixture_results):
    _, doc = fixture_results["flu_season_early"]  # "(Reporting by Aiko Mori and Ben Hart; Editing by ...)"
    assert [q.text for q in doc.quotes if "Aiko Mori" in q.text or "Clara Voss" in q.text] == []


def test_reported_content_stops_at_a_semicolon(fixture_results):
    _, doc = fixture_results["flu_season_early"]  # "...; 62 percent of those were farmers": not the parents' words
    assert [q.text for q in doc.quotes if q.text.startswith("they were willing")] == [
        "they were willing to keep their children at home for a week"]


def test_reported_content_stops_before_the_writers_aside(fixture_results):
    _, doc = fixture_results["flu_season_early"]  # "..., which will be shipped to clinics in January."
    assert [q.text for q in doc.quotes if "more doses" in q.text] == ["the ministry would buy 2 million more doses"]


def test_a_day_after_the_cue_is_not_what_was_said(fixture_results):
    _, doc = fixture_results["kansai_film_festival"]  # "said Friday that the festival had become ..."
    assert [q.text for q in doc.quotes if "heart of our autumn" in q.text] == [
        "the festival had become “the heart of our autumn”"]  # its closing mark kept with its opening one


# --- every quote, whatever the gold says ----------------------------------


@pytest.mark.parametrize("article_id", [fa.id for fa in ARTICLES])
def test_quote_offsets_kinds_and_confidence(fixture_results, article_id):
    _, doc = fixture_results[article_id]
    assert doc.quotes, f"{article_id}: no quotes extracted"
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(doc.text), (article_id, q.start, q.end)
        assert doc.text[q.start:q.end] == q.text, f"{article_id}: offsets {q.start}:{q.end} do not give {_short(q.text)}"
        assert q.kind in KINDS, (article_id, q.kind)
        assert 0.0 <= q.confidence <= 1.0, f"{article_id}: confidence {q.confidence} for {_short(q.text)}"


@pytest.mark.parametrize("article_id", [fa.id for fa in ARTICLES])
def test_speaker_and_cue_offsets(fixture_results, article_id):
    _, doc = fixture_results[article_id]
    for q in doc.quotes:
        if q.speaker is not None:
            s = q.speaker
            assert doc.text[s.start:s.end] == s.mention, (
                f"{article_id}: speaker offsets {s.start}:{s.end} give {doc.text[s.start:s.end]!r}, not {s.mention!r}")
        if q.cue is not None:
            c = q.cue
            assert doc.text[c.start:c.end] == c.text, (
                f"{article_id}: cue offsets {c.start}:{c.end} give {doc.text[c.start:c.end]!r}, not {c.text!r}")
