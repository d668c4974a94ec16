"""Verified records: reading CSV/JSONL with every row checked, importing all-or-nothing, idempotently."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from attribution.cli import cli
from attribution.errors import BadRecord
from attribution.store.database import open_db
from attribution.store.records import RecordRow, add_record, import_records, read_records
from attribution.text.normalize import quote_hash

CSV = ROOT / "fixtures" / "records.csv"
JSONL = ROOT / "fixtures" / "records.jsonl"
HEADER = "speaker,text,said_on,source_url,source_type,verified_by,notes\n"
GOOD = "Kazuo Ueda,A rise in December is possible.,2025-10-30,https://www.example.org/boj/2025-10-30,transcript,,\n"


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "records.db")
    yield database
    database.close()


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    (path.write_bytes if isinstance(content, bytes) else lambda c: path.write_text(c, encoding="utf-8"))(content)
    return path


def fields(row: RecordRow) -> tuple:
    return dataclasses.astuple(dataclasses.replace(row, line=None))


# --- the fixture files ----------------------------------------------------------------------------

def test_read_the_fixture_csv():
    rows = read_records(CSV)
    assert len(rows) == 21
    assert rows[0] == RecordRow(
        speaker="Shinjiro Koizumi",
        text="The security environment around Japan is the most severe it has been since the end of the war. "
             "We cannot afford to wait.",
        said_on=dt.date(2025, 10, 22),
        source_url="https://www.example.org/mod/press-conference/2025-10-22-transcript",
        source_type="transcript", verified_by="A. Mori", notes="Press conference after the cabinet meeting", line=2)
    assert rows[1].notes is None  # an empty optional cell
    assert [r.line for r in rows] == list(range(2, 23))


def test_the_jsonl_fixture_holds_the_same_records():
    assert [fields(r) for r in read_records(JSONL)] == [fields(r) for r in read_records(CSV)]
    assert read_records(JSONL)[0].line == 1


def test_import_then_reimport_adds_nothing(db):
    assert import_records(db, read_records(CSV)) == 21
    assert import_records(db, read_records(CSV)) == 0
    assert import_records(db, read_records(JSONL)) == 0  # the same records in another format
    assert db["records"].count == 21
    assert db["speakers"].count == 12
    row = next(db.query("select r.*, s.name from records r join speakers s on s.id = r.speaker_id order by r.id"))
    assert row["name"] == "Shinjiro Koizumi"
    assert row["norm_text"] == ("the security environment around japan is the most severe it has been since the end "
                                "of the war. we cannot afford to wait")
    assert row["norm_hash"] == quote_hash(row["text"])
    assert row["said_on"] == "2025-10-22"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["verified_at"])
    assert db.execute("select count(*) from records_fts where records_fts match 'ammunition OR supermarket'"
                      ).fetchone() == (1,)


def test_speaker_forms_in_the_fixture_resolve_to_one_person_each(db):
    import_records(db, read_records(CSV))
    per_speaker = {r["name"]: r["n"] for r in db.query(
        "select s.name, count(*) as n from records r join speakers s on s.id = r.speaker_id group by s.id")}
    assert per_speaker == {
        "Shinjiro Koizumi": 3, "Sanae Takaichi": 3, "Yoshihiko Noda": 1, "Ministry of Defense": 1,
        "Satsuki Katayama": 2, "Naomi Clarke": 2, "Kazuo Ueda": 3, "Norikazu Suzuki": 1, "Takeshi Hoshino": 2,
        "Marcus Bell": 1, "Emi Kato": 1, "Haruki Mori": 1}
    types = {r["name"]: r["type"] for r in db.query("select name, type from speakers")}
    assert (types["Ministry of Defense"], types["Shinjiro Koizumi"]) == ("ORG", "PERSON")  # typed by the name


# Lines of records.csv whose words are exactly a fixture quote's (see records.README.md):
# line → (article, speaker the article gives the quote to).
SAME_WORDS = {
    2: ("defence_spending_koizumi", "Shinjiro Koizumi"),
    6: ("defence_spending_koizumi", "Yoshihiko Noda"),
    8: ("economic_package_takaichi", "Sanae Takaichi"),
    10: ("economic_package_takaichi", "Minoru Kihara"),  # misattributed: the record is Katayama's
    11: ("economic_package_takaichi", "Hiroshi Tanaka"),  # misattributed: the record is Clarke's
    12: ("boj_holds_rates", "Kazuo Ueda"),
    17: ("rice_prices_suzuki", "Norikazu Suzuki"),
    18: ("rice_prices_suzuki", "Takeshi Hoshino"),
    22: ("kanto_motors_forecast", "Haruki Mori"),
}
ALTERED = {4: "defence_spending_koizumi", 19: "rice_prices_suzuki", 20: "cedar_valley_phone_ban",
           21: "kanto_motors_forecast"}


def test_fixture_records_match_the_quotes_they_were_written_for(fixture_results):
    rows = {r.line: r for r in read_records(CSV)}
    for line, (article, speaker) in SAME_WORDS.items():
        doc = fixture_results[article][1]
        same = [q for q in doc.quotes if quote_hash(q.text) == quote_hash(rows[line].text)]
        assert [q.speaker.name for q in same] == [speaker], line
    for line, article in ALTERED.items():
        doc = fixture_results[article][1]
        assert not [q for q in doc.quotes if quote_hash(q.text) == quote_hash(rows[line].text)], line


# --- bad files: one clear error, nothing written --------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("missing.csv", "speaker,text,source_url\nKazuo Ueda,Hello.,https://example.org/a\n",
     'line 1: missing column "said_on" in the header'),
    ("unknown.csv", "speaker,text,said_on,source_url,date\n",
     'line 1: unknown column "date"; the columns are speaker, text, said_on, source_url, source_type, '
     'verified_by, notes'),
    ("twice.csv", "speaker,text,said_on,source_url,text\n", 'line 1: column "text" given twice'),
    ("bad_date.csv", HEADER + GOOD + GOOD.replace("2025-10-30", "2025-02-30"),
     "line 3: \"said_on\": bad date '2025-02-30': day is out of range for month"),
    ("us_date.csv", HEADER + GOOD.replace("2025-10-30", "10/30/2025"),
     "line 2: \"said_on\": bad date '10/30/2025': expected YYYY-MM-DD"),
    ("empty_text.csv", HEADER + GOOD.replace("A rise in December is possible.", "  "), 'line 2: empty "text"'),
    ("no_words.csv", HEADER + GOOD.replace("A rise in December is possible.", '""""""'),
     "line 2: \"text\" '\"\"' has no words"),
    ("no_url.csv", HEADER + GOOD.replace("https://www.example.org/boj/2025-10-30", "BOJ website"),
     "line 2: \"source_url\" 'BOJ website' is not an http(s) URL"),
    ("width.csv", HEADER + GOOD + "Kazuo Ueda,Rates, wages and prices,2025-10-30,https://example.org/a,,,\n",
     "line 3: 8 fields, expected 7 (put a field that holds a comma in double quotes)"),
    ("quotes.csv", HEADER + GOOD + 'Kazuo Ueda,"A rise" is possible,2025-10-30,https://example.org/a,,,\n',
     "line 3: malformed CSV (',' expected after '\"'); check the double quotes on this line"),
    ("open.csv", HEADER + 'Kazuo Ueda,"A rise in December,2025-10-30,https://example.org/a,,,\n' + GOOD,
     "line 2: malformed CSV (unexpected end of data)"),
    ("latin1.csv", (HEADER + GOOD + GOOD.replace("possible", "possible café")).encode("latin-1"),
     "line 3: not valid UTF-8 (byte 0xE9); save the file as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)"),
    ("utf16.csv", (HEADER + GOOD).encode("utf-16"), "is UTF-16 encoded; save it as UTF-8"),
    ("header_only.csv", HEADER, "has no records"),
    ("empty.jsonl", "\n\n", "has no records"),
    ("bad.jsonl", '{"speaker": "Kazuo Ueda", "text": "Hi.", "said_on": "2025-10-30", '
                  '"source_url": "https://example.org/a"}\n{"speaker": "Kazuo Ueda", "text": \n',
     "line 2: not valid JSON (Expecting value at column 35)"),
    ("array.jsonl", '["Kazuo Ueda", "Hi."]\n', "line 1: expected a JSON object, got a list"),
    ("field.jsonl", '{"speaker": "Kazuo Ueda", "text": "Hi.", "date": "2025-10-30", '
                    '"source_url": "https://example.org/a"}\n',
     'line 1: unknown field "date"; the fields are speaker'),
    ("absent.jsonl", '{"speaker": "Kazuo Ueda", "text": "Hi.", "source_url": "https://example.org/a"}\n',
     'line 1: missing "said_on"'),
    ("number.jsonl", '{"speaker": "Kazuo Ueda", "text": "Hi.", "said_on": 20251030, '
                     '"source_url": "https://example.org/a"}\n', 'line 1: "said_on" must be a string, got a number'),
    ("records.txt", GOOD, "expected a .csv or .jsonl records file, not .txt"),
])
def test_a_bad_file_is_one_clear_error_and_nothing_is_written(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(BadRecord) as caught:
        read_records(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert caught.value.path == str(path)

    target = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["records", "import", str(path), "--db", str(target)])
    assert result.exit_code == 1
    assert result.output == f"Error: {caught.value}\n"
    assert not target.exists()  # checked before any database is made


def test_every_bad_row_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, "several.csv", HEADER + GOOD + GOOD.replace("2025-10-30", "yesterday")
                 + GOOD + GOOD.replace("Kazuo Ueda", ""))
    with pytest.raises(BadRecord) as caught:
        read_records(path)
    assert str(caught.value) == (
        f"{path}: 2 bad records: line 3: \"said_on\": bad date 'yesterday': expected YYYY-MM-DD; "
        "line 5: empty \"speaker\"; nothing was imported")
    assert caught.value.lines == [3, 5]


def test_line_numbers_count_lines_inside_quoted_fields(tmp_path):
    multi = 'Kazuo Ueda,"A rise\nin December\nis possible.",2025-10-30,https://example.org/a,,,\n'
    path = write(tmp_path, "multi.csv", HEADER + multi + GOOD.replace("2025-10-30", "2025-10-32"))
    with pytest.raises(BadRecord, match=r"multi\.csv, line 5: "):
        read_records(path)


def test_a_byte_order_mark_blank_lines_and_crlf_are_fine(tmp_path):
    path = write(tmp_path, "excel.csv", ("\ufeff" + HEADER + "\n" + GOOD + "\n").replace("\n", "\r\n").encode())
    rows = read_records(path)
    assert [(r.speaker, r.text, r.source_type, r.verified_by, r.line) for r in rows] == [
        ("Kazuo Ueda", "A rise in December is possible.", "transcript", None, 3)]


def test_columns_may_come_in_any_order_and_optional_ones_be_left_out(tmp_path):
    path = write(tmp_path, "few.csv", "said_on,Speaker,source_url,text\n"
                                      "2025-10-30,Kazuo Ueda,https://example.org/a,Rates may rise.\n")
    assert [fields(r) for r in read_records(path)] == [
        ("Kazuo Ueda", "Rates may rise.", dt.date(2025, 10, 30), "https://example.org/a", None, None, None, None)]


def test_import_writes_nothing_when_any_row_is_bad(db):
    rows = read_records(CSV)
    rows[5] = dataclasses.replace(rows[5], said_on="2025-13-01")
    with pytest.raises(BadRecord, match=r"line 7: \"said_on\": bad date '2025-13-01': month must be in 1\.\.12"):
        import_records(db, rows)
    assert (db["records"].count, db["speakers"].count) == (0, 0)


def test_the_same_statement_twice_in_one_file_is_stored_once(tmp_path, db):
    path = write(tmp_path, "twice.csv", HEADER + GOOD + GOOD.replace("A rise", "a rise").replace("Kazuo Ueda",
                                                                                                 "Governor Ueda"))
    assert import_records(db, read_records(path)) == 1


# --- one record at a time -------------------------------------------------------------------------

def test_add_record(db):
    first = add_record(db, "Prime Minister Sanae Takaichi", "We will act quickly.", "2025-11-04",
                       "https://www.example.org/kantei/remarks/2025-11-04", source_type="transcript")
    again = add_record(db, "Takaichi", "“We will act quickly,”", dt.date(2025, 11, 4), "https://www.example.org/x")
    other_day = add_record(db, "Sanae Takaichi", "We will act quickly.", "2025-11-05", "https://www.example.org/y")
    assert (first, again, other_day) == (1, 1, 2)
    assert list(db.query("select speaker_id, text, said_on, source_type from records order by id")) == [
        {"speaker_id": 1, "text": "We will act quickly.", "said_on": "2025-11-04", "source_type": "transcript"},
        {"speaker_id": 1, "text": "We will act quickly.", "said_on": "2025-11-05", "source_type": None}]


def test_add_record_checks_the_record(db):
    with pytest.raises(BadRecord) as caught:
        add_record(db, "Kazuo Ueda", "", "2025-10-32", "ftp://example.org/a")
    assert str(caught.value) == ("bad record: empty \"text\"; \"said_on\": bad date '2025-10-32': day is out of "
                                 "range for month; \"source_url\" 'ftp://example.org/a' is not an http(s) URL")
    assert db["records"].count == 0


# --- the commands ---------------------------------------------------------------------------------

def test_cli_records_import_round_trip(tmp_path):
    target = tmp_path / "cli.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["records", "import", str(CSV), "--db", str(target)])
    assert (first.exit_code, first.output) == (0, f"21 records added from {CSV}, 0 already stored: {target}\n")
    again = runner.invoke(cli, ["records", "import", str(JSONL), "--db", str(target)])
    assert (again.exit_code, again.output) == (0, f"0 records added from {JSONL}, 21 already stored: {target}\n")
    missing = runner.invoke(cli, ["records", "import", str(tmp_path / "nope.csv"), "--db", str(target)])
    assert missing.exit_code == 1
    assert missing.output == f"Error: cannot read records file {tmp_path / 'nope.csv'}: No such file or directory\n"


def test_cli_records_add(tmp_path):
    target = tmp_path / "cli.db"
    args = ["records", "add", "--speaker", "Governor Kazuo Ueda", "--text", "Rates may rise in December.",
            "--said-on", "2025-10-30", "--source-url", "https://www.example.org/boj/2025-10-30",
            "--source-type", "transcript", "--verified-by", "L. Grant", "--notes", "press conference",
            "--db", str(target)]
    runner = CliRunner()
    assert runner.invoke(cli, args).output == f"record 1 added: {target}\n"
    assert runner.invoke(cli, args).output == f"record 1 already stored: {target}\n"
    bad = runner.invoke(cli, ["records", "add", "--speaker", "Kazuo Ueda", "--text", "Rates may rise.",
                              "--said-on", "30 Oct 2025", "--source-url", "https://example.org/a", "--db", str(target)])
    assert bad.exit_code == 1
    assert bad.output == "Error: bad record: \"said_on\": bad date '30 Oct 2025': expected YYYY-MM-DD\n"
    db = open_db(target)
    assert list(db.query("select s.name, r.text, r.verified_by, r.notes from records r "
                         "join speakers s on s.id = r.speaker_id")) == [
        {"name": "Kazuo Ueda", "text": "Rates may rise in December.", "verified_by": "L. Grant",
         "notes": "press conference"}]
    db.close()
