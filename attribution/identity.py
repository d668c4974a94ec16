"""Who is who across articles and records: one speakers row per person or organisation.

"Takaichi", "Prime Minister Sanae Takaichi" and "Sanae Takaichi" are one
person: titles are stripped (the same role words coreference uses), and a
bare surname is the person with that surname when only one is known. Every
form seen is kept in the row's ``aliases`` (a JSON list).
"""

from __future__ import annotations

import json

import sqlite_utils

from .coref import ROLE_WORDS

__all__ = ["bare_name", "name_key", "resolve_speaker"]


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


def resolve_speaker(db: sqlite_utils.Database, name: str, type: str = "PERSON", *, create: bool = True) -> int | None:
    """The speakers row id for a name, matching full names, aliases and unique surnames."""
    key = name_key(name)
    if not key:
        return None
    rows = list(db.query("select id, name, type, aliases from speakers"))
    for row in rows:
        keys = {name_key(row["name"]), *(name_key(a) for a in json.loads(row["aliases"] or "[]"))}
        if key in keys:
            return _remember(db, row, name)
    if type == "PERSON" and " " not in key:
        surname = [r for r in rows if r["type"] == "PERSON" and name_key(r["name"]).split()[-1] == key]
        if len(surname) == 1:
            return _remember(db, surname[0], name)
    if type == "PERSON":
        for row in rows:  # "Takaichi" known first, "Sanae Takaichi" now: the fuller name wins
            have = name_key(row["name"])
            if row["type"] == "PERSON" and " " not in have and key.split()[-1] == have:
                db["speakers"].update(row["id"], {"name": bare_name(name)})
                return _remember(db, row, name)
    if not create:
        return None
    return db["speakers"].insert({"name": bare_name(name), "type": type, "aliases": json.dumps([name])}).last_pk


def _remember(db: sqlite_utils.Database, row: dict, alias: str) -> int:
    aliases = json.loads(row["aliases"] or "[]")
    if alias not in aliases:
        aliases.append(alias)
        db["speakers"].update(row["id"], {"aliases": json.dumps(aliases)})
    return row["id"]
