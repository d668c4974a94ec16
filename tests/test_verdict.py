"""Verdicts (:mod:`attribution.check.verdict`) on quotes checked against a small real SQLite store."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.check.verdict import Checker
from attribution.store.database import open_db
from attribution.store.identity import resolve_speaker
from attribution.text.normalize import normalize_quote, quote_hash

MARSH_FARES = "We will not raise ferry fares this winter, because families on the islands have already paid enough."
MARSH_TERMINAL = "The new terminal will open in March and will cost 42 million dollars, less than the council first feared."
MARSH_HARBOUR = "Port Alder cannot run a modern harbour on a timetable written in 1987."
LINDQVIST_CROSSINGS = ("The harbour board will add three morning crossings, once the second ferry is back from repairs, "
                       "starting in January.")
LINDQVIST_PROMISE = ("We are a small board with one old ferry, but every crossing we add is a promise to the people who "
                     "live on the islands, and we intend to keep it.")
REYES_PIER = "The budget leaves nothing for the north pier, and the council should be ashamed of that."
REYES_SEE = "We will see whether the board keeps its word on the morning crossings."
TAKAICHI = "We don't intend to change the basic policy on defence spending this year."


def add(db, speaker: str, text: str, said_on: str = "2025-11-07") -> int:
    return db["records"].insert({"speaker_id": resolve_speaker(db, speaker), "text": text,
                                 "norm_text": normalize_quote(text), "norm_hash": quote_hash(text),
                                 "said_on": said_on, "source_url": f"https://example.org/{said_on}"}).last_pk


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "verdict.db")
    for speaker, text in (("Elena Marsh", MARSH_FARES), ("Mayor Elena Marsh", MARSH_TERMINAL),
                          ("Elena Marsh", MARSH_HARBOUR), ("Rosa Lindqvist", LINDQVIST_CROSSINGS),
                          ("Rosa Lindqvist", LINDQVIST_PROMISE), ("Tomas Reyes", REYES_PIER),
                          ("Tomas Reyes", REYES_SEE), ("Sanae Takaichi", TAKAICHI)):
        add(db, speaker, text)
    return db


@pytest.fixture
def checker(db):
    return Checker(db)


def test_verified_whole(checker):
    v = checker.verdict("“Port Alder cannot run a modern harbour on a timetable written in 1987,”", "direct",
                        "Elena Marsh", said_on="2025-11-07")
    assert v.to_dict() == {
        "verdict": "verified", "score": 100.0, "match": "whole",
        "record": {"id": 3, "speaker": "Elena Marsh", "text": MARSH_HARBOUR, "said_on": "2025-11-07",
                   "source_url": "https://example.org/2025-11-07"},
        "context": None,
        "diff": [{"op": "equal", "record": "Port Alder cannot run a modern harbour on a timetable written in 1987",
                  "quote": "Port Alder cannot run a modern harbour on a timetable written in 1987"}],
        "flags": [], "suggestion": None, "note": "matches a record of Elena Marsh (2025-11-07)"}


def test_spelling_variants_still_verify(checker):
    v = checker.verdict("Port Alder cannot run a modern harbor on a timetable written in 1987", speaker="Elena Marsh")
    assert (v.verdict, v.score, v.flags) == ("verified", 92.3, ["spelling"])
    assert v.diff[1] == {"op": "replace", "record": "harbour", "quote": "harbor"}
    # "per cent"/"percent" and "five"/"5" are the same words too
    add(checker.db, "Elena Marsh", "Ferry fares will rise by five per cent in May, the mayor told the council on Monday.")
    v = checker.verdict("Ferry fares will rise by 5 percent in May, the mayor told the council on Monday",
                        speaker="Elena Marsh")
    assert (v.verdict, v.score, v.flags) == ("verified", 100.0, ["spelling"])
    assert v.diff == [{"op": "equal", "record": "Ferry fares will rise by five per cent in May, the mayor told the council "
                                                "on Monday",
                       "quote": "Ferry fares will rise by 5 percent in May, the mayor told the council on Monday"}]


def test_verified_fragment_gives_the_surrounding_words(checker):
    v = checker.verdict("Every crossing we add is a promise to the people who live on the islands", "direct",
                        "Rosa Lindqvist")
    assert (v.verdict, v.score, v.match, v.record["id"], v.flags) == ("verified", 100.0, "fragment", 5, [])
    assert v.context == {"before": "We are a small board with one old ferry, but", "after": "and we intend to keep it"}
    assert v.diff == [{"op": "equal", "record": "every crossing we add is a promise to the people who live on the islands",
                       "quote": "Every crossing we add is a promise to the people who live on the islands"}]
    assert v.note == "part of a record of Rosa Lindqvist (2025-11-07)"


def test_dropped_not_is_altered(checker):
    v = checker.verdict("We will raise ferry fares this winter, because families on the islands have already paid enough",
                        "direct", "Marsh")
    assert (v.verdict, v.score, v.match, v.record["id"]) == ("altered", 97.0, "whole", 1)
    assert v.flags == ["negation", "dropped"]
    assert v.diff == [
        {"op": "equal", "record": "We will", "quote": "We will"},
        {"op": "delete", "record": "not", "quote": ""},
        {"op": "equal", "record": "raise ferry fares this winter, because families on the islands have already paid enough",
         "quote": "raise ferry fares this winter, because families on the islands have already paid enough"}]
    assert v.note == "differs from a record of Elena Marsh (2025-11-07): negation, dropped"


def test_added_contraction_is_a_negation(checker):
    v = checker.verdict("We intend to change the basic policy on defence spending this year", speaker="Takaichi")
    assert (v.verdict, v.flags) == ("altered", ["negation", "dropped"])
    assert v.diff[1] == {"op": "delete", "record": "don't", "quote": ""}


def test_changed_number_is_altered(checker):
    v = checker.verdict("The new terminal will open in March and will cost 48 million dollars, less than the council "
                        "first feared", speaker="Elena Marsh")
    assert (v.verdict, v.score, v.flags) == ("altered", 94.4, ["number", "replaced"])
    assert [d for d in v.diff if d["op"] != "equal"] == [{"op": "replace", "record": "42 million", "quote": "48 million"}]
    v = checker.verdict("The new terminal will open by March and will cost 42 million dollars, less than the council "
                        "first feared", speaker="Elena Marsh")
    assert (v.verdict, v.flags) == ("altered", ["replaced"])
    v = checker.verdict("The new terminal will open in April and will cost 42 million dollars, less than the council "
                        "first feared", speaker="Elena Marsh")
    assert (v.verdict, v.flags) == ("altered", ["number", "replaced"])


def test_trimmed_clause_is_altered(checker):
    v = checker.verdict("The harbour board will add three morning crossings starting in January", speaker="Lindqvist")
    assert (v.verdict, v.score, v.record["id"], v.flags) == ("altered", 84.2, 4, ["dropped"])
    assert v.diff == [
        {"op": "equal", "record": "The harbour board will add three morning crossings",
         "quote": "The harbour board will add three morning crossings"},
        {"op": "delete", "record": "once the second ferry is back from repairs", "quote": ""},
        {"op": "equal", "record": "starting in January", "quote": "starting in January"}]


def test_inserted_words_are_altered(checker):
    v = checker.verdict("The budget leaves nothing at all for the north pier, and the council should be ashamed of that",
                        speaker="Tomas Reyes")
    assert (v.verdict, v.flags) == ("altered", ["inserted"])
    assert {"op": "insert", "record": "", "quote": "at all"} in v.diff


def test_someone_elses_words_are_misattributed(checker):
    v = checker.verdict("The budget leaves nothing for the north pier, and the council should be ashamed of that",
                        "direct", "Rosa Lindqvist")
    assert (v.verdict, v.score, v.match, v.flags) == ("misattributed", 100.0, "whole", [])
    assert (v.record["id"], v.record["speaker"]) == (6, "Tomas Reyes")
    assert v.note == "these words are on record from Tomas Reyes (2025-11-07)"
    # a person not in the store at all
    v = checker.verdict("The budget leaves nothing for the north pier", speaker="Jane Doe")
    assert (v.verdict, v.match, v.record["speaker"]) == ("misattributed", "fragment", "Tomas Reyes")


def test_a_close_record_of_the_named_speaker_wins_over_misattribution(db):
    add(db, "Rosa Lindqvist", "The budget leaves nothing for the south pier, and the council should be ashamed of that.")
    v = Checker(db).verdict("The budget leaves nothing for the north pier, and the council should be ashamed of that",
                            speaker="Rosa Lindqvist")
    assert (v.verdict, v.record["speaker"], v.flags) == ("altered", "Rosa Lindqvist", ["replaced"])


def test_nothing_close_is_unverified(checker):
    v = checker.verdict("Nobody in this city should pay more for a ferry that runs less often", speaker="Elena Marsh")
    assert v.to_dict() == {"verdict": "unverified", "score": 0.0, "match": None, "record": None, "context": None,
                           "diff": [], "flags": [], "suggestion": None, "note": "no similar record"}


def test_short_quotes_only_get_a_suggestion(checker):
    v = checker.verdict("We will see,", "direct", "Tomas Reyes")
    assert (v.verdict, v.record, v.score, v.diff, v.flags) == ("unverified", None, 0.0, [], [])
    s = v.suggestion
    assert (s["verdict"], s["score"], s["match"], s["record"]["id"]) == ("verified", 100.0, "fragment", 7)
    assert s["reason"] == "only 3 words: too short to attribute on its own"
    assert s["context"] == {"before": "", "after": "whether the board keeps its word on the morning crossings"}
    v = checker.verdict("We will see", speaker="Rosa Lindqvist")
    assert (v.verdict, v.suggestion["verdict"], v.suggestion["record"]["speaker"]) == (
        "unverified", "misattributed", "Tomas Reyes")


def test_no_named_speaker_is_unverified_with_a_suggestion(checker):
    v = checker.verdict("The budget leaves nothing for the north pier, and the council should be ashamed of that")
    assert (v.verdict, v.suggestion["verdict"], v.suggestion["record"]["speaker"]) == (
        "unverified", "misattributed", "Tomas Reyes")
    assert v.suggestion["reason"] == "these words are on record from Tomas Reyes (2025-11-07); no speaker is named here"
    assert v.flags == ["speaker_uncertain"]


def test_speakers_are_compared_by_identity_without_writing(db, checker):
    before = list(db.query("select * from speakers order by id"))
    for name in ("Sanae Takaichi", "Prime Minister Sanae Takaichi", "Takaichi", "Ms. Takaichi"):
        v = checker.verdict("We don't intend to change the basic policy on defence spending this year", speaker=name)
        assert (v.verdict, v.record["speaker"]) == ("verified", "Sanae Takaichi"), name
    v = checker.verdict("We don't intend to change the basic policy on defence spending this year", speaker="Yuki Takaichi")
    assert (v.verdict, v.flags, v.suggestion["verdict"]) == ("unverified", ["speaker_uncertain"], "misattributed")
    assert v.suggestion["reason"] == ("these words are on record from Sanae Takaichi (2025-11-07); "
                                      "Yuki Takaichi and Sanae Takaichi share a surname")
    assert checker.speaker_ids("Mayor Elena Marsh") == {1}
    assert checker.speaker_ids("the harbour board", "ORG") == set()
    assert list(db.query("select * from speakers order by id")) == before


def test_indirect_speech_is_paraphrase_never_altered(checker):
    v = checker.verdict("the new terminal would open in March", "indirect", "Elena Marsh", said_on="2025-11-07")
    assert (v.verdict, v.match, v.record["id"], v.diff, v.flags) == ("verified", "paraphrase", 2, [], [])
    assert v.score == 100.0  # new, terminal, open, march: all in the record
    v = checker.verdict("the new terminal would open soon in March and cost 42 million dollars", "indirect",
                        "Tomas Reyes")
    assert (v.verdict, v.score, v.record["speaker"]) == ("misattributed", 93.3, "Elena Marsh")  # 7 of 8: 200·7/15
    v = checker.verdict("the new terminal would open in March and cost 40 million dollars", "indirect", "Tomas Reyes")
    assert (v.verdict, v.suggestion["verdict"], v.suggestion["flags"]) == ("unverified", "misattributed", ["number"])
    # a paraphrase that contradicts its record is not verified, and still not "altered"
    v = checker.verdict("the city would raise ferry fares this winter", "indirect", "Elena Marsh")
    assert (v.verdict, v.suggestion["verdict"], v.suggestion["flags"]) == ("unverified", "verified", ["negation"])
    v = checker.verdict("the new terminal would cost 48 million dollars", "mixed", "Elena Marsh")
    assert (v.verdict, v.suggestion["flags"]) == ("unverified", ["number"])
    v = checker.verdict("the weather in Port Alder was unusually mild for November", "indirect", "Elena Marsh")
    assert (v.verdict, v.suggestion) == ("unverified", None)


def test_the_record_said_nearest_the_quote_wins_and_far_ones_are_flagged(db):
    old = add(db, "Elena Marsh", "Our harbour is the oldest working harbour on the coast.", "2019-05-01")
    new = add(db, "Elena Marsh", "Our harbour is the oldest working harbour on the coast.", "2025-11-03")
    checker = Checker(db)
    v = checker.verdict("Our harbour is the oldest working harbour on the coast", speaker="Elena Marsh",
                        said_on="2025-11-07")
    assert (v.verdict, v.record["id"], v.flags) == ("verified", new, [])
    v = checker.verdict("Our harbour is the oldest working harbour on the coast", speaker="Elena Marsh",
                        said_on="2019-06-01")
    assert (v.verdict, v.record["id"], v.flags) == ("verified", old, ["said_on"])


@pytest.mark.parametrize("opening, closing", [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’")])
def test_the_quoted_words_of_a_mixed_quote_in_any_marks_are_checked_word_for_word(db, opening, closing):
    text = f"Marsh said the city {opening}cannot run a modern harbour on a timetable written in 1987{closing}"
    v = Checker(db).verdict(text, "mixed", "Elena Marsh")
    assert (v.verdict, v.match, v.score) == ("verified", "fragment", 100.0)
    assert v.note.startswith("the words in quotation marks: ")


def test_a_name_with_no_words_is_no_speaker(db):
    v = Checker(db).verdict(MARSH_HARBOUR, "direct", "...")
    assert (v.verdict, v.flags, v.note) == (  # as ingested
        "unverified", ["speaker_uncertain"], "these words are on record from Elena Marsh (2025-11-07); who says them "
                                             "here is uncertain (no speaker is named here): a person must look")


# --- one person, one identity -------------------------------------------------------------------------

TRUMP = "We are going to build a wall, and we are going to make the other side pay for every foot of it."


def test_a_party_label_title_or_middle_initial_is_the_same_person(db, checker):
    add(db, "Donald J. Trump", TRUMP)
    for name in ("Republican Donald Trump", "President Donald J. Trump", "Mr. Trump", "Trump", "Donald Trump"):
        v = checker.verdict(TRUMP, speaker=name)
        assert (v.verdict, v.record["speaker"]) == ("verified", "Donald J. Trump"), name


def test_accents_are_never_a_misattribution(db, checker):
    text = "The café on the quay will stay open all winter, whatever the harbour board decides."
    add(db, "José Núñez", text)
    v = checker.verdict(text, speaker="Jose Nunez")
    assert (v.verdict, v.record["speaker"], v.flags) == ("verified", "José Núñez", [])
    v = checker.verdict(text.replace("café", "cafe"), speaker="José Núñez")
    assert (v.verdict, v.score, v.flags) == ("verified", 100.0, ["spelling"])


def test_a_shared_surname_on_record_is_reported_not_accused(db, checker):
    maria = "The school on Birch Road needs a new roof before the next winter storms arrive."
    add(db, "Maria Gonzalez", maria)
    add(db, "Luis Gonzalez", "The bus depot will move to the old rail yard by the end of next year.")
    assert checker.verdict(maria, speaker="Maria Gonzalez").verdict == "verified"
    for name in ("Gonzalez", "Luis Gonzalez"):
        v = checker.verdict(maria, speaker=name)
        assert (v.verdict, v.flags, v.suggestion["verdict"]) == ("unverified", ["speaker_uncertain"], "misattributed")
    assert v.suggestion["reason"] == ("these words are on record from Maria Gonzalez (2025-11-07); "
                                      "Luis Gonzalez and Maria Gonzalez share a surname")


# --- an accusation needs evidence ------------------------------------------------------------------------

def test_a_firm_attribution_to_someone_else_is_misattributed(checker):
    v = checker.verdict(REYES_PIER, speaker="Rosa Lindqvist", mention="Lindqvist",
                        context="“The budget leaves nothing for the north pier,” Lindqvist said.")
    assert (v.verdict, v.record["speaker"], v.flags) == ("misattributed", "Tomas Reyes", [])


@pytest.mark.parametrize("speaker, type, mention, context, why", [
    ("Rosa Lindqvist", "PERSON", "she", "", "the speaker was found through “she”"),
    ("Rosa Lindqvist", "PERSON", "a board member", "", "the speaker was found through “a board member”"),
    ("Rosa Lindqvist", "PERSON", "Lindqvist", "Asked about Tomas Reyes, Lindqvist said it again.",
     "Tomas Reyes is named in the same passage"),
    ("the harbour board", "OTHER", "the harbour board", "", "“the harbour board” is not a named person or organisation"),
    ("Port Alder", "GPE", "Port Alder", "", "“Port Alder” is not a named person or organisation"),
    (None, None, None, "", "no speaker is named here"),
])
def test_a_weak_attribution_is_unverified_with_what_was_found(checker, speaker, type, mention, context, why):
    v = checker.verdict(REYES_PIER, "direct", speaker, type, mention=mention, context=context)
    assert (v.verdict, v.flags, v.record) == ("unverified", ["speaker_uncertain"], None)
    assert (v.suggestion["verdict"], v.suggestion["record"]["speaker"]) == ("misattributed", "Tomas Reyes")
    assert v.note == (f"these words are on record from Tomas Reyes (2025-11-07); who says them here is uncertain "
                      f"({why}): a person must look")


def test_a_paraphrase_needs_enough_shared_content(checker):
    # 3 content words shared (terminal, open, march): too few to say whose statement it is
    v = checker.verdict("the terminal would open in March", "indirect", "Tomas Reyes")
    assert (v.verdict, v.suggestion["reason"]) == ("unverified", "shares only 3 content words with words of Elena Marsh")
    # 7 words, the same content as a record of someone else: enough to accuse
    v = checker.verdict("the new terminal would open in March", "indirect", "Tomas Reyes", mention="Reyes")
    assert v.verdict == "misattributed"


def test_function_words_alone_never_make_a_quote_altered(checker):
    v = checker.verdict("And Port Alder cannot run a modern harbour on a timetable written in 1987", speaker="Elena Marsh")
    assert (v.verdict, v.flags) == ("verified", ["inserted"])
    assert v.diff[0] == {"op": "insert", "record": "", "quote": "And"}


# --- numbers are values --------------------------------------------------------------------------------

_GREW = "The harbour traffic grew by {} percent in the last twelve months."
_HIRE = "The schools will hire {} new teachers before the spring term."
_COST = "The storm cost the island {} of dollars in lost trade this year."
_PIER = "The new pier will cost {} dollars and open in the spring."


@pytest.mark.parametrize("record, quote, verdict, flags", [
    # a change of value is altered with the flag number, never verified
    (_GREW.format("2.5"), _GREW.format("25"), "altered", ["number", "replaced"]),
    (_GREW.format("3.5"), _GREW.format("35"), "altered", ["number", "replaced"]),
    (_HIRE.format("twenty five"), _HIRE.format("205"), "altered", ["number", "replaced"]),
    (_COST.format("millions"), _COST.format("billions"), "altered", ["number", "replaced"]),
    ("Half of the ferry crossings were cancelled in November.", "All of the ferry crossings were cancelled in November.",
     "altered", ["number", "replaced"]),
    # one value written two ways is the same words
    (_PIER.format("2.6 million"), _PIER.format("2.6million"), "verified", ["spelling"]),
    ("The fund has $5 billion to spend on the harbour over ten years.",
     "The fund has $5bn to spend on the harbour over ten years.", "verified", ["spelling"]),
    (_HIRE.format("twenty five"), _HIRE.format("25"), "verified", ["spelling"]),
])
def test_numbers_compare_by_value(db, checker, record, quote, verdict, flags):
    add(db, "Elena Marsh", record)
    v = checker.verdict(quote, speaker="Elena Marsh")
    assert (v.verdict, v.flags) == (verdict, flags), v.diff


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10 - 2] + ("" if n % 10 == 0 else " " + _UNITS[n % 10])
    return _UNITS[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + _in_words(n % 100))


def _written(value, form: str) -> str:
    if form == "words" and value == int(value) and value < 1000:
        return _in_words(int(value))
    if form == "grouped" and value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


@settings(max_examples=60, deadline=None)
@given(old=st.decimals("0", "999", places=1), new=st.decimals("0", "999", places=1),
       old_form=st.sampled_from(["digits", "words", "grouped"]), new_form=st.sampled_from(["digits", "words", "grouped"]))
def test_changing_any_number_in_a_verified_quote_never_leaves_it_verified(tmp_path_factory, old, new, old_form,
                                                                          new_form):
    sentence = "The council will spend {} million dollars on the new harbour wall next spring."
    db = open_db(tmp_path_factory.mktemp("numbers") / "n.db")
    add(db, "Elena Marsh", sentence.format(_written(old, old_form)))
    v = Checker(db).verdict(sentence.format(_written(new, new_form)), speaker="Elena Marsh")
    if old == new:
        assert v.verdict == "verified"
    else:
        assert (v.verdict, "number" in v.flags) == ("altered", True), (old, new, v.diff)
    db.close()
