"""The ``attribution`` command, run in-process with click's CliRunner (reusing the
session's Stanza pipeline), plus one real run of the installed console script.

Covers the JSON output contract, every output format and input route, a
one-line ``Error:`` message for each kind of bad input, and messy but valid
inputs (stray quotation marks, web pages full of scripts and menus).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLES_DIR

from attribution.cli import cli
from attribution.extract.runner import MAX_NLP_CHARS
from attribution.model import KINDS, SPEAKER_TYPES

RIVERTON = ARTICLES_DIR / "riverton_night_buses.txt"  # plain text, with a stray straight quote mark
KANTO = ARTICLES_DIR / "kanto_motors_forecast.txt"  # plain text, with a stray closing curly mark
OKINAWA = ARTICLES_DIR / "okinawa_coral_bleaching.html"  # a web page with scripts, menus, a cookie banner

ARTICLE_KEYS = {"id", "title", "date", "url", "quotes"}
QUOTE_KEYS = {"text", "start", "end", "kind", "speaker", "cue", "said_on", "confidence"}
SPEAKER_KEYS = {"name", "mention", "start", "end", "type", "title"}
CUE_KEYS = {"text", "lemma", "start", "end"}

_STRIP = " \t\n.,;:!?\"'“”‘’"

# Written for these tests: short, with quotes no parser should miss.
SHORT_TEXT = (
    "The harbour board in Port Alder approved a new ferry timetable on Monday.\n\n"
    '"The new timetable adds three crossings every morning," said Rosa Lindqvist, the board\'s chair.\n'
)

STRAY_MARK_TEXT = (
    "The Harbor Arts Trust opened its winter season on Saturday with a sold-out concert.\n\n"
    'The trust\'s new "Open Stage series lets local musicians book the hall for free on weekday evenings.\n\n'
    'Nadia Ferreira, the trust\'s director, said the series would run until March. "Music belongs to everyone," she said.\n\n'
    '"We want the hall to be full every night of the week," Ferreira said.\n'
)
STRAY_MARK_QUOTES = ["We want the hall to be full every night of the week,", "Music belongs to everyone,"]

SCRIPT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Port Alder adds ferry crossings | Harbour Weekly</title>
  <meta property="article:published_time" content="2025-11-03T07:30:00Z">
  <script>
    var promo = "We will never close the harbour," said the subscription widget;
    function trackClick(el) { window.analyticsQueue.push({event: "click", label: el.id}); }
    document.addEventListener("DOMContentLoaded", function () { trackClick(document.body); });
  </script>
  <script type="application/json">{"headline": "Subscribe today, said our editors", "price": 4}</script>
</head>
<body>
  <div class="cookie-banner"><p>We use cookies to improve your experience. "Accept all cookies," we asked politely.</p></div>
  <header><nav><ul>
    <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/ferries">Ferries</a></li><li><a href="/weather">Weather</a></li><li><a href="/contact">Contact</a></li>
  </ul></nav></header>
  <main>
    <article>
      <h1>Port Alder adds ferry crossings after commuter complaints</h1>
      <p>The harbour board in Port Alder approved a new ferry timetable on Monday after months of complaints from commuters about crowded morning boats and long waits on the pier.</p>
      <script>document.write('"Click here for offers," said the advert. var x = computeOffers();');</script>
      <p>"The new timetable adds three crossings every morning and two every evening," said Rosa Lindqvist, the board's chair, after the vote.</p>
      <p>The board voted six to one in favour. The extra crossings will cost about 1.2 million dollars a year, paid for by a small rise in ticket prices.</p>
      <div class="related"><h3>Related</h3><ul><li><a href="/a">"Best ferry views," readers say</a></li><li><a href="/b">Harbour dredging delayed</a></li></ul></div>
      <p>Commuter groups welcomed the change. "It is the first time in years that anyone has listened to us," said Tom Reyes, who leads the Port Alder Riders Association.</p>
      <p>The new timetable takes effect on Dec. 1, the board said.</p>
    </article>
  </main>
  <footer><p>Copyright 2025 Harbour Weekly. All rights reserved.</p><script>window.analyticsQueue = [];</script></footer>
</body>
</html>
"""
SCRIPT_PAGE_QUOTES = [
    "The new timetable adds three crossings every morning and two every evening,",
    "It is the first time in years that anyone has listened to us,",
]
# Text that only occurs in scripts, banners and menus of SCRIPT_PAGE: none of it may reach a quote.
SCRIPT_PAGE_JUNK = ["never close the harbour", "subscription widget", "trackClick", "analyticsQueue",
                    "function", "addEventListener", "Subscribe today", "Click here for offers",
                    "computeOffers", "Accept all cookies", "Best ferry views", "cookies"]


# --- helpers ------------------------------------------------------------------


def _run(args: list[str], input: str | bytes | None = None):
    return CliRunner().invoke(cli, args, input=input)


def _ok(result) -> str:
    assert result.exception is None, f"exit {result.exit_code}: {result.exception!r}\n{result.output}"
    assert result.exit_code == 0, result.output
    return result.stdout


def _error_line(result) -> str:
    """Non-zero exit, stderr exactly one line starting 'Error:', no traceback; returns the line."""
    assert result.exit_code != 0, f"expected failure, got exit 0:\n{result.output}"
    assert isinstance(result.exception, SystemExit), f"unhandled {result.exception!r}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected a one-line message, got:\n{result.stderr}"
    assert lines[0].startswith("Error:"), lines[0]
    return lines[0]


def _jsonl(stdout: str) -> list[dict]:
    lines = stdout.splitlines()
    assert all(line.strip() for line in lines), "blank line in JSONL output"
    return [json.loads(line) for line in lines]


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_iso_date(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _check_contract(record: dict, text: str | None = None) -> None:
    """One article in the output contract; ``text``, if given, is the article text offsets refer to."""
    assert set(record) == ARTICLE_KEYS, sorted(record)
    assert isinstance(record["id"], str) and record["id"]
    for key in ("title", "url"):
        assert record[key] is None or isinstance(record[key], str), (key, record[key])
    assert record["date"] is None or _is_iso_date(record["date"]), record["date"]
    assert isinstance(record["quotes"], list)
    for q in record["quotes"]:
        assert set(q) == QUOTE_KEYS, sorted(q)
        _assert_span(q, "text", text)
        assert q["kind"] in KINDS, q
        assert q["said_on"] is None or _is_iso_date(q["said_on"]), q
        assert isinstance(q["confidence"], float) and 0.0 <= q["confidence"] <= 1.0, q
        assert round(q["confidence"], 3) == q["confidence"], q
        s = q["speaker"]
        if s is not None:
            assert set(s) == SPEAKER_KEYS, sorted(s)
            assert isinstance(s["name"], str) and s["name"].strip(), s
            _assert_span(s, "mention", text)
            assert s["type"] in SPEAKER_TYPES, s
            assert s["title"] is None or (isinstance(s["title"], str) and s["title"].strip()), s
        c = q["cue"]
        if c is not None:
            assert set(c) == CUE_KEYS, sorted(c)
            _assert_span(c, "text", text)
            assert isinstance(c["lemma"], str) and c["lemma"].strip(), c


def _assert_span(obj: dict, key: str, text: str | None) -> None:
    """obj[key] is non-empty text at obj["start"]:obj["end"] of the article (when its text is known)."""
    assert isinstance(obj[key], str) and obj[key].strip(), obj
    assert _is_int(obj["start"]) and _is_int(obj["end"]) and 0 <= obj["start"] < obj["end"], obj
    if text is not None:
        assert text[obj["start"]:obj["end"]] == obj[key], obj


def _finds(quotes: list[dict], wanted: str) -> bool:
    """A quote whose text is ``wanted`` (ignoring marks, spaces and punctuation at both ends)."""
    return any(q["text"].strip(_STRIP) == wanted.strip(_STRIP) for q in quotes)


def _gold(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


# --- formats and routes ---------------------------------------------------------


@pytest.fixture(scope="module")
def jsonl_run(nlp):
    """One in-process run over a .txt and an .html fixture, with --date."""
    result = _run(["extract", str(RIVERTON), str(OKINAWA), "--format", "jsonl", "--date", "2025-10-29"])
    return _jsonl(_ok(result))


def test_jsonl_one_line_per_article_in_input_order(jsonl_run):
    assert [r["id"] for r in jsonl_run] == ["riverton_night_buses", "okinawa_coral_bleaching"]


def test_jsonl_follows_the_contract(jsonl_run):
    riverton, okinawa = jsonl_run
    _check_contract(riverton, RIVERTON.read_text(encoding="utf-8"))
    _check_contract(okinawa)
    assert riverton["quotes"] and okinawa["quotes"]


def test_date_option_fills_txt_date_and_page_date_wins(jsonl_run):
    riverton, okinawa = jsonl_run
    assert riverton["date"] == "2025-10-29"
    assert okinawa["date"] == "2025-10-23"  # article:published_time in the page
    assert okinawa["title"] and "Coral bleaching" in okinawa["title"]
    for q in riverton["quotes"]:
        assert q["said_on"] is not None and q["said_on"] <= "2025-10-29", q


def test_txt_without_date_option_has_no_date(nlp, tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    (record,) = _jsonl(_ok(_run(["extract", str(path), "--format", "jsonl"])))
    assert record["id"] == "ferry"
    assert record["date"] is None
    _check_contract(record, SHORT_TEXT)


def test_json_is_an_array_of_the_same_records(jsonl_run):
    out = _ok(_run(["extract", str(RIVERTON), str(OKINAWA), "--format", "json", "--date", "2025-10-29"]))
    data = json.loads(out)
    assert isinstance(data, list)
    assert data == jsonl_run


def test_table_is_for_people(nlp):
    out = _ok(_run(["extract", str(RIVERTON), "--date", "2025-10-29"]))  # table is the default
    assert "riverton_night_buses" in out
    assert "2025-10-29" in out
    assert "This is about people who work the night shift" in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_output_option_writes_the_file(nlp, tmp_path):
    target = tmp_path / "out.jsonl"
    result = _run(["extract", str(RIVERTON), "--format", "jsonl", "-o", str(target)])
    assert _ok(result) == ""
    (record,) = _jsonl(target.read_text(encoding="utf-8"))
    assert record["id"] == "riverton_night_buses"
    _check_contract(record, RIVERTON.read_text(encoding="utf-8"))


def test_stdin(nlp):
    out = _ok(_run(["extract", "-", "--format", "jsonl", "--date", "2025-11-03"], input=SHORT_TEXT))
    (record,) = _jsonl(out)
    assert record["id"] == "stdin"
    assert record["date"] == "2025-11-03"
    _check_contract(record, SHORT_TEXT)
    assert _finds(record["quotes"], "The new timetable adds three crossings every morning,")


def test_console_script_smoke(tmp_path):
    """The installed ``attribution`` script, in a real subprocess."""
    script = Path(sys.executable).with_name("attribution")
    command = str(script) if script.exists() else shutil.which("attribution")
    assert command, "the attribution console script is not installed"
    path = tmp_path / "ferry.txt"
    path.write_text(SHORT_TEXT, encoding="utf-8")
    proc = subprocess.run([command, "extract", str(path), "--format", "jsonl", "--date", "2025-11-03"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    (record,) = _jsonl(proc.stdout)
    _check_contract(record, SHORT_TEXT)
    assert record["date"] == "2025-11-03"
    assert _finds(record["quotes"], "The new timetable adds three crossings every morning,")


# --- bad input: one line, 'Error: ...', no traceback --------------------------------


def _write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_empty_file(nlp, tmp_path):
    line = _error_line(_run(["extract", _write(tmp_path, "empty.txt", "")]))
    assert "empty" in line


def test_binary_file(nlp, tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    line = _error_line(_run(["extract", _write(tmp_path, "photo.txt", data)]))
    assert "binary" in line


def test_not_utf8(nlp, tmp_path):
    data = "The mayor said \u201cwe will win\u201d on Tuesday.\n".encode("cp1252")
    line = _error_line(_run(["extract", _write(tmp_path, "legacy.txt", data)]))
    assert "UTF-8" in line


def test_article_too_long_for_the_parser(nlp, tmp_path):
    sentence = "The council met again on Tuesday and said nothing new. "
    text = sentence * (5_000_000 // len(sentence) + 1)
    assert len(text) > MAX_NLP_CHARS
    line = _error_line(_run(["extract", _write(tmp_path, "huge.txt", text), "--format", "jsonl"]))
    assert "split" in line


def test_malformed_jsonl_line(nlp, tmp_path):
    good = json.dumps({"id": "a1", "text": "The mayor said the bridge would open in May."})
    path = _write(tmp_path, "batch.jsonl", good + '\n{"id": "a2", "text": "unterminated\n')
    line = _error_line(_run(["extract", path, "--format", "jsonl"]))
    assert "line 2" in line


def test_bad_date_option(nlp):
    line = _error_line(_run(["extract", str(RIVERTON), "--date", "2025-13-45"]))
    assert "2025-13-45" in line or "date" in line.lower()


def test_missing_file(nlp, tmp_path):
    missing = str(tmp_path / "nowhere.txt")
    line = _error_line(_run(["extract", missing]))
    assert "nowhere.txt" in line


def test_models_dir_without_models(tmp_path):
    empty = tmp_path / "no-models"
    empty.mkdir()
    line = _error_line(_run(["extract", str(RIVERTON), "--models-dir", str(empty)]))
    assert str(empty.resolve()) in line
    assert "attribution models download" in line


# --- messy but valid input -----------------------------------------------------------


def _no_quote_crosses_paragraphs(record: dict) -> None:
    for q in record["quotes"]:
        assert "\n" not in q["text"].strip(), f"quote runs across paragraphs: {q['text']!r}"


@pytest.mark.parametrize("path", [RIVERTON, KANTO], ids=lambda p: p.stem)
def test_unbalanced_marks_fixture(nlp, path):
    gold = _gold(path)
    (record,) = _jsonl(_ok(_run(["extract", str(path), "--format", "jsonl", "--date", gold["date"]])))
    _check_contract(record, path.read_text(encoding="utf-8"))
    _no_quote_crosses_paragraphs(record)  # neither article has a multi-paragraph quote
    missing = [g["text"] for g in gold["quotes"] if g["kind"] == "direct" and not _finds(record["quotes"], g["text"])]
    assert not missing, f"direct quotes not found: {missing}"


def test_unbalanced_marks_text(nlp, tmp_path):
    path = _write(tmp_path, "arts.txt", STRAY_MARK_TEXT)
    (record,) = _jsonl(_ok(_run(["extract", path, "--format", "jsonl"])))
    _check_contract(record, STRAY_MARK_TEXT)
    _no_quote_crosses_paragraphs(record)
    for wanted in STRAY_MARK_QUOTES:
        assert _finds(record["quotes"], wanted), (wanted, [q["text"] for q in record["quotes"]])


def _script_text(html: str) -> list[str]:
    """Distinctive lines of the page's <script> elements."""
    lines = []
    for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S | re.I):
        lines += [line.strip() for line in body.splitlines() if len(line.strip()) >= 12]
    return lines


def test_html_fixture_with_scripts_and_menus(jsonl_run):
    okinawa = jsonl_run[1]
    raw = OKINAWA.read_text(encoding="utf-8")
    junk = _script_text(raw) + ["dataLayer", "localStorage", "function", "We use cookies", "Accept all"]
    assert junk
    for q in okinawa["quotes"]:
        for bit in junk:
            assert bit not in q["text"], f"page furniture {bit!r} in quote {q['text']!r}"
    _no_quote_crosses_paragraphs(okinawa)
    gold = _gold(OKINAWA)
    missing = [g["text"] for g in gold["quotes"] if g["kind"] == "direct" and not _finds(okinawa["quotes"], g["text"])]
    assert not missing, f"direct quotes not found: {missing}"


def test_html_page_full_of_scripts(nlp, tmp_path):
    path = _write(tmp_path, "ferries.html", SCRIPT_PAGE)
    (record,) = _jsonl(_ok(_run(["extract", path, "--format", "jsonl"])))
    _check_contract(record)
    assert record["date"] == "2025-11-03"
    for q in record["quotes"]:
        for bit in SCRIPT_PAGE_JUNK + _script_text(SCRIPT_PAGE):
            assert bit not in q["text"], f"page furniture {bit!r} in quote {q['text']!r}"
    _no_quote_crosses_paragraphs(record)
    for wanted in SCRIPT_PAGE_QUOTES:
        assert _finds(record["quotes"], wanted), (wanted, [q["text"] for q in record["quotes"]])
