"""A demo database from the project's own fixtures: ``attribution demo``.

Imports both records files, ingests every fixture article (``fixtures/articles``, each with the
date its gold file gives, the checker's articles in ``fixtures/check``, and the outlets' takes on
two stories in ``fixtures/statements``, for corroborated, contested and syndicated statements), then checks every
stored quote again (``recheck``), so ``attribution serve`` shows real content at once. Running it
again adds nothing and brings the verdicts up to date with the records files.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .check.quotes import check_stored
from .errors import BadInput
from .ingest import IngestReport, ingest_articles
from .store.database import open_db
from .store.records import import_records, read_records
from .text.article import Article, read_articles

__all__ = ["CHECK_DATES", "DemoReport", "FIXTURES", "build_demo", "demo_articles"]

#: The project's own fixture articles and records, shipped with the package (in a checkout, a link to fixtures/).
FIXTURES = Path(__file__).resolve().parent / "demo_fixtures"

#: Publication dates of the checker's articles (fixtures/check/README.md).
CHECK_DATES = {"port_alder_ferries": "2025-11-10", "northfield_clinic_hours": "2025-12-03",
               "riverside_library": "2025-12-05"}

_OUTLET = "attribution fixtures"


@dataclass
class DemoReport:
    ingest: IngestReport
    records_added: int
    verdicts: Counter  #: how many stored quotes got each verdict


def demo_articles(fixtures: Path = FIXTURES) -> Iterator[Article]:
    """Every fixture article with its publication date."""
    if not fixtures.is_dir():
        raise BadInput(f"no fixtures directory at {fixtures}: run from a checkout of attribution")
    for gold in sorted((fixtures / "articles").glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        date = dt.date.fromisoformat(json.loads(gold.read_text(encoding="utf-8"))["date"])
        source = next(p for p in (gold.with_name(f"{stem}.txt"), gold.with_name(f"{stem}.html")) if p.exists())
        yield from read_articles([str(source)], default_date=date)
    for stem, date in CHECK_DATES.items():
        yield from read_articles([str(fixtures / "check" / f"{stem}.txt")], default_date=dt.date.fromisoformat(date))
    yield from read_articles([str(fixtures / "statements" / "dam_plan.jsonl"),  # dated, with outlets
                              str(fixtures / "statements" / "breakwater_wire.jsonl")])


def build_demo(db_path: str | os.PathLike, fixtures: Path = FIXTURES, models_dir: str | None = None) -> DemoReport:
    """Fill ``db_path`` from the fixtures (idempotent: what is already stored is skipped)."""
    rows = read_records(fixtures / "records.csv") + read_records(fixtures / "check" / "records.csv")
    db = open_db(db_path)
    try:
        added = import_records(db, rows)
        report = ingest_articles(db, demo_articles(fixtures), outlet=_OUTLET, models_dir=models_dir)
        verdicts = check_stored(db)
    finally:
        db.close()
    return DemoReport(report, added, verdicts)
