"""Shared fixtures: one Stanza pipeline and one extraction pass for the whole run.

Nothing is skipped: without the Stanza English models the session fixtures
raise the library's own :class:`attribution.errors.ModelsMissing`, whose
message says where it looked and to run ``attribution models download``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from attribution.extract.runner import extract
from attribution.nlp.models import load_pipeline
from attribution.store import database as store
from attribution.text.article import read_articles

ROOT = Path(__file__).resolve().parent.parent
ARTICLES_DIR = ROOT / "fixtures" / "articles"


@dataclass(frozen=True)
class FixtureArticle:
    id: str
    path: Path  #: the .txt or .html article
    gold: dict  #: the parsed NAME.gold.json


def fixture_articles() -> list[FixtureArticle]:
    """Every fixture article with its gold file, sorted by id (usable at collection time)."""
    found = []
    for gold_path in sorted(ARTICLES_DIR.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        sources = [p for p in (ARTICLES_DIR / f"{stem}.txt", ARTICLES_DIR / f"{stem}.html") if p.exists()]
        assert len(sources) == 1, f"{gold_path.name}: expected one .txt or .html article beside it"
        found.append(FixtureArticle(stem, sources[0], json.loads(gold_path.read_text(encoding="utf-8"))))
    return found


@pytest.fixture(scope="session")
def nlp():
    """The shared Stanza pipeline (lru-cached in-process, so the CLI tests reuse it too)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def fixture_results(nlp) -> dict:
    """{article id: (gold dict, Document)} from one ``extract`` pass over every fixture article."""
    articles = fixture_articles()
    inputs = itertools.chain.from_iterable(
        read_articles([str(fa.path)], default_date=dt.date.fromisoformat(fa.gold["date"])) for fa in articles)
    docs = list(extract(inputs))
    assert [d.article.id for d in docs] == [fa.id for fa in articles]
    return {fa.id: (fa.gold, doc) for fa, doc in zip(articles, docs)}


def database_before(path: Path, version: int, *statements: str) -> None:
    """Make ``path`` a database as attribution left it before migration ``version``, holding the rows the
    SQL ``statements`` insert (the next ``open_db`` migrates it)."""
    later = store.MIGRATIONS
    store.MIGRATIONS = tuple(m for m in later if m[0] < version)
    try:
        old = store.open_db(path)
        for sql in statements:
            old.execute(sql)
        old.conn.commit()
        old.close()
    finally:
        store.MIGRATIONS = later
