"""The shared vocabulary: which words introduce speech, and which describe who speaks.

Cues are lemmas, not forms, so "said", "says" and "saying" are one entry. The
lists are deliberately about speech, writing, reporting and stated positions:
attributions a fact-checker can verify against a record. Titles, organisation
nouns and descriptors are what extraction and speaker identity read around names.
"""

from __future__ import annotations

__all__ = [
    "DESCRIPTORS",
    "FINDING_VERBS",
    "INTENT_VERBS",
    "LINKING_ADVERBS",
    "NAMING_VERBS",
    "ORG_WORDS",
    "PHRASAL_CUES",
    "POSSESSIVE_MARKS",
    "QUESTION_VERBS",
    "RECORD_NOUNS",
    "ROLE_WORDS",
    "SAYING_VERBS",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "STANCE_VERBS",
    "is_cue_verb",
]

#: Verbs whose clausal complement (or a nearby quotation) is what someone said.
SPEECH_VERBS = frozenset("""
say tell add write report ask announce declare state claim assert insist argue contend maintain
note observe remark comment explain stress emphasize emphasise warn caution predict suggest
acknowledge admit concede confirm deny reveal disclose tweet post retweet testify reply respond
answer recall repeat reiterate complain lament acknowledge allege charge accuse blame praise
criticize criticise mock deride dismiss reject concede vow pledge promise threaten urge demand
call describe conclude continue counter quip joke boast brag muse agree disagree believe think
predict forecast estimate project insist affirm assure indicate signal hint announce proclaim
write publish blog text email cite conclude find show speculate wonder question doubt fear hope
worry recount yell shout scream chant exclaim cry convey
""".split())

#: Verbs whose infinitive complement states an intention ("vowed to cut taxes").
INTENT_VERBS = frozenset("vow pledge promise threaten plan intend hope want refuse decline urge seek".split())

#: Verbs whose object is what a record says when a record is their subject ("the poll showed Clinton ahead").
FINDING_VERBS = frozenset("show find reveal indicate suggest confirm".split())

#: Records that make claims of their own: polls, studies, reports, documents.
RECORD_NOUNS = frozenset("""poll survey study analysis report data record document email figure research
number paper census count tally estimate filing result audit review investigation memo cable""".split())

#: Verbs that report a question or a request: "asked whether ...", "asked the network to donate ...".
QUESTION_VERBS = frozenset("ask wonder question inquire enquire".split())

#: Verbs that name or judge their object: "called the plan a disaster", "labelled him a traitor".
NAMING_VERBS = frozenset("call label dub brand term deem".split())

#: The core of the lexicon: verbs that are followed by what was said even when the parse
#: attaches nothing to them ("The festival said attendance rose 12 percent").
SAYING_VERBS = frozenset("""
say tell add announce write state claim assert insist argue contend maintain note explain stress
emphasize emphasise warn predict confirm deny acknowledge admit reveal tweet post testify
recall repeat reiterate complain allege concede vow pledge promise boast agree suggest
""".split())

#: Verbs that state a position on a thing; their object is the content ("denounced the deal").
STANCE_VERBS = frozenset("""
denounce reject criticize criticise praise support oppose endorse blame accuse defend attack slam
blast condemn applaud welcome demand propose recommend deny dismiss question cite mention
describe highlight announce reveal confirm acknowledge admit rule order approve veto
unveil hail decry lament tout want favor favour advocate champion back express discuss
""".split())

#: Verb + particle cues whose object is the content: "called for a boycott", "referring to Obama".
PHRASAL_CUES = frozenset({("call", "for"), ("call", "on"), ("refer", "to"), ("push", "for"), ("ask", "for"),
                          ("argue", "for"), ("point", "to"), ("appeal", "for"), ("talk", "about"), ("speak", "about"),
                          ("talk", "of"), ("speak", "of"), ("point", "out")})

#: Nouns that carry reported content as a complement ("voiced concern that ...").
SPEECH_NOUNS = frozenset("""
statement claim claims assertion remark remarks comment comments warning promise pledge vow goal
concern concerns belief view argument allegation accusation message call demand suggestion
announcement assurance insistence hope fear prediction position confidence doubt doubts
resolve determination intention commitment
""".split())


def is_cue_verb(lemma: str, upos: str) -> bool:
    """A speech verb used as a verb (not "a said agreement"); "say" even when tagged a noun,
    which small taggers do ("One in five say that ...")."""
    lemma = _UNLEMMATIZED.get(lemma.lower(), lemma.lower())
    return (upos == "VERB" and lemma in SPEECH_VERBS) or (upos == "NOUN" and lemma == "say")


#: Forms a lemmatizer can leave as they are when they open a sentence ('Said Comey, "..."').
_UNLEMMATIZED = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write", "writes": "write"}


# --- who speaks ----------------------------------------------------------------------------------------

#: Words that make the words before them (and themselves) a title, not part of a name.
ROLE_WORDS = frozenset("""
president minister secretary senator sen. sen representative rep. rep governor gov. gov mayor chief
director judge justice chairman chairwoman chair ceo spokesman spokeswoman spokesperson leader
commissioner ambassador general gen. adm. admiral officer chancellor premier king queen prince
speaker candidate nominee attorney sheriff councillor councilman councilwoman councilmember
superintendent treasurer prosecutor head manager founder executive coach captain professor
skipper harbourmaster harbormaster economist analyst principal lawyer doctor teacher dr. dr mr. mr ms. ms mrs. mrs
pollster strategist commentator columnist historian scientist researcher adviser advisor consultant
""".split())
#: Adverbs that open a sentence or sit after its subject between commas ("Nevertheless, experts agree",
#: "Hunter, meanwhile, told Politico"): taggers sometimes call them names, but they never speak.
LINKING_ADVERBS = frozenset("""meanwhile moreover nevertheless nonetheless however furthermore besides likewise
instead still thus therefore hence accordingly consequently indeed""".split())
#: The tokens a possessive leaves after a name ("Calder 's", "Sanders ’"), straight or curly.
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
#: Nouns that make a name an organisation's, and that "the <noun>" uses to refer back to one.
ORG_WORDS = frozenset("""ministry department agency party company inc. inc corp. corp corporation council
committee commission association union university government office bureau court board bank group
campaign network times post news service institute foundation league federation police club
exchange authority securities motors firm school hospital centre center museum festival""".split())

#: Words before a name that describe the person rather than name them: parties, nationalities,
#: honorifics, offices in the plural, and the adjectives of a title ("former", "national").
DESCRIPTORS = ROLE_WORDS | frozenset("""
republican republicans democrat democrats democratic gop labour labor conservative conservatives tory
liberal liberals independent libertarian socialist progressive centrist
american british english scottish welsh irish french german italian spanish russian ukrainian chinese
japanese korean indian pakistani israeli palestinian iranian iraqi syrian afghan turkish egyptian saudi
mexican canadian australian brazilian european african
representatives senators governors ministers presidents chairperson chairperson's congressman
congresswoman congressmember lawmaker legislator assemblyman assemblywoman delegate whip strategist
pollster consultant adviser advisor aide activist
former ex then late acting incoming outgoing interim deputy vice assistant associate senior junior
top chief national state federal u.s. us uk un eu party committee campaign house senate
sir dame lord lady rev rev. reverend rabbi imam sheikh father pastor bishop cardinal pope
""".split())
