"""One canonical person or organisation per speaker mention, per article.

Names introduced in full ("Defense Minister Shinjiro Koizumi") become the
canonical form for later surnames ("Koizumi"), titles ("the minister",
"Prime Minister Takaichi") and pronouns ("he", "she", "they"). Titles are
kept apart from names. Names come from runs of proper nouns, not only from
the entity tagger, which often cuts them short; the tagger decides the type
where it has an opinion. Gender comes only from the article itself
(honorifics, and pronouns in sentences about one person), never from lists
of first names.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..document import Document
from ..model import Speaker
from ..text.lexicon import DESCRIPTORS, LINKING_ADVERBS, ORG_WORDS, POSSESSIVE_MARKS, ROLE_WORDS
from ..text.timewords import names_a_time
from .speakers import RELATIVE_PRONOUNS, antecedent_of, mention_words

__all__ = ["Referent", "Resolver"]

_HONORIFIC_GENDER = {"mr.": "Masc", "mr": "Masc", "mrs.": "Fem", "mrs": "Fem", "ms.": "Fem", "ms": "Fem"}
_PRONOUN_GENDER = {"he": "Masc", "him": "Masc", "his": "Masc", "himself": "Masc", "she": "Fem", "her": "Fem",
                   "hers": "Fem", "herself": "Fem"}
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
#: First and second person outside quotation marks: the writer and the reader.
_WRITER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
#: Pronouns that stand for someone named before them.
_REFERRING_PRONOUNS = frozenset(_PRONOUN_GENDER) | _PLURAL_PRONOUNS | frozenset(
    "it its who".split())
_NAMED_TYPES = ("PERSON", "ORG", "GPE", "NORP")
#: A pronoun further than this many sentences from its antecedent's name makes an uncertain speaker.
_FAR_SENTENCES = 2
_POSSESSIVE = ("'s", "’s")


@dataclass
class Referent:
    """A canonical person or organisation of the article."""

    name: str
    type: str
    title: str | None = None
    gender: str | None = None


class Resolver:
    """Resolves mention heads to canonical entities, reading the document's names once up front."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.entities: list[Referent] = []
        #: (first word, tie-breaker, entity, head word) of every name mention, kept in text order
        self._timeline: list[tuple[int, int, Referent, int]] = []
        self._run_of: dict[int, list[int]] = {}
        self._mentions: dict[int, int] = {}  #: names registered per entity (by id): how salient it is
        for run in _proper_runs(doc):
            self._register(run)
            self._run_of.update((i, run) for i in run)
        self._learn_genders()

    # -- building the entity list ---------------------------------------------------------

    def _register(self, words: list[int], etype: str | None = None) -> Referent | None:
        """Add (or find) the entity named by some words: "Judge Patricia Morales" → Patricia Morales."""
        doc = self.doc
        title_words, name_words = _split_title(doc, words)
        if not name_words:
            return None
        etype = etype or _type_of(doc, name_words)
        if etype not in _NAMED_TYPES and etype != "OTHER":
            return None
        name = _name_text(doc, name_words, etype)
        entity = self._find_by_name(name, etype)
        if entity is None:
            entity = Referent(name=name, type=etype)
            self.entities.append(entity)
        elif len(name) > len(entity.name) and entity.type == etype:
            entity.name = name  # "Koizumi" first, "Shinjiro Koizumi" later
        titles = [w for w in title_words if doc.words[w].lower not in _HONORIFIC_GENDER]
        if titles and entity.title is None:
            entity.title = _text(doc, titles)
        for w in title_words:
            entity.gender = _HONORIFIC_GENDER.get(doc.words[w].lower, entity.gender)
        head = name_words[-1]
        bisect.insort(self._timeline, (words[0], len(self._timeline), entity, head))
        self._mentions[id(entity)] = self._mentions.get(id(entity), 0) + 1
        return entity

    def _find_by_name(self, name: str, etype: str) -> Referent | None:
        """Same name; for people the same surname or a longer form; for organisations a fuller name."""
        parts = name.lower().split()
        if not parts:
            return None
        if len(parts) == 1:  # a bare surname: the tagger's type for it is unreliable ("Tanaka" as GPE)
            family = self._sharing_surname(parts[0])
            if family:  # "Park" after Helen and Robert Park: the one named most so far, else the latest named
                return max(family, key=lambda e: (self._mentions.get(id(e), 0), self.entities.index(e)))
        for entity in reversed(self.entities):
            have = entity.name.lower().split()
            if have == parts:
                return entity
            if etype in ("PERSON", "OTHER") and entity.type in ("PERSON", "OTHER", "ORG") and (
                    (len(parts) == 1 and parts[0] == have[-1]) or (len(have) == 1 and have[0] == parts[-1])) and (
                    entity.type == "PERSON" or not set(have) & ORG_WORDS):
                if entity.type != "PERSON" and etype == "PERSON":
                    entity.type = "PERSON"  # "Mei Higa" tagged ORG, then "Higa" speaks as a person
                return entity
            if etype == "ORG" and entity.type == "ORG" and _contains(have, parts):
                return entity  # "the Meteorological Agency" after "the Japan Meteorological Agency"
        return None

    def _sharing_surname(self, surname: str) -> list[Referent]:
        """The people known so far by a full name ending in ``surname``."""
        return [e for e in self.entities if e.type == "PERSON" and len(e.name.split()) > 1
                and e.name.lower().split()[-1] == surname]

    def _learn_genders(self) -> None:
        """A sentence about one person with he/his or she/her tells that person's gender."""
        doc = self.doc
        by_sentence: dict[int, set[int]] = {}
        for word, _, entity, _ in self._timeline:
            if entity.type == "PERSON":
                by_sentence.setdefault(doc.words[word].sent, set()).add(id(entity))
        people = {id(e): e for e in self.entities}
        for sent in doc.sentences:
            ids = by_sentence.get(sent.index, set())
            if len(ids) != 1:
                continue
            entity = people[next(iter(ids))]
            seen = {_PRONOUN_GENDER[w.lower] for w in doc.words[sent.first:sent.last]
                    if w.lower in _PRONOUN_GENDER and not doc.inside_marks[w.i]}
            if len(seen) == 1 and entity.gender is None:
                entity.gender = seen.pop()

    # -- resolving one mention ------------------------------------------------------------

    def speaker(self, head: int) -> Speaker:
        """The canonical speaker for a mention headed by word ``head``."""
        doc = self.doc
        antecedent = antecedent_of(doc, head)
        if antecedent is not None:  # "who" as written, the noun it stands for as the speaker
            w = doc.words[head]
            return replace(self.speaker(antecedent), mention=w.text, start=w.start, end=w.end)
        around = head + 1 if doc.words[head].lower in ROLE_WORDS and head + 1 < len(doc.words) else head
        if around == head + 1 and doc.words[around].text == "." and around + 1 < len(doc.words):
            around += 1  # "Sen . Patty Murray": the tokenizer cut the title's period off
        words = sorted(set(mention_words(doc, head)) | set(_run_around(doc, head)) | set(_run_around(doc, around)))
        words = [w for w in words if not doc.inside_marks[w]]
        if words and words[-1] in self._run_of:  # "the Ministry of Health, Labour and Welfare": the whole name
            words = sorted(set(words) | set(range(words[-1], self._run_of[words[-1]][-1] + 1)))
        named = _named_beside(doc, words) if doc.words[head].upos == "NOUN" else []
        if named:  # "..., said Naomi Clarke, a senior economist": the name, not the description
            words = named
        while words and not _has_letters(doc, words[0]):
            words.pop(0)  # a closing '' the tagger took for a name
        words = _without_open_bracket(doc, words)
        while len(words) > 1 and doc.words[words[-1]].lower in POSSESSIVE_MARKS:
            words.pop()  # "Councillor Ruth Abara's attack": the mention is hers, without the possessive
        start, end = doc.span(words or [head])
        mention = doc.text[start:end]
        entity = self._resolve(head, words)
        if entity is None:
            return Speaker(name=" ".join(mention.split()), mention=mention, start=start, end=end, type="OTHER")
        title = entity.title or _appositive_title(doc, words)
        if entity.type == "ORG" and doc.words[head].upos == "NOUN" and doc.words[head].lower in ROLE_WORDS:
            title = doc.words[head].text  # the spokesperson of an organisation: a title, the organisation speaks
        return Speaker(name=entity.name, mention=mention, start=start, end=end, type=entity.type, title=title,
                       uncertain=self._uncertain(head, mention, entity))

    def _uncertain(self, head: int, mention: str, entity: Referent) -> str | None:
        """Why the mention may stand for someone else: a surname shared by another person named in the last
        few sentences, or a pronoun whose name lies sentences away."""
        doc = self.doc
        parts = mention.split()
        sent = doc.words[head].sent
        if len(parts) == 1 and entity.type == "PERSON":
            first = entity.name.split()[0].lower()  # "Donald J. Trump" beside "Donald Trump" is no rival
            rivals = {id(e) for e in self._sharing_surname(parts[0].lower()) if e.name.split()[0].lower() != first}
            if any(id(e) in rivals and sent - doc.words[w].sent <= _FAR_SENTENCES + 1
                   for w, _, e, _ in self._timeline if w < head):  # both named in the last few sentences
                return f"the surname {parts[0]} is shared by several people here"
        if doc.words[head].upos == "PRON":
            named = [w for w, _, e, _ in self._timeline if e is entity and w < head]
            distance = sent - doc.words[named[-1]].sent if named else 0
            if distance > _FAR_SENTENCES:
                return f"“{mention}” is {distance} sentences from the name"
        return None

    def _resolve(self, head: int, words: list[int]) -> Referent | None:
        doc = self.doc
        w = doc.words[head]
        if w.upos == "PRON" and len(words) <= 1:
            if w.lower in _WRITER_PRONOUNS or w.lower not in _REFERRING_PRONOUNS:
                return None  # "As I mentioned above": the writer, not the last person named; "what", "everyone",
                # "nothing" stand for no one named
            if w.lower in ("it", "its"):
                return self._antecedent(head, None, ("ORG",))  # "the bank ... announcing it would": not a person
            return self._antecedent(head, _PRONOUN_GENDER.get(w.lower),
                                    ("ORG", "NORP", "GPE") if w.lower in _PLURAL_PRONOUNS else ("PERSON",))
        proper = _proper_part(doc, words)
        if proper and (doc.words[max(proper)].text.endswith("-") or doc.text[doc.words[max(proper)].end:][:1] == "-"):
            return None  # "a U.S.-born gunman", "Sixty-six percent": the name is part of a compound word
        if proper and max(proper) < head and any(doc.words[j].upos == "PART" for j in range(max(proper) + 1, head)):
            owner = self._register(proper) if w.lower in ROLE_WORDS else None
            # "Crestline's spokesperson": the company speaks, as for "a spokesperson for Crestline"; but
            # "Clinton's husband", "Carter's press secretary", "Powell's office" are someone of theirs
            return owner if owner is not None and owner.type == "ORG" else None
        if proper and w.upos == "NOUN" and w.lower not in ROLE_WORDS and max(proper) < head and all(
                doc.words[j].upos in ("NOUN", "ADJ") for j in range(max(proper) + 1, head)):
            return None  # "Opposition lawmakers", "Sanders supporters", "a Cairo airport official": described
        if proper and not _describes(doc, head, proper):
            return self._register(proper)
        if proper and w.lower in ROLE_WORDS:  # "a spokesperson for Crestline Property Group": the company speaks
            described = self._register(proper)
            if described is not None and described.type == "ORG":
                return described
        if w.text[:1].isupper() and w.upos in ("NOUN", "ADJ", "X"):
            known = self._find_by_name(w.text, "PERSON")  # "Brooks" tagged as a plural noun
            if known is not None:
                return known
        if words and doc.words[words[0]].lower == "the":
            return self._by_role(words)
        return None

    def _antecedent(self, before: int, gender: str | None, wanted: tuple[str, ...]) -> Referent | None:
        """The nearest earlier entity of a wanted type, preferring subjects of the same or previous sentence."""
        doc = self.doc
        sent = doc.words[before].sent
        candidates = [(w, e, head) for w, _, e, head in self._timeline if w < before and e.type in wanted]
        if gender:
            candidates = [c for c in candidates if c[1].gender in (None, gender)]
        if not candidates:
            return None
        nearest_sent = doc.words[candidates[-1][0]].sent
        if sent - nearest_sent > 6:
            return None
        same = [c for c in candidates if doc.words[c[0]].sent == nearest_sent]
        # the parse is read only when it decides (selective parsing parses only what is read)
        chosen = same[0][1] if len(same) == 1 else next((c for c in reversed(same) if _is_subject(doc, c[2])), same[-1])[1]
        if gender and chosen.gender is None:
            chosen.gender = gender
        return chosen

    def _by_role(self, words: list[int]) -> Referent | None:
        """ "the minister" → the last person titled minister; "the ministry" → the last organisation named a ministry;
        "the company" → the last business (not any organisation: "The company" after "the Port Alder Museum")."""
        doc = self.doc
        nouns = [doc.words[i].lower for i in words if doc.words[i].upos in ("NOUN", "PROPN")]
        if not nouns:
            return None
        noun = nouns[-1]
        role = {doc.words[i].lower for i in words if doc.words[i].upos in ("NOUN", "PROPN", "ADJ")}
        earlier = [e for w, _, e, _ in reversed(self._timeline) if w < words[0]]
        for entity in earlier:  # "the vice president" is not the last president: all its words are in the title
            if (entity.title and role <= set(entity.title.lower().split())) or (
                    entity.type == "ORG" and noun in entity.name.lower().split()):
                return entity
        if noun in _BUSINESS_WORDS:  # "the company" after "Crestline Property Group": the business last named
            return next((e for e in earlier if e.type == "ORG" and set(e.name.lower().split()) & _BUSINESS_WORDS), None)
        return None


#: Words for a business, in its name or in "the company": a business is not a museum, a ministry or a campaign.
_BUSINESS_WORDS = frozenset("company firm group inc. inc corp. corp corporation motors securities bank".split())


def _proper_runs(doc: Document) -> list[list[int]]:
    """Every name outside quotation marks, with the title words just before it."""
    runs, run = [], []
    for w in doc.words:
        if _in_name(doc, w.i, run):
            run.append(w.i)
            continue
        if run:
            runs.append(_with_title_before(doc, _trim_name(doc, run)))
        run = [w.i] if _in_name(doc, w.i, []) else []
    if run:
        runs.append(_with_title_before(doc, _trim_name(doc, run)))
    return _joined([r for r in runs if r], doc)


def _joined(runs: list[list[int]], doc: Document) -> list[list[int]]:
    """Join names split by a nickname (Kenji “The Hammer” Morita) or by the inner words of an
    organisation's name (Ministry of the Environment; Fire and Disaster Management Agency)."""
    out: list[list[int]] = []
    for run in runs:
        if out and _NICKNAME.fullmatch(_between(doc, out[-1], run)) and _same_sentence(doc, out[-1], run):
            out[-1] = out[-1] + run  # the nickname's words stay out of the name
        elif out and _joins(doc, out[-1], run):
            out[-1] = list(range(out[-1][0], run[-1] + 1))
        else:
            out.append(run)
    return out


def _between(doc: Document, left: list[int], right: list[int]) -> str:
    return doc.text[doc.words[left[-1]].end:doc.words[right[0]].start]


def _same_sentence(doc: Document, left: list[int], right: list[int]) -> bool:
    return doc.words[left[-1]].sent == doc.words[right[0]].sent


def _joins(doc: Document, left: list[int], right: list[int]) -> bool:
    between = _between(doc, left, right)
    if not _same_sentence(doc, left, right):
        return False
    glue = between.split()
    if glue in (["of"], ["of", "the"]):
        return any(doc.words[i].lower in ORG_WORDS for i in left)  # "Ministry of the Environment"
    org = any(doc.words[i].lower in ORG_WORDS for i in left + right)
    return org and (glue in (["and"], ["&"]) or between.strip() == ",")


_NICKNAME = re.compile(r"\s*[\"“‘'][^\"”’']{1,30}[\"”’']\s*")


def _in_name(doc: Document, i: int, run: list[int]) -> bool:
    """A proper noun, a capitalised word the tagger puts in a name, or a name's inner "of"/"and"/","
    ("Ministry of Health, Labour and Welfare")."""
    w = doc.words[i]
    if doc.inside_marks[i] or (run and run[-1] != i - 1) or w.lower in LINKING_ADVERBS:
        return False  # (nor "Meanwhile," the tagger took for a name)
    if w.upos == "PROPN" or (w.ner != "O" and w.text[:1].isupper() and w.ner[2:] in _NAMED_TYPES):
        return True
    if run and w.upos in ("ADJ", "NOUN") and w.text[:1].isupper():
        return True  # "Kansai International Film Festival"
    return bool(run) and w.ner[:2] in ("I-", "E-") and w.ner[2:] in _NAMED_TYPES


def _trim_name(doc: Document, run: list[int]) -> list[int]:
    while run and doc.words[run[-1]].upos in ("ADP", "CCONJ", "PUNCT", "DET"):
        run = run[:-1]
    return run


def _with_title_before(doc: Document, run: list[int]) -> list[int]:
    """ "Student council president Leo Martin", "Agriculture Minister Norikazu Suzuki": the title
    words before a name (up to a determiner or punctuation) belong with it."""
    if not run:
        return run
    i = run[0] - 1
    starts_with_role = doc.words[run[0]].lower in ROLE_WORDS
    if i < 0 or not (starts_with_role or doc.words[i].lower in ROLE_WORDS):
        return run
    sent = doc.words[run[0]].sent
    while i >= 0 and doc.words[i].sent == sent and doc.words[i].upos in ("NOUN", "ADJ", "PROPN") and not doc.inside_marks[i]:
        i -= 1
    return list(range(i + 1, run[0])) + run


def _run_around(doc: Document, head: int) -> list[int]:
    """The proper nouns touching a proper-noun head: parsers often split "Sarah Whitman" apart."""
    if doc.words[head].upos != "PROPN":
        return []
    sent = doc.sentence_of(head)
    first = last = head
    while first - 1 >= sent.first and doc.words[first - 1].upos == "PROPN":
        first -= 1
    while last + 1 < sent.last and doc.words[last + 1].upos == "PROPN":
        last += 1
    return list(range(first, last + 1))


def _without_open_bracket(doc: Document, words: list[int]) -> list[int]:
    """ "Gov. Ines Calder (D": a party label the mention cut before its closing bracket is left out."""
    opening = next((k for k, j in enumerate(words) if doc.words[j].text == "("), None)
    if opening is None or opening == 0 or any(doc.words[j].text == ")" for j in words[opening:]):
        return words
    return words[:opening]


def _proper_part(doc: Document, words: list[int]) -> list[int]:
    """The proper-noun run of a mention, with its title words ("Prime Minister Sanae Takaichi")."""
    proper = [i for i in words if doc.words[i].upos == "PROPN" or doc.words[i].lower in ROLE_WORDS]
    if not any(doc.words[i].upos == "PROPN" for i in proper):
        return []
    # keep the last contiguous stretch of the mention ending with a proper noun
    last = max(i for i in proper if doc.words[i].upos == "PROPN")
    first = last
    while first - 1 in words and (doc.words[first - 1].upos in ("PROPN", "NOUN", "ADJ", "ADP", "CCONJ", "PUNCT")
                                  or doc.words[first - 1].lower in ROLE_WORDS
                                  or (doc.words[first - 1].lower == "the" and first - 2 in words and doc.words[first - 2].lower == "of")
                                  ) and doc.words[first - 1].lower not in _POSSESSIVE:
        first -= 1
    stretch = [i for i in range(first, last + 1) if i in words]
    while stretch and doc.words[stretch[0]].upos in ("ADP", "CCONJ", "PUNCT"):
        stretch.pop(0)
    return stretch


def _describes(doc: Document, head: int, proper: list[int]) -> bool:
    """ "a spokesperson for the Ministry of Health": a description that mentions a name, not the name."""
    names = [i for i in proper if doc.words[i].upos == "PROPN"]
    return doc.words[head].upos == "NOUN" and head < names[0] and any(
        doc.words[i].upos == "ADP" for i in range(head + 1, names[0]))


_PLACES_AND_TIMES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP"})


def _named_beside(doc: Document, words: list[int]) -> list[int]:
    """For a description ("a senior economist at X") set off by a comma after a name, that name."""
    if not words or words[0] < 2:
        return []
    comma = words[0] - 1
    if comma >= 3 and doc.words[comma - 1].upos == "NUM" and doc.words[comma - 2].lower == ",":
        comma -= 2  # "Margaret Olsen, 71, a retired nurse"
    before = doc.words[comma - 1]
    if doc.words[comma].lower != "," or before.upos != "PROPN" or before.ner[2:] in _PLACES_AND_TIMES \
            or names_a_time(before) or before.lower in LINKING_ADVERBS:
        return []  # "On Monday, officials said", "In Pennsylvania, the vice president said": no one described
    end = comma - 1
    start = end
    while start - 1 >= 0 and doc.words[start - 1].upos == "PROPN" and not doc.inside_marks[start - 1] \
            and _has_letters(doc, start - 1):
        start -= 1
    run = range(start, end + 1)
    if _in_opening_phrase(doc, start) or any(doc.words[i].head not in run and _after_a_preposition(doc, i) for i in run):
        return []  # "In an interview with Joe Scarborough and Mika Brzezinski, the candidate stated": not described
    return list(run)


def _after_a_preposition(doc: Document, word: int) -> bool:
    """Whether a name is the object of a preposition, alone or in a list ("Contacted by POLITICO, a terse
    Miller agreed"; "with Joe Scarborough and Mika Brzezinski")."""
    while doc.words[word].deprel == "conj" and doc.words[word].head is not None:
        word = doc.words[word].head
    return any(doc.words[c].deprel == "case" and doc.words[c].upos == "ADP" for c in doc.children[word])


def _in_opening_phrase(doc: Document, word: int) -> bool:
    """Whether a word sits in the phrase a sentence opens with, before its first comma ("In an interview
    with ...,")."""
    sent = doc.sentence_of(word)
    return doc.words[sent.first].upos == "ADP" and not any(
        doc.words[j].lower == "," for j in range(sent.first, word))


def _appositive_title(doc: Document, words: list[int]) -> str | None:
    """ "Noda, leader of the party," → "leader of the party"."""
    if not words:
        return None
    after = words[-1] + 1
    if after + 1 >= len(doc.words) or doc.words[after].lower != ",":
        return None
    sent = doc.sentence_of(after)
    end = after + 1
    while end < sent.last and doc.words[end].lower not in (",", ".", ";", ":") and doc.words[end].upos != "VERB":
        end += 1
    title = [i for i in range(after + 1, end) if doc.words[i].upos != "DET" or i > after + 1]
    if not title or not any(doc.words[i].lower in ROLE_WORDS for i in title) \
            or doc.words[title[0]].lower in RELATIVE_PRONOUNS:
        return None  # not "who was senior adviser to the mayor": a clause, not a title
    return _text(doc, title)


def _split_title(doc: Document, words: list[int]) -> tuple[list[int], list[int]]:
    """ "Defense Minister Shinjiro Koizumi" → (Defense Minister, Shinjiro Koizumi)."""
    if any(doc.words[i].lower in _POSSESSIVE for i in words):  # "Japan's Digital Agency" → Digital Agency
        last = max(n for n, i in enumerate(words) if doc.words[i].lower in _POSSESSIVE)
        words = words[last + 1:]
    while words and (doc.words[words[0]].upos in ("DET", "PUNCT") or not _has_letters(doc, words[0])):
        words = words[1:]  # also a closing '' the tagger took for a name
    opening = next((n for n, i in enumerate(words) if doc.words[i].text == "("), None)
    if opening:
        words = words[:opening]  # "George Miller (D-Calif.)": the party label is no part of the name
    while words and doc.words[words[-1]].upos == "PUNCT":
        words = words[:-1]
    cut = 0
    for n, i in enumerate(words):
        if doc.words[i].lower in ROLE_WORDS:
            cut = n + 1
    if cut and cut < len(words) and doc.words[words[cut]].lower == "of":
        return [], words  # "Ministry of ...", "Secretary of State" stays whole
    if any(doc.words[i].lower in ORG_WORDS for i in words):  # "Fire and Disaster Management Agency" is all name
        title, name = words[:cut], words[cut:]
        while name and doc.words[name[0]].upos == "ADP":
            name = name[1:]  # "spokesperson for Crestline Property Group"
        return title, name
    organisation = any(doc.words[i].ner.endswith("ORG") for i in words)  # "National Nurses United" is all name
    while cut < len(words) - 1 and (not doc.words[words[cut]].text[:1].isupper() or doc.words[words[cut]].upos == "NOUN"
                                    or (doc.words[words[cut]].lower in DESCRIPTORS and not organisation)):
        cut += 1  # "the harbourmaster Piet Jansen", "Republican Dana Whitfield": words before a name describe it
    return words[:cut], words[cut:]


def _type_of(doc: Document, words: list[int]) -> str:
    """The tagger's type where it has one for these words, else a guess from the words themselves."""
    tags = [doc.words[i].ner.split("-", 1)[-1] for i in words if doc.words[i].ner != "O"]
    if any(doc.words[i].lower in ORG_WORDS for i in words):
        return "ORG"
    for t in ("PERSON", "ORG", "GPE", "NORP"):
        if t in tags:
            return t
    if tags and tags[0] in _NOT_NAMES:
        return tags[0]  # a date or a number: not a source
    return "PERSON" if len(words) >= 2 else "OTHER"


_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _name_text(doc: Document, words: list[int], etype: str) -> str:
    """The words of a name as written, from its first to last word (organisations drop "the")."""
    if etype == "ORG":
        while words and doc.words[words[0]].lower == "the":
            words = words[1:]
    return " ".join(doc.words[i].text for i in words) if _gappy(words) else _text(doc, words)


def _gappy(words: list[int]) -> bool:
    return any(b != a + 1 for a, b in zip(words, words[1:]))


def _is_subject(doc: Document, word: int) -> bool:
    w = doc.words[word]
    while w.deprel in ("flat", "compound") and w.head is not None:
        w = doc.words[w.head]
    return w.deprel.startswith("nsubj")


def _contains(big: list[str], small: list[str]) -> bool:
    small = [s for s in small if s != "the"]
    return bool(small) and all(s in big for s in small)


def _text(doc: Document, words: list[int]) -> str:
    start, end = doc.span(words)
    return doc.text[start:end]


def _has_letters(doc: Document, i: int) -> bool:
    return doc.words[i].text == "%" or any(ch.isalnum() for ch in doc.words[i].text)  # "47%" is a mention
