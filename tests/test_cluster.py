"""Extraction on a Dask cluster: real worker processes (a ``LocalCluster``), each loading its own Stanza
pipeline; the same quotes as in this process, in input order, even when a worker is killed mid-run."""

from __future__ import annotations

import json
import os
import signal

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_DIR
from distributed import Client, LocalCluster

from attribution.cli import cli
from attribution.extract.output import article_dict
from attribution.ingest import ingest_articles
from attribution.nlp import batches
from attribution.store.database import open_db
from attribution.text.article import read_articles

STATEMENTS = ARTICLES_DIR.parent / "statements" / "breakwater_wire.jsonl"


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local, \
            Client(local) as client:
        yield local.scheduler_address, client


def _stored(db) -> list[tuple]:
    return db.execute("select articles.content_hash, quotes.start, quotes.[end], quotes.text, quotes.speaker_name "
                      "from quotes join articles on articles.id = quotes.article_id order by 1, 2").fetchall()


def test_a_killed_worker_loses_nothing_and_doubles_nothing(tmp_path, monkeypatch, cluster, fixture_results):
    address, client = cluster
    monkeypatch.setattr(batches, "BATCH_ARTICLES", 2)  # many batches, so some are still to do when one dies
    paths = sorted(str(p) for p in ARTICLES_DIR.glob("*.txt"))
    killed = []

    def kill_a_worker(article, added) -> None:
        if not killed:
            pid = next(iter(client.run(os.getpid).values()))
            os.kill(pid, signal.SIGKILL)  # its batches in flight are run again on the others
            killed.append(pid)

    on_cluster, here = open_db(tmp_path / "cluster.db"), open_db(tmp_path / "here.db")
    report = ingest_articles(on_cluster, read_articles(paths), cluster=address, progress=kill_a_worker)
    assert killed and report.articles_added == len(paths)
    ingest_articles(here, read_articles(paths))
    assert _stored(on_cluster) == _stored(here)
    again = ingest_articles(on_cluster, read_articles(paths), cluster=address)
    assert (again.articles_added, again.quotes_added) == (0, 0)  # re-running adds nothing
    on_cluster.close()
    here.close()


def test_extract_on_a_local_cluster_gives_the_quotes_of_one_process(tmp_path, nlp):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(STATEMENTS), "--cluster", "local:1", "--format", "jsonl",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    from attribution.extract.runner import extract
    expected = [article_dict(d) for d in extract(read_articles([str(STATEMENTS)]))]
    assert [json.loads(line) for line in out.read_text().splitlines()] == expected


def test_jobs_and_cluster_together_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(STATEMENTS), "--cluster", "local:1", "--jobs", "2"])
    assert result.exit_code == 1
    assert "--jobs and --cluster do not go together" in result.output


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(STATEMENTS), "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
