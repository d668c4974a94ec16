"""A failed command says what went wrong in one line and leaves nothing behind: no partial output file,
no empty database, no stored javascript: link."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from attribution.cli import cli
from attribution.store.database import open_db

ARTICLE = 'Harbour news\n\n"The ferry runs again from Monday," said Elena Marsh.\n'


def _run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_a_javascript_url_is_refused_and_no_database_is_created(tmp_path, nlp):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    db = tmp_path / "new.db"
    result = _run("ingest", str(article), "--url", "javascript:alert(document.cookie)", "--db", str(db))
    assert (result.exit_code, result.output) == (
        1, "Error: 'javascript:alert(document.cookie)' is not a web address: give a full http:// or https:// URL\n")
    assert sorted(os.listdir(tmp_path)) == ["a.txt"]


def test_a_failed_records_add_creates_no_database(tmp_path):
    db = tmp_path / "new.db"
    result = _run("records", "add", "--speaker", "Mr.", "--text", "We will see.", "--said-on", "2025-11-07",
                  "--source-url", "https://example.org/a", "--db", str(db))
    assert result.exit_code == 1 and "'Mr.' is not a name" in result.output, result.output
    assert not db.exists()


def test_a_failed_extract_leaves_no_partial_file_and_keeps_the_old_one(tmp_path, nlp):
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n{not json}\n")
    out = tmp_path / "out.jsonl"
    result = _run("extract", str(articles), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 1 and "line 2: not valid JSON" in result.output
    assert not out.exists() and not (tmp_path / "out.jsonl.part").exists()
    out.write_text("an earlier good run\n")
    assert _run("extract", str(articles), "--format", "jsonl", "-o", str(out)).exit_code == 1
    assert out.read_text() == "an earlier good run\n"
    articles.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n")
    assert _run("extract", str(articles), "--format", "jsonl", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["quotes"][0]["speaker"]["name"] == "Elena Marsh"


def test_claimreview_refuses_links_that_are_not_web_addresses(tmp_path):
    db = tmp_path / "a.db"
    open_db(db).close()
    result = _run("export", "claimreview", "--org-name", "Example", "--site-url", "javascript:alert(1)", "--db", str(db))
    assert (result.exit_code, result.output) == (
        1, "Error: ATTRIBUTION_SITE_URL (--site-url) must be an http:// or https:// address, not 'javascript:alert(1)'\n")


def test_a_closed_stdin_is_one_line(tmp_path):
    result = subprocess.run(["bash", "-c", f"'{sys.executable}' -m attribution extract - <&-"], capture_output=True,
                            text=True, cwd=tmp_path, timeout=120)
    assert (result.returncode, result.stderr) == (1, "Error: stdin is closed: pipe the article in, or give a file\n")


def test_statements_say_why_none_are_listed(tmp_path):
    db = tmp_path / "a.db"
    open_db(db).close()
    assert _run("statements", "--db", str(db)).output == "no statements stored\n"
    assert _run("statements", "--db", str(db), "--speaker", "Nobody Atall").output == (
        "no speaker known as 'Nobody Atall'\n")


def test_a_long_article_is_announced(tmp_path, nlp, monkeypatch):
    import attribution.cli as cli_module

    monkeypatch.setattr(cli_module, "LONG_ARTICLE_CHARS", 40)
    article = tmp_path / "long.txt"
    article.write_text(ARTICLE)
    result = CliRunner().invoke(cli, ["extract", str(article), "--format", "jsonl"])
    assert result.exit_code == 0
    assert "long: 68 characters, a long article: about 0 s on one core\n" in result.stderr


def test_a_full_disk_or_a_closed_stdout_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    command = f"'{sys.executable}' -m attribution extract '{article}'"
    for redirect, message in (("> /dev/full", "Error: cannot write the output: No space left on device\n"),
                              ("-o /dev/full", "Error: cannot write /dev/full: No space left on device\n"),
                              (">&-", "Error: stdout is closed: give -o FILE\n")):
        result = subprocess.run(["bash", "-c", f"{command} {redirect}"], capture_output=True, text=True, cwd=tmp_path,
                                timeout=120)
        assert (result.returncode, result.stderr) == (1, message), redirect


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 300)  # more output than a pipe holds: the writer meets the closed pipe
    command = f"'{sys.executable}' -m attribution extract '{article}' --format json | head -c 8"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert (result.stdout, result.stderr) == ('[\n  {\n  ', "")
