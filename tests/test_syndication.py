"""One story printed by several outlets is one source (attribution.store.syndication)."""

from __future__ import annotations

from attribution.store.syndication import shingles, stories

WIRE = ("Harbor Commissioner Lena Ostrova on Tuesday approved a new stone breakwater for the marina, ending a "
        "two-year dispute over how to shield the moorings from winter storms. Construction is due to begin in "
        "the spring, paid for by mooring fees rather than the city budget.")
QUOTE = "The new breakwater will protect every boat in the marina"


def test_shingles_are_runs_of_five_words_in_lower_case():
    assert shingles("One, two; THREE four five six!") == {("one", "two", "three", "four", "five"),
                                                          ("two", "three", "four", "five", "six")}
    assert shingles("too short to count") == set()


def test_a_retitled_and_trimmed_copy_is_the_same_story_an_own_report_is_not():
    copy = "Marina gets its wall. " + WIRE[:150]
    own = ("Ask anyone on the east pier: the marina has waited too long for the harbor commission to act, and "
           "the vote this week came after two winters of damage to the moorings.")
    texts = [f"{WIRE} “{QUOTE},” Ostrova said.", f"{copy} “{QUOTE},” she said.", f"{own} “{QUOTE},” she said."]
    assert stories(texts, [QUOTE]) == [[0, 1], [2]]


def test_articles_that_share_only_the_quoted_words_are_separate_stories():
    long_quote = " ".join(["the breakwater will protect every boat and every berth in the marina"] * 3)
    texts = [f"Ostrova said: {long_quote}.", f"Speaking on Tuesday, the commissioner said: {long_quote}."]
    assert stories(texts) == [[0, 1]]  # compared with the quote in, they look alike
    assert stories(texts, [long_quote]) == [[0], [1]]  # without it, too little is left to call them one


def test_no_articles_no_stories():
    assert stories([]) == []


def test_two_reporters_at_one_speech_share_its_quotes_not_their_story():
    speech = ["“We will rebuild the harbour wall before the winter storms arrive,”",
              "“Every family on the east pier will be back in their homes by spring, and every boat that "
              "sank in the storm will be raised and repaired at the city's cost, whatever the insurers say,”"]
    herald = f"{speech[0]} the mayor told a packed hall. {speech[1]} she added, to loud applause."
    courier = f"Residents queued in the rain to hear her. {speech[0]} she said. {speech[1]} she promised."
    assert stories([herald, courier], ["We will rebuild the harbour wall before the winter storms arrive"]) == [
        [0], [1]]
