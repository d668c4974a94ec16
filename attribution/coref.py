"""One canonical person or organisation per speaker mention, per article.

Names introduced in full ("Defense Minister Shinjiro Koizumi") become the
canonical form for later surnames ("Koizumi"), titles ("the minister",
"Prime Minister Takaichi") and pronouns ("he", "she", "they"). Titles are
kept apart from names. Gender comes only from the article itself
(honorifics, and pronouns in sentences about one person), never from lists
of first names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .model import Speaker
from .speakers import mention_words

__all__ = ["Resolver", "ROLE_WORDS"]

#: Nouns that make the words before them (and themselves) a title, not part of a name.
ROLE_WORDS = frozenset("""
president minister secretary senator sen. sen representative rep. rep governor gov. gov mayor chief
director judge justice chairman chairwoman chair ceo spokesman spokeswoman spokesperson leader
commissioner ambassador general gen. adm. admiral officer chancellor premier king queen prince
speaker candidate nominee attorney sheriff councillor councilman councilwoman councilmember
superintendent treasurer prosecutor head manager founder executive coach captain professor
dr. dr mr. mr ms. ms mrs. mrs vice deputy former
""".split())
_HONORIFIC_GENDER = {"mr.": "Masc", "mr": "Masc", "mrs.": "Fem", "mrs": "Fem", "ms.": "Fem", "ms": "Fem"}
_PRONOUN_GENDER = {"he": "Masc", "him": "Masc", "his": "Masc", "she": "Fem", "her": "Fem", "hers": "Fem"}
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
_NAMED_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_ORG_WORDS = frozenset("""ministry department agency party company inc. inc corp. corp corporation council
committee commission association union university government office bureau court board bank group
campaign network times post news service institute foundation league federation police""".split())


@dataclass
class Entity:
    """A canonical person or organisation of the article."""

    name: str
    type: str
    title: str | None = None
    gender: str | None = None
    mentions: list[int] = field(default_factory=list)  #: first word of each mention


class Resolver:
    """Resolves mention heads to canonical entities, reading the document once up front."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.entities: list[Entity] = []
        self._timeline: list[tuple[int, Entity, bool]] = []  # (word, entity, is_subject)
        for ent in doc.entities:
            if ent.type in _NAMED_TYPES:
                head = _entity_head(doc, ent.first, ent.last)
                self._register(list(range(ent.first, ent.last + 1)), ent.type, head)
        self._timeline.sort(key=lambda t: t[0])
        self._learn_genders()

    # -- building the entity list ---------------------------------------------------------

    def _register(self, words: list[int], etype: str, head: int) -> Entity:
        doc = self.doc
        title_words, name_words = _split_title(doc, words)
        name = _text(doc, name_words) if name_words else _text(doc, words)
        entity = self._find_by_name(name, etype)
        if entity is None:
            entity = Entity(name=name, type=etype)
            self.entities.append(entity)
        elif len(name) > len(entity.name) and etype == "PERSON" and entity.type == "PERSON":
            entity.name = name  # "Koizumi" first, "Shinjiro Koizumi" later
        if title_words and entity.title is None:
            entity.title = _text(doc, title_words)
        for w in title_words:
            gender = _HONORIFIC_GENDER.get(doc.words[w].lower)
            if gender:
                entity.gender = gender
        entity.mentions.append(words[0])
        self._timeline.append((words[0], entity, doc.words[head].deprel.startswith("nsubj")))
        return entity

    def _find_by_name(self, name: str, etype: str) -> Entity | None:
        """The entity a name refers to: same name, or (for people) same surname or a longer form."""
        parts = name.lower().split()
        if not parts:
            return None
        for entity in reversed(self.entities):
            have = entity.name.lower().split()
            if have == parts:
                return entity
            if etype == "PERSON" and entity.type == "PERSON" and (
                    (len(parts) == 1 and parts[0] == have[-1]) or (len(have) == 1 and have[0] == parts[-1])):
                return entity
        return None

    def _learn_genders(self) -> None:
        """A sentence about one person with he/his or she/her tells that person's gender."""
        doc = self.doc
        by_sentence: dict[int, set[int]] = {}
        for word, entity, _ in self._timeline:
            if entity.type == "PERSON":
                by_sentence.setdefault(doc.words[word].sent, set()).add(id(entity))
        people = {id(e): e for e in self.entities}
        for sent in doc.sentences:
            ids = by_sentence.get(sent.index, set())
            if len(ids) != 1:
                continue
            entity = people[next(iter(ids))]
            seen = {_PRONOUN_GENDER[w.lower] for w in doc.words[sent.first:sent.last] if w.lower in _PRONOUN_GENDER}
            if len(seen) == 1 and entity.gender is None:
                entity.gender = seen.pop()

    # -- resolving one mention ------------------------------------------------------------

    def speaker(self, head: int) -> Speaker:
        """The canonical speaker for a mention headed by word ``head``."""
        doc = self.doc
        words = mention_words(doc, head)
        start, end = doc.span(words)
        mention = doc.text[start:end]
        entity = self._resolve(head, words)
        if entity is None:
            return Speaker(name=_descriptor(mention), mention=mention, start=start, end=end, type="OTHER")
        return Speaker(name=entity.name, mention=mention, start=start, end=end, type=entity.type,
                       title=entity.title)

    def _resolve(self, head: int, words: list[int]) -> Entity | None:
        doc = self.doc
        w = doc.words[head]
        if w.upos == "PRON":
            return self._antecedent(head, _PRONOUN_GENDER.get(w.lower), w.lower in _PLURAL_PRONOUNS)
        named = [e for e in doc.entities if e.type in _NAMED_TYPES and e.first <= head <= e.last]
        if named:
            ent = named[0]
            return self._register(list(range(min(words[0], ent.first), ent.last + 1)), ent.type, head)
        if w.upos == "PROPN":
            propn = [i for i in words if doc.words[i].upos == "PROPN" or doc.words[i].lower in ROLE_WORDS]
            etype = "ORG" if any(doc.words[i].lower in _ORG_WORDS for i in propn) else "PERSON"
            return self._register(propn or [head], etype, head)
        if any(doc.words[i].lower == "the" for i in words[:1]):
            return self._by_role(head)
        return None

    def _antecedent(self, before: int, gender: str | None, plural: bool) -> Entity | None:
        """The nearest earlier entity that fits, preferring subjects of the same or previous sentence."""
        doc = self.doc
        sent = doc.words[before].sent
        wanted = ("ORG", "NORP", "GPE") if plural else ("PERSON",)
        candidates = [(w, e, subj) for w, e, subj in self._timeline if w < before and e.type in wanted]
        if gender:
            candidates = [c for c in candidates if c[1].gender in (None, gender)]
        if not candidates:
            return None
        nearest_sent = doc.words[candidates[-1][0]].sent
        if sent - nearest_sent > 6:
            return None
        same = [c for c in candidates if doc.words[c[0]].sent == nearest_sent]
        chosen = next((c for c in reversed(same) if c[2]), same[-1])[1]
        if gender and chosen.gender is None:
            chosen.gender = gender
        return chosen

    def _by_role(self, head: int) -> Entity | None:
        """ "the minister" → the last person titled minister; "the ministry" → the last such organisation."""
        noun = self.doc.words[head].lower
        for word, entity, _ in reversed(self._timeline):
            if word >= head:
                continue
            if entity.title and noun in entity.title.lower().split():
                return entity
            if entity.type == "ORG" and noun in entity.name.lower().split():
                return entity
        return None


def _entity_head(doc: Document, first: int, last: int) -> int:
    """The word of an entity span whose head lies outside it."""
    for i in range(first, last + 1):
        h = doc.words[i].head
        if h is None or not first <= h <= last:
            return i
    return last


def _split_title(doc: Document, words: list[int]) -> tuple[list[int], list[int]]:
    """ "Defense Minister Shinjiro Koizumi" → (Defense Minister, Shinjiro Koizumi)."""
    words = [i for i in words if doc.words[i].upos not in ("DET", "PUNCT") and doc.words[i].lower not in ("'s", "’s")]
    cut = 0
    for n, i in enumerate(words):
        if doc.words[i].lower in ROLE_WORDS:
            cut = n + 1
    if cut >= len(words):
        return [], words
    return words[:cut], words[cut:]


def _text(doc: Document, words: list[int]) -> str:
    start, end = doc.span(words)
    return doc.text[start:end]


def _descriptor(mention: str) -> str:
    """A source that is not a name ("a spokesperson for the ministry") keeps its words, tidied."""
    return " ".join(mention.split())
