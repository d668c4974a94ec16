"""Consistency checks for the hand-written fixture articles and their gold files.

Every ``fixtures/articles/NAME.gold.json`` describes the quoted and reported
statements in ``NAME.txt`` (plain text) or ``NAME.html`` (a full web page).
These tests do not exercise the extractor; they make sure the gold data is
well formed, points at real text, and covers every phenomenon the extractor
has to handle. Standard library + pytest only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

ARTICLES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
GOLD_FILES = sorted(ARTICLES_DIR.glob("*.gold.json"))

KINDS = {"direct", "mixed", "indirect"}

PHENOMENA = {
    # quotation marks and quote shapes
    "straight_quotes", "curly_quotes", "nested_single", "multi_sentence",
    "multi_paragraph", "unbalanced",
    # reported speech
    "mixed", "indirect_that", "indirect_told", "indirect_verb",
    "according_to", "noun_complement",
    # speaker forms
    "subject", "inverted", "colon", "appositive", "relative_clause", "split",
    "carryover", "post", "org_source", "descriptor_source",
    # speaker resolution
    "pronoun", "surname", "title_ref",
    # dates
    "said_on_weekday", "said_on_relative", "said_on_month_day", "said_on_default",
}

# Quoted strings that are not speech, by kind. Every entry of a gold file's
# "not_quotes" must be classified here, and each kind must occur twice.
NOT_QUOTE_KINDS = {
    "Defense of Japan 2025": "work_title",
    "Safe by Design": "work_title",
    "The Anxious Generation": "work_title",
    "The Last Ferry": "work_title",
    "Winter Lanterns": "work_title",
    "Coral Reefs of Japan 2025": "work_title",
    "Sanaenomics": "scare",
    "dark money": "scare",
    "premium shift": "scare",
    "The Hammer": "nickname",
    "the Cauldron": "nickname",
    "The Wrench": "nickname",
    "The Gentleman": "nickname",
    "Captain Ken": "nickname",
}

OPENING_MARKS = "\"“‘'"
CLOSING_MARKS = "\"”’'"
DOUBLE_MARKS = "\"“”"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# AP style month names as used in the articles ("Oct. 21", "March 3").
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
             "Sept.", "Oct.", "Nov.", "Dec."]
RELATIVE_DAY_WORDS = ("yesterday", "last night", "last week", "a week ago", "days ago")


class _ArticleParagraphs(HTMLParser):
    """Collect the text of <p> elements inside <article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article_depth = 0
        self.in_p = False
        self.current: list[str] = []
        self.paragraphs: list[str] = []
        self.tags: Counter[str] = Counter()
        self.published_time: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property") == "article:published_time":
            self.published_time = attrs.get("content")
        if tag == "article":
            self.article_depth += 1
        elif tag == "p" and self.article_depth and not attrs.get("class"):
            self.in_p = True
            self.current = []

    def handle_endtag(self, tag):
        if tag == "article":
            self.article_depth -= 1
        elif tag == "p" and self.in_p:
            self.paragraphs.append("".join(self.current).strip())
            self.in_p = False

    def handle_data(self, data):
        if self.in_p:
            self.current.append(data)


def _load(gold_path: Path) -> dict:
    return json.loads(gold_path.read_text(encoding="utf-8"))


def _article_path(gold_path: Path) -> Path:
    stem = gold_path.name[: -len(".gold.json")]
    candidates = [ARTICLES_DIR / f"{stem}.txt", ARTICLES_DIR / f"{stem}.html"]
    existing = [p for p in candidates if p.exists()]
    assert len(existing) == 1, f"{gold_path.name}: expected exactly one of {candidates}"
    return existing[0]


def _article_text(gold_path: Path) -> tuple[str, str]:
    """Return (searchable body text, raw file text)."""
    path = _article_path(gold_path)
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = _ArticleParagraphs()
        parser.feed(raw)
        return "\n\n".join(parser.paragraphs), raw
    return raw.rstrip("\n"), raw


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _ap_date(day: dt.date) -> str:
    return f"{AP_MONTHS[day.month - 1]} {day.day}"


def _gold_ids():
    return [p.name[: -len(".gold.json")] for p in GOLD_FILES]


def test_enough_articles():
    assert len(GOLD_FILES) >= 15
    suffixes = Counter(_article_path(p).suffix for p in GOLD_FILES)
    assert suffixes[".txt"] >= 14
    assert suffixes[".html"] >= 1


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_ids())
def test_gold_file_shape(gold_path):
    gold = _load(gold_path)
    assert gold["id"] == gold_path.name[: -len(".gold.json")]
    for key in ("title", "outlet"):
        assert isinstance(gold[key], str) and gold[key].strip()
    article_date = _date(gold["date"])
    assert dt.date(2025, 10, 1) <= article_date <= dt.date(2025, 11, 30)
    assert isinstance(gold["quotes"], list) and gold["quotes"]
    assert isinstance(gold["not_quotes"], list)
    for q in gold["quotes"]:
        assert set(q) == {"text", "kind", "speaker", "mention", "title", "cue",
                          "said_on", "phenomena"}, q
        assert q["kind"] in KINDS, q
        assert isinstance(q["speaker"], str) and q["speaker"].strip(), q
        assert q["title"] is None or (isinstance(q["title"], str) and q["title"].strip()), q
        said_on = _date(q["said_on"])
        assert said_on <= article_date, q
        assert isinstance(q["phenomena"], list), q
        unknown = set(q["phenomena"]) - PHENOMENA
        assert not unknown, f"unknown phenomena {unknown} in {q['text']!r}"
        assert len(q["phenomena"]) == len(set(q["phenomena"])), q
        # Only a carried-over quote paragraph may lack a cue and a mention.
        for field in ("cue", "mention"):
            if q[field] is None:
                assert "carryover" in q["phenomena"], q
            else:
                assert isinstance(q[field], str) and q[field].strip(), q


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_ids())
def test_article_text(gold_path):
    body, raw = _article_text(gold_path)
    path = _article_path(gold_path)
    paragraphs = body.split("\n\n")
    assert len(paragraphs) >= 5
    for para in paragraphs:
        assert para.strip() and para == para.strip(), repr(para)
        assert "\n" not in para, repr(para)
    words = len(body.split())
    assert 150 <= words <= 400, f"{path.name}: {words} words"
    if path.suffix == ".txt":
        assert raw == body + "\n", "text files end with exactly one newline"
        assert "\n\n\n" not in raw
    else:
        gold = _load(gold_path)
        parser = _ArticleParagraphs()
        parser.feed(raw)
        for tag in ("title", "nav", "script", "article", "h1", "p", "footer"):
            assert parser.tags[tag] >= 1, f"missing <{tag}>"
        assert "cookie" in raw.lower()
        assert parser.published_time is not None
        assert parser.published_time.startswith(gold["date"])


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_ids())
def test_quotes_point_at_article_text(gold_path):
    gold = _load(gold_path)
    body, raw = _article_text(gold_path)
    is_html = _article_path(gold_path).suffix == ".html"
    article_date = _date(gold["date"])
    for q in gold["quotes"]:
        text, tags = q["text"], set(q["phenomena"])
        assert text in body, f"quote text not in article: {text!r}"
        if is_html:
            assert text in raw, f"quote text not in raw HTML: {text!r}"
        assert text == text.strip(), repr(text)
        for field in ("mention", "cue"):
            if q[field] is not None:
                assert q[field] in body, f"{field} {q[field]!r} not in article"

        start = body.index(text)
        before = body[start - 1] if start else ""
        after = body[start + len(text)] if start + len(text) < len(body) else ""
        if q["kind"] == "direct":
            # Direct quotes are exactly the content between the marks.
            assert before and before in OPENING_MARKS, f"{text!r} not preceded by a quote mark"
            assert after and after in CLOSING_MARKS, f"{text!r} not followed by a quote mark"
        elif q["kind"] == "mixed":
            assert any(m in text for m in DOUBLE_MARKS), f"mixed quote without marks: {text!r}"
            assert "mixed" in tags
        else:
            assert not any(m in text for m in DOUBLE_MARKS), f"indirect with marks: {text!r}"
            assert not text.lower().startswith("that "), text
        if "mixed" in tags:
            assert q["kind"] == "mixed"

        if "multi_paragraph" in tags:
            assert "\n\n" in text and q["kind"] == "direct", text
        else:
            assert "\n\n" not in text, text
        if "multi_sentence" in tags:
            assert len(re.findall(r"[.!?]['’]?\s", text)) >= 1, text
        if "nested_single" in tags:
            assert "'" in text or "‘" in text, text
        if "straight_quotes" in tags:
            assert before == '"' or '"' in text, text
        if "curly_quotes" in tags:
            assert before == "“" or "“" in text, text

        said_on = _date(q["said_on"])
        if "said_on_default" in tags:
            assert said_on == article_date, q
        if "said_on_weekday" in tags:
            assert 0 <= (article_date - said_on).days < 7, q
            assert WEEKDAYS[said_on.weekday()] in body, q
        if "said_on_relative" in tags:
            assert said_on < article_date, q
            assert any(w in body for w in RELATIVE_DAY_WORDS), q
        if "said_on_month_day" in tags:
            assert _ap_date(said_on) in body, q

        if "according_to" in tags:
            assert q["cue"].lower() == "according to", q
        if "carryover" in tags:
            assert q["cue"] is None and q["mention"] is None, q
        if "split" in tags:
            partners = [o for o in gold["quotes"]
                        if o is not q and "split" in o["phenomena"]
                        and o["speaker"] == q["speaker"]]
            assert partners, f"split quote without its other half: {text!r}"
        if "descriptor_source" in tags:  # "officials" speak as written; for "a spokesperson for X", X speaks
            assert q["speaker"].lower() == q["mention"].lower() or (
                q["speaker"] in q["mention"] and q["title"] and q["title"] in q["mention"].lower()), q


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=_gold_ids())
def test_not_quotes(gold_path):
    gold = _load(gold_path)
    body, _ = _article_text(gold_path)
    for s in gold["not_quotes"]:
        assert s in body, f"not_quote not in article: {s!r}"
        assert s in NOT_QUOTE_KINDS, f"classify {s!r} in NOT_QUOTE_KINDS"
        start = body.index(s)
        assert body[start - 1] in OPENING_MARKS and body[start + len(s)] in CLOSING_MARKS, s
        for q in gold["quotes"]:
            assert q["text"] != s


def test_unbalanced_articles_really_are_unbalanced():
    unbalanced = [p for p in GOLD_FILES
                  if any("unbalanced" in q["phenomena"] for q in _load(p)["quotes"])]
    assert len(unbalanced) >= 2
    for gold_path in unbalanced:
        body, _ = _article_text(gold_path)
        straight_odd = body.count('"') % 2 == 1
        curly_odd = body.count("“") != body.count("”")
        assert straight_odd or curly_odd, gold_path.name


def test_phenomenon_coverage():
    counts = Counter(tag for p in GOLD_FILES for q in _load(p)["quotes"]
                     for tag in q["phenomena"])
    missing = {tag: counts[tag] for tag in PHENOMENA if counts[tag] < 2}
    assert not missing, f"phenomena with fewer than two examples: {missing}"
    kinds = Counter(q["kind"] for p in GOLD_FILES for q in _load(p)["quotes"])
    assert all(kinds[k] >= 2 for k in KINDS), kinds


def test_not_quote_coverage():
    kinds = Counter(NOT_QUOTE_KINDS[s] for p in GOLD_FILES for s in _load(p)["not_quotes"])
    for kind in ("scare", "work_title", "nickname"):
        assert kinds[kind] >= 2, kinds


def test_pronoun_case_with_two_genders():
    """At least one article resolves he and she to different speakers."""
    found = False
    for gold_path in GOLD_FILES:
        quotes = _load(gold_path)["quotes"]
        pron = {q["mention"].lower(): q["speaker"] for q in quotes
                if "pronoun" in q["phenomena"]}
        if {"he", "she"} <= set(pron) and pron["he"] != pron["she"]:
            found = True
    assert found
