"""``check`` end to end: the real Stanza pipeline on the fixture articles in ``fixtures/check/``, checked
against ``fixtures/check/records.csv`` (every planned verdict, with its record, diff and flags), and the
``attribution check`` command's output and exit status."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

from attribution.check.quotes import check_document, summary
from attribution.check.verdict import Checker
from attribution.cli import cli
from attribution.extract.runner import extract
from attribution.store.database import open_db
from attribution.store.records import import_records, read_records
from attribution.text.article import read_articles

CHECK_DIR = ROOT / "fixtures" / "check"
PORT_ALDER = CHECK_DIR / "port_alder_ferries.txt"
NORTHFIELD = CHECK_DIR / "northfield_clinic_hours.txt"
RIVERSIDE = CHECK_DIR / "riverside_library.txt"
DATES = {PORT_ALDER: "2025-11-10", NORTHFIELD: "2025-12-03", RIVERSIDE: "2025-12-05"}
CHECK_KEYS = {"verdict", "score", "match", "record", "context", "diff", "flags", "suggestion", "note"}
RECORD_KEYS = {"id", "speaker", "text", "said_on", "source_url"}

# (start of the quote, verdict, record id, record speaker, flags), in article order; record ids follow
# fixtures/check/records.csv (1 = its first row). For "unverified", the record is the suggestion's.
EXPECTED = {
    "port_alder_ferries": [
        ("a harbour budget that raises", "unverified", None, None, []),
        ("fares would stay where they are", "unverified", None, None, []),  # what Marsh promised, on no record
        ("We will raise ferry fares", "altered", 1, "Elena Marsh", ["negation", "dropped"]),
        ("the new terminal would open in March", "verified", 2, "Elena Marsh", []),
        ("The new terminal will open in March and will cost 48", "altered", 2, "Elena Marsh", ["number", "replaced"]),
        ("Port Alder cannot run a modern harbor", "verified", 3, "Elena Marsh", ["spelling"]),
        ("more crossings were on the way", "unverified", None, None, []),
        ("The harbour board will add three", "altered", 4, "Rosa Lindqvist", ["dropped"]),
        ("Every crossing we add", "verified", 5, "Rosa Lindqvist", []),
        ('each new crossing as "a promise', "verified", 5, "Rosa Lindqvist", []),
        ("The budget leaves nothing", "misattributed", 6, "Tomas Reyes", []),
        ("We will see", "unverified", 7, "Tomas Reyes", []),
        ("the new terminal would open in March and cost 42", "misattributed", 2, "Elena Marsh", []),
        ("Nobody in this city", "unverified", None, None, []),
    ],
    "northfield_clinic_hours": [
        ("The Northfield community clinic", "unverified", None, None, []),
        ("The clinic will stay open until 9 p.m. on Fridays", "altered", 8, "Amara Okafor", ["number", "replaced"]),
        ("We have hired four new nurses", "verified", 9, "Amara Okafor", []),
        ("No one who walks through that door", "misattributed", 10, "Martin Hale", []),
        ("the change", "unverified", None, None, []),  # what Hale welcomed: a stance, on no record
        ("Our emergency department", "verified", 11, "Martin Hale", []),
        ("The longer hours will save", "unverified", None, None, []),
        ('the evening hours were "a lifeline', "altered", 12, "Amara Okafor", ["replaced"]),  # its quoted words
    ],
    "riverside_library": [
        ("next year's budget", "unverified", None, None, []),
        # "Republican Dana Whitfield" in the article, "Councillor Dana J. Whitfield" on record: one person
        ("We will not close a single library", "verified", 13, "Dana J. Whitfield", []),
        # Omar Haddad's words, credited through "she": on record from someone else, but no accusation
        ("The reading room on Mill Street", "unverified", 14, "Omar Haddad", ["speaker_uncertain"]),
        ("The budget grew by 25 percent", "unverified", None, None, []),
    ],
}


@pytest.fixture(scope="module")
def records_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("check") / "records.db"
    db = open_db(path)
    assert import_records(db, read_records(CHECK_DIR / "records.csv")) == 14
    return path


@pytest.fixture(scope="module")
def checked(nlp, records_db) -> dict:
    db = open_db(records_db)
    checker = Checker(db)
    out = {}
    for path, date in DATES.items():
        for doc in extract(read_articles([str(path)], default_date=dt.date.fromisoformat(date))):
            out[doc.article.id] = check_document(db, doc, checker)
    return out


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_every_planned_verdict(checked, article):
    quotes = checked[article]["quotes"]
    got = []
    for q in quotes:
        rec = q["record"] or (q["suggestion"] or {}).get("record")
        got.append((q["text"], q["verdict"], rec and rec["id"], rec and rec["speaker"], q["flags"]))
    assert len(got) == len(EXPECTED[article])
    for (text, *rest), (start, *want) in zip(got, EXPECTED[article]):
        assert text.startswith(start), (text, start)
        assert rest == want, text


def test_output_extends_the_extract_contract(checked):
    art = checked["port_alder_ferries"]
    assert set(art) == {"id", "title", "date", "url", "quotes"}
    for q in art["quotes"]:
        assert set(q) == {"text", "start", "end", "kind", "speaker", "cue", "said_on", "confidence"} | CHECK_KEYS
        assert q["verdict"] in ("verified", "misattributed", "altered", "unverified")
        assert 0 <= q["score"] <= 100
        assert q["record"] is None or set(q["record"]) == RECORD_KEYS
        assert all(set(d) == {"op", "record", "quote"} for d in q["diff"])
        if q["kind"] == "indirect":  # a paraphrase: never altered, no word diff
            assert q["verdict"] != "altered" and q["diff"] == []
        if q["kind"] == "mixed":  # its quoted words were checked as a quote
            assert q["match"] == "fragment" and q["note"].startswith("the words in quotation marks: ")
    assert summary([art]) == {"verified": 4, "misattributed": 2, "altered": 3, "unverified": 5}


def test_diffs_show_what_changed(checked):
    port = checked["port_alder_ferries"]["quotes"]
    changes = {q["text"][:20]: [d for d in q["diff"] if d["op"] != "equal"] for q in port if q["verdict"] == "altered"}
    assert changes == {
        "We will raise ferry ": [{"op": "delete", "record": "not", "quote": ""}],
        "The new terminal wil": [{"op": "replace", "record": "42 million", "quote": "48 million"}],
        "The harbour board wi": [{"op": "delete", "record": "once the second ferry is back from repairs", "quote": ""}],
    }
    fragment = port[8]
    assert (fragment["match"], fragment["score"], fragment["context"]) == (
        "fragment", 100.0, {"before": "We are a small board with one old ferry, but", "after": "and we intend to keep it"})
    assert port[5]["diff"][1] == {"op": "replace", "record": "harbour", "quote": "harbor"}
    short = port[11]
    assert (short["suggestion"]["verdict"], short["suggestion"]["reason"]) == (
        "verified", "only 3 words: too short to attribute on its own")
    clinic = checked["northfield_clinic_hours"]["quotes"][1]
    assert [d for d in clinic["diff"] if d["op"] != "equal"] == [
        {"op": "replace", "record": "Thursdays", "quote": "Fridays"}]
    assert clinic["record"] == {
        "id": 8, "speaker": "Amara Okafor", "said_on": "2025-12-03",
        "text": "The clinic will stay open until 9 p.m. on Thursdays, so that people who work late can still see a nurse.",
        "source_url": "https://northfield.example.gov/health/2025-12-03"}


# --- the command ----------------------------------------------------------------------------------

def test_cli_json_exits_1_on_problems(nlp, records_db):
    result = CliRunner().invoke(cli, ["check", str(PORT_ALDER), "--db", str(records_db), "--date", "2025-11-10",
                                      "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [a["id"] for a in data] == ["port_alder_ferries"]
    assert [q["verdict"] for q in data[0]["quotes"]] == [e[1] for e in EXPECTED["port_alder_ferries"]]


def test_cli_table(nlp, records_db):
    result = CliRunner().invoke(cli, ["check", str(NORTHFIELD), "--db", str(records_db), "--date", "2025-12-03"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert out.startswith("== northfield_clinic_hours (2025-12-03)\n"
                          "  1. UNVERIFIED    indirect the city's health department · said · 2025-12-03\n"
                          "     “The Northfield community clinic will stay open later on weekdays\n"
                          "      from next week”\n")  # whole quotes, wrapped, never cut
    assert "  4. MISATTRIBUTED direct   Amara Okafor · said · 2025-12-03 · score 100\n" in out
    assert "     these words are on record from Martin Hale (2025-11-28)\n" in out
    assert "     diff: The clinic will stay open until 9 p.m. on [-Thursdays-]{+Fridays+} so that" in out
    assert out.endswith("checked 8 quotes: 2 verified, 1 misattributed, 2 altered, 3 unverified\n")


def test_cli_table_shows_a_fragment_in_context(nlp, records_db):
    text = ('Harbour board meets\n\n"Every crossing we add is a promise to the people who live on the islands," '
            'said Rosa Lindqvist.\n')
    result = CliRunner().invoke(cli, ["check", "-", "--db", str(records_db), "--date", "2025-11-10"], input=text)
    assert result.exit_code == 0, result.output
    assert ("     in context: We are a small board with one old ferry, but [...] and we intend to keep it\n"
            in result.stdout)


def test_cli_exits_0_when_nothing_is_wrong(nlp, records_db):
    text = ('Northfield hires evening staff\n\n"We have hired four new nurses and two pharmacists for the evening '
            'shifts," Okafor said.\n')
    result = CliRunner().invoke(cli, ["check", "-", "--db", str(records_db), "--date", "2025-12-03",
                                      "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    (quote,) = json.loads(result.stdout)[0]["quotes"]
    assert (quote["verdict"], quote["record"]["id"]) == ("verified", 9)


def test_a_weak_attribution_is_reported_never_accused(checked, nlp, records_db):
    quote = checked["riverside_library"]["quotes"][2]
    assert (quote["speaker"]["mention"], quote["suggestion"]["verdict"]) == ("she", "misattributed")
    assert quote["note"] == ("these words are on record from Omar Haddad (2025-11-20); who says them here is "
                             "uncertain (the speaker was found through “she”): a person must look")
    result = CliRunner().invoke(cli, ["check", str(RIVERSIDE), "--db", str(records_db), "--date", "2025-12-05"])
    assert result.exit_code == 0, result.output  # nothing confident is wrong
    assert "  3. UNVERIFIED    direct   Dana Whitfield · said · 2025-12-05\n" in result.stdout
    assert "     flags: speaker_uncertain\n" in result.stdout


def test_cli_errors_exit_2(nlp, records_db, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["check", str(PORT_ALDER), "--db", str(tmp_path / "none.db")])
    assert (missing.exit_code, missing.output) == (
        2, f"Error: no database at {tmp_path / 'none.db'}: import verified records first, or give --db\n")
    assert not (tmp_path / "none.db").exists()
    bad_date = runner.invoke(cli, ["check", str(PORT_ALDER), "--db", str(records_db), "--date", "2025-13-40"])
    assert bad_date.exit_code == 2 and bad_date.output.startswith("Error: ")
    no_input = runner.invoke(cli, ["check", str(tmp_path / "nope.txt"), "--db", str(records_db)])
    assert no_input.exit_code == 2 and no_input.output.startswith("Error: ") and "nope.txt" in no_input.output
    not_a_db = tmp_path / "text.db"
    not_a_db.write_text("this is not a database\n" * 100)
    broken = runner.invoke(cli, ["check", str(PORT_ALDER), "--db", str(not_a_db)])
    assert broken.exit_code == 2 and broken.output.startswith("Error: ") and "text.db" in broken.output
    usage = runner.invoke(cli, ["check", str(PORT_ALDER), "--format", "xml"])
    assert usage.exit_code == 2
