"""Selective parsing gives exactly the extraction of a full parse, while parsing fewer sentences;
batches and worker processes keep input order.

The fixture comparison is the guarantee the design rests on (selective.py):
every fixture article, extracted with ``parse="full"``, must give the same
output JSON as the session's selective pass (``fixture_results``).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

from attribution.cli import cli
from attribution.document import Document
from attribution.extract.output import article_dict
from attribution.extract.runner import annotate, extract, extract_document
from attribution.nlp import selective
from attribution.nlp.selective import unparsed_reads
from attribution.text.article import Article, read_articles

CHECK_ARTICLES = sorted(str(p) for p in (ROOT / "fixtures" / "check").glob("*.txt"))

HARBOUR = Article(id="harbour", date=dt.date(2025, 10, 23), text=(
    "The ferry service resumed on Monday after a week of storms.\n\n"
    "Captain Mara Quinn spoke to passengers at the harbour on Tuesday.\n\n"
    "\u201cWe are glad to be back,\u201d said Quinn.\n"))


def _json(docs: list[Document]) -> list[str]:
    return [json.dumps(article_dict(d), ensure_ascii=False, sort_keys=True) for d in docs]


def test_every_fixture_article_extracts_the_same_with_a_full_parse(fixture_results):
    selective_docs = [doc for _, doc in fixture_results.values()]
    full_docs = list(extract([d.article for d in selective_docs], parse="full"))
    assert len(full_docs) == len(fixture_results) == 15
    assert _json(full_docs) == _json(selective_docs)
    assert sum(len(d.quotes) for d in full_docs) > 100  # the comparison covers real extractions


def test_the_check_fixtures_extract_the_same_with_a_full_parse():
    articles = list(read_articles(CHECK_ARTICLES, default_date=dt.date(2025, 10, 23)))
    full = list(extract(articles, parse="full"))
    assert [d.article.id for d in full] == ["northfield_clinic_hours", "port_alder_ferries", "riverside_library"]
    assert _json(list(extract(articles))) == _json(full)


def test_sentences_without_speech_are_not_parsed():
    before = selective.COUNTS.copy()
    doc = next(annotate([HARBOUR]))
    spent = selective.COUNTS - before
    by_sentence = [doc.depparsed[s.first] for s in doc.sentences]
    # the first sentence says nothing and nothing reads its parse; the second is read as the occasion
    # that dates the quote (its root verb "spoke" and its subject); the third is speech
    assert by_sentence == [False, True, True]
    assert (spent.sentences, spent.depparsed) == (3, 2)
    quote = extract_document(doc).quotes[0]
    assert (quote.speaker.name, quote.said_on) == ("Mara Quinn", dt.date(2025, 10, 21))
    assert doc.words[1].text == "ferry" and doc.words[1].head is None and doc.words[1].deprel == "dep"
    assert doc.words[1].upos == "NOUN" and doc.words[1].lemma == "ferry"  # tagged, not parsed
    assert _json([extract_document(doc)]) == _json(list(extract([HARBOUR], parse="full")))


def test_the_probe_reports_the_unparsed_words_an_extractor_reads():
    doc = next(annotate([HARBOUR]))
    ferry = 1

    def reads_ferry_head(d: Document) -> None:
        d.words[ferry].head  # noqa: B018 - the read is the point

    assert unparsed_reads(doc, reads_ferry_head) == {ferry}
    assert unparsed_reads(doc, lambda d: d.children[ferry]) == {ferry}
    assert unparsed_reads(doc, lambda d: d.sentences[0].root) == {0}
    assert unparsed_reads(doc, lambda d: d.words[ferry].upos) == set()  # tags are there for every word
    assert unparsed_reads(doc, extract_document) == set()


def test_a_probe_failing_on_a_missing_parse_asks_for_it_and_a_real_failure_is_raised():
    doc = next(annotate([HARBOUR]))

    def follows_heads(d: Document) -> None:
        d.words[d.words[1].head].text  # noqa: B018 - None on the unparsed word: a TypeError

    assert unparsed_reads(doc, follows_heads) == {1}
    with pytest.raises(ZeroDivisionError):
        unparsed_reads(doc, lambda d: len(d.words) / 0)


def test_an_unknown_parse_mode_is_refused():
    with pytest.raises(Exception, match="unknown parse mode 'some': use one of selective, full"):
        list(extract([HARBOUR], parse="some"))


def test_worker_processes_give_the_same_documents_in_order():
    articles = list(read_articles(CHECK_ARTICLES, default_date=dt.date(2025, 10, 23))) + [HARBOUR]
    before = selective.COUNTS.copy()
    in_workers = list(extract(articles, jobs=2))
    assert [d.article.id for d in in_workers] == ["northfield_clinic_hours", "port_alder_ferries", "riverside_library",
                                                  "harbour"]
    assert (selective.COUNTS - before).articles == 4  # the workers' parsing is counted here
    assert _json(in_workers) == _json(list(extract(articles)))


def test_cli_parse_full_and_jobs(tmp_path):
    runner = CliRunner()
    out = {}
    for mode in ("selective", "full"):
        result = runner.invoke(cli, ["extract", *CHECK_ARTICLES, "--date", "2025-10-23", "--format", "jsonl",
                                     "--parse", mode])
        assert result.exit_code == 0, result.output
        out[mode] = result.output
    assert out["selective"] == out["full"] and out["full"].count("\n") == 3
    bad = runner.invoke(cli, ["extract", CHECK_ARTICLES[0], "--jobs", "0"])
    assert bad.exit_code == 2 and "0 is not in the range x>=1" in bad.output


def test_a_worker_that_dies_is_an_error_not_a_hang(monkeypatch):
    import multiprocessing
    import os
    import signal

    from attribution.errors import AttributionError
    from attribution.nlp import batches

    monkeypatch.setattr(batches, "BATCH_ARTICLES", 1)  # one article a batch: several in flight
    articles = list(read_articles(CHECK_ARTICLES, default_date=dt.date(2025, 10, 23))) * 4
    docs = extract(articles, jobs=2)
    next(docs)  # the workers are up
    for child in multiprocessing.active_children():
        os.kill(child.pid, signal.SIGKILL)
    with pytest.raises(AttributionError, match="a parsing worker process died"):
        list(docs)
