"""Same articles, same database: the quote rows (speaker names included) do not depend on the order the
articles are ingested in, nor on another ingest writing beside them. Real Stanza, real SQLite files."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from attribution.extract.runner import extract
from attribution.ingest import store_document
from attribution.store.database import open_db
from attribution.text.article import Article

TEXTS = [
    "Mayor Ana Reyes said the new bridge would open in May.\n",
    '"The budget is tight this year," Reyes said at the council meeting on Tuesday.\n',
    "Councillor Tomas Reyes said the vote on the bridge had been rushed.\n",
    '"We will not raise the ferry fares," President Donald J. Trump said on Monday.\n',
    '"The ferry will run all winter," Donald Trump said at the harbour.\n',
    'Ana Reyes, the mayor, said the council would publish its accounts. "Nothing is hidden," Reyes said.\n',
]

#: Every stored fact about a quote, ids replaced by what they stand for.
QUOTE_ROWS = """
select articles.content_hash, quotes.start, quotes.[end], quotes.kind, quotes.text, speakers.name, speakers.type,
       speakers.aliases, quotes.speaker_name, quotes.mention, quotes.title, quotes.cue, quotes.said_on,
       quotes.confidence
from quotes join articles on articles.id = quotes.article_id left join speakers on speakers.id = quotes.speaker_id
order by articles.content_hash, quotes.start
"""


@pytest.fixture(scope="module")
def docs(nlp) -> list:
    articles = [Article(id=f"a{n}", date=dt.date(2025, 11, 3 + n), text=text) for n, text in enumerate(TEXTS)]
    return list(extract(articles))


def _store(path, docs) -> None:
    db = open_db(path)
    for doc in docs:
        store_document(db, doc.article, doc.quotes, outlet="Harbour Weekly")
    db.close()


def _rows(path) -> list[tuple]:
    db = open_db(path)
    rows = db.execute(QUOTE_ROWS).fetchall()
    db.close()
    return rows


def test_two_orders_and_two_writers_at_once_store_the_same_rows(tmp_path, docs):
    _store(tmp_path / "forward.db", docs)
    _store(tmp_path / "reverse.db", docs[::-1])
    together = tmp_path / "together.db"
    open_db(together).close()
    writers = [threading.Thread(target=_store, args=(together, half)) for half in (docs[1::2], docs[::2][::-1])]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    forward = _rows(tmp_path / "forward.db")
    assert len(forward) == 7
    assert _rows(tmp_path / "reverse.db") == forward
    assert _rows(together) == forward


def test_a_surname_alone_is_stored_as_written_and_a_name_shows_its_fullest_form(tmp_path, docs):
    _store(tmp_path / "reverse.db", docs[::-1])
    names = {(text, name) for _, _, _, _, text, name, *_ in _rows(tmp_path / "reverse.db")}
    assert ("The budget is tight this year,", "Reyes") in names  # two Reyes are known: not guessed
    assert ("Nothing is hidden,", "Ana Reyes") in names  # the article names her in full
    assert {name for _, name in names if name and name.endswith("Trump")} == {"Donald J. Trump"}
