"""The benchmark scripts still run (on tiny inputs): a benchmark that rots unnoticed measures nothing.

Their figures are printed, never asserted here; only that they run to the end and report what they
promise (agreement with brute force, rows per second).
"""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"


def _run(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=BENCHMARKS, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_match_speed_agrees_with_brute_force():
    out = _run("match_speed.py", "--records", "3000", "--queries", "40")
    assert "agreement with brute force: 40/40 queries (100.0%)" in out


def test_ingest_speed_stores_every_row():
    out = _run("ingest_speed.py", "--articles", "20", "--quotes", "10", "--speakers", "30")
    assert out.startswith("stored 200 quote rows (20 articles, ")


def test_extract_speed_times_every_run_and_the_floors():
    out = _run("extract_speed.py", str(ROOT / "fixtures" / "statements" / "dam_plan.jsonl"), "--background-load", "1",
               "--cluster", "local:1")
    assert out.startswith("extract_speed: dam_plan.jsonl, 3 articles, ")
    for run in ("ours, selective", "ours, full", "bare Stanza, bulk, no dependency parse",
                "bare Stanza, bulk, tokenize and NER only", "  convert + stages"):
        assert f"\n{run} " in out
    assert "peer skipped: pass --peer-python" in out
    assert "\nours, selective, --cluster local:1 " in out and "\n--cluster local:1 / one process " in out
    for setting in ("2 threads (before)", "1 thread (now)"):  # idle against one busy process beside it
        assert f"\n{setting:36}    1 " in out


def test_long_article_prints_the_curve():
    out = _run("long_article.py", "--sizes", "1")
    assert "copies     chars quotes  stanza s  stages s  s/10k chars  ratio\n     1    18," in out


def test_tag_reads_prints_each_modules_share():
    out = _run("tag_reads.py", str(ROOT / "fixtures" / "statements" / "dam_plan.jsonl"))
    assert out.startswith("3 articles, ")
    assert "\n  reported.py " in out and "\nwithout reported.py and coref.py: " in out
