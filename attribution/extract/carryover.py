"""The carry-over stage: a quote with no cue of its own continues the statement before it.

'"A," he said. "B."' is one statement with one cue; a cue-less quote paragraph after a
statement is its speaker's; one after a paragraph about someone is likely theirs.
"""

from __future__ import annotations

from ..document import Document
from ..model import Quote

__all__ = ["carry_over"]


def carry_over(doc: Document) -> None:
    """Give cue-less direct quotes the speaker (and, in one paragraph, the cue) they continue."""
    previous = None
    for q in doc.quotes:
        para = doc.paragraph_at(q.start)
        if (q.kind == "direct" and q.cue_word is None and q.speaker_word is None and previous is not None
                and doc.paragraph_at(previous.start) >= para - 1 and doc.opens_sentence(q.start)):
            q.speaker_word, q.how = previous.speaker_word, "carryover"
            if doc.paragraph_at(previous.start) == para:  # '"A," he said. "B."': one statement, one cue
                q.cue_word, q.how = previous.cue_word, "split"
        elif q.kind == "direct" and q.speaker_word is None and q.cue_word is None and para > 0:
            q.speaker_word = _topic_of_paragraph(doc, para - 1)
            q.how = "context" if q.speaker_word is not None else q.how
        if q.speaker_word is not None and not _aside_of(doc, q, previous):
            previous = q


def _aside_of(doc: Document, q: Quote, quoted: Quote | None) -> bool:
    """Whether ``q`` is a statement reported inside the attribution of the quotation ``quoted`` (its cue under the
    quotation's cue): in '"...," said Murphy, using a term Rubio has used to describe Trump. "..."' the next quote
    is still Murphy's."""
    return quoted is not None and quoted.kind != "indirect" and q.kind == "indirect" \
        and quoted.cue_word is not None and q.cue_word is not None and q.cue_word in doc.subtree(quoted.cue_word)


def _topic_of_paragraph(doc: Document, para: int) -> int | None:
    """The person a quote paragraph with no cue is most likely by: the subject of the paragraph before
    ("Rubio also had strong views on the situation.¶“If my campaign ...”")."""
    start, end = doc.paragraphs[para]
    sents = [doc.sentences[n] for n in doc.sentences_starting_within(start, end)]
    if not sents or sents[-1].root is None:
        return None
    for c in doc.children[sents[-1].root]:
        w = doc.words[c]
        if w.deprel.startswith("nsubj") and not doc.inside_marks[c] and (
                w.upos in ("PROPN", "PRON") or doc.entity_at(c) is not None):
            return c
    return None
