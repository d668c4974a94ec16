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
from ..text.lexicon import SAYING_VERBS, SPEECH_VERBS, is_cue_verb
from ..text.quote_marks import QuoteSpan
from .reported import according_source, complement_of, to_clause_end, trim
from .speakers import name_before_colon, reporting_heads, speaker_of

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
        return _short_reply(doc, mark)  # 'Priebus said, "Probably."', not a scare quote: so-called "reforms"
    if doc.text.rfind("<", 0, mark.open) > doc.text.rfind(">", 0, mark.open):
        return False  # an attribute of markup left in the text: <tweet date="February 10, 2016">
    bare = content.rstrip("".join(_END_PUNCT) + "'\"’”")
    before = doc.text[max(0, mark.open - 40):mark.open].split()
    after = doc.text[(mark.close if mark.close is not None else mark.end) + 1:][:30].split()
    if mark.words <= 4 and before and after and _capitalized(before[-1]) and _capitalized(after[0]) \
            and bare == content and not before[-1].endswith((".", "!", "?", ":")) and _headline_said(doc, mark) is None:
        return False  # nickname: Dwayne "The Rock" Johnson (not '... the U.S. ¶ "But Wilson won," Axelrod said')
    if mark.words <= 10 and before and before[-1].lower().strip(",") in _WORK_NOUNS and bare == content:
        return False  # title: the report "Safer Streets for All"
    if mark.words <= 8 and all(_capitalized(t) or t.lower() in _SMALL or t.isdigit() for t in bare.split()) \
            and _headline_said(doc, mark) is None:
        return False  # title-cased: a title ("Meet the Press."), unless a headline says who said it
    return True


def _short_reply(doc: Document, mark: QuoteSpan) -> bool:
    """A one- or two-word quote is speech only when a speech verb introduces it ('said, "Probably."') or
    follows it ('"Absolutely," he said'); otherwise it is a scare quote or a label."""
    before = doc.text[:mark.open].rstrip()
    if before.endswith((",", ":")):
        verb = doc.last_word_starting_by(len(before) - 1) - 1
        if verb >= 0 and is_cue_verb(doc.words[verb].lemma, doc.words[verb].upos) and not doc.inside_marks[verb]:
            return True
    content = doc.text[mark.start:mark.end].rstrip("\"'”’ ")
    if mark.close is None or not content.endswith((",", "!", "?")) or not (
            not before or before[-1] in ".!?\n" or doc.opens_sentence(mark.start)):
        return False  # 'Speaking on ABC's "This Week," Carson admitted': a title inside the sentence
    after = _first_after(doc, mark)
    return any(is_cue_verb(doc.words[i].lemma, doc.words[i].upos) for i in range(after, min(after + 2, len(doc.words)))
               if doc.words[i].sent == doc.words[after].sent)


def _headline_said(doc: Document, mark: QuoteSpan) -> int | None:
    """ 'Reyes Said "We Were Robbed"': in a title-cased headline, "Said"/"Says" right after a name and before
    the quote is the cue (taggers read it as part of the name)."""
    before = doc.text[:mark.open].rstrip()
    if not before:
        return None
    i = doc.last_word_starting_by(len(before) - 1)
    w = doc.words[i]
    if w.lower not in ("said", "says") or i == 0 or doc.words[i - 1].sent != w.sent \
            or not doc.words[i - 1].text[:1].isupper() or doc.inside_marks[i - 1]:
        return None
    return i


_SMALL = frozenset("a an the of and or in on at to for with by from".split())


def _capitalized(token: str) -> bool:
    token = token.lstrip("\"'“‘(")
    return bool(token) and token[0].isupper()


def find_direct(doc: Document) -> list[Quote]:
    """One quote per speech span, in text order, with the rule that found its speaker."""
    quotes: list[Quote] = []
    inside_marks = doc.inside_marks
    for mark in doc.marks:
        if not is_speech(doc, mark) or (quotes and quotes[-1].kind == "mixed" and mark.open < quotes[-1].end):
            continue  # not speech, or a second fragment of the mixed quote just made
        quote = Quote(start=mark.start, end=mark.end, kind="direct")
        end = mark.close if mark.close is not None else mark.end
        sents = _sentences_between(doc, mark.open, end)
        cue = _nearest_cue(doc, sents, mark, inside_marks)
        introducer = _verb_before_comma(doc, quote, sents[0], cue) \
            if cue is not None and doc.words[cue].start < quote.start else None
        cue = introducer or cue  # 'After Brown criticized ..., Ward shot back, "..."': shot, a direct quote
        colon = _colon_cue(doc, quote) if cue is None or doc.words[cue].start < quote.start else None
        if colon is not None and cue is not None and not _has_subject(doc, colon):
            colon = None  # a speech verb in the sentence says more than a bare verb before the colon
        inverted = _inverted_cue(doc, mark) if cue is None and colon is None else None
        if inverted is None and cue is None and colon is None:
            inverted = _verb_after(doc, mark)
        if colon is not None:  # "After Trump spoke, Rubio fired back: "...": the clause before the colon
            quote.cue_word, quote.speaker_word, quote.how = colon, speaker_of(doc, colon), "colon"
        elif cue is not None:
            quote.cue_word, quote.speaker_word, quote.how = cue, speaker_of(doc, cue), "cue"
            headline = doc.words[cue].text[:1].isupper() and cue == _headline_said(doc, mark)
            if introducer is None and not headline:  # 'Reyes Said "We Were Robbed" After Final' stays direct
                _maybe_mixed(doc, quote, cue, mark)
        elif inverted is not None:  # the quote is all that was said: no clause around it to read
            quote.cue_word, quote.speaker_word, quote.how = inverted, speaker_of(doc, inverted), "cue"
        elif (said := _headline_said(doc, mark)) is not None:
            quote.cue_word, quote.speaker_word, quote.how = said, said - 1, "cue"
        elif (source := _according_to(doc, sents)) is not None:  # '"...," according to the commission.'
            quote.cue_word, quote.cue_last, quote.speaker_word, quote.how = source[0], source[0] + 1, source[1], \
                "according"
        elif (named := _named_before_colon(doc, quote)) is not None:  # 'Marta Quinn, Bayside Herald: "..."'
            quote.speaker_word, quote.how = named, "colon"
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
    return _reporting_it(doc, best) if best is not None else None


def _reporting_it(doc: Document, cue: int) -> int:
    """A verb that is no plain speech verb, inside what a speech verb reports, is part of the report: in
    'Reeves wrote that the law showed it to be "..."' the cue is "wrote"."""
    words = doc.words
    if words[cue].lemma in SAYING_VERBS:
        return cue
    saying = next((node for node in reporting_heads(doc, cue) if words[node].lemma in SAYING_VERBS), None)
    return saying if saying is not None and words[saying].upos == "VERB" and not doc.inside_marks[saying] else cue


def _inverted_cue(doc: Document, mark: QuoteSpan) -> int | None:
    """ '"...," agrees Rita Vance': a speech verb's lemma between the closing mark and a name is the cue,
    however the tagger read the verb (small taggers make "agrees" a plural noun)."""
    if mark.close is None:
        return None
    i = _first_after(doc, mark)
    if i + 1 >= len(doc.words) or doc.words[i].sent != doc.words[i + 1].sent or doc.inside_marks[i]:
        return None
    w, name = doc.words[i], doc.words[i + 1]
    return i if w.lemma in SPEECH_VERBS and name.upos == "PROPN" and w.text.islower() else None


def _first_after(doc: Document, mark: QuoteSpan) -> int:
    """The first word after a closed quote, past the comma and the closing mark itself."""
    i = doc.last_word_starting_by(mark.close) + 1
    while i < len(doc.words) and doc.words[i].upos == "PUNCT" and doc.words[i].start < mark.close + 4:
        i += 1
    return i


#: The most words of a short attribution after a quote ('"...," reads an editorial in the Herald.').
_TAG_WORDS = 10


def _verb_after(doc: Document, mark: QuoteSpan) -> int | None:
    """ '"...," Hannity started.', '"...," it read.', '"...," reads an editorial in the Herald.': a quote ending
    in a comma, question or exclamation mark, then a short clause to the end of the sentence whose verb comes
    first or after one to three words: that verb is the cue, whatever verb it is."""
    content = doc.text[mark.start:mark.end].rstrip("\"'”’ ")
    if mark.close is None or not content.endswith((",", "?", "!")):
        return None
    first = _first_after(doc, mark)
    if first >= len(doc.words) or doc.inside_marks[first]:
        return None
    sent = doc.sentence_of(first)
    tail = [i for i in range(first, sent.last) if doc.words[i].upos != "PUNCT"]
    if tail and doc.words[tail[0]].upos == "VERB" and tail[0] + 1 < sent.last \
            and doc.words[tail[0] + 1].upos == "PROPN" and doc.words[tail[0]].text.islower():
        return tail[0]  # '"This is fantastic!" beamed Donald Hartley of Madison, who ...'
    if not tail or len(tail) > _TAG_WORDS or doc.words[sent.last - 1].lower not in (".", "!", "?") \
            or any(doc.inside_marks[i] for i in tail):
        return None
    verb = next((i for i in tail[:4] if doc.words[i].upos == "VERB" and doc.words[i].xpos in _FINITE + ("VBN",)), None)
    # "Hannity pressed.": a tagger may read a past tense after a name as a participle
    if verb is None or any(doc.words[i].upos not in _NOUN_PHRASE for i in tail[:tail.index(verb)]):
        return None
    return verb


_FINITE = ("VBD", "VBZ", "VBP")
_NOUN_PHRASE = ("PROPN", "NOUN", "PRON", "DET", "ADJ")


def _maybe_mixed(doc: Document, quote: Quote, cue: int, mark: QuoteSpan) -> None:
    """ "X said Japan will "fundamentally reinforce" its defences": the clause is the content."""
    content = _before_trailing_cue(doc, quote, cue) or complement_of(doc, cue)
    if not content:
        return
    if content[0] > cue:
        content = to_clause_end(doc, content, cue)
    content = trim(content, doc)
    quoted = [i for i in doc.words_within(quote.start, quote.end) if doc.words[i].upos != "PUNCT"]
    if not content or not quoted or not (content[0] <= quoted[0] and quoted[-1] <= content[-1]):
        return
    inside = doc.inside_marks
    if quote.speaker_word in content or cue in content:
        return  # '"A," she shouted, "B."' parsed as one clause: the speaker and cue are no part of what was said
    start, end = doc.span(content)
    if any(start <= m.open < end and m is not mark and stands_alone(doc, m) for m in doc.marks):
        return  # the clause holds another quotation: '"A," she said, adding, "B."' is two quotes, not one
    outside = [i for i in content if not inside[i] and _is_word(doc, i)]
    if outside:  # 'wrote that farmers "cannot survive on prices from 20 years ago"
        quote.start, quote.end = doc.span(content)
        quote.kind = "mixed"


def _before_trailing_cue(doc: Document, quote: Quote, cue: int) -> list[int] | None:
    """ '"Many would consider that an embarrassment" if she lost, said David Wasserman.', 'Teachers are "very,
    very pro-Bernie," Kilfoyle said.': a source and cue after the last comma report the sentence before it,
    whatever the parse hangs on the cue."""
    words, sent = doc.words, doc.sentence_of(cue)
    speaker = quote.speaker_word
    if speaker is None or words[cue].start < quote.end:
        return None
    edge = min(cue, speaker)
    comma = next((j for j in range(edge - 1, sent.first, -1) if words[j].lower == "," and (
        not doc.inside_marks[j] or (j + 1 < edge and words[j + 1].upos == "PUNCT" and not doc.inside_marks[j + 1]))),
        None)  # 'are "very, very pro-Bernie," Kilfoyle said': the comma inside the closing mark
    if comma is None or words[comma].start < quote.start or any(
            words[j].upos not in _NOUN_PHRASE + ("PUNCT", "PART") for j in range(comma + 1, edge)):
        return None
    first = max(sent.first, doc.words_within(*doc.paragraphs[doc.paragraph_at(quote.start)])[0])
    after = [j for j in range(first, comma) if words[j].start >= quote.end and _is_word(doc, j)]
    if after and all(words[j].upos == "PROPN" for j in after):
        return None  # '"...," Mr. Regalado, the mayor, said': the name after the quote is the source's
    colon = next((j for j in range(comma, first - 1, -1) if words[j].lower == ":" and not doc.inside_marks[j]), None)
    return list(range(first if colon is None else colon + 1, comma))  # 'his wife: "She signed it," he told


def stands_alone(doc: Document, mark: QuoteSpan) -> bool:
    """A quotation that opens its sentence or follows a comma or colon: a statement of its own, not a
    fragment woven into the clause ('with "unwavering determination"')."""
    before = doc.text[:mark.open].rstrip()
    return not before or before[-1] in ",:;.!?\n" or doc.opens_sentence(mark.start)


def _is_word(doc: Document, i: int) -> bool:
    """Letters or digits: a doubled '' can be tagged as anything but punctuation."""
    return any(ch.isalnum() for ch in doc.words[i].text)


def _colon_before(doc: Document, quote: Quote) -> int | None:
    """The character offset of a colon right before the quote's opening mark ("X said: "...""), if any."""
    before = doc.text[:quote.start - 1].rstrip()
    return len(before) - 1 if before.endswith(":") else None


#: Particles of a phrasal verb before the comma that introduces a quote ("shot back, "..."").
_PARTICLES = frozenset("back out up in on off".split())


def _verb_before_comma(doc: Document, quote: Quote, sent: int, cue: int) -> int | None:
    """The verb right before the comma that opens a quote ('Ward shot back, "..."'), with a subject of its own,
    when it is not the ``cue`` already found: it introduces the quote, whatever speech verb came further back."""
    before = doc.text[:quote.start - 1].rstrip()
    if not before.endswith(","):
        return None
    i = doc.last_word_starting_by(len(before) - 1) - 1
    while i > doc.sentences[sent].first and doc.words[i].lower in _PARTICLES:
        i -= 1
    w = doc.words[i]
    if w.sent != sent or w.upos != "VERB" or doc.inside_marks[i] or w.xpos not in _FINITE:
        return None
    return i if i != cue and _has_subject(doc, i) else None


def _colon_cue(doc: Document, quote: Quote) -> int | None:
    """For a quote right after a colon ("X said:", "Rubio fired back:"), the clause's cue."""
    colon = _colon_before(doc, quote)
    if colon is None:
        return None
    return _clause_verb(doc, doc.words[doc.last_word_starting_by(colon)].sent, colon)


def _according_to(doc: Document, sents: list[int]) -> tuple[int, int] | None:
    """(the word "according", the source's head) for '"...," according to the commission.' and
    'According to the campaign, "..."': the phrase outside the marks in the quote's sentences."""
    for s in sents:
        sent = doc.sentences[s]
        for i in range(sent.first, sent.last - 2):
            if doc.words[i].lower == "according" and doc.words[i + 1].lower == "to" and not doc.inside_marks[i]:
                source = according_source(doc, i)
                return (i, source) if source is not None else None
    return None


def _named_before_colon(doc: Document, quote: Quote) -> int | None:
    """A name with no verb before a colon: a roundup line ('Marta Quinn, Bayside Herald: "..."'), a
    headline ('Carly Fiorina: "..."') or 'As Lena Ortiz acknowledges: "..."' (a verb tagged a noun)."""
    at = _colon_before(doc, quote)
    return None if at is None else name_before_colon(doc, doc.last_word_starting_by(at))


def _attribute_from_context(doc: Document, quote: Quote, sents: list[int]) -> None:
    """No cue in the quote's own sentences: "he said." after it, or "Dianne Bystrom agreed." before it."""
    last = sents[-1]
    para = doc.paragraph_at(quote.start)
    if last + 1 < len(doc.sentences):
        nxt = doc.sentences[last + 1]
        if doc.paragraph_at(nxt.start) == para and not doc.text[quote.end:nxt.start].strip(" \t\"”’'"):
            for i in range(nxt.first, min(nxt.first + 4, nxt.last)):  # '"...!" LeVell declared, ...'
                if is_cue_verb(doc.words[i].lemma, doc.words[i].upos):
                    quote.cue_word, quote.speaker_word, quote.how = i, speaker_of(doc, i), "after"
                    return
    cue = _bare_cue_before(doc, sents[0], para)
    if cue is not None:
        quote.cue_word, quote.speaker_word, quote.how = cue, speaker_of(doc, cue), "before"
        return
    signed = _signature_after(doc, quote, para)
    if signed is not None:
        quote.speaker_word, quote.how = signed, "after"


#: The most words of a signature line after a quote ("- Hillary Clinton.").
_SIGNATURE_WORDS = 5
_DASHES = ("-", "–", "—", "--")


def _signature_after(doc: Document, quote: Quote, para: int) -> int | None:
    """A paragraph that is all quote, then a paragraph of a dash and a name ("- Hillary Clinton."), as fact
    checks and pull quotes credit a statement: the name's last word."""
    start, end = doc.paragraphs[para]
    if para + 1 >= len(doc.paragraphs) or doc.text[start:quote.start].strip(" \"“‘'") \
            or doc.text[quote.end:end].strip(" \"”’'.\n"):
        return None
    words = list(doc.words_within(*doc.paragraphs[para + 1]))
    while words and doc.words[words[-1]].upos == "PUNCT" and doc.words[words[-1]].text not in _DASHES:
        words.pop()  # the closing period
    if len(words) < 2 or doc.words[words[0]].text not in _DASHES or len(words) > _SIGNATURE_WORDS + 1 \
            or not all(doc.words[i].upos == "PROPN" for i in words[1:]):
        return None
    return words[-1]


#: The most words of a sentence that only introduces the quote after it ("Iowa State's Dianne Bystrom agreed.").
_INTRODUCTION_WORDS = 10


def _bare_cue_before(doc: Document, sent: int, para: int) -> int | None:
    """The cue of a short sentence right before the quote, in its paragraph, that says who speaks and
    nothing else: a speech verb as its root, with a subject and no clause or object of its own."""
    if sent == 0:
        return None
    before = doc.sentences[sent - 1]
    root = before.root
    if doc.paragraph_at(before.start) != para or before.last - before.first > _INTRODUCTION_WORDS or root is None:
        return None
    w = doc.words[root]
    kids = [doc.words[c].deprel for c in doc.children[root]]
    if not is_cue_verb(w.lemma, w.upos) or not any(k.startswith("nsubj") for k in kids) or any(
            k in ("ccomp", "obj", "xcomp", "parataxis") for k in kids) or doc.inside_marks[root]:
        return None
    return root


def _clause_verb(doc: Document, sent: int, before: int) -> int | None:
    """The cue of a clause introducing a quote with a colon: the predicate nearest the colon that has a
    subject ("After Trump suggested ..., Rubio fired back:" is Rubio's), a speech verb met on the way
    back, else the last verb."""
    s = doc.sentences[sent]
    fallback = None
    for i in range(s.last - 1, s.first - 1, -1):
        w = doc.words[i]
        if w.start >= before or doc.inside_marks[i]:
            continue
        if (is_cue_verb(w.lemma, w.upos) and w.deprel != "amod") or _main_predicate(doc, i):
            return i  # not "played up his believed strength:", an adjective
        if fallback is None and w.upos == "VERB":
            fallback = i
    return fallback


def _main_predicate(doc: Document, i: int) -> bool:
    """A verb or adjective with its own subject, outside relative, adverbial and question clauses ("broke down
    exactly what was wrong:" is not what's)."""
    w = doc.words[i]
    return w.upos in ("VERB", "ADJ") and w.lemma != "be" and w.deprel not in ("acl", "acl:relcl", "advcl") \
        and _has_subject(doc, i) and not any(doc.words[c].deprel.startswith("nsubj") and doc.words[c].lower in
                                             _WH_SUBJECTS for c in doc.children[i])


#: Subjects that open a question or relative clause: "what was wrong", "a candidate who promised".
_WH_SUBJECTS = frozenset("what who which that whom whose".split())


def _has_subject(doc: Document, i: int) -> bool:
    return any(doc.words[c].deprel in ("nsubj", "nsubj:pass") and not doc.inside_marks[c] for c in doc.children[i])


def add_direct(doc: Document) -> None:
    """The direct stage: ``doc.quotes`` are the marked quotes that are speech."""
    doc.quotes = find_direct(doc)
