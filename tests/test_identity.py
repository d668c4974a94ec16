"""Speaker identity: one speakers row per person or organisation, whatever form the name takes."""

from __future__ import annotations

import json

import pytest
from conftest import database_before

from attribution.store.database import open_db
from attribution.store.identity import bare_name, find_speakers, name_key, resolve_speaker


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "identity.db")
    yield database
    database.close()


def found(db, name: str, type: str = "PERSON") -> list[int]:
    """The rows the checker reads a name as (storing links a name only to its own key's row)."""
    return [s.id for s in find_speakers(db, name, type)]


def speakers(db) -> list[tuple]:
    return [(r["id"], r["name"], r["type"], json.loads(r["aliases"]))
            for r in db.query("select * from speakers order by id")]


@pytest.mark.parametrize("name, bare", [
    ("Prime Minister Sanae Takaichi", "Sanae Takaichi"),
    ("Defense Minister Shinjiro Koizumi", "Shinjiro Koizumi"),
    ("Governor Kazuo Ueda", "Kazuo Ueda"),
    ("Minister of Health", "Minister of Health"),  # a title with "of" is the whole name
    ("Kazuo Ueda", "Kazuo Ueda"),
])
def test_bare_name_drops_the_title(name, bare):
    assert bare_name(name) == bare


@pytest.mark.parametrize("name, key", [
    ("Prime Minister Sanae Takaichi", "sanae takaichi"),
    ("The Bank of Japan", "bank of japan"),
    ("Dr. Keiko Yamada", "keiko yamada"),
    ("Takaichi,", "takaichi"),
    ("...", ""),
    # party labels, descriptors, offices and middle initials are not the person
    ("Republican Donald Trump", "donald trump"),
    ("President Donald J. Trump", "donald trump"),
    ("Mr. Trump", "trump"),
    ("Democrat National Chairperson Donna Brazile", "donna brazile"),
    ("Representatives James E. Clyburn", "james clyburn"),
    ("then-Sen. Joe Biden", "joe biden"),
    ("Former Secretary of State Hillary Clinton", "hillary clinton"),
    ("Brian Schatz of Hawaii", "brian schatz"),
    ("George Miller (D-Calif.)", "george miller"),
    # accents and case never count
    ("José Núñez", "jose nunez"),
    ("JOSE NUNEZ", "jose nunez"),
    # a son is not his father; an organisation's name is all name
    ("Donald Trump Jr.", "donald trump jr"),
    ("Martin Luther King Jr.", "martin luther king jr"),
    ("Democratic National Committee", "democratic national committee"),
    ("Republican National Committee", "republican national committee"),
    ("National Institutes of Health", "national institutes of health"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_titles_and_surnames_resolve_to_one_person(db):
    assert resolve_speaker(db, "Prime Minister Sanae Takaichi") == 1
    assert resolve_speaker(db, "Sanae Takaichi") == 1
    assert resolve_speaker(db, "Takaichi") == 2  # stored as written: which Takaichi is the checker's to read
    assert resolve_speaker(db, "Prime Minister Takaichi") == 2
    assert speakers(db) == [(1, "Sanae Takaichi", "PERSON", ["Prime Minister Sanae Takaichi", "Sanae Takaichi"]),
                            (2, "Takaichi", "PERSON", ["Prime Minister Takaichi", "Takaichi"])]
    assert found(db, "Takaichi") == [2, 1]  # the only Takaichi known by a full name


def test_rows_do_not_depend_on_the_order_names_arrive_in(tmp_path):
    names = ["Koizumi", "Shinjiro Koizumi", "Defense Minister Shinjiro Koizumi", "Aiko Koizumi", "Mr. Koizumi"]
    tables = []
    for n, order in enumerate((names, names[::-1], names[2:] + names[:2])):
        db = open_db(tmp_path / f"order{n}.db")
        ids = {name: resolve_speaker(db, name) for name in order}
        tables.append(sorted((name, db["speakers"].get(ids[name])["name"]) for name in names))
        db.close()
    assert tables[0] == tables[1] == tables[2] == [
        ("Aiko Koizumi", "Aiko Koizumi"), ("Defense Minister Shinjiro Koizumi", "Shinjiro Koizumi"),
        ("Koizumi", "Koizumi"), ("Mr. Koizumi", "Koizumi"), ("Shinjiro Koizumi", "Shinjiro Koizumi")]


def test_an_ambiguous_surname_is_not_guessed(db):
    assert resolve_speaker(db, "Kenji Sato") == 1
    assert resolve_speaker(db, "Aiko Sato") == 2
    assert found(db, "Sato") == []
    assert [s[1] for s in speakers(db)] == ["Kenji Sato", "Aiko Sato"]


def test_one_person_however_labelled(db):
    assert resolve_speaker(db, "Donald Trump") == 1
    for name in ("Republican Donald Trump", "President Donald J. Trump", "Mr. Trump", "Trump", "GOP nominee Trump"):
        assert found(db, name) == [1], name
    assert resolve_speaker(db, "José Núñez") == 2
    assert found(db, "Jose Nunez") == [2]
    assert resolve_speaker(db, "DJ Beverly Bond") == 3  # a word the key does not know, before a full name
    assert found(db, "Beverly Bond") == [3]
    assert resolve_speaker(db, "President Donald J. Trump") == 1  # the same key: the same row
    assert speakers(db)[0][1] == "Donald J. Trump"  # the fullest form, whichever came first


def test_one_surname_two_spellings_of_one_person(db):
    resolve_speaker(db, "Donald Trump")
    db.execute("insert into speakers (name, type, aliases, key, surname) "  # as an older key left it
               "values ('Donald J. Trump', 'PERSON', '[]', 'donald j. trump', 'trump')")
    assert found(db, "Trump") == []  # two keys: not one person yet
    db.execute("update speakers set key = 'donald trump' where id = 2")  # as migration 6 makes it
    assert found(db, "Trump") == [1, 2]


def test_people_who_share_a_surname_stay_apart(db):
    assert resolve_speaker(db, "Maria Gonzalez") == 1
    assert resolve_speaker(db, "Luis Gonzalez") == 2
    assert found(db, "Gonzalez") == []
    assert resolve_speaker(db, "Donald Trump") == 3
    assert resolve_speaker(db, "Donald Trump Jr.") == 4


def test_migration_6_keys_stored_speakers_again(tmp_path):
    path = tmp_path / "v5.db"
    database_before(path, 6, "insert into speakers (name, type, aliases, key, surname) values ('Republican Donald "
                             "Trump', 'PERSON', '[\"Republican Donald Trump\"]', 'republican donald trump', 'trump')")
    db = open_db(path)
    assert 6 in [r["version"] for r in db.query("select version from _migrations")]
    assert db.execute("select key, surname from speakers").fetchall() == [("donald trump", "trump")]
    assert db.execute("select alias_key from speaker_aliases").fetchall() == [("donald trump",)]
    assert found(db, "Donald Trump") == [1]
    db.close()


def test_different_people_get_different_rows(db):
    assert resolve_speaker(db, "Kazuo Ueda") == 1
    assert resolve_speaker(db, "Satsuki Katayama") == 2
    assert resolve_speaker(db, "Naomi Clarke") == 3
    assert resolve_speaker(db, "Katayama") == 4
    assert resolve_speaker(db, "Finance Minister Satsuki Katayama") == 2
    assert found(db, "Katayama") == [4, 2]
    assert db["speakers"].count == 4


def test_organisations_match_by_name_not_by_surname(db):
    assert resolve_speaker(db, "the Bank of Japan", "ORG") == 1
    assert resolve_speaker(db, "Bank of Japan", "ORG") == 1
    assert resolve_speaker(db, "Japan", "PERSON") == 2  # no surname rule for organisations
    assert speakers(db) == [(1, "Bank of Japan", "ORG", ["Bank of Japan", "the Bank of Japan"]),
                            (2, "Japan", "PERSON", ["Japan"])]


def test_finding_never_adds(db):
    assert found(db, "Kazuo Ueda") == []
    assert db["speakers"].count == 0
    resolve_speaker(db, "Governor Kazuo Ueda")
    assert found(db, "Ueda") == [1]
    assert db["speakers"].count == 1


def test_a_name_without_words_is_nobody(db):
    assert resolve_speaker(db, "...") is None
    assert resolve_speaker(db, "") is None
    assert db["speakers"].count == 0

