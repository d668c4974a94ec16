"""Corroboration: the quotes of one speaker that are one statement across outlets, their first appearance,
spread and wordings, and the statements whose words are credited to someone else (fixtures/statements/)."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner
from conftest import ROOT

from attribution.cli import cli
from attribution.store.database import open_db
from attribution.store.identity import resolve_speaker
from attribution.store.review import merge_speakers
from attribution.store.statements import list_statements, same_statement, update_statements
from attribution.text.normalize import normalize_quote

DAM_PLAN = ROOT / "fixtures" / "statements" / "dam_plan.jsonl"
BREAKWATER = ROOT / "fixtures" / "statements" / "breakwater_wire.jsonl"
HOME = "We will not let the river decide who keeps their home,"
RESERVOIR = "The reservoir will be finished by 2028,"


def _ingested(articles, tmp_path_factory):
    path = tmp_path_factory.mktemp("statements") / "statements.db"
    result = CliRunner().invoke(cli, ["ingest", str(articles), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def dam_db(nlp, tmp_path_factory):
    return _ingested(DAM_PLAN, tmp_path_factory)


@pytest.fixture(scope="module")
def wire_db(nlp, tmp_path_factory):
    return _ingested(BREAKWATER, tmp_path_factory)


def _by_speaker_and_text(db) -> dict[tuple[str, str], dict]:
    return {(s["speaker"], s["text"]): s for s in list_statements(db)}


def test_one_statement_carried_by_three_outlets_is_corroborated(dam_db):
    db = open_db(dam_db)
    home = _by_speaker_and_text(db)[("Ines Calder", HOME)]
    assert home["first_appearance"]["outlet"] == "Harbor Gazette"
    assert home["first_appearance"]["published"] == "2025-09-02"
    assert home["outlets"] == ["Harbor Gazette", "Valley Courier", "North Ledger"]
    assert (home["articles"], home["quotes"]) == (3, 3)
    assert [(v["text"], v["outlets"]) for v in home["variants"]] == [
        (HOME, ["Harbor Gazette", "Valley Courier"]),
        ("We will not let the river decide who keeps their homes,", ["North Ledger"])]
    assert (home["corroborated"], home["status"], home["conflicting_speakers"]) == (True, "corroborated", [])
    db.close()


def test_the_same_words_credited_to_two_people_contest_both(dam_db):
    db = open_db(dam_db)
    found = _by_speaker_and_text(db)
    calder = found[("Ines Calder", RESERVOIR)]
    assert calder["outlets"] == ["Harbor Gazette", "Valley Courier"]  # the longer wording is the same statement
    assert [v["outlets"] for v in calder["variants"]] == [["Harbor Gazette"], ["Valley Courier"]]
    assert (calder["corroborated"], calder["conflicting_speakers"]) == (False, ["Tobias Wren"])
    wren = found[("Tobias Wren", RESERVOIR)]
    assert (wren["status"], wren["outlets"], wren["conflicting_speakers"]) == ("contested", ["North Ledger"],
                                                                              ["Ines Calder"])
    flood = found[("Tobias Wren", "Our budget cannot carry another flood,")]
    assert (flood["status"], flood["outlets"]) == ("single source", ["Harbor Gazette"])
    db.close()


def test_every_quote_with_a_speaker_is_in_exactly_one_statement(dam_db):
    db = open_db(dam_db)
    assert db.execute("select count(*) from quotes where speaker_id is not null and statement_id is null"
                      ).fetchone() == (0,)
    assert db.execute("select count(*) from quotes q join statements s on s.id = q.statement_id "
                      "where s.speaker_id != q.speaker_id").fetchone() == (0,)
    assert db.execute("select sum(quotes) from statements").fetchone()[0] == db.execute(
        "select count(*) from quotes where speaker_id is not null").fetchone()[0]
    db.close()


def test_updating_again_or_rebuilding_changes_nothing(dam_db, tmp_path):
    db = open_db(dam_db)
    before = list_statements(db)
    report = update_statements(db)
    assert (report.quotes_clustered, report.statements_added) == (0, 0)
    assert list_statements(db) == before
    rebuilt = update_statements(db, rebuild=True)
    assert rebuilt.statements_added == len(before)
    assert [{k: v for k, v in s.items() if k not in ("id", "first_appearance")} for s in list_statements(db)] == [
        {k: v for k, v in s.items() if k not in ("id", "first_appearance")} for s in before]
    db.close()


@pytest.mark.parametrize("a, b, same", [
    ("we will not let the river decide", "we will not let the river decide", True),
    ("we will not let the river decide who keeps their home", "we will not let the river decide who keeps their homes", True),
    ("the reservoir will be finished by 2028", "the reservoir will be finished by 2028 and it will cost less", True),
    ("finished by 2028", "the reservoir will be finished by 2028 and it will cost less", False),  # too short a piece
    ("the reservoir will be finished by 2028", "our budget cannot carry another flood", False),
])
def test_same_statement(a, b, same):
    assert same_statement(a, b) is same


def test_cli_statements(dam_db):
    result = CliRunner().invoke(cli, ["statements", "--db", str(dam_db), "--corroborated", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [(s["speaker"], s["text"]) for s in json.loads(result.output)] == [("Ines Calder", HOME)]
    table = CliRunner().invoke(cli, ["statements", "--db", str(dam_db), "--speaker", "Wren"])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[:3] == [
        "  1. Tobias Wren: “Our budget cannot carry another flood,”  [single source]",
        "     first: Harbor Gazette, 2025-09-02; carried by 1 outlet(s) in 1 article(s): Harbor Gazette",
        "  2. Tobias Wren: “The reservoir will be finished by 2028,”  [contested]",
    ]


def _quote(db, speaker: int, outlet: str, published: str, text: str, article: str | None = None) -> None:
    """One article by ``outlet`` (``article``, else just the quote) holding one direct quote of ``speaker``."""
    body = article or text
    article = db.execute("insert into articles (content_hash, text, outlet, published) values (?, ?, ?, ?)",
                         [hashlib.sha1(f"{outlet}{body}".encode()).hexdigest(), body, outlet, published]).lastrowid
    norm = normalize_quote(text)
    db.execute("insert into quotes (article_id, speaker_id, text, norm_text, norm_hash, kind, start, end) "
               "values (?, ?, ?, ?, ?, 'direct', 0, ?)",
               [article, speaker, text, norm, hashlib.sha1(norm.encode()).hexdigest(), len(text)])
    db.conn.commit()


def test_an_earlier_wording_that_no_longer_matches_leaves_no_stale_conflict(tmp_path):
    """Ann's statement gains an earlier, longer first appearance: Bob's shorter wording no longer matches
    it, and both sides drop the conflict, as a rebuild would have it."""
    db = open_db(tmp_path / "stale.db")
    ann, bob = resolve_speaker(db, "Ann Lee"), resolve_speaker(db, "Bob Ray")

    short = "We will build the new dam on the river before the winter floods arrive"
    _quote(db, ann, "X", "2025-03-01", short)
    _quote(db, bob, "Y", "2025-03-02", "We will build a new dam on the river before winter floods arrive")
    update_statements(db)
    assert {s["speaker"]: s["conflicting_speakers"] for s in list_statements(db)} == {
        "Ann Lee": ["Bob Ray"], "Bob Ray": ["Ann Lee"]}
    _quote(db, ann, "Z", "2025-01-01", short + " and we will pay for every part of it with the money saved from the old "
                                          "bridge project")
    update_statements(db)
    incremental = {s["speaker"]: (s["conflicting_speakers"], s["status"]) for s in list_statements(db)}
    assert incremental == {"Ann Lee": ([], "corroborated"), "Bob Ray": ([], "single source")}
    update_statements(db, rebuild=True)
    assert {s["speaker"]: (s["conflicting_speakers"], s["status"]) for s in list_statements(db)} == incremental
    db.close()


def test_a_merge_leaves_no_conflict_naming_the_absorbed_speaker(tmp_path):
    """Annie Lee is Ann Lee: her short wording joins Ann's earlier, longer statement, which Bob's wording
    does not match; Bob's statement must stop naming Annie Lee, as a rebuild would have it."""
    db = open_db(tmp_path / "merge.db")
    ann, annie, bob = (resolve_speaker(db, name) for name in ("Ann Lee", "Annie Lee", "Bob Ray"))
    short = "We will build the new dam on the river before the winter floods arrive"
    _quote(db, ann, "Z", "2025-01-01", short + " and we will pay for every part of it with the money saved from "
                                               "the old bridge project")
    _quote(db, annie, "X", "2025-03-01", short)
    _quote(db, bob, "Y", "2025-03-02", "We will build a new dam on the river before winter floods arrive")
    update_statements(db)
    assert {s["speaker"]: s["conflicting_speakers"] for s in list_statements(db)} == {
        "Ann Lee": ["Annie Lee"], "Annie Lee": ["Ann Lee", "Bob Ray"], "Bob Ray": ["Annie Lee"]}
    merge_speakers(db, "Ann Lee", "Annie Lee", "carol")
    merged = {s["speaker"]: (s["conflicting_speakers"], s["quotes"]) for s in list_statements(db)}
    assert merged == {"Ann Lee": ([], 2), "Bob Ray": ([], 1)}
    update_statements(db, rebuild=True)
    assert {s["speaker"]: (s["conflicting_speakers"], s["quotes"]) for s in list_statements(db)} == merged
    db.close()


def test_one_wire_story_in_two_papers_is_one_source(wire_db):
    db = open_db(wire_db)
    found = _by_speaker_and_text(db)
    protect = found[("Lena Ostrova", "The new breakwater will protect every boat in the marina,")]
    assert protect["outlets"] == ["Bayside Herald", "Pinecrest Daily", "Merrin Weekly"]
    assert (protect["sources"], protect["syndicated"]) == (2, [["Bayside Herald", "Pinecrest Daily"]])
    assert protect["status"] == "corroborated"  # the Weekly's own report is the second source
    fees = found[("Lena Ostrova", "We are not raising mooring fees this year,")]
    assert (fees["outlets"], fees["sources"], fees["status"]) == (
        ["Bayside Herald", "Pinecrest Daily"], 1, "single source")
    # "they" and "Some council members" are descriptions, not speakers: their words are no one's statements
    assert [(s["speaker"], s["sources"]) for s in list_statements(db) if len(s["outlets"]) == 1] == [("Dana Holt", 1)]
    db.close()


def test_the_table_names_the_outlets_that_printed_one_story(wire_db):
    result = CliRunner().invoke(cli, ["statements", "--db", str(wire_db), "--speaker", "Lena Ostrova",
                                      "--corroborated"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "  1. Lena Ostrova: “The new breakwater will protect every boat in the marina,”  [corroborated]",
        "     first: Bayside Herald, 2025-10-14; carried by 3 outlet(s) in 3 article(s): Bayside Herald, "
        "Pinecrest Daily, Merrin Weekly",
        "     one story in 2 outlets (one source): Bayside Herald, Pinecrest Daily",
    ]


def test_sources_are_stories_not_outlets_joined_by_them(tmp_path):
    """The Herald printed the wire story and its own report; the Daily ran the wire story, the Courier the
    Herald's report: two stories, two independent sources, though one outlet carried both."""
    db = open_db(tmp_path / "stories.db")
    ann = resolve_speaker(db, "Ann Lee")
    words = "The harbour wall will be rebuilt before the winter storms"
    wire = "PORT MERRIN — The harbour commission approved a new wall for the marina on Tuesday after two years of dispute"
    own = "Ask anyone on the east pier and they will tell you the marina has waited far too long for this decision"
    for outlet, published, body in (("Herald", "2025-10-14", wire), ("Herald", "2025-10-15", own),
                                    ("Daily", "2025-10-15", wire), ("Courier", "2025-10-16", own)):
        _quote(db, ann, outlet, published, words, article=f"{body}. “{words},” Lee said.")
    update_statements(db)
    [statement] = list_statements(db)
    assert (statement["outlets"], statement["sources"], statement["syndicated"]) == (
        ["Herald", "Daily", "Courier"], 2, [["Herald", "Daily"], ["Herald", "Courier"]])
    assert statement["status"] == "corroborated"
    db.close()


def test_a_second_source_arriving_later_corroborates_and_equals_a_rebuild(nlp, tmp_path):
    wire_copies = tmp_path / "wire_copies.jsonl"
    wire_copies.write_text("".join(BREAKWATER.read_text(encoding="utf-8").splitlines(keepends=True)[:2]),
                           encoding="utf-8")
    path = tmp_path / "later.db"
    for articles in (wire_copies, BREAKWATER):  # the two wire copies first, then the weekly's own report
        result = CliRunner().invoke(cli, ["ingest", str(articles), "--db", str(path)])
        assert result.exit_code == 0, result.output
        db = open_db(path)
        protect = _by_speaker_and_text(db)[("Lena Ostrova", "The new breakwater will protect every boat in the marina,")]
        db.close()
        if articles == wire_copies:
            assert (protect["sources"], protect["status"]) == (1, "single source")
    assert (protect["sources"], protect["syndicated"], protect["status"]) == (
        2, [["Bayside Herald", "Pinecrest Daily"]], "corroborated")
    db = open_db(path)
    incremental = [{k: v for k, v in s.items() if k != "id"} for s in list_statements(db)]
    update_statements(db, rebuild=True)
    assert [{k: v for k, v in s.items() if k != "id"} for s in list_statements(db)] == incremental
    db.close()
