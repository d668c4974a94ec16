"""A confidence in [0, 1] per quote, from how its parts were found.

Not a calibrated probability: an ordering that puts quotes found by strong
rules (quotation marks, an explicit cue, a named speaker) above guesses
(carry-over, no cue, an unresolved pronoun), so reviewers can sort by it.
"""

from __future__ import annotations

from ..document import Document
from ..model import Quote

__all__ = ["UNCERTAIN_PENALTY", "confidence", "score_quotes"]

#: What a speaker resolved on weak evidence costs (see :attr:`attribution.model.Speaker.uncertain`).
UNCERTAIN_PENALTY = 0.35

_BY_RULE = {"cue": 0.85, "colon": 0.8, "after": 0.75, "before": 0.7, "according": 0.8, "subject": 0.7,
            "noun": 0.55, "woven": 0.5, "carryover": 0.6, "split": 0.75, "context": 0.45, "headline": 0.5, "": 0.35}


def confidence(doc: Document, quote: Quote) -> float:
    score = _BY_RULE.get(quote.how, 0.5)
    if quote.kind == "indirect":
        score -= 0.05
    if quote.speaker is None:
        score -= 0.15
    elif quote.speaker.type == "OTHER":
        score -= 0.05
    elif quote.speaker.uncertain:
        score -= UNCERTAIN_PENALTY  # a shared surname, a pronoun far from its name
    elif quote.speaker.name != quote.speaker.mention:
        score += 0.05  # resolved to a fuller name
    if quote.cue is None:
        score -= 0.05
    return max(0.0, min(1.0, score))


def score_quotes(doc: Document) -> None:
    """The scores stage: each quote's ``confidence``."""
    for q in doc.quotes:
        q.confidence = confidence(doc, q)
