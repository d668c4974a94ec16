"""Who is who across articles and records: one speakers row per person or organisation.

"Takaichi", "Prime Minister Sanae Takaichi" and "Sanae Takaichi" are one
person: titles are stripped (the same role words coreference uses), and a
bare surname is the person with that surname when only one is known. Every
form seen is kept in the row's ``aliases`` (a JSON list).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from .coref import ROLE_WORDS

__all__ = ["KnownSpeaker", "bare_name", "find_speakers", "match_speakers", "name_key", "resolve_speaker"]


def bare_name(name: str) -> str:
    """A name without the title before it: "Prime Minister Sanae Takaichi" → "Sanae Takaichi"."""
    words = name.split()
    lower = [w.strip(".,'’\"").lower() for w in words]
    roles = [n for n, w in enumerate(lower[:-1]) if w in ROLE_WORDS]
    if roles and "of" not in lower[:roles[-1] + 2]:  # not "Minister of Health"
        words = words[roles[-1] + 1:]
    return " ".join(words)


def name_key(name: str) -> str:
    """The comparable form of a name: lower case, titles, articles and punctuation dropped."""
    words = [w.strip(".,'’\"").lower() for w in bare_name(name).split()]
    if words and words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return " ".join(w for w in words if w)


@dataclass(frozen=True)
class KnownSpeaker:
    """A speakers row, with the comparable keys of its name and every alias."""

    id: int
    name: str
    type: str
    aliases: tuple[str, ...]
    key: str
    keys: frozenset[str]


def find_speakers(db: sqlite_utils.Database, name: str, type: str = "PERSON") -> list[KnownSpeaker]:
    """The known speakers a name refers to (see :func:`match_speakers`), writing nothing.

    Only the rows the rules could pick are read, through indexes: those known by the same key, and
    the people whose surname is the name or whose one-word name ends it.
    """
    key = name_key(name)
    if not key:
        return []
    rows = db.execute(
        "select id, name, type, aliases, key from speakers where id in ("
        " select speaker_id from speaker_aliases where alias_key = ?"
        " union select id from speakers where surname = ? or key = ?) order by id",
        [key, key, key.split()[-1]]).fetchall()
    keys: dict[int, set[str]] = {}
    if rows:
        ids = [r[0] for r in rows]
        for alias_key, speaker_id in db.execute(
                f"select alias_key, speaker_id from speaker_aliases where speaker_id in ({', '.join('?' * len(ids))})",
                ids):
            keys.setdefault(speaker_id, set()).add(alias_key)
    known = [KnownSpeaker(sid, sname, stype or "PERSON", tuple(json.loads(aliases or "[]")), skey or "",
                          frozenset(keys.get(sid, ()) | ({skey} if skey else set())))
             for sid, sname, stype, aliases, skey in rows]
    return match_speakers(known, name, type)


def match_speakers(known: list[KnownSpeaker], name: str, type: str = "PERSON") -> list[KnownSpeaker]:
    """The speakers among ``known`` a name refers to: the same name or alias; for a person,
    else the one person with that surname, else a surname-only row the fuller name completes."""
    key = name_key(name)
    if not key:
        return []
    exact = [s for s in known if key in s.keys]
    if exact or type != "PERSON":
        return exact
    people = [s for s in known if s.type == "PERSON" and s.key]
    if " " not in key:
        same = [s for s in people if s.key.split()[-1] == key]
        return same if len(same) == 1 else []
    return [s for s in people if " " not in s.key and key.split()[-1] == s.key]


def resolve_speaker(db: sqlite_utils.Database, name: str, type: str = "PERSON", *, create: bool = True) -> int | None:
    """The speakers row id for a name (see :func:`match_speakers`), remembering the form as an alias;
    a new row when none matches and ``create``."""
    key = name_key(name)
    if not key:
        return None
    matches = find_speakers(db, name, type)
    if matches:
        speaker = matches[0]
        if key not in speaker.keys and " " in key:  # "Takaichi" known first, "Sanae Takaichi" now: fuller wins
            db.execute("update speakers set name = ?, key = ?, surname = ? where id = ?",
                       [bare_name(name), key, key.split()[-1], speaker.id])
        return _remember(db, speaker, name, key)
    if not create:
        return None
    # Plain SQL, not sqlite-utils' insert: this runs once per new name while ingesting.
    speaker_id = db.execute("insert into speakers (name, type, aliases, key, surname) values (?, ?, ?, ?, ?)",
                            [bare_name(name), type, json.dumps([name]), key, key.split()[-1]]).lastrowid
    db.execute("insert into speaker_aliases (alias_key, speaker_id) values (?, ?)", [key, speaker_id])
    return speaker_id


def _remember(db: sqlite_utils.Database, speaker: KnownSpeaker, alias: str, key: str) -> int:
    if alias not in speaker.aliases:
        db.execute("update speakers set aliases = ? where id = ?", [json.dumps([*speaker.aliases, alias]), speaker.id])
    if key not in speaker.keys:
        db.execute("insert or ignore into speaker_aliases (alias_key, speaker_id) values (?, ?)", [key, speaker.id])
    return speaker.id
