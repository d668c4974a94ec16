"""Speaker identity: one speakers row per person or organisation, whatever form the name takes."""

from __future__ import annotations

import json

import pytest

from attribution.identity import bare_name, name_key, resolve_speaker
from attribution.store import open_db


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "identity.db")
    yield database
    database.close()


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
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_titles_and_surnames_resolve_to_one_person(db):
    assert resolve_speaker(db, "Prime Minister Sanae Takaichi") == 1
    assert resolve_speaker(db, "Sanae Takaichi") == 1
    assert resolve_speaker(db, "Takaichi") == 1  # the only Takaichi known
    assert resolve_speaker(db, "Prime Minister Takaichi") == 1
    assert speakers(db) == [(1, "Sanae Takaichi", "PERSON", [
        "Prime Minister Sanae Takaichi", "Sanae Takaichi", "Takaichi", "Prime Minister Takaichi"])]


def test_a_surname_known_first_takes_the_fuller_name(db):
    assert resolve_speaker(db, "Koizumi") == 1
    assert resolve_speaker(db, "Shinjiro Koizumi") == 1
    assert speakers(db) == [(1, "Shinjiro Koizumi", "PERSON", ["Koizumi", "Shinjiro Koizumi"])]


def test_an_ambiguous_surname_is_not_guessed(db):
    assert resolve_speaker(db, "Kenji Sato") == 1
    assert resolve_speaker(db, "Aiko Sato") == 2
    assert resolve_speaker(db, "Sato", create=False) is None
    assert [s[1] for s in speakers(db)] == ["Kenji Sato", "Aiko Sato"]


def test_different_people_get_different_rows(db):
    assert resolve_speaker(db, "Kazuo Ueda") == 1
    assert resolve_speaker(db, "Satsuki Katayama") == 2
    assert resolve_speaker(db, "Naomi Clarke") == 3
    assert resolve_speaker(db, "Katayama") == 2
    assert resolve_speaker(db, "Finance Minister Satsuki Katayama") == 2
    assert db["speakers"].count == 3


def test_organisations_match_by_name_not_by_surname(db):
    assert resolve_speaker(db, "the Bank of Japan", "ORG") == 1
    assert resolve_speaker(db, "Bank of Japan", "ORG") == 1
    assert resolve_speaker(db, "Japan", "PERSON") == 2  # no surname rule for organisations
    assert speakers(db) == [(1, "the Bank of Japan", "ORG", ["the Bank of Japan", "Bank of Japan"]),
                            (2, "Japan", "PERSON", ["Japan"])]


def test_create_false_finds_but_never_adds(db):
    assert resolve_speaker(db, "Kazuo Ueda", create=False) is None
    assert db["speakers"].count == 0
    resolve_speaker(db, "Governor Kazuo Ueda")
    assert resolve_speaker(db, "Ueda", create=False) == 1


def test_a_name_without_words_is_nobody(db):
    assert resolve_speaker(db, "...") is None
    assert resolve_speaker(db, "") is None
    assert db["speakers"].count == 0

