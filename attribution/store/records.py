"""Verified records: what a person actually said, when, and where that is documented.

A records file is CSV (with a header row) or JSONL (one object per line),
chosen by extension, with the columns

    speaker, text, said_on (YYYY-MM-DD), source_url        required
    source_type, verified_by, notes                        optional

Every row is checked before anything is written; all the problems found are
reported in one :class:`~attribution.errors.BadRecord` naming the file and the
line of each bad row. Import is one transaction (a bad file writes nothing)
and idempotent: a record already stored for the same speaker, words (in
normal form) and day is left alone, so importing a file twice adds nothing.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from ..errors import BadInput, BadRecord
from ..text.article import json_error, json_type
from ..text.dates import parse_iso_date
from ..text.normalize import norm_hash, normalize_quote, quote_hash
from ..text.spelling import other_spellings
from .database import insert_sql, transaction, utc_now
from .identity import name_key, resolve_record_speaker

__all__ = ["OPTIONAL_COLUMNS", "REQUIRED_COLUMNS", "RecordRow", "add_record", "find_record", "import_records",
           "read_records", "validate_record"]

REQUIRED_COLUMNS = ("speaker", "text", "said_on", "source_url")
OPTIONAL_COLUMNS = ("source_type", "verified_by", "notes")
_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
_MAX_SHOWN = 5  # problems spelled out in the message; the rest are counted



@dataclass
class RecordRow:
    """One verified statement, as read from a records file (``line`` is where, for messages)."""

    speaker: str
    text: str
    said_on: dt.date
    source_url: str
    source_type: str | None = None
    verified_by: str | None = None
    notes: str | None = None
    line: int | None = None


def read_records(path: str | os.PathLike) -> list[RecordRow]:
    """Read and validate a .csv or .jsonl records file; raise one BadRecord listing every bad row."""
    where = os.fspath(path)
    suffix = Path(where).suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        what = suffix or "a file without an extension"
        raise BadRecord(f"{where}: expected a .csv or .jsonl records file, not {what}",
                        path=where, problems=[(None, "unknown extension")])
    try:
        data = Path(where).read_bytes()
    except OSError as exc:
        raise BadRecord(f"cannot read records file {where}: {exc.strerror or exc}", path=where,
                        problems=[(None, str(exc))]) from None
    text = _decode(where, data)
    raw = _csv_rows(where, text) if suffix == ".csv" else _jsonl_rows(text)
    rows, problems = [], []
    for line, fields in raw:
        if isinstance(fields, str):  # the row could not even be read as fields
            problems.append((line, fields))
            continue
        try:
            rows.append(_record(fields, line))
        except BadRecord as exc:
            problems.append((line, str(exc)))
    if problems:
        raise _bad_file(where, problems)
    if not rows:
        raise BadRecord(f"{where} has no records; it needs a row for each verified statement "
                        f"with {', '.join(REQUIRED_COLUMNS)}", path=where, problems=[(None, "no records")])
    return rows


def import_records(db: sqlite_utils.Database, rows: list[RecordRow]) -> int:
    """Store the rows in one transaction; the number added (rows already stored are skipped).

    The rows are checked again first, so a hand-made bad row writes nothing.
    """
    checked, problems = [], []
    for row in rows:
        try:
            checked.append(_record(_fields(row), row.line))
        except BadRecord as exc:
            problems.append((row.line, str(exc)))
    if problems:
        raise _bad_file(None, problems)
    with transaction(db):
        return _insert(db, checked)


def add_record(db: sqlite_utils.Database, speaker: str, text: str, said_on: str | dt.date, source_url: str,
               source_type: str | None = None, verified_by: str | None = None, notes: str | None = None) -> int:
    """Store one verified statement (checked as a file row is); its records id, new or already stored."""
    row = validate_record(speaker, text, said_on, source_url, source_type=source_type, verified_by=verified_by,
                          notes=notes)
    with transaction(db):
        _insert(db, [row])
        speaker_id = resolve_record_speaker(db, row.speaker)
        return find_record(db, speaker_id, quote_hash(row.text), row.said_on.isoformat())


def find_record(db: sqlite_utils.Database, speaker_id: int, words_hash: str, said_on: str) -> int | None:
    """The id of the record of these words (their ``norm_hash``) by this speaker on this day, if stored."""
    found = db.execute("select id from records where speaker_id = ? and norm_hash = ? and said_on = ?",
                       [speaker_id, words_hash, said_on]).fetchone()
    return found[0] if found else None


def validate_record(speaker: str, text: str, said_on: str | dt.date, source_url: str, source_type: str | None = None,
                    verified_by: str | None = None, notes: str | None = None) -> RecordRow:
    """One record's fields checked as a file row is; BadRecord ("bad record: ...") says what is wrong."""
    fields = {"speaker": speaker, "text": text, "source_url": source_url, "source_type": source_type,
              "verified_by": verified_by, "notes": notes,
              "said_on": said_on.isoformat() if isinstance(said_on, dt.date) else said_on}
    try:
        return _record(fields, None)
    except BadRecord as exc:
        raise BadRecord(f"bad record: {exc}", problems=[(None, str(exc))]) from None


def _insert(db: sqlite_utils.Database, rows: list[RecordRow]) -> int:
    """INSERT OR IGNORE the rows (inside the caller's transaction); the number added."""
    speakers: dict[str, int | None] = {}
    verified_at = utc_now()
    values = []
    for row in rows:
        if row.speaker not in speakers:
            speakers[row.speaker] = resolve_record_speaker(db, row.speaker)
        norm = normalize_quote(row.text)
        values.append((speakers[row.speaker], row.text, norm, norm_hash(norm), row.said_on.isoformat(), row.source_url,
                       row.source_type, row.verified_by, verified_at, row.notes, other_spellings(row.text)))
    return max(db.conn.executemany(insert_sql("records", or_ignore=True), values).rowcount, 0)


def _fields(row: RecordRow) -> dict:
    return {"speaker": row.speaker, "text": row.text, "source_url": row.source_url, "source_type": row.source_type,
            "verified_by": row.verified_by, "notes": row.notes,
            "said_on": row.said_on.isoformat() if isinstance(row.said_on, dt.date) else row.said_on}


def _record(fields: dict, line: int | None) -> RecordRow:
    """Check one row's fields (names already known to be columns); BadRecord says what is wrong."""
    problems = []
    values: dict[str, str | None] = {}
    wrong_type = set()
    for column in _COLUMNS:
        value = fields.get(column)
        if value is not None and not isinstance(value, str):
            problems.append(f'"{column}" must be a string, got {json_type(value)}')
            wrong_type.add(column)
            value = None
        value = value.strip() if value is not None else None
        values[column] = value or None
    missing = [c for c in REQUIRED_COLUMNS if values[c] is None and c in fields and c not in wrong_type]
    absent = [c for c in REQUIRED_COLUMNS if c not in fields]
    if absent:
        problems.append(f"missing {_names(absent)}")
    if missing:
        problems.append(f"empty {_names(missing)}")
    if values["speaker"] and not name_key(values["speaker"]):
        problems.append(f'"speaker" {values["speaker"]!r} is not a name')
    if values["text"] and not normalize_quote(values["text"]):
        problems.append(f'"text" {values["text"]!r} has no words')
    said_on = None
    if values["said_on"]:
        try:
            said_on = parse_iso_date(values["said_on"])
        except BadInput as exc:
            problems.append(f'"said_on": {exc}')
    if values["source_url"]:
        parts = urlsplit(values["source_url"])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f'"source_url" {values["source_url"]!r} is not an http(s) URL')
    if problems:
        raise BadRecord("; ".join(problems), problems=[(line, p) for p in problems])
    return RecordRow(speaker=values["speaker"], text=values["text"], said_on=said_on,
                     source_url=values["source_url"], source_type=values["source_type"],
                     verified_by=values["verified_by"], notes=values["notes"], line=line)


def _names(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _bad_file(where: str | None, problems: list[tuple[int | None, str]]) -> BadRecord:
    """One error for all the bad rows: 'records.csv, line 4: empty "text"' or a count and the first few."""
    def one(line: int | None, message: str) -> str:
        return f"line {line}: {message}" if line is not None else message

    if len(problems) == 1:
        line, message = problems[0]
        head = ", ".join(part for part in (where, f"line {line}" if line is not None else None) if part)
        return BadRecord(f"{head}: {message}" if head else message, path=where, problems=problems)
    shown = "; ".join(one(line, message) for line, message in problems[:_MAX_SHOWN])
    more = f"; and {len(problems) - _MAX_SHOWN} more" if len(problems) > _MAX_SHOWN else ""
    what = f"{where}: " if where else ""
    return BadRecord(f"{what}{len(problems)} bad records: {shown}{more}; nothing was imported",
                     path=where, problems=problems)


def _decode(where: str, data: bytes) -> str:
    """Strict UTF-8 (a byte-order mark allowed); a bad byte is reported with its line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadRecord(f"{where} is UTF-16 encoded; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)",
                        path=where, problems=[(1, "UTF-16")])
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = skip + err.start
        line = data.count(b"\n", 0, offset) + 1
        message = (f"not valid UTF-8 (byte 0x{data[offset]:02X}); save the file as UTF-8 "
                   f"(e.g. iconv -f WINDOWS-1252 -t UTF-8)")
        raise BadRecord(f"{where}, line {line}: {message}", path=where, problems=[(line, message)]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BadRecord(f"{where}, line {line}: contains NUL bytes; this looks like a binary file, "
                        "not a records file", path=where, problems=[(line, "NUL byte")])
    return text


def _csv_rows(where: str, text: str) -> list[tuple[int, dict | str]]:
    """(line, {column: value}, or what is wrong with it) for each non-blank CSV row, after checking the header.

    ``line`` is where the row starts (a quoted field may span lines).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, dict | str]] = []
    start = 1  # where the row being read starts
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            start = reader.line_num + 1
            header = next(reader, None)  # blank lines before the header
        if header is None:
            return []
        header_line = reader.line_num
        columns = [cell.strip().lower() for cell in header]
        problems = []
        unknown = [c for c in columns if c not in _COLUMNS]
        if unknown:
            problems.append(f"unknown column{'s' if len(unknown) > 1 else ''} {_names(unknown)}; "
                            f"the columns are {', '.join(_COLUMNS)}")
        repeated = sorted({c for c in columns if columns.count(c) > 1 and c in _COLUMNS})
        if repeated:
            problems.append(f"column{'s' if len(repeated) > 1 else ''} {_names(repeated)} given twice")
        absent = [c for c in REQUIRED_COLUMNS if c not in columns]
        if absent:
            problems.append(f"missing column{'s' if len(absent) > 1 else ''} {_names(absent)} in the header")
        if problems:
            raise _bad_file(where, [(header_line, "; ".join(problems))])
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                rows.append((line, f"{len(cells)} fields, expected {len(columns)} "
                                   "(put a field that holds a comma in double quotes)"))
                continue
            rows.append((line, dict(zip(columns, cells))))
    except csv.Error as exc:
        line = start
        raise BadRecord(f"{where}, line {line}: malformed CSV ({exc}); check the double quotes on this line",
                        path=where, problems=[(line, f"malformed CSV ({exc})")]) from None
    return rows


def _jsonl_rows(text: str) -> list[tuple[int, dict | str]]:
    """(line, object, or what is wrong with the line) for each non-blank JSONL line."""
    rows: list[tuple[int, dict | str]] = []
    hint = 'each line must be one JSON object like {"speaker": "...", "text": "...", "said_on": "YYYY-MM-DD", ...}'
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 may sit inside a string
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            rows.append((number, f"not valid JSON ({json_error(err)}); {hint}"))
            continue
        if not isinstance(record, dict):
            rows.append((number, f"expected a JSON object, got {json_type(record)}; {hint}"))
            continue
        unknown = [k for k in record if k not in _COLUMNS]
        if unknown:
            rows.append((number, f"unknown field{'s' if len(unknown) > 1 else ''} {_names(unknown)}; "
                                 f"the fields are {', '.join(_COLUMNS)}"))
            continue
        rows.append((number, record))
    return rows

