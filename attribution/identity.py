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

__all__ = ["KnownSpeaker", "bare_name", "load_speakers", "match_speakers", "name_key", "resolve_speaker"]


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


def load_speakers(db: sqlite_utils.Database) -> list[KnownSpeaker]:
    """Every speakers row, in table order, ready for :func:`match_speakers`."""
    known = []
    for row in db.query("select id, name, type, aliases from speakers"):
        aliases = tuple(json.loads(row["aliases"] or "[]"))
        keys = frozenset(k for k in (name_key(row["name"]), *(name_key(a) for a in aliases)) if k)
        known.append(KnownSpeaker(row["id"], row["name"], row["type"] or "PERSON", aliases,
                                  name_key(row["name"]), keys))
    return known


def match_speakers(known: list[KnownSpeaker], name: str, type: str = "PERSON") -> list[KnownSpeaker]:
    """The known speakers a name refers to, writing nothing: the same name or alias; for a person,
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
    matches = match_speakers(load_speakers(db), name, type)
    if matches:
        speaker = matches[0]
        if key not in speaker.keys and " " in key:  # "Takaichi" known first, "Sanae Takaichi" now: fuller wins
            db["speakers"].update(speaker.id, {"name": bare_name(name)})
        return _remember(db, speaker, name)
    if not create:
        return None
    return db["speakers"].insert({"name": bare_name(name), "type": type, "aliases": json.dumps([name])}).last_pk


def _remember(db: sqlite_utils.Database, speaker: KnownSpeaker, alias: str) -> int:
    if alias not in speaker.aliases:
        db["speakers"].update(speaker.id, {"aliases": json.dumps([*speaker.aliases, alias])})
    return speaker.id
