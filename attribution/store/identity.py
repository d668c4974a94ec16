"""Who is who across articles and records: one speakers row per person or organisation.

"Takaichi", "Prime Minister Sanae Takaichi" and "Sanae Takaichi" are one
person, and so are "Republican Donald Trump", "President Donald J. Trump" and
"Donald Trump": a name's key (:func:`name_key`) leaves out titles (the role
words coreference uses), party labels, nationalities, honorifics and other
descriptor words before the name, middle initials, accents and case. A bare
surname is the person with that surname when only one is known (however many
rows spell them). People who share a surname stay apart. Every form seen is
kept in the row's ``aliases`` (a JSON list).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import sqlite_utils

from ..text.lexicon import DESCRIPTORS, ORG_WORDS, ROLE_WORDS
from ..text.words import fold

__all__ = ["KnownSpeaker", "bare_name", "display_name", "find_speakers", "is_name", "match_speakers", "name_key",
           "resolve_record_speaker", "resolve_speaker", "surname", "type_of_name"]

_SUFFIXES = frozenset("jr sr ii iii iv".split())
_ORG_WORDS = ORG_WORDS | {w + "s" for w in ORG_WORDS}
_HONORIFICS = frozenset("mr mrs ms mx dr prof sir dame".split())


def bare_name(name: str) -> str:
    """A name without the title before it: "Prime Minister Sanae Takaichi" → "Sanae Takaichi"."""
    words = name.split()
    lower = [w.strip(".,'’\"").lower() for w in words]
    last = len(lower) - 1 - (len(lower) > 1 and lower[-1] in _SUFFIXES)  # "Martin Luther King Jr."
    roles = [n for n, w in enumerate(lower[:last]) if w in ROLE_WORDS]
    if roles and "of" not in lower[:roles[-1] + 2]:  # not "Minister of Health"
        words = words[roles[-1] + 1:]
    return " ".join(words)


_PRONOUNS = frozenset("he she they him her them his hers their i we you it who which that".split())


def is_name(name: str, type: str | None) -> bool:
    """Whether a speaker is named, as printed: "Ann Lee", "the Port Authority", "Japan"; not "they",
    "officials", "36 percent of parents" or "a spokesman" (descriptions, kept on the quote but no
    speaker of their own). NER may call a name OTHER: a full name (two capitalised words at the end)
    still counts."""
    words = name.split()
    if not words or words[0].lower() in _PRONOUNS:
        return False
    if words[0].lower() in ("the", "a", "an"):  # "the Smithsonian Institution", not "a moderate Indiana Democrat"
        words = words[1:]
        if not words or not words[0][:1].isupper():
            return False
    capitalised = [w[:1].isupper() for w in words]
    if type in ("PERSON", "ORG", "GPE", "NORP"):
        return any(capitalised)
    return type in (None, "OTHER") and len(words) >= 2 and all(capitalised[-2:])


def type_of_name(name: str) -> str:
    """A record's speaker type from the name alone: "Ministry of Defense" is an organisation."""
    return "ORG" if set(fold(name).replace(",", " ").split()) & _ORG_WORDS else "PERSON"


def name_key(name: str) -> str:
    """The comparable form of a name: "Republican Donald J. Trump" → "donald trump", "José Núñez" →
    "jose nunez"; descriptor words before a person's name (:data:`DESCRIPTORS`), what follows it ("of
    Hawaii", "(D-Calif.)", ", HuffPost"), articles, middle initials, punctuation, case and accents
    dropped. An organisation's name is kept whole ("Democratic National Committee"), and generational
    suffixes stay: "Donald Trump Jr." is his son."""
    name = re.split(r"\s*[(,;]", bare_name(name))[0]
    words = [w for w in (fold(w).strip(".,'’\"()") for w in name.split()) if w]
    if words and words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    if set(words) & _ORG_WORDS:
        return " ".join(words)
    if all(w.rstrip(".") in _HONORIFICS for w in words):
        return ""  # "Mr.", "Dr.": a title with no name names nobody
    while len(words) > 1:  # "Democrat National Chairperson Donna Brazile", "then-Sen. Joe Biden"
        if words[0] in DESCRIPTORS or words[0].rstrip(".") in DESCRIPTORS or words[0].split("-")[0] in DESCRIPTORS:
            words = words[1:]
        elif words[0] == "of" and len(words) > 3:  # "(Secretary) of State Hillary Clinton"
            words = words[2:]
        else:
            break
    if "of" in words[2:] and "of" not in words[:2]:
        words = words[:words.index("of")]  # "Brian Schatz of Hawaii"
    if len(words) > 2:  # "Donald J. Trump", "James E. Clyburn": the middle initials
        words = [words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]]
    return " ".join(words)


def surname(key: str) -> str:
    """The surname of a name key: its last word, or the one before a generational suffix."""
    words = key.split()
    if len(words) > 1 and words[-1].rstrip(".") in _SUFFIXES:
        return words[-2]
    return words[-1] if words else ""



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
        " union select id from speakers where surname = ? or surname = ? or key = ?) order by id",
        [key, key, surname(key), surname(key)]).fetchall()
    keys: dict[int, set[str]] = {}
    if rows:
        ids = [r[0] for r in rows]
        for alias_key, speaker_id in db.execute(
                f"select alias_key, speaker_id from speaker_aliases where speaker_id in ({', '.join('?' * len(ids))})",
                ids):
            keys.setdefault(speaker_id, set()).add(alias_key)
    known = [KnownSpeaker(sid, sname, stype or "PERSON", tuple(json.loads(aliases or "[]")), skey or "",
                          frozenset(keys.get(sid, set()) | ({skey} if skey else set())))
             for sid, sname, stype, aliases, skey in rows]
    return match_speakers(known, name, type)


def match_speakers(known: list[KnownSpeaker], name: str, type: str = "PERSON") -> list[KnownSpeaker]:
    """The speakers among ``known`` a name refers to: the same name or alias; for a person's bare
    surname, also the one person known by a full name with it; for a full name known by no row, the
    one person whose full name ends this one or is ended by it, else a surname-only row it completes."""
    key = name_key(name)
    if not key:
        return []
    exact = [s for s in known if key in s.keys]
    if type not in ("PERSON", "OTHER"):  # OTHER: a name NER did not type, often a person's
        return exact
    people = [s for s in known if s.type == "PERSON" and s.key]
    if " " not in key:  # a bare surname: one person, however many rows spell their full name
        full = [s for s in people if " " in s.key and surname(s.key) == key and s not in exact]
        return exact + (full if len({s.key for s in full}) == 1 else [])
    if exact:
        return exact
    # "DJ Beverly Bond" and "Beverly Bond": words before a full name that the key did not know to drop
    longer = [s for s in people if " " in s.key and (_ends_with(key, s.key) or _ends_with(s.key, key))]
    if longer:
        return longer if len({s.key for s in longer}) == 1 else []
    return [s for s in people if " " not in s.key and surname(key) == s.key]


def _ends_with(key: str, tail: str) -> bool:
    return key == tail or key.endswith(" " + tail)


def resolve_speaker(db: sqlite_utils.Database, name: str, type: str = "PERSON") -> int | None:
    """The speakers row id for a name extraction found: the row known by the same key (name or alias),
    else a new row.

    Only the same key links a name to a row, so what is stored never depends on the order articles
    arrive in, nor on what ran beside them: "Reyes" alone is its own row whether "Ana Reyes" was stored
    first, later or never (the checker still reads "Reyes" as Ana Reyes while she is the only Reyes it
    knows, :func:`match_speakers`). The row's name is its fullest form, chosen the same way whatever
    the order."""
    key = name_key(name)
    if not key:
        return None
    row = db.execute("select speakers.id, speakers.aliases from speaker_aliases join speakers "
                     "on speakers.id = speaker_aliases.speaker_id where alias_key = ?", [key]).fetchone()
    if row is None:
        return _new_speaker(db, name, type, key)
    return _remember(db, row[0], json.loads(row[1] or "[]"), name)


def resolve_record_speaker(db: sqlite_utils.Database, name: str) -> int | None:
    """The speakers row id for a verified record's speaker, typed by the name ("Ministry of Defense" is an
    organisation). A fact-checker wrote it, so besides its own key it may join the one person the rules
    of :func:`match_speakers` find ("Takaichi" on record is Sanae Takaichi while she is the only one)."""
    key = name_key(name)
    if not key:
        return None
    type = type_of_name(name)
    known = {s.id: s for s in find_speakers(db, name, type)}
    exact = [s for s in known.values() if key in s.keys]
    if exact or len(known) == 1:
        speaker = exact[0] if exact else next(iter(known.values()))
        db.execute("insert or ignore into speaker_aliases (alias_key, speaker_id) values (?, ?)", [key, speaker.id])
        return _remember(db, speaker.id, list(speaker.aliases), name)
    return _new_speaker(db, name, type, key)


def _new_speaker(db: sqlite_utils.Database, name: str, type: str, key: str) -> int:
    # Plain SQL, not sqlite-utils' insert: this runs once per new name while ingesting.
    speaker_id = db.execute("insert into speakers (name, type, aliases, key, surname) values (?, ?, ?, ?, ?)",
                            [bare_name(name), type, json.dumps([name]), key, surname(key)]).lastrowid
    db.execute("insert into speaker_aliases (alias_key, speaker_id) values (?, ?)", [key, speaker_id])
    return speaker_id


def _remember(db: sqlite_utils.Database, speaker_id: int, aliases: list[str], name: str) -> int:
    """Add ``name`` to a row's forms, the row then showing the fullest (see :func:`display_name`)."""
    if name not in aliases:
        forms = sorted({*aliases, name})
        db.execute("update speakers set aliases = ?, name = ? where id = ?",
                   [json.dumps(forms, ensure_ascii=False), display_name(forms), speaker_id])
    return speaker_id


def display_name(forms: list[str]) -> str:
    """The name a row shows, from the forms of it seen: the fullest, without "the" if a form has none,
    then the first in alphabetical order ("Donald J. Trump" over "Donald Trump", "Bank of Japan" over
    "the Bank of Japan"; the same whichever came first)."""
    def rank(name: str) -> tuple:
        words = name.split()
        article = words[0].lower() in ("the", "a", "an")
        return -(len(words) - article), article, name
    return min((bare_name(f) for f in forms), key=rank)
