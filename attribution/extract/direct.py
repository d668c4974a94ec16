"""Direct quotes: quotation-mark spans that are speech, with their cue and speaker.

A span of quotation marks is speech unless it is a scare quote, a title of a
work or a nickname. Its cue is the nearest speech verb outside the marks in
its sentence; failing that, a colon-ending sentence before it ("X said:"),
or a short attribution sentence after it. (Carry-over from the paragraph
before is decided later, once indirect speech is known too.)
"""

from __future__ import annotations


from ..document import Document
from ..model import Quote
from ..text.lexicon import SAYING_VERBS, is_cue_verb
from ..text.quote_marks import QuoteSpan
from .reported import complement_of, to_clause_end, trim
from .speakers import speaker_of

__all__ = ["add_direct", "find_direct", "is_speech"]

#: Words right before a quotation that name a work rather than introduce speech.
_WORK_NOUNS = frozenset("""book film movie report song album novel show series documentary article column
op-ed play poem titled entitled called named dubbed headline slogan hashtag campaign program programme
doctrine policy plan law act bill""".split())
_END_PUNCT = tuple(".,!?;:—-…")


def is_speech(doc: Document, mark: QuoteSpan) -> bool:
    """False for scare quotes, titles of works and nicknames."""
    content = doc.text[mark.start:mark.end].strip()
    if mark.words <= 2:
        return False  # scare quote: so-called "reforms"; a label: "R," or "D"
    bare = content.rstrip("".join(_END_PUNCT) + "'\"’”")
    before = doc.text[max(0, mark.open - 40):mark.open].split()
    after = doc.text[(mark.close if mark.close is not None else mark.end) + 1:][:30].split()
    if mark.words <= 4 and before and after and _capitalized(before[-1]) and _capitalized(after[0]) \
            and bare == content and not before[-1].endswith((".", "!", "?", ":")):
        return False  # nickname: Dwayne "The Rock" Johnson (not '... the U.S. ¶ "But Wilson won," Axelrod said')
    if mark.words <= 10 and before and before[-1].lower().strip(",") in _WORK_NOUNS and bare == content:
        return False  # title: the report "Safer Streets for All"
    if mark.words <= 8 and all(_capitalized(t) or t.lower() in _SMALL or t.isdigit() for t in bare.split()):
        return False  # title-cased: a title ("Meet the Press.")
    return True


_SMALL = frozenset("a an the of and or in on at to for with by from".split())


def _capitalized(token: str) -> bool:
    token = token.lstrip("\"'“‘(")
    return bool(token) and token[0].isupper()


def find_direct(doc: Document) -> list[Quote]:
    """One quote per speech span, in text order, with the rule that found its speaker."""
    quotes: list[Quote] = []
    inside_marks = doc.inside_marks
    for mark in doc.marks:
        if not is_speech(doc, mark):
            continue
        quote = Quote(start=mark.start, end=mark.end, kind="direct")
        end = mark.close if mark.close is not None else mark.end
        sents = _sentences_between(doc, mark.open, end)
        cue = _nearest_cue(doc, sents, mark, inside_marks)
        inverted = _inverted_cue(doc, mark) if cue is None else None
        if cue is not None:
            quote.cue_word, quote.speaker_word, quote.how = cue, speaker_of(doc, cue), "cue"
            _maybe_mixed(doc, quote, cue, inside_marks)
        elif inverted is not None:  # the quote is all that was said: no clause around it to read
            quote.cue_word, quote.speaker_word, quote.how = inverted, speaker_of(doc, inverted), "cue"
        elif _inside_a_clause(doc, mark, sents[0]):
            continue  # 'had "been friends for some time"' with no cue: a fragment, not a statement
        else:
            _attribute_from_context(doc, quote, sents)
        quotes.append(quote)
    return quotes


def _inside_a_clause(doc: Document, mark: QuoteSpan, sent: int) -> bool:
    """Whether the quote continues words of its own sentence (a determiner, verb or "=" just before it)."""
    start = max(doc.sentences[sent].start, doc.paragraphs[doc.paragraph_at(mark.open)][0])
    before = doc.text[start:mark.open].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == "=")


def _sentences_between(doc: Document, start: int, end: int) -> list[int]:
    return list(doc.sentences_overlapping(start, end))


def _nearest_cue(doc: Document, sents: list[int], mark: QuoteSpan, inside: list[bool]) -> int | None:
    best, best_dist = None, None
    for s in sents:
        sent = doc.sentences[s]
        for i in range(sent.first, sent.last):
            w = doc.words[i]
            if inside[i] or not is_cue_verb(w.lemma, w.upos):
                continue
            dist = mark.open - w.end if w.end <= mark.open else w.start - mark.end
            if best_dist is None or dist < best_dist:
                best, best_dist = i, dist
    return best


def _inverted_cue(doc: Document, mark: QuoteSpan) -> int | None:
    """ '"...," agrees Rita Vance': a speech verb's lemma between the closing mark and a name is the cue,
    however the tagger read the verb (small taggers make "agrees" a plural noun)."""
    if mark.close is None:
        return None
    i = doc.last_word_starting_by(mark.close) + 1  # the first word after the closing mark
    while i < len(doc.words) and doc.words[i].upos == "PUNCT" and doc.words[i].start < mark.close + 4:
        i += 1  # the comma and the closing mark itself
    if i + 1 >= len(doc.words) or doc.words[i].sent != doc.words[i + 1].sent or doc.inside_marks[i]:
        return None
    w, name = doc.words[i], doc.words[i + 1]
    return i if w.lemma in SAYING_VERBS and name.upos == "PROPN" and w.text.islower() else None


def _maybe_mixed(doc: Document, quote: Quote, cue: int, inside: list[bool]) -> None:
    """ "X said Japan will "fundamentally reinforce" its defences": the clause is the content."""
    content = complement_of(doc, cue)
    if not content:
        return
    if content[0] > cue:
        content = to_clause_end(doc, content)
    content = trim(content, doc)
    quoted = [i for i in doc.words_within(quote.start, quote.end) if doc.words[i].upos != "PUNCT"]
    if not content or not quoted or not (content[0] <= quoted[0] and quoted[-1] <= content[-1]):
        return
    own = set(quoted)
    if any(inside[i] and i not in own and _is_word(doc, i) for i in content):
        return  # the clause holds another quotation: '"A," she said, adding, "B."' is two quotes, not one
    outside = [i for i in content if not inside[i] and _is_word(doc, i)]
    if outside:  # 'wrote that farmers "cannot survive on prices from 20 years ago"
        quote.start, quote.end = doc.span(content)
        quote.kind = "mixed"


def _is_word(doc: Document, i: int) -> bool:
    """Letters or digits: a doubled '' can be tagged as anything but punctuation."""
    return any(ch.isalnum() for ch in doc.words[i].text)


def _attribute_from_context(doc: Document, quote: Quote, sents: list[int]) -> None:
    """No cue in the quote's own sentences: a colon before it ("X said:"), or "he said." after it."""
    last = sents[-1]
    para = doc.paragraph_at(quote.start)
    opening = quote.start - 1
    if doc.text[:opening].rstrip().endswith(":"):
        colon = len(doc.text[:opening].rstrip()) - 1
        verb = _clause_verb(doc, doc.words[doc.last_word_starting_by(colon)].sent, colon)
        if verb is not None:
            quote.cue_word, quote.speaker_word, quote.how = verb, speaker_of(doc, verb), "colon"
            return
    if last + 1 < len(doc.sentences):
        nxt = doc.sentences[last + 1]
        if doc.paragraph_at(nxt.start) == para and not doc.text[quote.end:nxt.start].strip(" \t\"”’'"):
            for i in range(nxt.first, min(nxt.first + 4, nxt.last)):  # '"...!" LeVell declared, ...'
                if is_cue_verb(doc.words[i].lemma, doc.words[i].upos):
                    quote.cue_word, quote.speaker_word, quote.how = i, speaker_of(doc, i), "after"
                    return


def _clause_verb(doc: Document, sent: int, before: int) -> int | None:
    """The cue of a clause introducing a quote with a colon: its last speech verb, else its last verb."""
    s = doc.sentences[sent]
    fallback = None
    for i in range(s.last - 1, s.first - 1, -1):
        w = doc.words[i]
        if w.start >= before or doc.inside_marks[i]:
            continue
        if is_cue_verb(w.lemma, w.upos):
            return i
        if fallback is None and w.upos == "VERB":
            fallback = i
    return fallback


def add_direct(doc: Document) -> None:
    """The direct stage: ``doc.quotes`` are the marked quotes that are speech."""
    doc.quotes = find_direct(doc)
