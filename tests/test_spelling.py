"""British and American spellings find each other in search: "defense" finds quotes and records printed
"defence", and back; the other spellings are stored beside each text and indexed with it."""

from __future__ import annotations

import pytest
from conftest import database_before

from attribution.store.database import open_db
from attribution.store.records import add_record
from attribution.text.spelling import VARIANTS, other_spellings
from attribution.web.serve import make_datasette


def test_the_other_spelling_of_each_word_once():
    assert other_spellings("The Defence Ministry organised a defense review; defences, harbours") == (
        "defense organized defence defenses harbors")
    assert other_spellings("Check the story") == ""  # words that are also other words are left alone
    assert VARIANTS["analysed"] == "analyzed" and VARIANTS["colors"] == "colours"


@pytest.mark.asyncio
async def test_a_search_finds_both_spellings(tmp_path):
    path = tmp_path / "spelling.db"
    db = open_db(path)
    british = add_record(db, "Ann Lee", "We will raise defence spending next year.", "2025-11-03", "https://example.org/a")
    american = add_record(db, "Bo Diaz", "The defense budget is too small.", "2025-11-04", "https://example.org/b")
    db.close()
    ds = make_datasette(path)
    for word in ("defence", "defense"):
        found = (await ds.client.get("/attribution/records.json",
                                     params={"_search": word, "_shape": "array"})).json()
        assert sorted(r["id"] for r in found) == [british, american], word


def test_migration_8_adds_the_spellings_to_stored_rows(tmp_path):
    path = tmp_path / "v7.db"
    database_before(path, 8, "insert into speakers (name, type, aliases, key, surname) values ('Ann Lee', 'PERSON', "
                             "'[]', 'ann lee', 'lee')",
                    "insert into records (speaker_id, text, norm_text, norm_hash, said_on, source_url) values (1, "
                    "'Our neighbours want a new harbour.', 'our neighbours want a new harbour', 'h', '2025-11-03', "
                    "'https://example.org/a')")
    db = open_db(path)
    assert db.execute("select spellings from records").fetchone() == ("neighbors harbor",)
    assert db.execute("select count(*) from records_fts where records_fts match 'harbor'").fetchone() == (1,)
    db.close()
