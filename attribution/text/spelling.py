"""British and American spellings of the same words ("defence" and "defense"), so a search for one finds
quotes and records printed with the other. Each stored text keeps the other spellings of its words in a
column of their own that the full-text index reads (see store migration 8)."""

from __future__ import annotations

import re

__all__ = ["VARIANTS", "other_spellings"]

#: British → American spellings; the forms below are made from them. Pairs whose American word is also
#: another word ("tyre"/"tire", "cheque"/"check", "storey"/"story") are left out: searching "check" must
#: not find cheques.
_BASE = """
defence defense|offence offense|pretence pretense|licence license|colour color|favour favor|honour honor|
labour labor|neighbour neighbor|behaviour behavior|harbour harbor|rumour rumor|humour humor|vigour vigor|
endeavour endeavor|armour armor|flavour flavor|centre center|theatre theater|metre meter|litre liter|
fibre fiber|calibre caliber|programme program|catalogue catalog|dialogue dialog|analogue analog|grey gray|
jewellery jewelry|aluminium aluminum|plough plow|manoeuvre maneuver|
paediatric pediatric|orthopaedic orthopedic|anaemia anemia|oestrogen estrogen|ageing aging|judgement judgment|
sceptic skeptic|sceptical skeptical|pyjamas pajamas|sulphur sulfur|
enrol enroll|fulfil fulfill|instalment installment|skilful skillful|wilful willful|counsellor counselor|
travelled traveled|travelling traveling|traveller traveler|cancelled canceled|cancelling canceling|
labelled labeled|labelling labeling|modelling modeling|modelled modeled|fuelled fueled|fuelling fueling|
signalled signaled|signalling signaling|totalled totaled|levelled leveled|channelled channeled|
marvellous marvelous|jeweller jeweler|woollen woolen|cosy cozy|gaol jail
"""

#: Verbs spelled -ise in Britain and -ize in America (with -ised, -ises, -ising, -isation).
_ISE = """organ recogn real apolog critic emphas categor character prior modern legal stabil privat capital
normal minim maxim util author special central general subsid summar symbol sympath fertil hospital
immun industrial internal jeopard mobil monopol neutral optim penal polar popular rational revolution
sanit scrutin standard steril subsid terror urban vandal visual weapon democrat harmon memor"""

#: Verbs spelled -yse in Britain and -yze in America.
_YSE = "anal paral catal"


def _pairs() -> list[tuple[str, str]]:
    pairs = [tuple(p.split()) for p in _BASE.replace("\n", "").split("|") if p.strip()]
    for stem in _ISE.split():
        pairs += [(f"{stem}ise{end}", f"{stem}ize{end}") for end in ("", "d", "s")]
        pairs += [(f"{stem}ising", f"{stem}izing"), (f"{stem}isation", f"{stem}ization"),
                  (f"{stem}isations", f"{stem}izations")]
    for stem in _YSE.split():
        pairs += [(f"{stem}yse{end}", f"{stem}yze{end}") for end in ("", "d", "s")] + [(f"{stem}ysing", f"{stem}yzing")]
    plural = [(f"{b}s", f"{a}s") for b, a in pairs if not b.endswith(("s", "ing", "ed"))]
    our = [(f"{b}ed", f"{a}ed") for b, a in pairs if b.endswith("our")]
    return pairs + plural + our


#: Each spelling → the other one.
VARIANTS: dict[str, str] = {}
for _british, _american in _pairs():
    VARIANTS[_british] = _american
    VARIANTS[_american] = _british

_WORD = re.compile(r"[^\W\d_]+")


def other_spellings(text: str) -> str:
    """The other spelling of each word of ``text`` that has one, once each ("defence" → "defense")."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower()):
        other = VARIANTS.get(word)
        if other is not None:
            seen[other] = None
    return " ".join(seen)
