"""The annotation cache: a text checked or ingested again is not given to Stanza again, and gives the
same output; rows made by other models, another Stanza or a poorer parse mode are replaced.

"Not given to Stanza" is read from the pipeline's own counters (``selective.COUNTS``), which count
every sentence handed to Stanza in this process.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib

import pytest
from click.testing import CliRunner
from conftest import ROOT

from attribution.check.quotes import check_document
from attribution.cli import cli
from attribution.extract.output import article_dict
from attribution.extract.runner import annotate, extract
from attribution.nlp import annotation_cache as annotations
from attribution.nlp import selective
from attribution.nlp.annotation_cache import decode, encode
from attribution.store.database import open_db
from attribution.text.article import read_articles

PORT_ALDER = ROOT / "fixtures" / "check" / "port_alder_ferries.txt"
RECORDS = ROOT / "fixtures" / "check" / "records.csv"


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "a.db")
    yield database
    database.close()


def _article():
    return next(read_articles([str(PORT_ALDER)], default_date=dt.date(2025, 11, 10)))


def _sentences_parsed(run) -> tuple[int, object]:
    """How many sentences Stanza was given while ``run()`` ran, and what it returned."""
    before = selective.COUNTS.copy()
    result = run()
    return (selective.COUNTS - before).sentences, result


def _row(db) -> tuple:
    return db.execute("select parse_mode, stanza_version, models_key from annotations").fetchone()


def test_the_second_extraction_of_a_text_skips_stanza(db):
    first_count, first = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    second_count, second = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    assert first_count == 15 and second_count == 0
    assert db["annotations"].count == 1 and _row(db)[0] == "selective"
    assert json.dumps(article_dict(second[0])) == json.dumps(article_dict(first[0]))
    assert len(first[0].quotes) == 14


def test_check_then_ingest_parses_once(tmp_path):
    path = str(tmp_path / "a.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["records", "import", str(RECORDS), "--db", path]).exit_code == 0
    outputs = []
    parsed = []
    for _ in range(2):
        count, result = _sentences_parsed(lambda: runner.invoke(
            cli, ["check", str(PORT_ALDER), "--db", path, "--date", "2025-11-10", "--format", "json"]))
        assert result.exit_code == 1, result.output  # the fixture has altered and misattributed quotes
        outputs.append(result.output)
        parsed.append(count)
    count, result = _sentences_parsed(lambda: runner.invoke(  # with workers: none of them is needed
        cli, ["ingest", str(PORT_ALDER), "--db", path, "--date", "2025-11-10", "--jobs", "2"]))
    assert result.exit_code == 0, result.output
    parsed.append(count)
    assert parsed == [15, 0, 0]
    assert outputs[0] == outputs[1]
    assert "1 article added (14 quotes)" in result.output


def test_other_models_or_another_stanza_are_parsed_again(db):
    list(extract([_article()], cache=db))
    for column, stale in (("models_key", "0123456789abcdef"), ("stanza_version", "0.0.1")):
        current = _row(db)
        db.execute(f"update annotations set {column} = ?", [stale])
        db.conn.commit()
        count, _ = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
        assert count == 15
        assert _row(db) == current  # replaced by the new parse


def test_another_cache_format_or_a_damaged_row_is_parsed_again(db):
    list(extract([_article()], cache=db))
    current = _row(db)
    assert current[2].endswith(f"-f{annotations.FORMAT}")
    db.execute("update annotations set models_key = replace(models_key, ?, '-f0')", [f"-f{annotations.FORMAT}"])
    db.conn.commit()
    count, _ = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    assert count == 15 and _row(db) == current
    db.execute("update annotations set data = ?", [zlib.compress(b'{"words": {}}')])
    db.conn.commit()
    count, docs = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    assert count == 15 and docs[0].words


def test_a_full_parse_is_not_served_from_a_selective_row_but_serves_both(db):
    list(extract([_article()], cache=db))
    count, full = _sentences_parsed(lambda: list(extract([_article()], cache=db, parse="full")))
    assert count == 15 and _row(db)[0] == "full"
    count, again = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    assert count == 0
    assert json.dumps(article_dict(again[0])) == json.dumps(article_dict(full[0]))


def test_a_selective_row_lacking_a_parse_extraction_reads_is_parsed_again(db):
    list(extract([_article()], cache=db))
    doc = next(annotate([_article()], cache=db))
    sentence = next(n for n, s in enumerate(doc.sentences) if doc.depparsed[s.first])
    first = doc.sentences[sentence].first
    for w in doc.words[first:doc.sentences[sentence].last]:  # as if an older extractor had not needed it
        doc.depparsed[w.i] = False
        w.head, w.deprel = None, "dep"
    doc.sentences[sentence].root = None
    db.execute("update annotations set data = ?", [encode(doc)])
    db.conn.commit()
    count, _ = _sentences_parsed(lambda: list(extract([_article()], cache=db)))
    assert count == 15


def test_encoding_keeps_every_annotation(db):
    doc = next(annotate([_article()], cache=db))
    back = decode(doc.article, encode(doc))
    assert back.words == doc.words and back.sentences == doc.sentences and back.entities == doc.entities
    assert back.depparsed == doc.depparsed and back.children == doc.children
    blob = encode(doc)
    assert len(blob) * 3 < len(zlib.decompress(blob))  # compressed at least threefold


def test_check_document_results_are_the_same_from_the_cache(db):
    fresh = [check_document(db, d) for d in extract([_article()], cache=db)]
    cached = [check_document(db, d) for d in extract([_article()], cache=db)]
    assert cached == fresh
