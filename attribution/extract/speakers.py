"""Who said it: the speaker mention tied to a cue, read from the dependency parse.

The subject of the cue verb covers "X said", inverted "..., said X" and
colon-introduced quotes alike; relative clauses ("X, who took office last
week, said") lead back to the noun they modify; shared subjects of
coordinated or controlled verbs ("X smiled and said") are inherited.
"""

from __future__ import annotations

from ..document import Document
from ..text.lexicon import DESCRIPTORS, LINKING_ADVERBS, ORG_WORDS, is_cue_verb
from ..text.timewords import is_time_word

__all__ = ["ADDRESSEE_VERBS", "RELATIVE_PRONOUNS", "antecedent_of", "asker_of", "is_passive", "mention_words",
           "name_before_colon", "opens_with_asked", "reporting_heads", "speaker_of", "subject_of"]

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
#: Dependents that are not part of a mention's own words ("X, who ..., said"; "X, the minister, said").
_OUTSIDE_MENTION = frozenset({"appos", "acl", "acl:relcl", "punct", "parataxis", "advcl", "dep",
                              "cc", "conj", "ccomp", "xcomp", "discourse", "list"})
_SUBJECTS = ("nsubj", "nsubj:outer", "csubj")
_INHERIT = ("conj", "xcomp", "advcl")


def speaker_of(doc: Document, cue: int) -> int | None:
    """The speaker mention's head for a cue: its subject, else the noun phrase beside it.

    Words inside quotation marks are never the speaker: a parser that reads
    '"Education is the driver," he said' as "Education ... said" is wrong.
    """
    head = doc.words[cue].head
    if opens_with_asked(doc, cue):
        return asker_of(doc, cue)  # "Asked whether he would resign, Heller said": a reporter asked, not Heller
    if doc.words[cue].xpos == "VBG" and cue >= 2 and doc.words[cue - 1].lower == "," \
            and is_cue_verb(doc.words[cue - 2].lemma, doc.words[cue - 2].upos) and not doc.inside_marks[cue - 2]:
        return speaker_of(doc, cue - 2)  # '"...," Trump said, adding, "..."': whoever said it adds it
    if doc.words[cue].xpos == "VBG" and head is not None and head < cue and cue > 0 and doc.words[cue - 1].lower == ",":
        return speaker_of(doc, _reporter_above(doc, head))  # "Trump returned the compliment, telling Reuters"
    subject = subject_of(doc, cue)
    if subject is not None and (
            (subject > cue and doc.words[cue].lemma in ADDRESSEE_VERBS)  # '"...," McKee told The Hill': not The Hill
            or (subject < cue and _in_aside_before(doc, subject, cue))):  # "Heller, noting that the deficit ..., added"
        before = _noun_before(doc, cue)
        if before is not None:
            return before
    if subject is not None and subject < cue:
        named = _named_after(doc, cue) or _named_after_quote(doc, subject, cue)
        if named is not None:
            return named  # "..., says political scientist Dossym Satpayev": the parse took a word before
    if subject is not None and not doc.inside_marks[subject]:
        return subject
    if is_passive(doc, cue):
        return None  # "a report which was published": no one is named as saying it
    beside = _adjacent_noun(doc, cue)
    if beside is None and head is not None and head < cue and (
            doc.words[cue].xpos == "VBG" or doc.words[cue].deprel == "conj"):
        return speaker_of(doc, head)  # "Mr. Hedge said, referring to ...", "X called him divisive and accused him"
    return beside


_NP_WORDS = ("PROPN", "NOUN", "PRON")
_NOT_SOURCES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _left_noun(doc: Document, cue: int) -> int | None:
    """The noun right before a cue (past adverbs and auxiliaries), if that is what precedes it."""
    words, sent = doc.words, doc.sentence_of(cue)
    i = cue - 1
    while i >= sent.first and words[i].upos in ("ADV", "AUX", "PART") and not _name_read_as_modal(doc, i):
        i -= 1
    if i >= sent.first and (words[i].upos in _NP_WORDS or _name_read_as_modal(doc, i)) and not doc.inside_marks[i] \
            and _wordlike(doc, i):
        return i
    return None


def _name_read_as_modal(doc: Document, i: int) -> bool:
    """ '"...," Will wrote.': a capitalised "Will" (or "May") inside its sentence before a past tense is a
    name the tagger read as a modal verb, which a base form would follow."""
    words = doc.words
    return words[i].upos == "AUX" and words[i].text[:1].isupper() and i > doc.sentence_of(i).first \
        and i + 1 < len(words) and words[i + 1].upos == "VERB" and words[i + 1].text.lower() != words[i + 1].lemma


def _adjacent_noun(doc: Document, cue: int) -> int | None:
    """ '"...," Blackwell concluded' or '"...," said James Lewis, an expert' read linearly."""
    left = _noun_before(doc, cue)
    if left is not None and _infinitive(doc, cue) and not _a_person(doc, left):
        return None  # "their refusal to support Trump", "an opportunity to praise": the noun says nothing
    if left is not None or doc.words[cue].xpos in ("VBG", "VB"):
        return left  # "trashing Donald Trump ... and accusing him": a participle's object never speaks
    return _noun_after(doc, cue)


def _in_aside_before(doc: Document, word: int, cue: int) -> bool:
    """Whether ``word`` sits in a participle or relative aside set off by commas right before the cue
    (", noting that the deficit had doubled,"): the aside's words are not the cue's subject."""
    words = doc.words
    if cue < 2 or words[cue - 1].lower != ",":
        return False
    opening = next((j for j in range(cue - 2, doc.sentence_of(cue).first, -1) if words[j].lower == ","), None)
    return opening is not None and opening < word < cue - 1 and (
        words[opening + 1].xpos == "VBG" or words[opening + 1].lower in RELATIVE_PRONOUNS)


_CLOSING_MARKS = frozenset({'"', "”", "''", "’"})
_OPENING_MARKS = frozenset({'"', "“", "``", "‘"})


def _noun_before(doc: Document, cue: int) -> int | None:
    """The noun before a cue, past adverbs, a bracketed party ("(R-Ky.)") and one aside in commas."""
    words = doc.words
    sent = doc.sentence_of(cue)
    i = cue - 1
    while i >= sent.first and words[i].upos in ("ADV", "AUX", "PART") and not _name_read_as_modal(doc, i):
        i -= 1
    if i > sent.first and words[i].lower == ")":  # "Sen. Mitch McConnell (R-Ky.) said"
        while i > sent.first and words[i].lower != "(":
            i -= 1
        i -= 1
    if i > sent.first + 1 and words[i].text in _CLOSING_MARKS and words[i - 1].lower == "," and any(
            doc.words[j].text in _OPENING_MARKS for j in range(max(sent.first, i - 5), i - 1)):
        i -= 1  # 'the hacker known as "Guccifer," stated': the comma inside a short name's closing mark
    if i > sent.first and words[i].lower in _ASIDE_MARKS:  # "The minister, speaking to reporters, warned",
        j = i - 1                                           # "Mr. Ware — who is a lawyer — told", "Ms. Abara - in anger -"
        while j > sent.first and words[j].lower != words[i].lower:
            j -= 1
        if words[j].lower == words[i].lower and j - 1 >= sent.first:
            i = j - 1
    if i >= sent.first and (words[i].upos in _NP_WORDS or _name_read_as_modal(doc, i)) and not doc.inside_marks[i] \
            and _wordlike(doc, i):
        return i
    return None


#: What sets an aside off between a subject and its verb: commas, dashes, and hyphens standing for dashes.
_ASIDE_MARKS = frozenset({",", "—", "--", "-", "–"})


def _noun_after(doc: Document, cue: int) -> int | None:
    """The noun phrase right after a cue ("said James Lewis"): its last proper noun heads it."""
    words = doc.words
    sent = doc.sentence_of(cue)
    j = cue + 1
    while j < sent.last and words[j].upos in ("DET", "ADJ", "NUM"):
        j += 1
    if j < sent.last and words[j].upos in _NP_WORDS and not doc.inside_marks[j] and words[j].lower != "it" \
            and _wordlike(doc, j) and not _subject_of_another(doc, j, cue):
        while j + 1 < sent.last and words[j + 1].upos == "PROPN":
            j += 1  # "said Rubio spokesman Alex Conant": the name's last word heads it
        return j
    return None


def _named_after_quote(doc: Document, subject: int, cue: int) -> int | None:
    """ 'Ms. Brainard is "not a backslapper," said Mr. Sperling': a quotation between the subject and an
    inverted cue; the name after the cue said it."""
    before = doc.text[:doc.words[cue].start].rstrip(" \"”’'")
    if doc.words[cue].lemma in ADDRESSEE_VERBS or not before.endswith(",") \
            or not any(doc.inside_marks[j] for j in range(subject + 1, cue)):
        return None  # only an inverted cue after a comma: not "asked for a "review" and said the ministry ..."
    after = _noun_after(doc, cue)
    return after if after is not None and doc.words[after].upos == "PROPN" else None


def _subject_of_another(doc: Document, noun: int, cue: int) -> bool:
    """ "A news report said Defense Secretary Ash Carter used ...": the subject of what was said."""
    w = doc.words[noun]
    return w.deprel.startswith("nsubj") and w.head is not None and w.head != cue


def _named_after(doc: Document, cue: int) -> int | None:
    """ '..., says political scientist Dossym Satpayev.': after a comma, a cue followed by a title and a
    name ending its clause is inverted; the name's last word heads the speaker."""
    words, sent = doc.words, doc.sentence_of(cue)
    if cue - 1 <= sent.first or words[cue - 1].lower != "," or doc.inside_marks[cue - 1]:
        return None
    if words[cue].lemma in ADDRESSEE_VERBS:
        return None  # ", told The Hill": who was told
    i = cue + 1
    while i < sent.last and words[i].upos in ("DET", "ADJ", "NOUN"):
        i += 1
    if i >= sent.last or words[i].upos != "PROPN" or is_time_word(words[i].text) or not (
            any(words[j].upos in ("ADJ", "NOUN") for j in range(cue + 1, i)) or words[i].ner.endswith("PERSON")):
        return None  # a title or a person's name must come first: "said Friday", "said Kono" is the parser's
    while i + 1 < sent.last and words[i + 1].upos == "PROPN":
        i += 1
    after = words[i + 1].lower if i + 1 < sent.last else "."
    return i if after in (",", ".", "in", "of", "at", "on", "from") or i + 1 == sent.last else None


def subject_of(doc: Document, verb: int, depth: int = 0) -> int | None:
    """Head word of the speaker mention for the cue ``verb``, or None."""
    words = doc.words
    passive = is_passive(doc, verb)
    if words[verb].xpos == "VBG" and depth < 2:  # a participle has no subject of its own
        carrier = _carrier(doc, verb)
        if carrier is not None:
            return subject_of(doc, carrier, depth + 1)
    for c in doc.children[verb]:
        rel = words[c].deprel
        if rel == "obl:agent" or (rel == "obl" and (passive or (words[verb].xpos == "VBN" and c > verb and _an_agent(
                doc, c))) and _has_case(doc, c, "by")):  # "As reported by Western Journalism" (not "by 43%-41%")
            return c
    subjects = [c for c in doc.children[verb] if _wordlike(doc, c) and (
        words[c].deprel in _SUBJECTS or (words[c].deprel == "nsubj:pass" and not passive))]
    subjects = [k for k in (_before_preposition(doc, c) for c in subjects) if k is not None] or subjects
    if subjects:
        c = min(subjects, key=lambda c: abs(verb - c))  # "The industry, she said, is ...": she
        c = _before_relative_clause(doc, subjects, c)
        c = _after_a_while(doc, c)
        if words[c].lower in RELATIVE_PRONOUNS:
            if words[verb].deprel == "acl:relcl" or (antecedent_of(doc, c) is not None and not any(
                    words[j].lower == "," for j in range(c + 1, verb))):
                return c  # "Mr. Ekovich, who noted that ...": the mention is "who", resolved to its noun later
            before = _noun_before_relative(doc, c)
            if before is not None:
                return before  # "Robert Chen, who ..., said": the parse lost the relative clause
        return c
    if passive:
        return None  # "it was reported": no source
    inverted = _inverted_subject(doc, verb)
    if inverted is not None:
        return inverted
    head = words[verb].head
    if depth < 2 and head is not None and words[verb].deprel in _INHERIT and words[head].upos == "VERB":
        left = _left_noun(doc, verb)
        if left is not None and _infinitive(doc, verb):
            left = _infinitive_subject(doc, left, purpose=words[verb].deprel == "advcl"
                                       and words[head].lemma not in _MAKING_DO)
        if left is not None and words[left].deprel in ("obj", "iobj") and not (
                words[head].lemma in _MAKING_DO or _a_person(doc, left)):
            left = None  # "opened a rally blasting Clinton", "taking pains to say": the object does nothing
        if left is not None and (left > head or (words[verb].deprel == "advcl" and verb < head)):
            return left  # "..., and Governor Kazuo Ueda said", "After the mayor suggested ..., X said": not X
        return subject_of(doc, _saying_above(doc, verb, head), depth + 1)
    return None


def _an_agent(doc: Document, i: int) -> bool:
    w = doc.words[i]
    return w.upos in ("PROPN", "NOUN", "PRON") and not any(ch.isdigit() for ch in w.text) and _wordlike(doc, i)


def _before_relative_clause(doc: Document, subjects: list[int], nearest: int) -> int:
    """ "Ted Cruz, who won Oklahoma and his home state of Texas, is calling for": of two subjects the parse
    gives a verb, one inside a relative clause between them is not the verb's."""
    first = min(subjects)
    if first < nearest and any(doc.words[j].lower in RELATIVE_PRONOUNS and doc.words[j - 1].lower == ","
                               for j in range(first + 1, nearest)):
        return first
    return nearest


def _a_person(doc: Document, i: int) -> bool:
    """Whether a noun names or describes people (who can say something), as far as words tell."""
    w = doc.words[i]
    return w.upos in ("PROPN", "PRON") or w.lower in DESCRIPTORS or w.lemma.lower() in _PEOPLE


#: Nouns for people and the organisations they speak for: the lexicon's descriptors and organisation words,
#: and plain nouns for people.
_PEOPLE = DESCRIPTORS | ORG_WORDS | frozenset("""people person member staff staffer voter supporter critic official
aide resident worker expert analyst observer leader lawmaker candidate delegate activist protester speaker fan""".split())


def _saying_above(doc: Document, verb: int, head: int) -> int:
    """The verb a speech verb joined by "and" shares its subject with: its head, unless the parse hung it
    inside what another speech verb says ("He said his attacks have given him momentum and said ...": he
    said both)."""
    words = doc.words
    if words[verb].deprel != "conj" or not is_cue_verb(words[verb].lemma, "VERB") \
            or is_cue_verb(words[head].lemma, words[head].upos):
        return head
    return next((node for node in reporting_heads(doc, head) if is_cue_verb(words[node].lemma, words[node].upos)
                 and node < verb), head)


def reporting_heads(doc: Document, node: int):
    """The verbs whose reported clause holds ``node``, nearest first: up a chain of clausal complements."""
    words = doc.words
    while words[node].deprel == "ccomp" and words[node].head is not None:
        node = words[node].head
        yield node


def _reporter_above(doc: Document, node: int) -> int:
    """The speech verb whose reported clause holds ``node``, else ``node``: "Khalif said the rhetoric was
    patronizing, noting ...", where the parse hangs "noting" inside what was said, is Khalif noting (not
    "Her friends mocked him, calling him a buffoon, Susan said": the friends call him that)."""
    words, below = doc.words, node
    head = words[node].head
    while head is not None:
        if words[below].deprel == "ccomp" and head < node and is_cue_verb(words[head].lemma, words[head].upos) \
                and not doc.inside_marks[head]:
            return head
        below, head = head, words[head].head
    return node


def _infinitive(doc: Document, verb: int) -> bool:
    return any(doc.words[c].deprel == "mark" and doc.words[c].lower == "to" for c in doc.children[verb])


def _infinitive_subject(doc: Document, noun: int, purpose: bool) -> int | None:
    """Who does what the infinitive after ``noun`` says: "led Republicans to say", "an opening for Clinton
    to highlight", "members of Congress to endorse" (the members); no one for "in mid-sentence to announce",
    nor for a purpose ("invoked the attacks to defend herself": whoever invoked them)."""
    case = next((doc.words[k].lower for k in doc.children[noun] if doc.words[k].deprel == "case"), None)
    if case == "for" or (case is None and not purpose):
        return noun
    head = doc.words[noun].head
    return head if case == "of" and head is not None and doc.words[head].upos not in ("VERB", "AUX") \
        and _a_person(doc, head) else None  # (not "on the condition of anonymity to discuss")


#: Verbs whose object does what their infinitive says ("will force Sanders to acknowledge", "pressed the
#: mayor to explain"), however the parse hangs the infinitive: it is no purpose of the verb's subject.
_MAKING_DO = frozenset("force urge press pressure push lead prompt encourage invite allow persuade convince "
                       "compel require challenge dare order".split())


#: Things that carry someone's words: "released a statement saying", "a video that said".
_CARRIERS = frozenset("""statement message text video ad advertisement tweet post letter email release
memo note sign banner report""".split())


#: Spans of time a parser takes for the subject in "days after Mayor Elena Marsh promised ...".
_SPANS_OF_TIME = frozenset("moments minutes hours days weeks months years".split())


def _before_preposition(doc: Document, noun: int) -> int | None:
    """A subject in a prepositional phrase is a parser's slip: "78 percent of voters in a recent poll said" is
    the voters', and "Clinton, during a town hall meeting, said" is not the meeting's."""
    case = min(doc.subtree(noun))  # "with The Harbour Courier": the parser may hang "with" on any of its words
    if doc.words[case].deprel != "case" or doc.words[case].lower not in _PREPOSITIONS:
        return noun
    before = case - 1
    return before if before >= 0 and doc.words[before].upos in ("NOUN", "PROPN") else None


#: Prepositions that make a noun phrase a modifier, never a subject (the parse sometimes says otherwise).
_PREPOSITIONS = frozenset("during in at with for on by from into over under about through".split())


def _after_a_while(doc: Document, subject: int) -> int:
    """ "days after Mayor Elena Marsh promised": the person after "after"/"before", not the days."""
    if doc.words[subject].lower not in _SPANS_OF_TIME:
        return subject
    return next((k for k in doc.children[subject] if doc.words[k].deprel in ("nmod", "obl")
                 and (_has_case(doc, k, "after") or _has_case(doc, k, "before"))), subject)


def _carrier(doc: Document, verb: int) -> int | None:
    """For a cue modifying a carrier of words, the verb whose subject sent it
    ("she released a statement saying ..." → released)."""
    words = doc.words
    noun = words[verb].head
    if noun is None or words[verb].deprel not in ("acl", "acl:relcl", "xcomp", "advcl") \
            or words[noun].lemma not in _CARRIERS or words[noun].upos != "NOUN":
        noun = next((i for i in range(verb - 1, max(-1, verb - 4), -1)
                     if words[i].lemma in _CARRIERS and words[i].upos == "NOUN"), None)
        if noun is None:
            return None
    head = words[noun].head
    return head if head is not None and words[head].upos == "VERB" else None


def _inverted_subject(doc: Document, verb: int) -> int | None:
    """ '"...," said Cuban': parsers often read the inverted subject as an object."""
    words = doc.words
    if words[verb].lemma in ADDRESSEE_VERBS or words[verb].xpos == "VBG":
        return None  # "told reporters": who was told; ", trashing the plan": a participle's object
    for c in doc.children[verb]:
        if words[c].deprel in ("obj", "iobj") and c > verb and _wordlike(doc, c) and not _hyphenated(doc, c) and all(
                words[j].upos in ("DET", "ADJ", "PROPN", "NOUN", "VERB", "NUM")
                or (words[j].xpos == "PRP$" and words[c].upos == "PROPN")  # "added his campaign manager Jeff Weaver"
                for j in range(verb + 1, c)):
            before = words[verb - 1] if verb > 0 else None
            if before is not None and before.upos == "PUNCT" and before.text not in (")", "]"):
                return c  # not "Rick Scott (R) blasted Congress": the bracket closes a party label
    return None


def _hyphenated(doc: Document, i: int) -> bool:
    """ "said matter-of-factly": a word hyphened to the next is part of an adverb, not a name."""
    return i + 1 < len(doc.words) and doc.words[i + 1].xpos == "HYPH" and doc.words[i].upos == "NOUN"


ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "warn", "assure", "accuse", "call", "thank", "inform"})


#: Pronouns that are never a subject: "accused him of ...", "told us", "whom", "there is" (nor "his").
_OBJECT_PRONOUNS = frozenset({"him", "them", "me", "us", "whom", "there"})
_DEMONSTRATIVES = frozenset({"this", "these", "those"})


def _wordlike(doc: Document, i: int) -> bool:
    """Whether a word can head a speaker: a closing '' tagged as a noun cannot, nor can a date
    ("said Friday that", "Monday, BuzzFeed announced"), nor a pronoun in the object case, nor "meanwhile"."""
    w = doc.words[i]
    if w.lower in _OBJECT_PRONOUNS or (w.lower == "her" and w.xpos == "PRP") or w.xpos == "PRP$" \
            or w.lower in LINKING_ADVERBS or (w.upos == "PRON" and w.lower in _DEMONSTRATIVES):
        return False  # (nor "this" in "tweeted this:", what was said)
    nxt = doc.words[i + 1] if i + 1 < len(doc.words) else None
    in_name = nxt is not None and nxt.upos == "PROPN" and not is_time_word(nxt.text)  # "Jun Arai", "May Tanaka"
    if w.text in ("%", "percent") and i > 0 and doc.words[i - 1].upos == "NUM":
        return True  # "47% say": a share of those asked
    if w.upos == "NUM" and nxt is not None and nxt.lower == "of" and w.lower.isalpha():
        return True  # "said one of two witnesses"
    return any(ch.isalnum() for ch in w.text) and (in_name or not is_time_word(w.text)) \
        and (w.ner[2:] not in _NOT_SOURCES or (w.upos == "NUM" and w.deprel.startswith("nsubj")))


def antecedent_of(doc: Document, word: int) -> int | None:
    """The noun a relative pronoun stands for: "Mr. Ekovich, who noted ..." → Ekovich."""
    words = doc.words
    w = words[word]
    if w.lower not in RELATIVE_PRONOUNS or w.upos != "PRON" or not w.deprel.startswith("nsubj") or w.head is None:
        return None
    if words[w.head].deprel == "acl:relcl":
        return words[w.head].head
    return _noun_before_relative(doc, word)  # the parse lost the relative clause


def _noun_before_relative(doc: Document, word: int) -> int | None:
    """The noun before ", who"/", which", past a time phrase ("released her records in July, which showed"
    is the records')."""
    words = doc.words
    if word < 2 or words[word - 1].lower != ",":
        return None
    j = word - 2
    while j > 0 and (words[j].upos == "ADP" or is_time_word(words[j].text) or words[j].ner.endswith("DATE")):
        j -= 1
    return j if words[j].upos in ("PROPN", "NOUN") else None


#: The most words a roundup line's source may have before its colon ("Marta Quinn, Bayside Herald:").
_ROUNDUP_WORDS = 8


def name_before_colon(doc: Document, colon: int) -> int | None:
    """The head of a name before a colon with no verb in its clause ("Marta Quinn, Bayside Herald:", "Jeb
    Bush:"): the first name is the source; what follows a comma is the outlet."""
    paragraph_start = doc.paragraphs[doc.paragraph_at(doc.words[colon].start)][0]
    clause = [i for i in range(doc.sentence_of(colon).first, colon)
              if doc.words[i].upos != "PUNCT" and doc.words[i].start >= paragraph_start]
    if not clause or len(clause) > _ROUNDUP_WORDS or any(doc.words[i].upos in ("VERB", "AUX") for i in clause):
        return None
    first = next((i for i in clause if doc.words[i].upos == "PROPN"), None)
    if first is None:
        return None
    while first + 1 < colon and doc.words[first + 1].upos == "PROPN":
        first += 1
    return first


def is_passive(doc: Document, verb: int) -> bool:
    """ "was published", "is expected": a passive auxiliary, or a form of "be" right before the verb."""
    before = doc.words[verb - 1] if verb > 0 else None
    return any(doc.words[c].deprel == "aux:pass" for c in doc.children[verb]) or (
        before is not None and before.lemma == "be" and doc.words[verb].xpos == "VBN")


def asker_of(doc: Document, asked: int) -> int | None:
    """Who asked, named after the question's verb: "Asked by Matt Lauer whether ..." → Lauer's head."""
    return next((c for c in doc.children[asked] if c > asked and doc.words[c].deprel.startswith("obl")
                 and _has_case(doc, c, "by")), None)


def opens_with_asked(doc: Document, verb: int) -> bool:
    """ "Asked about the delays, ...", "When asked whether ...": a question put to the clause's subject."""
    w, first = doc.words[verb], doc.sentence_of(verb).first
    return w.lemma == "ask" and w.xpos == "VBN" and all(
        doc.words[j].lower in ("when", "if", "as", "after", "once") or doc.words[j].upos == "PUNCT"
        for j in range(first, verb)) and not any(doc.words[c].deprel.startswith("nsubj") for c in doc.children[verb])


def _has_case(doc: Document, noun: int, lemma: str) -> bool:
    return any(doc.words[c].deprel == "case" and doc.words[c].lower == lemma for c in doc.children[noun])


def _is_when(doc: Document, i: int) -> bool:
    """A time modifier the parser hung on a name ("Governor Ines Calder on Monday unveiled ...")."""
    w = doc.words[i]
    return w.deprel.startswith(("nmod", "obl")) and (is_time_word(w.text) or w.ner.endswith(("DATE", "TIME")))


def mention_words(doc: Document, head: int) -> list[int]:
    """The words of the mention headed by ``head``, without clauses and appositions, contiguous."""
    skip = {c for c in doc.children[head] if doc.words[c].deprel in _OUTSIDE_MENTION or _is_when(doc, c)}
    idx = doc.subtree(head, skip)
    # keep the contiguous run around the head: a bad parse must not glue far words on
    run = [head]
    pos = idx.index(head)
    for j in reversed(idx[:pos]):
        if j == run[0] - 1:
            run.insert(0, j)
        else:
            break
    for j in idx[pos + 1:]:
        if j == run[-1] + 1:
            run.append(j)
        else:
            break
    while run and (doc.words[run[0]].upos == "PUNCT" or doc.words[run[0]].deprel == "case"):
        run.pop(0)
    while run and doc.words[run[-1]].upos == "PUNCT":
        run.pop()
    return run or [head]
