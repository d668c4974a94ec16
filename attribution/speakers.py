"""Who said it: the speaker mention tied to a cue, read from the dependency parse.

The subject of the cue verb covers "X said", inverted "..., said X" and
colon-introduced quotes alike; relative clauses ("X, who took office last
week, said") lead back to the noun they modify; shared subjects of
coordinated or controlled verbs ("X smiled and said") are inherited.
"""

from __future__ import annotations

from .document import Document

__all__ = ["subject_of", "mention_words", "RELATIVE_PRONOUNS"]

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
#: Dependents that are not part of a mention's own words ("X, who ..., said"; "X, the minister, said").
_OUTSIDE_MENTION = frozenset({"appos", "acl", "acl:relcl", "punct", "parataxis", "advcl", "dep",
                              "cc", "conj", "ccomp", "xcomp", "discourse", "list"})
_SUBJECTS = ("nsubj", "nsubj:outer", "csubj")
_INHERIT = ("conj", "xcomp", "advcl")


def subject_of(doc: Document, verb: int, depth: int = 0) -> int | None:
    """Head word of the speaker mention for the cue ``verb``, or None."""
    words = doc.words
    for c in doc.children[verb]:
        rel = words[c].deprel
        if rel == "obl:agent" or (rel == "obl" and _has_case(doc, c, "by") and _is_passive(doc, verb)):
            return c
    for c in doc.children[verb]:
        if words[c].deprel in _SUBJECTS:
            if words[c].lower in RELATIVE_PRONOUNS and words[verb].deprel == "acl:relcl":
                return words[verb].head
            if _is_passive(doc, verb):
                return None  # "it was reported": no source
            return c
    head = words[verb].head
    if depth < 2 and head is not None and words[verb].deprel in _INHERIT and words[head].upos == "VERB":
        return subject_of(doc, head, depth + 1)
    return None


def _is_passive(doc: Document, verb: int) -> bool:
    return any(doc.words[c].deprel in ("aux:pass", "nsubj:pass") for c in doc.children[verb])


def _has_case(doc: Document, noun: int, lemma: str) -> bool:
    return any(doc.words[c].deprel == "case" and doc.words[c].lower == lemma for c in doc.children[noun])


def mention_words(doc: Document, head: int) -> list[int]:
    """The words of the mention headed by ``head``, without clauses and appositions, contiguous."""
    skip = {c for c in doc.children[head] if doc.words[c].deprel in _OUTSIDE_MENTION}
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
    while run and doc.words[run[0]].upos == "PUNCT":
        run.pop(0)
    while run and doc.words[run[-1]].upos == "PUNCT":
        run.pop()
    return run or [head]
