"""``attribution demo``: a database from the fixtures (records, articles, verdicts), built again without duplicates.

Run on a copy of part of ``fixtures/`` (one article of ``fixtures/articles`` and the checker's fixtures) to stay fast.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from attribution.demo import build_demo, demo_articles
from attribution.errors import BadInput
from attribution.store.database import open_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def small_fixtures(tmp_path) -> Path:
    root = tmp_path / "fixtures"
    (root / "articles").mkdir(parents=True)
    for name in ("rice_prices_suzuki.txt", "rice_prices_suzuki.gold.json"):
        shutil.copy(FIXTURES / "articles" / name, root / "articles" / name)
    shutil.copytree(FIXTURES / "check", root / "check")
    shutil.copytree(FIXTURES / "statements", root / "statements")
    shutil.copy(FIXTURES / "records.csv", root / "records.csv")
    return root


def test_every_fixture_article_has_its_date():
    dates = {a.id: a.date.isoformat() for a in demo_articles()}
    assert len(dates) == 24
    assert dates["ledger-calder-dam"] == "2025-09-05" and dates["weekly-breakwater"] == "2025-10-16"
    assert dates["port_alder_ferries"] == "2025-11-10" and dates["northfield_clinic_hours"] == "2025-12-03"
    assert dates["okinawa_coral_bleaching"] == "2025-10-23"


def test_demo_builds_once_and_again_adds_nothing(small_fixtures, tmp_path, nlp):
    path = tmp_path / "demo.db"
    first = build_demo(path, small_fixtures)
    assert (first.ingest.articles_added, first.ingest.articles_skipped) == (10, 0)
    assert first.records_added == 35
    assert sum(first.verdicts.values()) == first.ingest.quotes_added
    assert dict(first.verdicts) == {"verified": 9, "misattributed": 3, "altered": 6, "unverified": 38}
    again = build_demo(path, small_fixtures)
    assert (again.ingest.articles_added, again.ingest.articles_skipped, again.records_added) == (0, 10, 0)
    assert again.verdicts == first.verdicts
    db = open_db(path)
    counts = [db[t].count for t in ("articles", "records", "quotes", "checks")]
    corroborated = db.execute("select speakers.name from statements join speakers on speakers.id = speaker_id "
                              "where corroborated = 1 order by statements.id").fetchall()
    db.close()
    assert corroborated == [("Ines Calder",), ("Lena Ostrova",)]  # three outlets; two sources of three outlets
    assert counts == [10, 35, first.ingest.quotes_added, first.ingest.quotes_added]


def test_demo_without_fixtures_is_a_clear_error(tmp_path):
    with pytest.raises(BadInput, match="no fixtures directory at .*nowhere: run from a checkout of attribution"):
        list(demo_articles(tmp_path / "nowhere"))
