"""A reviewer's decisions: promote or reject an extracted quote, confirm or overturn a check's
verdict, merge two speakers who are the same person.

The checker only suggests; a named person decides. Every function here takes the reviewer's
name (``actor``), makes its change in one transaction and, in that same transaction, writes one
``history`` row per changed field, per inserted row (the row as JSON in ``new_value``) and per
deleted row (the row as JSON in ``old_value``), so nothing changes or disappears without a trace
of who, when and what it was. The CLI and the Datasette review pages call these same functions.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from ..errors import ReviewRefused
from ..model import VERDICTS
from ..text.normalize import norm_hash, normalize_quote
from ..text.spelling import other_spellings
from .database import transaction, utc_now
from .identity import find_speakers
from .records import find_record, validate_record
from .statements import update_statements

__all__ = ["MergeReport", "confirm_check", "find_speaker", "merge_speakers",
           "overturn_check", "promote_quote", "reject_quote", "write_history"]

@dataclass(frozen=True)
class _Change:
    """Who makes a change, why (the action's name) and when: stamped on every history row."""

    actor: str
    action: str
    at: str


def _change(actor: str | None, action: str) -> _Change:
    actor = (actor or "").strip()
    if not actor:
        raise ReviewRefused(f"{action}: say who is reviewing (a reviewer's name, e.g. --by 'A. Mori')")
    return _Change(actor, action, utc_now())


def write_history(db: sqlite_utils.Database, change: _Change, table: str, row_id: int, field_name: str | None,
                  old: Any, new: Any) -> None:
    """One history row (inside the caller's transaction)."""
    db.execute("INSERT INTO history (at, actor, action, table_name, row_id, field, old_value, new_value) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [change.at, change.actor, change.action, table, row_id, field_name, old, new])


def _row(db: sqlite_utils.Database, table: str, row_id: int) -> dict | None:
    found = db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [row_id])
    values = found.fetchone()
    return None if values is None else dict(zip([d[0] for d in found.description], values))


def _update(db: sqlite_utils.Database, change: _Change, table: str, row_id: int, values: dict) -> int:
    """Set ``values`` on one row, with a history row for each field that really changes; how many did."""
    old = _row(db, table, row_id)
    changed = {k: v for k, v in values.items() if old[k] != v}
    if changed:
        db.execute(f"UPDATE [{table}] SET {', '.join(f'[{k}] = ?' for k in changed)} WHERE rowid = ?",
                   [*changed.values(), row_id])
        for name, value in changed.items():
            write_history(db, change, table, row_id, name, old[name], value)
    return len(changed)


def _insert(db: sqlite_utils.Database, change: _Change, table: str, values: dict) -> int:
    columns = ", ".join(f"[{k}]" for k in values)
    row_id = db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' for _ in values)})",
                        list(values.values())).lastrowid
    write_history(db, change, table, row_id, None, None, json.dumps(_row(db, table, row_id), ensure_ascii=False))
    return row_id


def _delete(db: sqlite_utils.Database, change: _Change, table: str, row_id: int) -> None:
    write_history(db, change, table, row_id, None, json.dumps(_row(db, table, row_id), ensure_ascii=False), None)
    db.execute(f"DELETE FROM [{table}] WHERE rowid = ?", [row_id])


def _get(db: sqlite_utils.Database, table: str, row_id: int, what: str) -> dict:
    row = _row(db, table, row_id)
    if row is None:
        raise ReviewRefused(f"there is no {what} {row_id} in the database; check the id "
                            f"(the {table} table lists them)")
    return row


# --- quotes ---------------------------------------------------------------------------------------

def _undecided(quote: dict) -> None:
    if quote["review"]:
        target = f" to record {quote['promoted_record_id']}" if quote["promoted_record_id"] else ""
        raise ReviewRefused(f"quote {quote['id']} was already {quote['review']}{target} by {quote['reviewed_by']} "
                            f"on {quote['reviewed_at']}; a decided quote is not decided again")


def promote_quote(db: sqlite_utils.Database, quote_id: int, actor: str, source_url: str,
                  source_type: str | None = None, notes: str | None = None) -> int:
    """Make an extracted quote a verified record (verified by ``actor``, now); the record's id.

    The record has the quote's speaker, words and date (its ``said_on``, else the article's date)
    and the source where the reviewer verified it. If the same speaker's same words on that day
    are on record already, the quote is linked to that record instead of adding a second one.
    """
    change = _change(actor, "promote")
    with transaction(db):
        quote = _get(db, "quotes", quote_id, "quote")
        _undecided(quote)
        if quote["speaker_id"] is None:
            raise ReviewRefused(f"quote {quote_id} has no speaker; a record needs one "
                                "(reject the quote, or add the record with `attribution records add`)")
        speaker = _get(db, "speakers", quote["speaker_id"], "speaker")
        said_on = quote["said_on"] or db.execute("select published from articles where id = ?",
                                                 [quote["article_id"]]).fetchone()[0]
        if not said_on:
            raise ReviewRefused(f"quote {quote_id} has no date and neither has its article; add the record with "
                                "`attribution records add --said-on DATE` instead")
        row = validate_record(speaker["name"], quote["text"], said_on, source_url, source_type=source_type,
                              verified_by=change.actor, notes=notes)
        norm = normalize_quote(row.text)
        words_hash = norm_hash(norm)
        record_id = find_record(db, speaker["id"], words_hash, row.said_on.isoformat()) or _insert(db, change, "records", {
            "speaker_id": speaker["id"], "text": row.text, "norm_text": norm, "norm_hash": words_hash,
            "said_on": row.said_on.isoformat(), "source_url": row.source_url, "source_type": row.source_type,
            "verified_by": change.actor, "verified_at": change.at, "notes": row.notes,
            "spellings": other_spellings(row.text)})
        _update(db, change, "quotes", quote_id, {"review": "promoted", "promoted_record_id": record_id,
                                                 "reviewed_by": change.actor, "reviewed_at": change.at})
    return record_id


def reject_quote(db: sqlite_utils.Database, quote_id: int, actor: str, note: str | None = None) -> None:
    """Mark an extracted quote as not worth a record (not speech, wrong speaker, ...), with why."""
    change = _change(actor, "reject")
    with transaction(db):
        quote = _get(db, "quotes", quote_id, "quote")
        _undecided(quote)
        _update(db, change, "quotes", quote_id, {"review": "rejected", "reviewed_by": change.actor,
                                                 "reviewed_at": change.at, "review_note": note or None})


# --- checks ---------------------------------------------------------------------------------------

def _review_check(db: sqlite_utils.Database, change: _Change, check_id: int, review: str, note: str | None,
                  ruling: str | None, seen: str | None) -> dict:
    with transaction(db):
        check = _get(db, "checks", check_id, "check")
        if seen is not None and seen != check["verdict"]:
            raise ReviewRefused(f"check {check_id} is now {check['verdict']}, not the {seen} you reviewed "
                                "(a recheck changed it): look at it again")
        ruling = ruling or check["verdict"]
        if review == "overturned" and ruling == check["verdict"]:
            raise ReviewRefused(f"check {check_id} is already {check['verdict']}: overturn it to another verdict "
                                f"({', '.join(v for v in VERDICTS if v != ruling)})")
        _update(db, change, "checks", check_id, {
            "review": review, "reviewed_verdict": check["verdict"], "ruling": ruling,
            "reviewed_by": change.actor, "reviewed_at": change.at, "review_note": note or None})
        return _row(db, "checks", check_id)


def confirm_check(db: sqlite_utils.Database, check_id: int, actor: str, note: str | None = None,
                  seen: str | None = None) -> dict:
    """The checker's verdict stands: its ``ruling`` is the verdict. The updated checks row.

    Reviewing again replaces the earlier review (history keeps it). ``seen``: the verdict the
    reviewer was shown; refused if a recheck has changed it since.
    """
    return _review_check(db, _change(actor, "confirm"), check_id, "confirmed", note, None, seen)


def overturn_check(db: sqlite_utils.Database, check_id: int, actor: str, note: str,
                   to: str = "unverified", seen: str | None = None) -> dict:
    """The checker's verdict is wrong: the ``ruling`` becomes ``to`` (by default unverified: not
    established either way). A note saying why is required. The updated checks row. ``seen`` as
    for :func:`confirm_check`."""
    change = _change(actor, "overturn")
    if to not in VERDICTS:
        raise ReviewRefused(f"unknown verdict {to!r}; use one of {', '.join(VERDICTS)}")
    if not (note or "").strip():
        raise ReviewRefused(f"overturning check {check_id} needs a note saying why")
    return _review_check(db, change, check_id, "overturned", note.strip(), to, seen)


# --- speakers -------------------------------------------------------------------------------------

@dataclass
class MergeReport:
    """What merging one speaker into another moved."""

    kept: dict
    absorbed: dict
    moved: dict[str, int] = field(default_factory=dict)  #: "table.column" → rows repointed
    records_merged: int = 0  #: the absorbed speaker's records that duplicated one of the kept speaker's


def find_speaker(db: sqlite_utils.Database, ref: int | str) -> dict:
    """The speakers row for an id, or for a name or alias naming exactly one speaker."""
    if isinstance(ref, int) or str(ref).strip().isdigit():
        return _get(db, "speakers", int(ref), "speaker")
    found = find_speakers(db, str(ref))
    if len(found) != 1:
        if not found:
            raise ReviewRefused(f"no speaker is called {ref!r}; give a name or id from the speakers table")
        listed = ", ".join(f"{s.id} ({s.name})" for s in found)
        raise ReviewRefused(f"{ref!r} names {len(found)} speakers: {listed}; give the id instead")
    return _row(db, "speakers", found[0].id)


def _references(db: sqlite_utils.Database, table: str) -> list[tuple[str, str]]:
    """Every (table, column) with a foreign key to ``table``.id, so tables added later are merged too."""
    return sorted((other, fk.column) for other in db.table_names() for fk in db[other].foreign_keys
                  if fk.other_table == table and fk.other_column == "id")


def _repoint(db: sqlite_utils.Database, change: _Change, table: str, old_id: int, new_id: int,
             moved: dict[str, int]) -> None:
    """Point every row that refers to ``table`` row ``old_id`` at ``new_id``, with history.

    A row that would then equal one already there under a unique key (the kept speaker already
    has that alias key) is a duplicate: it is deleted, with its trace, if nothing refers to it.
    """
    for other, column in _references(db, table):
        for row_id in [r[0] for r in db.execute(f"select rowid from [{other}] where [{column}] = ?", [old_id])]:
            db.execute("SAVEPOINT repoint")
            try:
                _update(db, change, other, row_id, {column: new_id})
                moved[f"{other}.{column}"] = moved.get(f"{other}.{column}", 0) + 1
            except sqlite3.IntegrityError as exc:
                db.execute("ROLLBACK TO repoint")
                if "UNIQUE" not in str(exc) or _references(db, other):
                    raise ReviewRefused(f"cannot move {other} row {row_id} to {table} {new_id}: {exc}") from None
                _delete(db, change, other, row_id)
            db.execute("RELEASE repoint")


def _unstate(db: sqlite_utils.Database, change: _Change, speaker_id: int) -> int:
    """Forget the absorbed speaker's statements (their quotes are clustered again afterwards); how many."""
    if "statements" not in db.table_names():
        return 0
    ids = [r[0] for r in db.execute("select id from statements where speaker_id = ?", [speaker_id])]
    for statement_id in ids:
        for quote_id in [r[0] for r in db.execute("select id from quotes where statement_id = ?", [statement_id])]:
            _update(db, change, "quotes", quote_id, {"statement_id": None})
        _delete(db, change, "statements", statement_id)
    return len(ids)


def _naming(db: sqlite_utils.Database, name: str) -> list[int]:
    """The statements whose conflicts name ``name`` (to refresh once that speaker is merged away)."""
    if "statements" not in db.table_names():
        return []
    return [r[0] for r in db.execute("select id from statements where exists (select 1 from "
                                     "json_each(statements.conflicting_speakers) where value = ?)", [name])]


def merge_speakers(db: sqlite_utils.Database, keep: int | str, absorb: int | str, actor: str) -> MergeReport:
    """Speaker ``absorb`` is the same person as ``keep``: everything of theirs becomes ``keep``'s.

    Quotes, records and every other row that refers to the absorbed speaker (found by foreign
    key) are repointed; a record that duplicates one of the kept speaker's (same words, same day)
    is folded into it, its checks and promoted quotes repointed first. The absorbed name and
    aliases become aliases of the kept speaker (``speaker_aliases`` too), so later checks match
    them, and the absorbed speakers row is deleted (history keeps it whole). The absorbed speaker's
    statements are dissolved and their quotes clustered again with the kept speaker's, in a second
    transaction (quotes left unclustered by a failure there are clustered by the next
    ``attribution statements``). Verdicts are not recomputed here: run ``attribution recheck``.
    """
    change = _change(actor, "merge")
    with transaction(db):
        kept, absorbed = find_speaker(db, keep), find_speaker(db, absorb)
        if kept["id"] == absorbed["id"]:
            raise ReviewRefused(f"{keep!r} and {absorb!r} are the same speaker ({kept['id']}: {kept['name']})")
        report = MergeReport(kept, absorbed)
        naming = _naming(db, absorbed["name"])
        reclustered = _unstate(db, change, absorbed["id"])
        for record in list(db.query("select id, norm_hash, said_on from records where speaker_id = ?",
                                    [absorbed["id"]])):  # read first: folding deletes from the table read
            twin = find_record(db, kept["id"], record["norm_hash"], record["said_on"])
            if twin:
                _repoint(db, change, "records", record["id"], twin, report.moved)
                _delete(db, change, "records", record["id"])
                report.records_merged += 1
        _repoint(db, change, "speakers", absorbed["id"], kept["id"], report.moved)
        aliases = json.loads(kept["aliases"] or "[]")
        for alias in (absorbed["name"], *json.loads(absorbed["aliases"] or "[]")):
            if alias not in aliases:
                aliases.append(alias)
        _update(db, change, "speakers", kept["id"], {"aliases": json.dumps(aliases, ensure_ascii=False)})
        _delete(db, change, "speakers", absorbed["id"])
        report.kept = _row(db, "speakers", kept["id"])
    if reclustered:  # the absorbed speaker's quotes join the kept speaker's statements; no conflict names them
        update_statements(db, refresh=naming)
    return report
