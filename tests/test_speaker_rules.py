"""Who said it, on sentences of our own for each way news credits a speaker (issue 12's error classes).

One extraction over all of them with the real pipeline; each test reads the quotes of one short article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from attribution.document import Document
from attribution.extract.confidence import UNCERTAIN_PENALTY
from attribution.extract.marks import mark_quotes
from attribution.extract.reported import find_reported
from attribution.extract.runner import annotate, extract
from attribution.extract.speakers import mention_words, speaker_of
from attribution.text.article import Article

DAY = dt.date(2025, 11, 3)

TEXTS = {
    "roundup": 'Harbour roundup.\n\nMarta Quinn, Bayside Herald: "The ferry cuts will hurt every commuter on the east '
               'shore."\n\nOliver Grant, Pinecrest Daily: "Nobody at the council has explained where the money '
               'went."\n',
    "relative": 'Councillor Ruth Abara, who has opposed the plan since March, shouted, "This budget robs the '
                'libraries to pay for parking."\n',
    "participle": 'Mayor Tom Heller, noting that the deficit had doubled, added: "We cannot keep borrowing against '
                  'next year\'s taxes."\n',
    "as_acknowledges": 'As the finance director Lena Ortiz acknowledges: "The figures we published in June were '
                       'wrong."\n',
    "adding": 'The harbourmaster Piet Jansen wrote, adding, "The north pier is closed until the engineers have '
              'finished."\n',
    "saying": 'Rebecca Stone talks about the closures at length, saying, "Every family on this street depends on '
              'the night bus."\n',
    "according": '"The water in the reservoir is safe to drink," according to the regional health commission.\n',
    "addressee": 'Governor Ines Calder paced the corridor, telling one aide: "Get the transport minister on the '
                 'phone now."\n',
    "named_inside": '"Ask Daniel Okafor what he promised the fishermen," said Amara Chen, the opposition leader.\n',
    "surname": 'Helen Park and her husband, Robert Park, run the bakery on Mill Road. Robert Park said the rent had '
               'tripled.\n\n"We have until the spring," Park said.\n',
    "continuation": 'The festival drew 40,000 people over three days, organisers said.\n\n"It was the best year we '
                    'have had," said Nora Bell, the festival director.\n\nThe weather stayed dry throughout. Parking '
                    'remained a problem for visitors from the north.\n\n"Next year we will run shuttle buses from '
                    'the station."\n',
    "furniture": '"We had the ball." said Dana Reyes, the team captain.\n\nAdvertisement - story continues below'
                 '\n\n"The referee saw it differently," said coach Ken Mori.\n',
    "headline": 'Reyes Said "We Were Robbed" After Final.\n\nThe captain spoke after Saturday\'s final.\n',
    "spokesperson": 'A spokesperson for Crestline Property Group said the tenants would be rehoused by June.\n',
    "skipper": 'Skipper Dana Holt said the crew had sailed through the night to reach port.\n',
    "two_fragments": 'Takaichi said Japan will "fundamentally reinforce its defense capabilities" with "unwavering '
                     'determination and action."\n',
    "convey": "Koizumi also conveyed the government's goal of raising defence spending to 2 percent of output. Japan "
              "conveyed its resolve to strengthen the alliance.\n",
    "who_noted": "''Revenues are up a little, and so are rounds,'' said Mr. Ekovich, who noted that the price of "
                 "some golf courses had fallen by half during the recession.\n",
    "colon_subject": 'After the mayor suggested that the pool would close, Councillor Ruth Abara fired back: "Not '
                     'while I sit on this council."\n',
    "agreed": 'Pollster Mina Osei agreed. "Voters in the valley have stopped listening to both parties."\n',
    "told_outlet": '"The port will need another decade of work," Amir Sato, an engineer at the harbour board, told '
                   'The Courier.\n',
    "place_before": 'During a stop in Dunmore, Pennsylvania, the vice president said the plant would stay open.\n',
    "possessor": "A strong result would bolster Rubio's claim to be the party's strongest candidate.\n",
    "party_label": '"The law was underfunded from the start," said former Rep. Ann Cole (D-Calif.), one of its '
                   'authors, along with retired Sen. Judd Grey (R-N.H.).\n',
    "woven": 'Senator Ada Brandt likened the harbour scheme to "a gift for developers" on Tuesday.\n\nThe mayor '
             'left the hearing early, mocking the council for "a budget written on the back of an envelope."\n',
    "woven_not_a_source": 'The old hall smelled of "fresh paint and dusty books" for a week.\n',
    "asked": 'In a letter, Dana Reyes asked the network to donate the profits from the debate to veterans groups.'
             '\n\nThe moderator asked the candidates whether they would accept the result of the vote.\n\nKim Lee '
             'asked about the delays at the port.\n',
    "called": 'Councillor Mei Tan called the bridge plan "a folly" at the meeting.\n\nTan later called the '
              'delay a disgrace.\n',
    "according_then_participle": 'The port has signed a new lease with the ferry company, according to the harbour '
                                 'board, ending a dispute over fees.\n',
    "addressed_then_quoted": 'Mayor Ines Calder offered a sharp reply on the council\'s favourite channel, tweeting '
                             'at them, "you are welcome to run for office yourselves."\n',
    "clause_then_aside": 'Two councillors, both of whom opposed the bridge plan, are now backing the new budget.'
                         '\n\nThe port authority has pledged to rebuild the north pier, reversing a decision it '
                         'made in May.\n',
    "verb_after": '"Nobody at the port has been paid since March," reads a letter from the dock workers\' union.\n\n'
                  '"Will the ferry run on Sunday?" Councillor Mei Tan began.\n',
    "comma_introducer": 'After former Governor Jerry Brown criticized the budget during a debate, Hillary Ward shot '
                        'back, "I suppose I could have cut the schools instead."\n\n"This is fantastic!" beamed '
                        'Donald Hartley of Madison, who came down from the guest seats to be closer.\n',
    "markup": '<tweet tweet-author="@HarbourBoard" tweet-date="February 10, 2025">.@MayorCalder promises to reopen '
              'the pier.</tweet>\n',
    "said_first": 'Said Comey, "The thought that an error on our part is connected to this is painful."\n\n"I am '
                  'a voter," declares Stephanie Acs, 27, a Navy veteran studying in Albuquerque.\n',
    "short_replies": 'Asked whether he would resign, Mayor Tom Heller said, "Probably."\n\n"Absolutely," Heller '
                     'added when pressed.\n\nThe so-called "reforms" never came, and the "Harbour Week," a festival, '
                     'closed.\n',
    "shares": 'In the harbour survey, 47% say the ferry should run at night.\n\nAmong the traders, 12 said the pier '
              'is unsafe.\n',
    "said_adding": '"He said that very simply because he has failed in this race. It has been a total disaster," '
                   'Calder said, adding, "Nobody cares. And frankly, I am the most solid person up here."\n',
    "signature": 'Our fact check of the debate.\n\nThe mayor spoke first.\n\n"The harbour has never had so many '
                 'ferries."\n\n- Mina Osei.\n\nThe claim needs context: two of the ferries are on loan.\n',
    "comma_in_the_mark": 'As Mayor Ines Calder denounced the cuts and pledged to protect the "night buses for shift '
                         'workers," many in the hall appeared to relax, and the vote was delayed.\n',
    "second_statement": 'Most of the traders said the pier was unsafe, and one in five said the ferry should stop '
                        'running.\n',
    "days_after": "Port Alder's council on Monday approved a harbour budget that raises ferry fares for the first "
                  "time in six years, days after Mayor Elena Marsh promised islanders that fares would stay where "
                  "they are.\n",
    "woven_reason": 'Ines Calder, who has a commanding lead in the polls, mocked Tom Heller for "losing a ferry in '
                    'broad daylight" because the boat turned up a week later.\n',
    "said_but_did_not_say": 'Harbour chief Rosa Lind said the dredging would finish in May, but Lind did not say '
                            'what it would cost.\n',
    "object_pronoun": 'In a sharp rebuke of the businessman, Councillor Ruth Abara (D-Harbour) called him divisive and '
                      'accused him of preventing traders from being able to "fix the real problems."\n',
    "infinitive": 'Councillor Ruth Abara, who chaired the inquiry, stopped the hearing in mid-session to declare, '
                  '\u201cThis pier is not safe.\u201d\n',
    "hyphened_adverb": 'Not everyone was pleased.\n\n\u201cWe have had better seasons than this one,\u201d harbour '
                       'pilot Dana Holt, wearing a yellow coat and \u201cSave the Pier\u201d badges, said '
                       'matter-of-factly as the boat docked.\n',
    "comma_in_a_short_mark": 'On Wednesday\u2019s \u201cHarbour Hour,\u201d Piet Jansen, the engineer known as '
                             '\u201cthe Mole,\u201d stated that he had seen the cracks in the north pier two years '
                             'ago.\n',
    "asked_first": 'Asked about the delays at the port on Monday, harbour chief Rosa Lind said the dredging would '
                   'finish in May.\n\nAsked if he had read the engineers\' report, Tom Heller replied, \u201cEvery '
                   'page of it.\u201d\n',
    "called_quoted": 'Port manager Ada Brandt called that "beyond preposterous."\n',
    "comment_after": 'Harbour chief Rosa Lind said the ferry would not run at night, a blow to the island\'s traders.'
                     '\n\nCouncillor Mei Tan said she was "encouraged" by the plan \u2014 a modest boost for the '
                     'mayor after a difficult winter.\n\nThe mayor said the town needed a new pier, a ferry and a bus '
                     'station.\n',
    "trailing_cue": 'Traders on the quay are \u201cvery, very angry,\u201d Mina Osei said.\n\nAt the time, Calder '
                    'seemed to suggest she had won the argument: "The council signed the agreement," she told the '
                    'Courier.\n',
    "name_then_title": "''I would have been all in,'' Mr. Piet Jansen, the harbourmaster of Port Alder, said in his "
                       "office overlooking the bay.\n",
    "purpose": "The council used the flood report to attack the mayor's plan for the pier.\n",
    "subject_of_what_was_said": 'Councillor Mei Tan has been a longtime supporter of the ferry and has pledged his '
                                'support to the new timetable.\n\nAbout four in 10 said they were "angry" with the '
                                'council.\n',
    "doubled_apostrophes": "''It is easy to blame the harbour board, and we hear a lot of it,'' Ms. Lind said. ''I also "
                           "wanted to show the good it does.''\n",
    "hosts_before": "In an interview with Harbour FM hosts Ada Brandt and Tom Heller, the island's new mayor stated "
                    "that the ferry would run all winter.\n",
    "quoted_then_said_name": "Mayor Ines Calder is ''not a backslapper,'' said Mr. Piet Jansen, but she has won over "
                             "the dock workers.\n",
    "records_show": "A harbour board survey released on Monday showed most islanders backing the night ferry.\n\nThe "
                    "mayor showed the visitors the new pier.\n\nRecent polls show Calder with a double-digit lead.\n",
    "called_on_sought": "Councillor Mei Tan called on the harbour board to publish the accounts.\n\nMayor Ines Calder "
                        "has sought to calm the traders before the vote.\n",
    "source_last": "In all, vandals damaged 12 benches on the pier, including those of the sailing club such as the "
                   "club's former boathouse and former cafe, and 10 shelters, the council report said.\n\nThe island "
                   "councillor also plans to vote for the levy as a member of the harbour board this summer, Marsh "
                   "said.\n",
    "asked_by": "Asked by Mina Osei whether the ferry would run on Sunday, the mayor said the crews were ready.\n",
    "spoke_with": "Current and former officials who spoke with The Harbour Courier said the board has become a shell "
                  "of itself.\n",
    "idioms": "That said, traders say they believe the ferry will survive the winter.\n\nAll told, the council spent "
              "more than $2 million on the pier, according to the harbour board.\n\nMina Osei, the board's counsel, "
              "said in a written statement in March that the claims had no substance.\n",
    "colon_after_question": 'Former harbourmaster Piet Jansen broke down exactly what was wrong with the plan and the '
                            'budget to the Harbour Courier: "The pier cannot carry the ferry."\n',
    "wrote_that_showed": 'In her 60-page ruling, Judge Mina Osei wrote that the title, history and text of the bylaw '
                         'showed it to be "the council\'s attempt to shut the night market."\n',
    "participle_object": "Councillor Mei Tan joined the ferry campaign for the first time, trashing the harbour plan "
                         "as unaffordable for the island and accusing it of endangering the night market.\n",
    "which_after_a_date": "Mayor Ines Calder released her medical records in July, which showed she was fit for "
                          "office.\n",
    "adjective_before_colon": 'Councillor Tom Heller also played up his believed strength on the island: "Who gives '
                              'us the best chance to win? I know that I do."\n',
    "pressed": "\u201cWould the ferry run on Sundays?\u201d Mina Osei pressed. \u201cMaybe only in the summer?\u201d\n",
    "said_and_said": "Mayor Ines Calder spoke in the square. She said her recent attacks on Heller have given her "
                     "campaign momentum and said that Heller did not represent the legacy of the \u201cparty of the "
                     "harbour.\u201d\n",
    "writer_aside": "Mayor Ines Calder spoke to the traders on Monday.\n\nAs I mentioned above, the ferry carried more "
                    "than 13,000 passengers in the summer.\n",
    "it_said": "The Port Alder Ferry Company met the council on Monday. Mayor Ines Calder left early. It said the ferry "
               "would run all winter.\n",
    "participle_goes_on": "Lena Ortiz said that the candidate was not contradicting his stance on donors by "
                          "accepting their help, noting that most of the money would go to the party.\n\n"
                          "Councillor Ruth Abara said she was outraged to even hear about it, arguing that closing "
                          "the library would hurt the poorest families.\n\n"
                          "Carl Brandt said he saw no reason to change the timetable, telling the Courier that "
                          "passengers had never complained.\n",
    "writer_goes_on": "Rival skippers have blasted the mayor for not dredging the channel, and the silt has been "
                      "building for years.\n",
    "no_comment": "Piet Jansen declined to comment.\n",
    "made_to_say": "The results of Tuesday's vote will almost certainly force Councillor Ruth Abara to acknowledge a "
                   "hard truth about the budget. The ferry strike will force Mayor Ines Calder to admit that the "
                   "timetable has failed.\n",
    "linking_adverb": "The ferry carried 4,000 people in May. Nevertheless, experts agree that the harbour will silt "
                      "up within a decade.\n",
    "headline_claim": "Mayor Ines Calder: Ferry Fares Will Not Rise This Year\n\nQ: Does the council support the "
                      "plan?\n\nEditor's note: Ines Calder is a former columnist for this newspaper.\n\nWASHINGTON: "
                      "The Senate voted on Tuesday to extend the ferry subsidy.\n",
    "named_so": "In a fiery speech, Councillor Ruth Abara called him divisive. The ferry terminal, now called Harbour "
                "Gate, reopened on Monday.\n",
    "source_told_outlet": "The skipper had been completing his second season, a harbour spokesman told The Bayside "
                          "Herald.\n\nMina Osei was kind and responsible, a Port Alder ferry official told The New "
                          "York Times.\n\nThe ferry company carried a record 40,000 passengers in the summer, "
                          "the company announced Monday.\n",
    "name_as_modifier": "Mayor Ines Calder met the unions on Monday. One Calder campaign source said the mayor would "
                        "not back down.\n\nA senior Calder administration official said the ferry would run all "
                        "winter.\n",
    "party_label_before_verb": "In a statement, Florida Gov. Ines Calder (R) blasted Congress and said the state "
                               "allocated more than $26 million in funds last week for the ferry.\n\nIn a statement, "
                               "Gov. Ines Calder (D) blasted the council and said the state had set aside $26 million "
                               "for the ferry.\n",
    "says_name_aside": "The paradox of the harbour, says Carl Anthony, is that it was once the busiest port in the "
                       "north.\n",
    "taking_pains": "In this divisive year, firms including the ferry line are taking pains to say they are not "
                    "endorsing any candidate.\n",
    "meanwhile_name": "Meanwhile Rihanna posted a photo. She said the show would go on.\n",
    "will_wrote": "Columnist George Will attacked the plan this week.\n\n\"The ferry cuts will hurt every family on "
                  "the east shore,\" Will wrote.\n",
    "writers_phrasing": "Given the vote, it is safe to say the harbour will close before the winter. The word "
                        "should only be used to describe people from the valley.\n",
    "added_his_manager": "\"We're going to start chipping away at the council's majority,\" added his campaign "
                         "manager Jeff Weaver, speaking to the Courier after the mayor spoke.\n",
    "someone_of_theirs": "Mayor Ines Calder met the unions on Monday. Calder's husband said the family would stay "
                         "in Port Alder. Calder's lawyers said the complaint had no merit.\n",
    "the_company": "The Port Alder Museum opened a new wing on Monday. The company said the ferry would run all "
                   "winter.\n",
    "everyone": "Mayor Ines Calder called the meeting on Monday. Everyone agreed that the ferry must keep running. "
                "Nothing suggests that the ferry will stop.\n",
    "vice_president": "Vice President Ines Calder arrived first. President Tom Heller followed an hour later. The vice "
                      "president said the ferry would run all winter.\n",
    "compound_name": "A U.S.-born skipper said the quay had been unsafe for years. Sixty-six percent of traders said "
                     "the closure was a mistake.\n",
    "cue_then_that": "Exit polling showed that Calder won every district tracked except the coast.\n",
    "as_reported": "As the Bayside Herald reported just today, the ferry company has lost its licence.\n\nAs reported "
                   "by the Bayside Herald, the ferry company has lost its licence.\n",
    "tweeted_this": "Almost immediately after she did, David Axelrod, who was senior adviser to the mayor in the town "
                    "hall, tweeted this: \"She did it again and I'll say it again. It's misleading to imply that the "
                    "levy was a ferry bailout.\"\n",
    "title_period_cut": "\"It will provide certainty that has been missing for a long time now,\" said Sen. Patty "
                        "Murray, a chief negotiator on the bill.\n",
    "say_comma": "But ultimately, other experts say, the mayor and her aides were not trying to hide anything, and "
                 "there is no evidence that the ferry fund was misused.\n\n"
                 "\"We will see,\" Osei said, popping a soda.\n",
    "and_another": "The two men ended the meeting expressing optimism about working together, Mayor Ines Calder "
                   "saying she was \"very encouraged\" and Councillor Tom Heller calling it a \"great meeting.\"\n",
    "stance_object": "Councillor Ruth Abara has endorsed Calder. The ferry union opposed the closure. The board ruled "
                     "Monday. Piet Jansen supports him. Rival skippers have also opposed the closure. The harbour board "
                     "approved the breakwater.\n",
    "talked_about": "Councillor Ruth Abara talked about the silt in the channel. Piet Jansen spoke of a summer without "
                    "ferries.\n",
    "taken_as": "Councillor Ruth Abara portrayed the levy as a tax on commuters. Most traders see Calder as the "
                "likelier winner. The skippers went to see the harbour as the storm passed.\n",
    "backs_expresses": "Mayor Tom Heller backs the new pier. Piet Jansen expressed dismay at the delay. The union "
                       "backed up its claim with figures.\n",
    "pointed_out": "Piet Jansen pointed out that the ferry had never been late. As the harbourmaster has pointed out, "
                   "the pier is older than the town.\n",
    "discussed": "Councillor Ruth Abara discussed the silt in the channel. A harbour official, who spoke on the "
                 "condition of anonymity to discuss internal plans, said the pier would close. The mayor was given an "
                 "opportunity to praise the ferry crews.\n",
    "according_after_a_whole_clause": "Ferry use fell by a third last year, according to the harbour board, even as "
                                      "fares stayed flat.\n\nFundraising, according to the campaign, has surged in the "
                                      "same period.\n\nThe pier receives, according to one report, $4 million a year "
                                      "from the port.\n",
    "own_stance": "Councillor Ruth Abara's attack on the harbour board surprised no one. Her plan to retire was no "
                  "secret.\n",
    "said_wiping": "Piet Jansen sells ice cream on the pier.\n\nSales were great, he said, wiping sweat off his "
                   "face.\n\nMayor Ines Calder has rejected the label, noting that the fund was audited in May.\n",
    "hyphen_aside": "Councillor Ruth Abara - in a rare show of anger - declared that the ferry would run all winter.\n",
    "aside_statement": "\"Who is the real villain here?\" said Ines Calder, using a term Heller has used to describe the "
                       "mayor, on a call with reporters. \"Councillor Heller produced a budget that shortchanged the "
                       "ferry.\"\n",
    "one_of": "\"It was unseemly: the mayor tried to torpedo the vote,\" said one of two witnesses at the meeting.\n",
}


@pytest.fixture(scope="module")
def found(nlp) -> dict[str, list]:
    """{case: quotes} from one pass of the real pipeline."""
    docs = extract([Article(id=name, date=DAY, text=text) for name, text in TEXTS.items()])
    return {doc.article.id: doc.quotes for doc in docs}


def said(quotes) -> list[tuple]:
    return [(q.kind, q.text, q.speaker and q.speaker.name, q.cue and q.cue.text) for q in quotes]


def test_a_roundup_line_names_its_source_before_the_colon_and_no_verb(found):
    assert [(q.speaker.name, q.how) for q in found["roundup"]] == [("Marta Quinn", "colon"), ("Oliver Grant", "colon")]


def test_a_relative_clause_between_subject_and_cue_changes_nothing(found):
    assert said(found["relative"])[-1] == (
        "direct", "This budget robs the libraries to pay for parking.", "Ruth Abara", "shouted")


def test_a_participle_aside_is_not_the_speaker(found):
    assert said(found["participle"])[-1] == (
        "direct", "We cannot keep borrowing against next year's taxes.", "Tom Heller", "added")


def test_as_x_acknowledges_before_a_colon_credits_x(found):
    [quote] = found["as_acknowledges"]
    assert (quote.speaker.name, quote.speaker.title) == ("Lena Ortiz", "finance director")


def test_wrote_adding_and_talks_saying_keep_the_quote_direct(found):
    assert [(q.kind, q.speaker.name, q.speaker.title) for q in found["adding"]] == [
        ("direct", "Piet Jansen", "harbourmaster")]
    assert said(found["saying"]) == [
        ("indirect", "the closures at length", "Rebecca Stone", "talks about"),
        ("direct", "Every family on this street depends on the night bus.", "Rebecca Stone", "saying")]


def test_according_to_after_a_direct_quote_credits_its_source(found):
    [quote] = found["according"]
    assert (quote.kind, quote.speaker.mention, quote.cue.text, quote.how) == (
        "direct", "the regional health commission", "according to", "according")


def test_the_addressee_and_a_name_inside_the_quote_are_not_the_speaker(found):
    assert [q.speaker.name for q in found["addressee"]] == ["Ines Calder"]
    assert [q.speaker.name for q in found["named_inside"]] == ["Amara Chen"]
    assert [q.speaker.name for q in found["told_outlet"]] == ["Amir Sato"]


def test_a_shared_surname_goes_to_the_most_named_and_lowers_the_confidence(found):
    firm, shared = found["surname"]
    assert (firm.speaker.name, shared.speaker.name, shared.speaker.mention) == ("Robert Park", "Robert Park", "Park")
    assert shared.speaker.uncertain == "the surname Park is shared by several people here"
    assert shared.confidence == pytest.approx(0.85 - UNCERTAIN_PENALTY)


def test_a_quote_after_an_unrelated_paragraph_gets_no_speaker(found):
    assert [q.speaker and q.speaker.name for q in found["continuation"]] == ["organisers", "Nora Bell", None]


def test_a_period_inside_the_mark_and_page_furniture(found):
    assert [q.speaker.name for q in found["furniture"]] == ["Dana Reyes", "Ken Mori"]


def test_a_headline_says_who_said_it(found):
    assert said(found["headline"]) == [("direct", "We Were Robbed", "Reyes", "Said")]


def test_a_spokesperson_speaks_for_the_organisation(found):
    [quote] = found["spokesperson"]
    assert (quote.speaker.name, quote.speaker.type, quote.speaker.title) == (
        "Crestline Property Group", "ORG", "spokesperson")


def test_a_title_is_split_from_the_name(found):
    [quote] = found["skipper"]
    assert (quote.speaker.name, quote.speaker.title) == ("Dana Holt", "Skipper")


def test_two_quoted_fragments_in_one_report_are_one_mixed_quote(found):
    assert said(found["two_fragments"]) == [
        ("mixed", 'Japan will "fundamentally reinforce its defense capabilities" with "unwavering determination and '
                  'action."', "Takaichi", "said")]


def test_conveying_a_goal_or_resolve_reports_it(found):
    assert [(q.kind, q.text, q.speaker.name) for q in found["convey"]] == [
        ("indirect", "raising defence spending to 2 percent of output", "Koizumi"),
        ("indirect", "strengthen the alliance", "Japan")]


def test_who_is_the_mention_of_the_noun_it_stands_for(found):
    reported = [q for q in found["who_noted"] if q.kind == "indirect"]
    assert [(q.speaker.name, q.speaker.mention) for q in reported] == [("Ekovich", "who")]


def test_the_clause_before_a_colon_is_its_own_subjects(found):
    assert [q.speaker.name for q in found["colon_subject"]] == ["the mayor", "Ruth Abara"]


def test_a_short_sentence_introducing_the_quote_names_its_speaker(found):
    assert [(q.speaker.name, q.how) for q in found["agreed"]] == [("Mina Osei", "before")]


def test_a_place_before_a_description_is_not_described(found):
    assert [q.speaker.mention for q in found["place_before"]] == ["the vice president"]


def test_a_claim_is_its_possessors(found):
    assert [(q.text, q.speaker.name) for q in found["possessor"]] == [
        ("be the party's strongest candidate", "Rubio")]


def test_a_party_label_is_no_part_of_the_name(found):
    [quote] = found["party_label"]
    assert (quote.speaker.name, quote.speaker.title) == ("Ann Cole", "former Rep.")


def test_a_fragment_woven_into_a_clause_is_its_subjects_mixed_quote(found):
    assert [(q.kind, q.text, q.speaker and q.speaker.name, q.cue and q.cue.text, q.how) for q in found["woven"]] == [
        ("mixed", 'the harbour scheme to "a gift for developers" on Tuesday', "Ada Brandt", "likened", "woven"),
        ("mixed", 'the council for "a budget written on the back of an envelope."', "The mayor", "mocking", "woven")]
    assert found["woven_not_a_source"] == []  # a hall says nothing


def test_reported_speech_ends_where_its_speaker_says_something_else(found):
    assert said(found["said_but_did_not_say"])[0] == (
        "indirect", "the dredging would finish in May", "Rosa Lind", "said")


def test_a_question_or_request_is_reported_without_the_person_asked(found):
    assert said(found["asked"]) == [
        ("indirect", "donate the profits from the debate to veterans groups", "Dana Reyes", "asked"),
        ("indirect", "whether they would accept the result of the vote", "The moderator", "asked"),
        ("indirect", "about the delays at the port", "Kim Lee", "asked")]


def test_calling_something_a_name_reports_the_thing_and_the_name(found):
    assert said(found["called"]) == [("mixed", 'the bridge plan "a folly" at the meeting', "Mei Tan", "called"),
                                     ("indirect", "the delay a disgrace", "Mei Tan", "called")]


def test_a_participle_after_according_to_x_is_not_what_x_said(found):
    assert said(found["according_then_participle"]) == [
        ("indirect", "The port has signed a new lease with the ferry company", "the harbour board", "according to")]


def test_a_cue_and_its_addressee_before_a_comma_introduce_a_direct_quote(found):
    assert said(found["addressed_then_quoted"]) == [
        ("direct", "you are welcome to run for office yourselves.", "Ines Calder", "tweeting")]


def test_reported_speech_ends_before_words_the_parse_hangs_elsewhere(found):
    assert [(q.text, q.cue.text) for q in found["clause_then_aside"]] == [
        ("the bridge plan", "opposed"), ("the new budget", "backing"), ("rebuild the north pier", "pledged")]
    assert [q.text for q in found["comma_in_the_mark"]] == ['the cuts', 'protect the "night buses for shift workers,"']


def test_any_verb_in_a_short_clause_after_the_quote_is_its_cue(found):
    assert [(q.speaker.mention, q.cue.text) for q in found["verb_after"]] == [
        ("a letter from the dock workers' union", "reads"), ("Councillor Mei Tan", "began")]


def test_the_verb_right_before_the_quote_introduces_it(found):
    assert [(q.kind, q.speaker.name, q.cue.text) for q in found["comma_introducer"] if q.kind == "direct"] == [
        ("direct", "Hillary Ward", "shot"), ("direct", "Donald Hartley of Madison", "beamed")]


def test_quotation_marks_inside_markup_are_no_quote(found):
    assert [q.text for q in found["markup"] if q.kind == "direct"] == []


def test_a_sentence_opening_said_and_an_inverted_speech_verb_name_the_speaker(found):
    assert [(q.speaker.name, q.cue.text) for q in found["said_first"]] == [("Comey", "Said"),
                                                                           ("Stephanie Acs", "declares")]


def test_a_one_word_reply_is_speech_only_beside_its_speech_verb(found):
    assert said(found["short_replies"]) == [("indirect", "whether he would resign", None, "Asked"),
                                            ("direct", "Probably.", "Tom Heller", "said"),
                                            ("direct", "Absolutely,", "Tom Heller", "added")]


def test_a_share_of_those_asked_is_the_source_of_what_they_say(found):
    assert [(q.speaker.mention, q.speaker.type, q.text) for q in found["shares"]] == [
        ("47%", "OTHER", "the ferry should run at night"), ("12", "OTHER", "the pier is unsafe")]


def test_said_adding_adds_for_the_same_speaker(found):
    assert [(q.speaker and q.speaker.name, q.cue.text) for q in found["said_adding"]] == [
        ("Calder", "said"), ("Calder", "adding")]


def test_a_dash_and_a_name_after_a_quote_paragraph_sign_it(found):
    assert [(q.speaker and q.speaker.name, q.how) for q in found["signature"] if q.kind == "direct"] == [
        ("Mina Osei", "after")]


def test_a_statement_ends_where_another_subject_and_cue_begin(found):
    assert [(q.text, q.speaker.mention) for q in found["second_statement"]] == [
        ("the pier was unsafe", "Most of the traders"), ("the ferry should stop running", "one")]


def test_days_after_a_name_is_no_speaker_and_the_person_promised_to_is_no_content(found):
    assert said(found["days_after"])[-1] == ("indirect", "fares would stay where they are", "Elena Marsh", "promised")


def test_the_phrase_holding_a_woven_quotation_is_content_whatever_the_parse_calls_it(found):
    [quote] = found["woven_reason"]
    assert (quote.kind, quote.how, quote.speaker.name, quote.cue.text) == ("mixed", "woven", "Ines Calder", "mocked")
    assert quote.text.startswith('Tom Heller for "losing a ferry in broad daylight"')


def test_a_pronoun_in_the_object_case_never_speaks(found):
    assert [(q.speaker.name, q.speaker.mention, q.cue.text) for q in found["object_pronoun"]][-1] == (
        "Ruth Abara", "Councillor Ruth Abara", "accused")


def test_an_infinitive_after_a_phrase_of_time_or_place_is_the_clause_subjects(found):
    assert [(q.speaker.name, q.cue.text) for q in found["infinitive"]] == [("Ruth Abara", "declare")]


def test_an_adverb_hyphened_after_said_is_not_its_speaker(found):
    assert [(q.speaker.name, q.cue.text) for q in found["hyphened_adverb"]] == [("Dana Holt", "said")]


def test_a_comma_inside_a_nicknames_closing_mark_still_ends_the_aside(found):
    assert [(q.speaker.name, q.text) for q in found["comma_in_a_short_mark"]] == [
        ("Piet Jansen", "he had seen the cracks in the north pier two years ago")]


def test_a_question_opening_the_sentence_was_put_to_its_subject_not_asked_by_them(found):
    assert said(found["asked_first"]) == [
        ("indirect", "about the delays at the port on Monday", None, "Asked"),
        ("indirect", "the dredging would finish in May", "Rosa Lind", "said"),
        ("indirect", "if he had read the engineers' report", None, "Asked"),
        ("direct", "Every page of it.", "Tom Heller", "replied")]


def test_a_quotation_right_after_the_thing_called_is_what_it_was_called(found):
    assert said(found["called_quoted"]) == [("mixed", 'that "beyond preposterous."', "Ada Brandt", "called")]


def test_a_noun_phrase_after_the_statement_is_the_writers_comment_and_a_list_is_not(found):
    assert [q.text for q in found["comment_after"]] == [
        "the ferry would not run at night", 'she was "encouraged" by the plan',
        "the town needed a new pier, a ferry and a bus station"]


def test_a_source_and_cue_after_the_last_comma_report_the_whole_sentence_before_it(found):
    assert [(q.kind, q.text, q.speaker.name) for q in found["trailing_cue"] if q.cue.text != "suggest"] == [
        ("mixed", "Traders on the quay are \u201cvery, very angry,\u201d", "Mina Osei"),
        ("direct", "The council signed the agreement,", "Calder")]


def test_a_name_and_title_after_the_quote_are_its_source_not_its_words(found):
    assert said(found["name_then_title"]) == [("direct", "I would have been all in,", "Piet Jansen", "said")]
    assert found["name_then_title"][0].speaker.mention == "Mr. Piet Jansen"


def test_an_infinitive_of_purpose_is_the_subjects_not_the_objects(found):
    assert said(found["purpose"]) == [("indirect", "the mayor's plan for the pier", "The council", "attack")]


def test_the_subject_or_possessor_of_what_was_said_is_not_who_said_it(found):
    assert [(q.text, q.speaker and q.speaker.mention) for q in found["subject_of_what_was_said"]] == [
        ("his support to the new timetable", "Councillor Mei Tan"),
        ('they were "angry" with the council', None)]


def test_quotes_in_doubled_apostrophes_split_by_a_cue_are_one_statement(found):
    assert [(q.how, q.speaker.mention, q.speaker.title) for q in found["doubled_apostrophes"]] == [
        ("cue", "Ms. Lind", None), ("split", "Ms. Lind", None)]


def test_a_name_in_an_opening_phrase_is_not_described_by_the_subject_after_it(found):
    assert [q.speaker.mention for q in found["hosts_before"]] == ["the island's new mayor"]


def test_the_name_after_an_inverted_cue_said_the_quotation_before_it(found):
    assert [(q.speaker.name, q.cue.text) for q in found["quoted_then_said_name"]] == [("Piet Jansen", "said")]


def test_what_a_poll_or_report_shows_is_its_finding_and_what_a_person_shows_is_not(found):
    assert [(q.text, q.speaker.mention, q.cue.text) for q in found["records_show"]] == [
        ("most islanders backing the night ferry", "A harbour board survey", "showed"),
        ("Calder with a double-digit lead", "Recent polls", "show")]


def test_calling_on_someone_and_seeking_to_do_something_report_a_request_and_an_aim(found):
    assert said(found["called_on_sought"]) == [
        ("indirect", "the harbour board to publish the accounts", "Mei Tan", "called on"),
        ("indirect", "calm the traders before the vote", "Ines Calder", "sought")]


def test_a_source_and_cue_ending_the_sentence_report_the_clause_before_them(found):
    assert [(q.text[-30:], q.speaker.mention) for q in found["source_last"]] == [
        ("d former cafe, and 10 shelters", "the council report"),
        (" the harbour board this summer", "Marsh")]


def test_whoever_asked_by_name_asked_the_question(found):
    assert said(found["asked_by"]) == [
        ("indirect", "whether the ferry would run on Sunday", "Mina Osei", "Asked"),
        ("indirect", "the crews were ready", "the mayor", "said")]


def test_a_noun_after_a_preposition_is_no_subject_whatever_the_parse_says(found):
    assert [q.speaker.mention for q in found["spoke_with"]] == ["former officials"]


def test_that_said_all_told_and_a_written_statement_report_nothing(found):
    assert [(q.text[:30], q.speaker.mention) for q in found["idioms"]] == [
        ("they believe the ferry will su", "traders"), ("All told, the council spent mo", "the harbour board"),
        ("the claims had no substance", "Mina Osei")]


def test_a_question_clause_before_the_colon_is_not_the_speaker(found):
    assert [(q.speaker.name, q.how) for q in found["colon_after_question"]] == [("Piet Jansen", "colon")]


def test_a_verb_inside_a_report_is_not_the_cue_of_its_quotation(found):
    assert [(q.kind, q.speaker.name, q.cue.text, q.text[:20]) for q in found["wrote_that_showed"]] == [
        ("mixed", "Mina Osei", "wrote", "the title, history a")]


def test_the_object_of_a_participle_never_speaks(found):
    assert [q.speaker.name for q in found["participle_object"]] == ["Mei Tan"]


def test_which_after_a_date_stands_for_the_noun_before_the_date(found):
    assert [(q.speaker.name, q.speaker.mention) for q in found["which_after_a_date"]] == [
        ("her medical records", "which")]


def test_a_participle_used_as_an_adjective_does_not_introduce_the_quote(found):
    assert [(q.speaker.name, q.cue.text) for q in found["adjective_before_colon"]] == [("Tom Heller", "played")]


def test_a_past_tense_after_a_question_read_as_a_participle_still_cues_it(found):
    assert [(q.how, q.speaker.name) for q in found["pressed"]] == [("cue", "Mina Osei"), ("split", "Mina Osei")]


def test_a_second_said_hung_inside_the_first_statement_is_a_statement_of_the_first_speaker(found):
    assert [(q.text, q.speaker.name, q.speaker.mention) for q in found["said_and_said"]] == [
        ("her recent attacks on Heller have given her campaign momentum", "Ines Calder", "She"),
        ("Heller did not represent the legacy of the \u201cparty of the harbour.\u201d", "Ines Calder", "She")]


def test_i_outside_quotation_marks_is_the_writer_not_the_last_person_named(found):
    assert [(q.speaker.name, q.speaker.type) for q in found["writer_aside"]] == [("I", "OTHER")]


def test_it_stands_for_an_organisation_never_a_person(found):
    assert [(q.speaker.name, q.speaker.mention) for q in found["it_said"]] == [("Port Alder Ferry Company", "It")]


def test_a_speech_participle_after_the_content_is_the_speaker_going_on(found):
    assert [(q.text, q.speaker and q.speaker.name) for q in found["participle_goes_on"]] == [
        ("the candidate was not contradicting his stance on donors by accepting their help", "Lena Ortiz"),
        ("most of the money would go to the party", "Lena Ortiz"),
        ("she was outraged to even hear about it", "Ruth Abara"),
        ("closing the library would hurt the poorest families", "Ruth Abara"),
        ("he saw no reason to change the timetable", "Carl Brandt")]


def test_a_clause_with_another_subject_after_a_comma_is_the_writers(found):
    assert [q.text for q in found["writer_goes_on"]] == ["the mayor for not dredging the channel"]


def test_declining_to_comment_is_a_stated_position(found):
    assert [(q.text, q.cue.text, q.speaker.name) for q in found["no_comment"]] == [
        ("comment", "declined", "Piet Jansen")]


def test_whoever_is_made_to_say_something_says_it(found):
    assert [(q.text, q.speaker.name) for q in found["made_to_say"]] == [
        ("a hard truth about the budget", "Ruth Abara"), ("the timetable has failed", "Ines Calder")]


def test_an_opening_adverb_is_never_the_speaker(found):
    assert [q.speaker.name for q in found["linking_adverb"]] == ["experts"]
    assert [q.speaker.name for q in found["meanwhile_name"]] == ["Rihanna"]


def after_slip(text: str, slipped: str, cue: str, **parse) -> tuple[Document, int]:
    """The document and the index of ``cue`` once the word ``slipped`` is given the parse the offline models gave
    a news sentence (``parse``: upos, xpos, deprel; its head becomes the cue): slips our own sentences do not
    trigger, made on purpose in a real parse."""
    annotated = next(annotate([Article(id="slip", date=DAY, text=text)], parse="full"))
    slip, verb = (next(w for w in annotated.words if w.lower == word) for word in (slipped, cue))
    slip.head = verb.i
    for field, value in parse.items():
        setattr(slip, field, value)
    doc = Document(annotated.article, annotated.words, annotated.sentences, annotated.entities)  # tree read afresh
    mark_quotes(doc)
    return doc, verb.i


def speaker_after_slip(text: str, slipped: str, cue: str, **parse) -> str:
    """The speaker of ``cue`` after a slip (see :func:`after_slip`)."""
    doc, verb = after_slip(text, slipped, cue, **parse)
    return " ".join(doc.words[i].text for i in mention_words(doc, speaker_of(doc, verb)))


def test_a_linking_adverb_the_parse_makes_a_subject_never_speaks(nlp):
    text = "Holt, meanwhile, told the Courier on Wednesday that he is in favour of the plan.\n"
    assert speaker_after_slip(text, "meanwhile", "told", upos="NOUN", xpos="NN", deprel="nsubj") == "Holt"


def test_a_subject_inside_a_relative_clause_is_not_the_verbs(nlp):
    text = "Ines Calder, who won Dunmore and her home town of Port Alder, is calling for some of her rivals to quit.\n"
    assert speaker_after_slip(text, "town", "calling", deprel="nsubj") == "Ines Calder"


def test_a_name_alone_before_a_colon_makes_the_claim_after_it(found):
    assert [(q.kind, q.text, q.speaker.name, q.speaker.title) for q in found["headline_claim"]] == [
        ("indirect", "Ferry Fares Will Not Rise This Year", "Ines Calder", "Mayor")]


def test_calling_someone_something_is_a_statement_and_a_name_is_not(found):
    assert [(q.text, q.speaker.name) for q in found["named_so"]] == [("him divisive", "Ruth Abara")]


def test_a_source_and_cue_ending_the_sentence_report_it_whoever_was_told(found):
    assert [(q.text, q.speaker.mention) for q in found["source_told_outlet"]] == [
        ("The skipper had been completing his second season", "a harbour spokesman"),
        ("Mina Osei was kind and responsible", "a Port Alder ferry official"),
        ("The ferry company carried a record 40,000 passengers in the summer", "the company")]


def test_a_name_that_only_describes_the_source_is_not_its_name(found):
    """ "One Calder campaign source" is not Ines Calder: crediting her would make her record look misquoted."""
    assert [(q.speaker.name, q.speaker.title) for q in found["name_as_modifier"]] == [
        ("One Calder campaign source", None), ("A senior Calder administration official", None)]


def test_a_party_label_before_the_verb_makes_no_inverted_subject_of_its_object(found):
    assert [(q.cue.text, q.speaker.name, q.speaker.mention) for q in found["party_label_before_verb"]] == [
        ("blasted", "Ines Calder", "Florida Gov. Ines Calder"), ("said", "Ines Calder", "Florida Gov. Ines Calder"),
        ("blasted", "Ines Calder", "Gov. Ines Calder"), ("said", "Ines Calder", "Gov. Ines Calder")]


def test_a_person_named_after_an_inverted_cue_in_an_aside_said_it(found):
    assert [q.speaker.name for q in found["says_name_aside"]] == ["Carl Anthony"]


def test_an_object_that_names_no_one_does_not_do_what_follows_it(found):
    assert [q.speaker.name for q in found["taking_pains"]] == ["firms including the ferry line"]


def test_a_name_the_tagger_reads_as_a_modal_verb_still_speaks(found):
    assert [(q.kind, q.speaker and q.speaker.mention) for q in found["will_wrote"]] == [
        ("indirect", "Columnist George Will"), ("direct", "Will")]


def test_an_infinitive_no_one_is_found_to_say_reports_nothing(found):
    assert found["writers_phrasing"] == []


def test_a_name_after_an_inverted_cue_and_a_possessive_title_said_it(found):
    assert [(q.speaker.name, q.speaker.title) for q in found["added_his_manager"]] == [
        ("Jeff Weaver", "campaign manager")]


def test_one_of_a_group_is_a_speaker_though_a_number(found):
    assert [q.speaker.name for q in found["one_of"]] == ["one of two witnesses at the meeting"]


def test_someone_of_a_person_is_not_that_person(found):
    """ "Calder's husband" credited to Ines Calder would make her record look misquoted by his words."""
    assert [(q.speaker.name, q.speaker.type) for q in found["someone_of_theirs"]] == [
        ("Calder's husband", "OTHER"), ("Calder's lawyers", "OTHER")]


def test_the_company_is_not_the_last_organisation_of_another_kind(found):
    assert [q.speaker.name for q in found["the_company"]] == ["The company"]


def test_everyone_and_nothing_stand_for_no_one_named(found):
    assert [q.speaker.name for q in found["everyone"]] == ["Everyone", "Nothing"]


def test_the_vice_president_is_not_the_last_president(found):
    assert [q.speaker.name for q in found["vice_president"]] == ["Ines Calder"]


def test_a_name_inside_a_compound_word_names_no_one(found):
    assert [q.speaker.name for q in found["compound_name"]] == ["A U.S.-born skipper", "Sixty-six percent of traders"]


def test_a_cue_followed_by_that_reports_the_clause_whatever_the_parse_hangs_on_it(found):
    assert [(q.kind, q.text, q.cue.text) for q in found["cue_then_that"]] == [
        ("indirect", "Calder won every district tracked except the coast", "showed")]


def test_as_a_source_reported_it_reports_what_follows_the_comma(found):
    assert [(q.text, q.speaker.name) for q in found["as_reported"]] == [
        ("the ferry company has lost its licence", "Bayside Herald")] * 2


def test_what_was_tweeted_is_not_who_tweeted_it_and_a_relative_clause_is_no_title(found):
    assert [(q.speaker.name, q.speaker.title) for q in found["tweeted_this"]] == [("David Axelrod", None)]


def test_a_title_whose_period_the_tokenizer_cut_off_keeps_its_name(found):
    assert [(q.speaker.name, q.speaker.mention) for q in found["title_period_cut"]] == [
        ("Patty Murray", "Sen. Patty Murray")]


def test_a_cue_and_a_comma_before_a_clause_of_its_own_report_it(found):
    assert [(q.kind, q.text, q.speaker.name) for q in found["say_comma"]] == [
        ("indirect", "the mayor and her aides were not trying to hide anything, and there is no evidence that the "
                     "ferry fund was misused", "other experts"),
        ("direct", "We will see,", "Osei")]


def test_a_name_before_an_aside_in_dashes_speaks_where_the_parse_lost_the_subject(nlp):
    text = ("Lawrence Joyce — who is listed as an attorney in the county but does not practise — told the Courier he "
            "is not planning an appeal of the board's ruling.\n")
    assert speaker_after_slip(text, "lawrence", "told", deprel="dep") == "Joyce"  # the name's last word


def test_and_another_subject_with_a_speech_participle_is_someone_elses_statement(found):
    assert [(q.text, q.speaker.name) for q in found["and_another"]] == [
        ("optimism about working together", "The two men"), ('she was "very encouraged"', "Ines Calder"), ('it a "great meeting."', "Tom Heller")]


def test_a_named_thing_a_source_takes_a_stand_on_is_its_statement_though_short(found):
    """ "has endorsed Calder": a stance on a name or a noun, not on a time ("ruled Monday") or a pronoun, and not
    a decision ("approved the breakwater")."""
    assert [(q.text, q.speaker.name) for q in found["stance_object"]] == [
        ("Calder", "Ruth Abara"), ("the closure", "The ferry union"), ("the closure", "Rival skippers")]


def test_what_a_source_talks_or_speaks_about_is_reported(found):
    assert [(q.text, q.speaker.name, q.cue.text) for q in found["talked_about"]] == [
        ("the silt in the channel", "Ruth Abara", "talked about"), ("a summer without ferries", "Piet Jansen", "spoke of")]


def test_what_a_source_takes_something_for_is_its_judgement(found):
    """ "portrayed the levy as a tax on commuters"; seeing a place while something happens judges nothing."""
    assert [(q.text, q.speaker.name, q.cue.text) for q in found["taken_as"]] == [
        ("the levy as a tax on commuters", "Ruth Abara", "portrayed"),
        ("Calder as the likelier winner", "Most traders", "see")]


def test_backing_and_expressing_state_a_position_and_backing_up_does_not(found):
    assert [(q.text, q.speaker.name) for q in found["backs_expresses"]] == [
        ("the new pier", "Tom Heller"), ("dismay at the delay", "Piet Jansen")]


def test_what_a_source_points_out_is_reported(found):
    assert [(q.text, q.speaker.name) for q in found["pointed_out"]] == [
        ("the ferry had never been late", "Piet Jansen"), ("the pier is older than the town", "the harbourmaster")]


def test_what_is_discussed_is_reported_and_a_noun_that_names_no_one_does_not_discuss_it(found):
    """The condition of anonymity and an opportunity say nothing: the official does; no one is named to praise."""
    assert [(q.text, q.speaker.name) for q in found["discussed"]] == [
        ("the silt in the channel", "Ruth Abara"), ("internal plans", "A harbour official"),
        ("the pier would close", "A harbour official")]


def test_according_to_after_a_whole_clause_ends_what_the_source_says(found):
    """What follows ", according to X," is the writer's once the clause before it is whole."""
    assert [(q.text, q.speaker.name) for q in found["according_after_a_whole_clause"]] == [
        ("Ferry use fell by a third last year", "the harbour board"),
        ("Fundraising, according to the campaign, has surged in the same period", "the campaign"),
        ("The pier receives, according to one report, $4 million a year from the port", "one report")]


def test_a_stance_someone_owns_is_theirs_and_a_plan_is_not_a_statement(found):
    assert [(q.text, q.speaker.name, q.speaker.mention, q.cue.text) for q in found["own_stance"]] == [
        ("the harbour board", "Ruth Abara", "Councillor Ruth Abara", "attack on")]


def test_a_participle_after_the_cue_is_no_part_of_what_was_said(found):
    """ "he said, wiping sweat off his face": the content is before the cue; "noting that ..." is its own statement."""
    assert [(q.text, q.speaker.mention, q.cue.text) for q in found["said_wiping"]] == [
        ("Sales were great", "he", "said"), ("the label", "Mayor Ines Calder", "rejected"),
        ("the fund was audited in May", "Mayor Ines Calder", "noting")]


def test_a_day_the_parse_makes_the_object_of_a_cue_is_no_content(nlp):
    text = "The first mate had logged 2,766 crossings with Harbour Line, the airline said Thursday.\n"
    doc, said = after_slip(text, "thursday", "said", deprel="obj")
    assert [doc.text[q.start:q.end] for q in find_reported(doc) if q.cue_word == said] == [
        "The first mate had logged 2,766 crossings with Harbour Line"]


def test_a_name_before_an_aside_between_hyphens_speaks(found):
    assert [(q.text, q.speaker.name) for q in found["hyphen_aside"]] == [("the ferry would run all winter", "Ruth Abara")]


def test_a_statement_reported_in_a_quotations_attribution_does_not_take_the_next_quotation(found):
    """Heller described the mayor so, in Calder's attribution; the quotation after it is still Calder's."""
    assert [(q.kind, q.text, q.speaker.name) for q in found["aside_statement"]] == [
        ("direct", "Who is the real villain here?", "Ines Calder"), ("indirect", "the mayor", "Heller"),
        ("direct", "Councillor Heller produced a budget that shortchanged the ferry.", "Ines Calder")]
