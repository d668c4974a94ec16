"""Indirect speech from the parse: "X said that ...", "according to X, ...".

A cue is a speech verb (or "according to", or a speech noun such as "concern"
in "voiced concern that ..."); its content is the clause the parse attaches
to it. Statements inside quotation marks belong to the direct quote around
them, so cues inside quotation marks are left to that quote.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..model import Quote
from ..text.lexicon import (
    FINDING_VERBS,
    INTENT_VERBS,
    NAMING_VERBS,
    ORG_WORDS,
    PHRASAL_CUES,
    POSSESSIVE_MARKS,
    QUESTION_VERBS,
    RECORD_NOUNS,
    ROLE_WORDS,
    SAYING_VERBS,
    SPEECH_NOUNS,
    STANCE_VERBS,
    is_cue_verb,
)
from ..text.timewords import is_time_word, names_a_time
from .speakers import (ADDRESSEE_VERBS, asker_of, is_passive, name_before_colon, opens_with_asked, speaker_of,
                       subject_of)

__all__ = ["a_source", "according_source", "add_reported", "complement_of", "find_reported", "introduces",
           "to_clause_end", "trim"]

_CLAUSE_RELS = ("ccomp",)
_MIN_WORDS = 3


def _has_verb(doc: Document, indices: Iterable[int]) -> bool:
    """Whether the words at ``indices`` hold a verb: a clause, not a bare noun phrase."""
    return any(doc.words[i].upos in ("VERB", "AUX") for i in indices)


def find_reported(doc: Document) -> list[Quote]:
    """Every cue outside quotation marks with a clause it reports."""
    found = []
    for w in doc.words:
        if doc.inside_marks[w.i]:
            continue
        if w.lower == "according" and w.i + 1 < len(doc.words) and doc.words[w.i + 1].lower == "to":
            quote = _according_to(doc, w.i)
        elif _phrasal(doc, w.i):
            quote = _quote(doc, to_clause_end(doc, [w.i + 2], w.i), w.i, speaker_of(doc, w.i), "subject") \
                if w.i + 2 < doc.sentence_of(w.i).last else None
            if quote is not None:
                quote.cue_last = w.i + 1  # "called for"
        elif _reporting_verb(doc, w.i):
            content = complement_of(doc, w.i)
            if content and content[0] > w.i and not opens_with_asked(doc, w.i):  # the question ends at the answer
                content = to_clause_end(doc, content, w.i)
            quote = _quote(doc, content, w.i, speaker_of(doc, w.i), "subject") if content else None
        elif w.upos == "NOUN" and w.lemma in _CUE_NOUNS:
            quote = (_noun_complement(doc, w.i) if w.lemma in SPEECH_NOUNS else None) or (
                _possessed_stance(doc, w.i) if w.lemma in _OWN_STANCES else None)
        elif w.lower == ":":
            quote = _headline_claim(doc, w.i)
        else:
            quote = None
        if quote is not None:
            found.append(quote)
    return found


def _headline_claim(doc: Document, colon: int) -> Quote | None:
    """ "Trump: My immigration plans aren't set in stone": a name alone before a colon, and a clause after it
    outside quotation marks, is that source's claim (a quotation after it is a direct quote's business)."""
    words, sent = doc.words, doc.sentence_of(colon)
    name = name_before_colon(doc, colon)
    if name is None or words[name].ner == "O" or words[name].ner[2:] in _NOT_SPEAKERS \
            or words[name + 1].upos == "PART":
        return None  # "WASHINGTON: ...", "Monday: ...", "CORRECTION: ...", "Q: ..." (an interviewer's question),
        # "Editor's note: ..." (a note, not a claim)
    content = [i for i in range(colon + 1, sent.last) if words[i].upos != "PUNCT" or i < sent.last - 1]
    if not content or any(doc.inside_marks[i] for i in content) or not _has_verb(doc, content):
        return None
    return _quote(doc, content, colon, name, "headline")


#: Entity types that never make a statement before a colon: places and times.
_NOT_SPEAKERS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def _reporting_verb(doc: Document, i: int) -> bool:
    """A speech, intention or stance verb, or any verb with a subject and a that-clause."""
    w = doc.words[i]
    if w.text[:1].isupper() and w.lower.endswith("ing") and i + 1 < len(doc.words) and doc.words[i + 1].lower == "by":
        return False  # a credit line, "(Reporting by A; Editing by B)", reports nothing
    if i > 0 and doc.words[i - 1].lower in ("so-", "so"):
        return False  # 'the so-called "reforms"': the writer keeping a distance, nobody's statement
    if _idiom(doc, i):
        return False  # "That said, ...", "All told, ...": no one reports anything
    listed = is_cue_verb(w.lemma, w.upos) or (w.upos == "VERB" and w.lemma in INTENT_VERBS | STANCE_VERBS)
    if listed and w.xpos == "VBN" and i + 1 < len(doc.words) and doc.words[i + 1].upos == "NOUN" \
            and w.deprel == "amod":
        return False  # "in a written statement": an adjective (the parse is read only for a listed verb)
    if listed and w.xpos == "VBN" and w.lemma in NAMING_VERBS and not any(
            doc.words[c].deprel == "aux" for c in doc.children[i]):
        return False  # "The terminal, now called Harbour Gate, reopened": a name, not a statement ("has called" is one)
    return listed or _states(doc, i) or (w.upos == "VERB" and w.lemma in _AS_NAMING and _named_as(doc, i) is not None)


#: Sentence openers built on a speech verb that report nothing: "That said,", "All told,".
_IDIOMS = frozenset({("that", "said"), ("this", "said"), ("all", "told")})


def _idiom(doc: Document, i: int) -> bool:
    words = doc.words
    return i >= 1 and i + 1 < len(words) and words[i + 1].lower == "," \
        and (words[i - 1].lower, words[i].lower) in _IDIOMS and i - 1 == doc.sentence_of(i).first


def _phrasal(doc: Document, verb: int) -> bool:
    nxt = verb + 1
    return doc.words[verb].upos == "VERB" and nxt < len(doc.words) and (
        doc.words[verb].lemma, doc.words[nxt].lower) in PHRASAL_CUES


def _states(doc: Document, verb: int) -> bool:
    """A verb outside the lexicon that still reports a stance: it has a subject and a that-clause.

    The words are checked before the parse, so a sentence with no "that"/"whether"/"if" is never
    parsed for this (see selective.py)."""
    if doc.words[verb].upos != "VERB" or not _has_complementizer(doc, verb):
        return False
    kids = doc.children[verb]
    return any(doc.words[c].deprel.startswith("nsubj") for c in kids) and any(
        doc.words[c].deprel == "ccomp" and c > verb and any(
            doc.words[m].deprel == "mark" and doc.words[m].lower in _COMPLEMENTIZERS for m in doc.children[c])
        for c in kids)


_COMPLEMENTIZERS = ("that", "whether", "if")


def _has_complementizer(doc: Document, verb: int) -> bool:
    sent = doc.sentence_of(verb)
    return any(w.lower in _COMPLEMENTIZERS for w in doc.words[sent.first:sent.last])


def complement_of(doc: Document, verb: int) -> list[int] | None:
    """The words a cue verb reports, by the first rule that applies."""
    words, kids = doc.words, doc.children[verb]
    if any(words[c].deprel == "obj" and c > verb and _speech_noun_clause(doc, c) for c in kids):
        return None  # "expressed confidence that ...": the noun's statement (see _noun_complement)
    aside = _parenthetical(doc, verb)
    if aside:  # "The golf industry, she said, is doing better"
        sent = doc.sentence_of(verb)
        rest = [i for i in range(sent.first, sent.last) if not aside[0] <= i <= aside[1]]
        return rest if len(rest) >= _MIN_WORDS else None
    before = _before_inverted_cue(doc, verb)
    if before:  # "The fund grew 4 percent, said Mary Stone, a board member"
        return before
    for c in kids:
        if words[c].deprel in _CLAUSE_RELS and c > verb and not _participle_aside(doc, c):
            # "aides said the average donation ... was $27": a subject misread as the verb's object
            objects = [o for o in kids if words[o].deprel == "obj" and verb < o < c
                       and words[verb].lemma not in ADDRESSEE_VERBS and not is_time_word(words[o].text)]
            return sorted(set(doc.subtree(c)).union(*(doc.subtree(o) for o in objects)))
    if words[verb].lemma in NAMING_VERBS and not is_passive(doc, verb):
        named = _naming(doc, verb)
        if named:
            return named
    if words[verb].lemma in _AS_NAMING and not is_passive(doc, verb):
        named = _named_as(doc, verb)
        if named:
            return named
    if opens_with_asked(doc, verb):
        return _question_before_answer(doc, verb)
    if words[verb].lemma in QUESTION_VERBS:
        asked = _question(doc, verb)
        if asked:
            return asked
    if words[verb].lemma in INTENT_VERBS:
        for c in kids:
            if words[c].deprel == "xcomp" and c > verb:
                return doc.subtree(c)
    for c in kids:  # "said: the plan ..." and "told reporters that ..." parsed loosely
        if c > verb and words[c].deprel in ("parataxis", "ccomp", "advcl", "obj", "obl", "acl") \
                and not _participle_aside(doc, c):  # (", adding that ...": what is added is its own statement)
            that = _that_clause(doc, c)
            if that:
                return that
    for c in kids:  # "The supply arrived on Monday, officials said.": the content comes first, up to the
        if words[c].deprel in _CLAUSE_RELS and c < verb and not doc.inside_marks[c]:  # comma before the source
            subject = next((k for k in kids if words[k].deprel.startswith("nsubj") and c < k < verb), verb)
            edge = min(doc.subtree(subject)) if subject != verb else verb  # "..., John Lee, a spokesman, said"
            comma = next((j for j in range(edge - 1, c, -1) if words[j].lower == ","), None)
            return list(range(doc.sentence_of(verb).first, comma)) if comma is not None else doc.subtree(c)
    before = _before_source(doc, verb)
    if before:
        return before
    after = _after_as_source(doc, verb)
    if after:
        return after
    if words[verb].lemma in STANCE_VERBS and not any(
            words[c].deprel == "compound:prt" and words[c].lower in _OTHER_VERB_PARTICLES for c in kids):
        for c in kids:  # (not "backed up its claim": the particle makes another verb)
            if words[c].deprel == "obj" and c > verb:
                return doc.subtree(c)  # "denounced the United Nations"
    if words[verb].lemma in FINDING_VERBS and _a_record(doc, verb):
        found = [c for c in kids if c > verb and words[c].deprel in ("obj", "xcomp")]
        if found:  # "A Marquette poll showed Clinton poised to carry the state"
            return sorted(set().union(*(doc.subtree(c) for c in found)))
    after = _after_cue(doc, verb) or _after_comma(doc, verb)
    if after:
        return after
    if not is_passive(doc, verb) and not any(words[c].deprel in ("obj", "xcomp", "ccomp", "csubj") and not (
            _participle_aside(doc, c) or names_a_time(words[c])) for c in kids):  # "he said Thursday, wiping ..."
        around = _around_bare_cue(doc, verb)  # "The plan works, he said." / "The plan, he said, works."
        if around:
            return around
    return _that_after(doc, verb)


#: Particles that make a stance verb another verb: "back up", "back down", "back away", "call off".
_OTHER_VERB_PARTICLES = frozenset({"up", "down", "away", "off"})


def _that_after(doc: Document, verb: int) -> list[int] | None:
    """ "Exit polling showed that Clinton won every group": a cue followed by "that" and a clause reports it,
    whatever the parse hangs on the cue."""
    words, sent = doc.words, doc.sentence_of(verb)
    that = verb + 1
    if that + 1 >= sent.last or words[that].lower != "that" or words[that].upos != "SCONJ" or doc.inside_marks[that] \
            or words[verb].xpos == "VBG":
        return None  # (not "the Review Board finding that ...", a participle describing a record)
    content = to_clause_end(doc, [that + 1], verb)
    return content if _has_verb(doc, content) else None


def _before_source(doc: Document, verb: int) -> list[int] | None:
    """ "A six-year trend will end this year, the Congressional Budget Office reported on Tuesday", "...,
    as The New York Times reported": a source and cue after a comma report the clause before it, however
    the parse hangs them."""
    words, sent = doc.words, doc.sentence_of(verb)
    if words[verb].lemma not in SAYING_VERBS or words[verb].xpos not in ("VBD", "VBZ", "VBP") \
            or is_passive(doc, verb) or any(c > verb and (words[c].deprel == "ccomp" or (
                words[c].deprel == "obj" and words[verb].lemma not in ADDRESSEE_VERBS and not is_time_word(words[c].text)))
            for c in doc.children[verb]):
        return None  # (who was told is no content: "..., a school spokesman told The Wall Street Journal"; nor is
        # "reported this week")
    subject = subject_of(doc, verb)
    if subject is None or subject > verb or not (a_source(words[subject]) or words[subject].upos == "PRON"):
        return None
    edge = min(doc.subtree(subject))
    if any(words[j].upos not in ("DET", "ADJ", "PROPN", "NOUN", "PRON", "PUNCT", "PART", "NUM") for j in range(edge, verb)):
        return None  # "...,  officials who spoke with us said" is read by the parse, not here
    end = verb + 1
    while end < sent.last and (words[end].upos in ("ADP", "DET", "NOUN", "PROPN", "NUM", "ADV") or (
            words[end].xpos == "NNP")):
        end += 1  # "reported on Tuesday", "told The New York Times" ("New" may be tagged an adjective)
    if end < sent.last and not (words[end].lower in (".", "—", "--", ";", "!", "?") or (
            words[end].lower == "," and end + 1 < sent.last and words[end + 1].upos in ("CCONJ", "SCONJ"))):
        return None  # the cue goes on ("Maher stated of the scandal that ..."), or sits in the middle of what
        # was said ("Russia is playing interference, they say, imposing ...")
    comma = edge - 2 if edge - 2 > sent.first and words[edge - 1].lower == "as" else edge - 1
    if comma <= sent.first or words[comma].lower != "," or doc.inside_marks[comma]:
        return None
    content = list(range(sent.first, comma))
    if len(content) < _MIN_WORDS or not _has_verb(doc, content) \
            or any(doc.inside_marks[i] for i in content):
        return None
    return content


def _after_as_source(doc: Document, verb: int) -> list[int] | None:
    """ "As The Washington Post reported today, the State Department issued subpoenas": a sentence opening with
    "As", a source and a cue reports what follows the comma, however the parse hangs it."""
    words, sent = doc.words, doc.sentence_of(verb)
    if words[sent.first].lower != "as" or words[verb].lemma not in _AS_REPORTED \
            or any(words[j].upos not in ("DET", "ADJ", "PROPN", "NOUN", "PART", "PUNCT") for j in range(sent.first + 1, verb)):
        return None
    comma = verb + 1
    while comma < sent.last and words[comma].lower != "," and (
            words[comma].upos in ("ADV", "ADP", "DET", "NOUN", "PROPN", "NUM") or is_time_word(words[comma].text)):
        comma += 1  # "reported just today", "said on Tuesday"
    if comma >= sent.last or words[comma].lower != "," or doc.inside_marks[comma]:
        return None
    content = list(range(comma + 1, sent.last))
    return content if _has_verb(doc, content) else None


#: Cues of "As The Post reported, ...".
_AS_REPORTED = SAYING_VERBS | frozenset({"report"})


def _a_record(doc: Document, verb: int) -> bool:
    """Whether the verb's subject is a poll, study, report or records: what it shows or finds is its claim."""
    return any(doc.words[c].deprel.startswith("nsubj") and doc.words[c].lemma in RECORD_NOUNS
               for c in doc.children[verb])


def _naming(doc: Document, verb: int) -> list[int] | None:
    """ "called the plan a disaster", "called him divisive": the object and what it is called."""
    words, kids = doc.words, doc.children[verb]
    thing = next((c for c in kids if c > verb and words[c].deprel == "obj"), None)
    called = next((c for c in kids if thing is not None and c > thing and words[c].deprel in ("xcomp", "obj")), None)
    if called is not None:
        return sorted(set(doc.subtree(thing)) | set(doc.subtree(called)))
    quoted = _quoted_after(doc, max(doc.subtree(thing))) if thing is not None else []
    return sorted(set(doc.subtree(thing)) | set(quoted)) if quoted else None  # 'called his use "careless"'


def _named_as(doc: Document, verb: int) -> list[int] | None:
    """ "portrayed the levy as a tax on commuters", "sees Calder as the likelier winner": the object and what it is
    taken for."""
    words, kids = doc.words, doc.children[verb]
    thing = next((c for c in kids if c > verb and words[c].deprel == "obj"), None)
    if thing is None:
        return None
    taken = next((c for c in kids if c > thing and words[min(doc.subtree(c))].lower == "as"), None)
    return sorted(set(doc.subtree(thing)) | set(doc.subtree(taken))) if taken is not None else None


#: Verbs that report a judgement when they take an object "as" something.
_AS_NAMING = frozenset("portray depict paint cast characterize characterise see view regard describe".split())


def _quoted_after(doc: Document, i: int) -> list[int]:
    """The words of a quotation right after word ``i`` (parsers hang it anywhere)."""
    mark = next((m for m in doc.marks if 0 <= m.open - doc.words[i].end <= 1), None)
    return list(doc.words_within(mark.open, mark.end if mark.close is None else mark.close + 1)) if mark else []


_QUESTION_WORDS = frozenset("whether if what who whom whose why how when where which".split())


def _question(doc: Document, verb: int) -> list[int] | None:
    """What was asked: a clause opened by "whether", "if" or a question word, a request ("asked the network
    to donate ..."), or "about" a subject; the person asked is no part of it."""
    words = doc.words
    for c in doc.children[verb]:
        if c < verb:
            continue
        rel, first = words[c].deprel, min(doc.subtree(c))
        if rel == "xcomp" or (rel in ("ccomp", "advcl") and words[first].lower in _QUESTION_WORDS) or (
                rel == "obl" and words[first].lower == "about"):
            return doc.subtree(c)
    return None


def _question_before_answer(doc: Document, verb: int) -> list[int] | None:
    """ "Asked whether he would resign, Heller said ...": the question runs to the comma before the
    answer's clause (the parse often hangs the answer on the question)."""
    words, sent = doc.words, doc.sentence_of(verb)
    head = words[verb].head
    subject = next((c for c in doc.children[head] if words[c].deprel.startswith("nsubj") and c > verb), None) \
        if head is not None and head > verb else None
    answer = min(doc.subtree(subject)) if subject is not None else sent.last
    comma = next((j for j in range(answer - 1, verb, -1) if words[j].lower == ","), None)
    if comma is None:
        comma = next((j for j in range(verb + 1, sent.last) if words[j].lower == ","), None)
    asker = asker_of(doc, verb)
    first = max(doc.subtree(asker)) + 1 if asker is not None else verb + 1  # "Asked by Matt Lauer whether ..."
    while asker is not None and first < sent.last and words[first].upos == "PROPN":
        first += 1  # the rest of a name the parse split
    content = list(range(first, comma)) if comma is not None else []
    return content if len(content) >= _MIN_WORDS else None


def _before_inverted_cue(doc: Document, verb: int) -> list[int] | None:
    """After "..., said" comes the source ("said David Gilbert, its president"), so what was said is the
    sentence before the comma, whatever the parse hangs on the verb."""
    words, sent = doc.words, doc.sentence_of(verb)
    if words[verb].lemma not in SAYING_VERBS or words[verb].xpos not in ("VBD", "VBZ", "VBP") \
            or words[verb].deprel == "conj" or verb - 1 <= sent.first or words[verb - 1].lower != ",":
        return None  # not "..., saying ...", nor "She stood up, said a few words and left"
    speaker = speaker_of(doc, verb)
    if speaker is None or speaker < verb or words[verb + 1].upos not in ("PROPN", "DET", "ADJ", "NOUN") \
            or is_time_word(words[verb + 1].text) or not a_source(words[speaker]):
        return None  # the source must follow: a name or "a spokesman" ("said Friday that", "said a few words")
    content = list(range(sent.first, verb - 1))
    comma = next((j for j in range(speaker + 1, sent.last) if words[j].lower == ","), None)
    if comma is not None and comma + 1 < sent.last and words[comma + 1].upos in ("VERB", "AUX"):
        content += list(range(comma + 1, sent.last))  # "The worst flooding, said Kono, was in the old town"
    if len(content) < _MIN_WORDS or any(doc.inside_marks[i] for i in content):
        return None  # '"...," said X': the direct quote is what was said
    return content


_NP = ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "PART")


def _after_cue(doc: Document, cue: int) -> list[int] | None:
    """Read linearly when the parse gives no complement: after the cue, past time and place phrases
    ("on Friday", "in a statement") and the addressee ("told reporters"), a clause that follows is
    the content: "The festival said attendance rose 12 percent"."""
    words, sent = doc.words, doc.sentence_of(cue)
    if words[cue].lemma not in SAYING_VERBS or is_passive(doc, cue):
        return None
    if cue > sent.first and words[cue - 1].upos == "PUNCT" and cue + 1 < sent.last \
            and words[cue + 1].upos in ("PROPN", "DET", "ADJ", "NOUN"):
        return None  # "..., said David Gilbert, its president": the name follows, the content came before
    i = cue + 1
    addressee = words[cue].lemma in ADDRESSEE_VERBS or _addressed_then_that(doc, cue + 1, sent.last)
    while i < sent.last:
        w = words[i]
        if w.lower == "to" and w.upos == "PART":
            return None  # "seeking to stem ...": an infinitive, not a report
        if w.upos in ("ADV", "PART") or (w.upos == "ADP" and w.lower != "that"):
            i += 1
        elif addressee and w.upos in _NP:
            addressee = False
            i = _noun_phrase_end(doc, i, sent.last)
        elif i > cue + 1 and words[i - 1].upos == "ADP" and w.upos in _NP:
            while i < sent.last and words[i].upos in _NP:
                i += 1
        else:
            break
    marked = i < sent.last and words[i].lower == "that"
    if marked:
        i += 1
    if i >= sent.last or inside_quote(doc, i) or words[i].upos == "PUNCT":
        return None  # "he said, popping a soda": what follows a comma is not what was said
    content = to_clause_end(doc, [i], cue)
    clause_like = _has_verb(doc, content) or (
        len(content) >= 4 and words[content[0]].upos in ("DET", "NOUN", "PROPN", "PRON", "NUM"))
    if len(content) < _MIN_WORDS or not (marked or clause_like):
        return None
    return content


def _after_comma(doc: Document, cue: int) -> list[int] | None:
    """ "Other experts say, she and her aides weren't trying to be traitors": a subject, a cue and a comma
    before a clause of its own (a subject and a verb, not "he said, popping a soda") report that clause."""
    words, sent = doc.words, doc.sentence_of(cue)
    start = cue + 2
    if words[cue].lemma not in SAYING_VERBS or words[cue].xpos not in ("VBD", "VBZ", "VBP") or start >= sent.last \
            or words[cue + 1].lower != "," or words[start].xpos == "VBG" or inside_quote(doc, start) \
            or not any(c < cue and words[c].deprel.startswith("nsubj") for c in doc.children[cue]):
        return None
    content = to_clause_end(doc, [start], cue)
    inside = set(content)
    clause = any(words[k].deprel.startswith("nsubj") and words[k].head in inside for k in content)
    return content if clause and not any(doc.inside_marks[k] for k in content) else None


def _addressed_then_that(doc: Document, first: int, last: int) -> bool:
    """ "promised islanders that ...": a noun phrase right after the cue, then "that": whom it was said to."""
    i = _noun_phrase_end(doc, first, last)
    return first < i < last and doc.words[i].lower == "that"


def _noun_phrase_end(doc: Document, i: int, last: int) -> int:
    """The first word from ``i`` that is no part of a noun phrase (a "that" opens a clause)."""
    while i < last and doc.words[i].upos in _NP and doc.words[i].lower != "that":
        i += 1
    return i


def inside_quote(doc: Document, i: int) -> bool:
    return doc.inside_marks[i]


def _participle_aside(doc: Document, node: int) -> bool:
    """ "he said, popping a soda": a participle after a comma describes the speaker, it is not said."""
    return doc.words[node].xpos == "VBG" and node > 0 and doc.words[node - 1].lower == ","


def _parenthetical(doc: Document, verb: int) -> tuple[int, int] | None:
    """ "X, he said, Y": the words of a cue and its subject set off by commas inside the sentence."""
    words, sent = doc.words, doc.sentence_of(verb)
    left = verb - 1
    while left > sent.first and words[left].upos in ("PRON", "PROPN", "ADV", "AUX"):
        left -= 1
    right = verb + 1
    while right < sent.last - 1 and words[right].upos == "ADV":
        right += 1
    after = right + 1
    while after < sent.last and not any(ch.isalnum() for ch in words[after].text):
        after += 1
    if left > sent.first and left < verb - 1 and words[left].lower == "," and right < sent.last - 1 \
            and words[right].lower == "," and not doc.inside_marks[left] and after < sent.last \
            and not doc.inside_marks[after] and words[after].xpos != "VBG":
        return left, right  # not '"A," he said, popping ...' nor 'Trump yelled, "Out!"'
    return None


def _around_bare_cue(doc: Document, verb: int) -> list[int] | None:
    """The rest of the sentence around a cue that reports nothing of its own ("..., he said.")."""
    sent = doc.sentence_of(verb)
    own = set(doc.subtree(verb))
    solid = [i for i in own if doc.words[i].upos != "PUNCT"]
    lo, hi = min(solid), max(solid)
    if lo > sent.first and doc.words[lo - 1].upos != "PUNCT":
        return None  # the cue clause must stand apart: "..., he said" not "he said ..."
    if hi + 1 < sent.last and doc.words[hi + 1].upos != "PUNCT":
        return None
    rest = [i for i in range(sent.first, sent.last) if i not in own]
    if lo > sent.first and hi + 2 < sent.last and doc.words[hi + 2].upos == "CCONJ" and any(
            is_cue_verb(doc.words[j].lemma, doc.words[j].upos) for j in range(hi + 3, sent.last)):
        rest = [i for i in rest if i < lo]  # "A, records show, and experts say B": B is the experts' own
    return rest if len(rest) >= _MIN_WORDS else None


_STOPS = frozenset({";", ":"})
_COORDINATORS = frozenset({",", "and", "but", "or", "yet"})


def to_clause_end(doc: Document, content: list[int], cue: int) -> list[int]:
    """Reported content after its cue runs on to the end of the sentence: parsers often cut the
    clause short. It stops at a semicolon or colon, before ", adding ..." or ", according to", and
    before a clause of the cue's own with a subject ("said A, but Cook did not say when")."""
    words, sent = doc.words, doc.sentence_of(content[0])
    aside = _participle_cue(doc, content)
    if aside is not None:
        return [i for i in content if i < aside]
    end = content[-1]
    i = end + 1
    last = min((edge for c in doc.children[cue] if c > end and words[c].deprel == "conj"
                and _next_statement(doc, c, cue, content)
                and words[edge := min(doc.subtree(c))].lower in _COORDINATORS), default=sent.last)
    inner = set(content)
    while i < last:
        w = words[i]
        if w.lower in _STOPS or (is_cue_verb(w.lemma, w.upos) and i not in content and _starts_clause(doc, i)):
            end = _before_last_comma(doc, content[-1], i, end)
            break  # "..., but he said Trump could ...": the next statement is its own
        if w.lower == "," and i + 1 < sent.last and (
                words[i + 1].lower == "according" or is_cue_verb(words[i + 1].lemma, words[i + 1].upos)
                or (i + 2 < sent.last and is_cue_verb(words[i + 2].lemma, words[i + 2].upos))
                or (not any(doc.inside_marks[i + 1:i + 3]) and _outside(doc, i + 1, inner, cue))):
            break
        end = i
        i += 1
    return sorted(set(content) | set(range(content[0], end + 1)))


def _participle_cue(doc: Document, content: list[int]) -> int | None:
    """ "Carson said he saw no need to change, telling Stephanopoulos that ...": a comma and a speech verb's
    participle inside the content the parse gave open the speaker's next statement, not more of this one
    (and "and Trump calling it ..." someone else's)."""
    words = doc.words
    return next((j for j in content[1:] if (words[j].lower == "," and j + 1 < len(words) and words[j + 1].xpos == "VBG"
                 and words[j + 1].lemma in _ANSWERING and not doc.inside_marks[j + 1]) or _another_participle(doc, j)),
                None)


def _another_participle(doc: Document, j: int) -> bool:
    """ "Ryan saying he was encouraged and Trump calling it a great meeting": "and", another subject and a
    speech participle start someone else's statement."""
    words, sent = doc.words, doc.sentence_of(j)
    if words[j].lower != "and" or doc.inside_marks[j]:
        return False
    k = j + 1
    while k < sent.last and k - j <= 6 and words[k].upos in ("DET", "ADJ", "PROPN", "NOUN") and not doc.inside_marks[k]:
        k += 1
    return k > j + 1 and k < sent.last and any(words[m].upos == "PROPN" for m in range(j + 1, k)) \
        and words[k].xpos == "VBG" and is_cue_verb(words[k].lemma, words[k].upos)


#: Verbs whose participle after a comma is the speaker going on ("..., noting that", "..., responding that");
#: not "showing", which is as often what the content's subject shows.
_ANSWERING = SAYING_VERBS | frozenset({"respond", "reply"})


def _outside(doc: Document, word: int, content: set[int], cue: int) -> bool:
    """Whether the parse hangs ``word`` on the cue or above it, not on the content: ", an acknowledgment
    that ..." after "said that families would pay more" is the writer's."""
    node, head = word, doc.words[word].head
    while head is not None:
        if head == cue:  # "promised to cut taxes, raise tariffs ...": a list the parser hangs on the cue is content
            return doc.words[node].deprel not in ("conj", "xcomp", "ccomp", "obj", "dep")
        if head in content:
            return False
        node, head = head, doc.words[head].head
    return True


def _next_statement(doc: Document, verb: int, cue: int, content: list[int]) -> bool:
    """Whether a clause the parse joins to the cue is a statement of its own: the cue's subject again ("Cook
    said A, but Cook did not say when"), or, after a comma, another subject outside quotation marks ("Adelson
    blasted the mayor for not dredging, and the silt has built up") once the content has a verb of its own (not
    after "says that contrary to the claims of X, he ...")."""
    if _same_subject(doc, verb, cue):
        return True
    words = doc.words
    subjects = [k for k in doc.children[verb] if words[k].deprel.startswith("nsubj")]
    edge = min(doc.subtree(verb))
    return len(subjects) == 1 and subjects[0] > cue and words[edge].lower == "," and not doc.inside_marks[verb] \
        and _has_verb(doc, range(content[0], edge))


def _same_subject(doc: Document, verb: int, cue: int) -> bool:
    """Whether ``verb`` has the cue's subject again, by name or pronoun ("Cook said A, but Cook did not say when")."""
    own = subject_of(doc, cue)
    if own is None:
        return False
    mention = [doc.words[i] for i in doc.subtree(own)]
    person = doc.words[own].upos == "PROPN" or doc.words[own].lower in ROLE_WORDS
    again = {w.lower for w in mention} | ({"he", "she"} if person else set())
    return any(doc.words[k].deprel == "nsubj" and doc.words[k].lower in again for k in doc.children[verb])


def _starts_clause(doc: Document, cue: int) -> bool:
    """A cue that opens a new statement: ", but he said", "and added", ", and one in five say" (not "would
    have to report"): a comma or conjunction just before the cue or before its subject."""
    subject = next((c for c in doc.children[cue] if doc.words[c].deprel.startswith("nsubj") and c < cue), None)
    start = min(cue - 3, min(doc.subtree(subject)) - 1) if subject is not None else cue - 3
    return any(doc.words[j].lower in (",", ";", "and", "but") for j in range(max(0, start), cue))


def _before_last_comma(doc: Document, floor: int, cue: int, end: int) -> int:
    """Where the content ends when another cue follows it: before the last comma ahead of that cue."""
    for j in range(cue - 1, floor, -1):
        if doc.words[j].lower in (",", ";", "—", "--"):
            return j - 1
    return min(end, cue - 1) if floor < cue else end


def _that_clause(doc: Document, node: int) -> list[int] | None:
    """A clause introduced by "that" somewhere under ``node`` (the parser often misattaches it)."""
    for i in doc.subtree(node):
        w = doc.words[i]
        if w.lower == "that" and w.deprel == "mark" and w.head is not None and w.head > i:
            return doc.subtree(w.head)
    return None


def _according_to(doc: Document, according: int) -> Quote | None:
    """ "According to X, <content>" / "<content>, according to X": read linearly, since parsers
    attach the phrase anywhere. The source runs from "to" to the next punctuation."""
    words, sent = doc.words, doc.sentence_of(according)
    end = _source_end(doc, according)
    source = _source_words(doc, according, end)
    if not source:
        return None
    phrase = set(range(according, end))
    if according > sent.first and words[according - 1].upos == "PUNCT":
        # "..., according to X[, more]": the content is the sentence around the phrase
        tail = end
        if end < sent.last and words[end].lower == ",":
            while tail < sent.last and not (words[tail].upos == "PUNCT" and tail > end and words[tail].lower == ","):
                tail += 1
        phrase |= set(range(according - 1, min(tail, end + 1)))
        if end + 1 < sent.last and words[end].lower == "," and words[end + 1].xpos == "VBG":
            phrase |= set(range(end, sent.last))  # "..., according to X, taking a step toward ...": X's aside
    content = [i for i in range(sent.first, sent.last) if i not in phrase]
    if _complete_before(doc, according, end):
        content = [i for i in content if i < according]  # "A, according to X, even as B": B is the writer's
    quote = _quote(doc, content, according, _last_noun_before_of(doc, source), "according")
    if quote is not None:
        quote.cue_last = according + 1
    return quote


def _complete_before(doc: Document, according: int, end: int) -> bool:
    """Whether the sentence's clause is whole before ", according to" (ending at ``end``): its verb and the verb's
    subject and objects come before it, and no noun phrase follows ("Fundraising, according to the campaign, has
    surged", "The pier receives, according to one report, $4 million a year" are not whole)."""
    words, sent = doc.words, doc.sentence_of(according)
    root = sent.root
    if according - 1 <= sent.first or words[according - 1].lower != "," or root is None or root > according:
        return False
    if end + 1 < sent.last and words[end].lower == "," and words[end + 1].upos in _PHRASE_OPENERS:
        return False
    return not any(c > according and words[c].deprel in _CORE for c in doc.children[root])


#: Words that open a noun phrase: after ", according to X," they go on with the clause before.
_PHRASE_OPENERS = frozenset({"DET", "NUM", "SYM", "NOUN", "PROPN", "ADJ", "PRON"})


#: The relations that make a clause whole.
_CORE = frozenset({"nsubj", "nsubj:pass", "csubj", "obj", "iobj", "ccomp", "xcomp"})


def _source_end(doc: Document, according: int) -> int:
    """Where the source of "according to" ends: at the next punctuation or relative pronoun."""
    words, sent = doc.words, doc.sentence_of(according)
    end = according + 2
    while end < sent.last and words[end].upos != "PUNCT" and words[end].lower not in ("who", "which", "that"):
        end += 1
    return end


def _source_words(doc: Document, according: int, end: int) -> list[int]:
    """The nouns of the source ("according to a report on Wednesday": the report, not the day)."""
    return [i for i in range(according + 2, end) if doc.words[i].upos in ("PROPN", "NOUN", "PRON")
            and not names_a_time(doc.words[i])]


def according_source(doc: Document, according: int) -> int | None:
    """The head of the source named by "according to ...", or None."""
    source = _source_words(doc, according, _source_end(doc, according))
    return _last_noun_before_of(doc, source) if source else None


#: Nouns for someone (or something) that speaks: titles, organisations, and these.
_SOURCE_NOUNS = ROLE_WORDS | ORG_WORDS | frozenset("official officials source sources aide aides statement report".split())


def a_source(word) -> bool:
    """A name, or a noun for someone who speaks ("a spokesman", "officials") or an organisation."""
    return word.upos == "PROPN" or word.ner != "O" or word.lower in _SOURCE_NOUNS


def _last_noun_before_of(doc: Document, nouns: list[int]) -> int:
    """The head of "the Ministry of Defense's records": the last noun before "of"/"'s" material."""
    head = nouns[0]
    for i in nouns:
        if i > head + 1 and doc.words[i - 1].lower in ("of", "for", "at", "in"):
            break
        head = i
    return head


def _noun_complement(doc: Document, noun: int) -> Quote | None:
    """ "voiced concern that ...", "conveyed the goal of keeping ...", "its resolve to strengthen ...": what
    follows the noun's "that" (or "of" with a gerund, "to" with an infinitive) is the content; the governing
    verb is the cue, its subject the source. Read linearly: parsers attach these clauses anywhere."""
    words = doc.words
    verb = noun - 1
    while verb >= 0 and words[verb].sent == words[noun].sent and (words[verb].upos in ("DET", "ADJ", "PRON") or (
            words[verb].lower in ("'s", "’s") and verb - 1 > 0 and words[verb - 1].upos in ("NOUN", "PROPN"))):
        verb -= 2 if words[verb].lower in ("'s", "’s") else 1  # "expressed (its) (deep) concern", "the government's goal"
    if verb < 0 or words[verb].upos != "VERB" or doc.inside_marks[noun]:
        return None
    nxt = noun + 1
    if _speech_noun_clause(doc, noun):
        source = None if is_cue_verb(words[verb].lemma, words[verb].upos) else _possessor(doc, verb, noun)
        quote = _quote(doc, to_clause_end(doc, [nxt + 1], verb), verb,
                       source if source is not None else speaker_of(doc, verb), "noun")
        if quote is not None:
            quote.cue_last = noun  # "expressed confidence"
        return quote
    return None


def _speech_noun_clause(doc: Document, noun: int) -> bool:
    """Whether a speech noun opens its own content: "concern that ...", "the goal of keeping ...", "its resolve to
    strengthen ..."."""
    words, nxt = doc.words, noun + 1
    if words[noun].lemma not in SPEECH_NOUNS or nxt + 1 >= len(words) or words[nxt].sent != words[noun].sent:
        return False
    return words[nxt].lower == "that" or (
        words[nxt].lower in ("of", "to") and words[nxt + 1].xpos == ("VBG" if words[nxt].lower == "of" else "VB"))


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their"})


def _possessed_stance(doc: Document, noun: int) -> Quote | None:
    """ "Sanders's attacks on the role of money in politics", "Mr. Obama's calls for tighter gun control", "his
    promise to build a wall": a stance someone's own, and what it is on."""
    words = doc.words
    owner = next((i for i in range(noun - 1, max(doc.sentence_of(noun).first, noun - 4) - 1, -1)
                  if words[i].upos not in ("ADJ", "ADV")), None)
    if owner is None or doc.inside_marks[noun] or noun + 2 >= doc.sentence_of(noun).last:
        return None
    if words[owner].lower in POSSESSIVE_MARKS and owner > 0 and words[owner - 1].upos in ("PROPN", "NOUN"):
        owner -= 1
    elif not (words[owner].lower in _POSSESSIVE_PRONOUNS and words[owner].upos == "PRON"):
        return None
    nxt = words[noun + 1]
    if nxt.lower == "to" and words[noun + 2].xpos == "VB":
        content = doc.subtree(noun + 2)
    elif nxt.lower in _STANCE_PREPOSITIONS and nxt.head is not None and nxt.head > noun + 1 and nxt.deprel == "case":
        content = doc.subtree(nxt.head)
    else:
        return None
    quote = _quote(doc, [i for i in content if i > noun + 1], noun, owner, "noun")
    if quote is not None:
        quote.cue_last = noun + 1  # "attacks on"
    return quote


#: Nouns of a stance someone states ("her attack on Sanders", "his call for a boycott"); not plans or support,
#: which are as often acts as words.
_OWN_STANCES = frozenset("""attack criticism proposal call promise vow pledge assertion announcement view claim demand
warning opposition praise endorsement""".split())
_STANCE_PREPOSITIONS = frozenset({"on", "of", "for", "against", "toward", "towards"})
#: Nouns that can be a cue: speech nouns with a clause of their own, and stances someone owns.
_CUE_NOUNS = SPEECH_NOUNS | _OWN_STANCES


def _possessor(doc: Document, verb: int, noun: int) -> int | None:
    """Whose claim it is, between a verb that says nothing itself and the noun: "bolster Rubio's claim"
    (in "conveyed the government's goal" the speaker conveys)."""
    for i in range(noun - 1, verb, -1):
        w = doc.words[i]
        if w.lower in ("'s", "’s") and doc.words[i - 1].upos in ("NOUN", "PROPN"):
            return i - 1
        if w.lower in _POSSESSIVE_PRONOUNS and w.upos == "PRON":
            return i
    return None


def trim(content: list[int], doc: Document) -> list[int]:
    """Content words without a leading "that"/"to" and without punctuation at either end."""
    words = doc.words
    content = list(content)
    while content and (words[content[0]].upos == "PUNCT" or (
            words[content[0]].lower in ("that", "to") and words[content[0]].deprel == "mark")):
        content.pop(0)
    while content and words[content[-1]].upos in ("PUNCT", "CCONJ"):
        content.pop()  # and a dangling "and": 'that the festival had become "the heart of our autumn" and promised'
    return _with_paired_marks(content, doc)


_OPEN, _CLOSE = ("“", "«", "``"), ("”", "»", "''")


def _with_paired_marks(content: list[int], doc: Document) -> list[int]:
    """Trimming must not cut a quotation mark off from its pair inside the content: 'become "the heart
    of our autumn"' keeps its closing mark, '"a direct threat" to Americans' its opening one."""
    if not content:
        return content
    words = doc.words
    texts = [words[i].text for i in content]
    unclosed = sum(t in _OPEN for t in texts) - sum(t in _CLOSE for t in texts)
    odd_straight = texts.count('"') % 2 == 1
    after, before = content[-1] + 1, content[0] - 1
    while after + 1 < len(words) and words[after].upos == "PUNCT" and words[after].text not in _CLOSE + ('"',):
        after += 1  # 'with "unwavering determination and action."': the mark closes after the period
    if after < len(words) and ((unclosed > 0 and words[after].text in _CLOSE) or (odd_straight and words[after].text == '"')):
        return content + list(range(content[-1] + 1, after + 1))
    if before >= 0 and ((unclosed < 0 and words[before].text in _OPEN) or (odd_straight and words[before].text == '"')):
        return [before] + content
    return content


#: After a comma, words that open the writer's own aside, not more of what was said: ", which forced ...",
#: ", while the host sought ...".
_ASIDE_OPENERS = frozenset({"which", "who", "whom", "whose", "while", "whereas", "although", "though"})


def _and_says_more(doc: Document, content: list[int], k: int) -> bool:
    """ "He said his attacks have given his campaign momentum and said that ...": "and" and a cue verb with no
    subject of its own start the source's next statement, wherever the parse hangs it."""
    words, i = doc.words, content[k]
    if words[i].lower != "and" or k + 1 >= len(content) or not _has_verb(doc, content[:k]):
        return False
    verb = content[k + 1]
    return is_cue_verb(words[verb].lemma, words[verb].upos) and not any(
        words[c].deprel.startswith("nsubj") for c in doc.children[verb])


def _comment_on_it(doc: Document, content: list[int], k: int) -> bool:
    """Whether content[k:] is a noun phrase after a whole clause, the writer's comment on it: "he would not be
    beaten up at his rally, a swipe at ...", "... - a controversial proposal" (not a list: "a pier, a ferry
    and a bus")."""
    words, rest = doc.words, content[k:k + 3]
    if len(rest) < 3 or words[rest[0]].lower not in (",", "—", "--") or words[rest[1]].lower not in (
            "a", "an", "another") or not _has_verb(doc, content[:k]):
        return False
    rest = content[k:]
    if words[rest[0] - 1].upos == "PROPN":
        return False  # "connect Gilbert Chagoury, a Lebanese-Nigerian billionaire, with ...": the name's apposition
    j = rest[2]
    while j < len(words) and words[j].upos in ("ADJ", "NOUN", "PROPN", "ADV", "PUNCT") and words[j].lower != ",":
        j += 1
    if j < len(words) and words[j].upos in ("VERB", "AUX") and words[j].xpos != "VBN":
        return False  # ", a boss invited her to lunch": a clause of its own
    return not any(words[i].upos == "CCONJ" and words[i + 1].lower in ("a", "an") for i in rest[2:-1])


def _comma_after(doc: Document, words: list[int]) -> bool:
    """Whether a comma outside quotation marks closes an aside: "the law, which takes effect in May, will
    cut ..." goes on after it."""
    return any(doc.words[i].lower == "," and not doc.inside_marks[i] for i in words)


def _quote(doc: Document, content: list[int], cue: int, speaker: int | None, how: str) -> Quote | None:
    """A candidate from content words: trimmed of a leading "that" and edge punctuation."""
    content = trim([i for i in content if i != cue and (speaker is None or i != speaker)], doc)
    stop = next((k for k, i in enumerate(content) if i > cue and not doc.inside_marks[i] and (
        doc.words[i].lower == ";" or (doc.words[i].lower == "," and i + 1 < len(doc.words)
                                     and doc.words[i + 1].lower in _ASIDE_OPENERS
                                     and not _comma_after(doc, content[k + 1:]))
        or _comment_on_it(doc, content, k) or _and_says_more(doc, content, k))), None)
    if stop is not None:  # "X said A; 62 percent of those were B", "A, which ...": the rest is not theirs
        content = trim(content[:stop], doc)
    if content:  # a statement stays in its paragraph, even where the tokenizer ran sentences together
        para = doc.paragraphs[doc.paragraph_at(doc.words[cue].start)]
        content = [i for i in content if para[0] <= doc.words[i].start < para[1]]
    if len(content) < _MIN_WORDS and not (speaker is not None and _short_position(doc, content, cue)):
        return None
    if speaker is None and doc.words[cue].xpos in ("VB", "VBG") and how == "subject":
        return None  # "it's safe to say ...", "used to describe ...": an infinitive or participle no one is
        # found to say is the writer's phrasing, not a report
    if speaker is not None and content[0] <= speaker <= content[-1] and not content[0] <= cue <= content[-1]:
        # a content span cannot contain its own source, unless as an aside ("A, he said, B"); a source
        # named after it ends it: "The supply arrived on Monday, John Lee, a ministry spokesman, said."
        name = speaker
        while name - 1 in content and doc.words[name - 1].upos == "PROPN":
            name -= 1
        content = trim([i for i in content if i < name], doc) if cue > content[-1] else []
        if len(content) < _MIN_WORDS or doc.words[content[-1] + 1].lower != ",":
            return None
    start, end = doc.span(content)
    return Quote(start=start, end=end, kind="indirect", cue_word=cue, speaker_word=speaker, how=how)


def _short_position(doc: Document, content: list[int], cue: int) -> bool:
    """A stated position too short for the rule of three words, when a source takes it: "declined to comment" (one
    word after "to" under an intention verb), "called him divisive" (what is named and what it is called), "has
    endorsed Calder" (a stance on a name or a thing)."""
    words = doc.words
    return (len(content) == 1 and content[0] == cue + 2 and words[cue + 1].lower == "to"
            and words[cue].lemma in INTENT_VERBS and words[content[0]].upos == "VERB") or (
        len(content) == 2 and words[cue].lemma in NAMING_VERBS and words[cue].xpos != "VBN" and content[0] > cue) or (
        _stance_on_a_thing(doc, content, cue))


def _stance_on_a_thing(doc: Document, content: list[int], cue: int) -> bool:
    """ "opposed the closure", not "ruled Monday" (a time is no stance), "supports him" (nothing checkable) or
    "approved the breakwater" (a decision is an act, not a statement, unless it says more)."""
    words = doc.words
    if words[cue].lemma not in _STANCES or words[cue].upos != "VERB" or not content or content[0] < cue:
        return False
    thing = next((i for i in content if words[i].head == cue and words[i].deprel == "obj"), None)
    return thing is not None and words[thing].upos in ("PROPN", "NOUN") \
        and not words[thing].ner.endswith(("DATE", "TIME")) and not any(names_a_time(words[i]) for i in content)


#: Stance verbs that state a position in a word or two; the others decide, and a decision is an act.
_STANCES = STANCE_VERBS - frozenset("approve veto order rule unveil".split())


def add_reported(doc: Document) -> None:
    """The reported stage: indirect speech, merged with the direct quotes into one attribution per stretch of
    text; reported speech around a partial quote is mixed."""
    quotes = list(doc.quotes)
    for cand in sorted(find_reported(doc), key=lambda q: q.start - q.end):
        overlapping = [q for q in quotes if q.start < cand.end and cand.start < q.end]
        if any(q.cue_word == cand.cue_word and q.kind == "direct" for q in quotes) and not overlapping:
            continue  # the cue already introduces a direct quote: '"...," said Dan Conston, a senior adviser'
        if not overlapping:
            quotes.append(cand)
            continue
        inner = [q for q in overlapping if q.kind == "direct" and cand.start <= q.start and q.end <= cand.end
                 and not doc.opens_sentence(q.start)]
        if inner and len(inner) == len(overlapping) and _words_outside_marks(doc, cand) >= 1 \
                and not any(introduces(doc, cand.cue_word, q) for q in inner):
            for q in inner:  # 'X said Japan will "fundamentally reinforce" its defences'
                quotes.remove(q)
            cand.kind = "mixed"
            quotes.append(cand)
    for q in quotes:
        if q.kind == "indirect" and any(m.start < q.end and q.start < m.end for m in doc.marks):
            q.kind = "mixed"
    doc.quotes = sorted(quotes, key=lambda q: q.start)


def introduces(doc: Document, cue: int, quote: Quote) -> bool:
    """ 'shouted, "This budget ..."', 'tweeting at him, "you are ..."': the cue, then at most a short phrase
    with no verb (who was addressed, where) and a comma or colon, then the quote: a direct quote of its own."""
    between = doc.text[doc.words[cue].end:quote.start].rstrip(" \"“‘'")
    if not between.strip(" ,:"):
        return True
    words = doc.words_within(doc.words[cue].end, doc.words[cue].end + len(between))
    return between.endswith((",", ":")) and len(words) <= _INTRODUCTION_WORDS and not _has_verb(doc, words)


#: The most words between a cue and the quote it introduces ('told a crowd in Ohio, "..."').
_INTRODUCTION_WORDS = 6


def _words_outside_marks(doc: Document, quote: Quote) -> int:
    return sum(1 for i in doc.words_within(quote.start, quote.end)
               if not doc.inside_marks[i] and any(ch.isalnum() for ch in doc.words[i].text))
