"""What extraction produces: quotes with their speaker, cue and date.

``to_dict`` gives the JSON output contract that scripts depend on; keep its
keys and types exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Cue", "KINDS", "Quote", "SPEAKER_TYPES", "Speaker", "VERDICTS"]

KINDS = ("direct", "mixed", "indirect")
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP", "OTHER")
#: What checking a quote against the records can say (see :mod:`attribution.check.verdict`).
VERDICTS = ("verified", "misattributed", "altered", "unverified")


@dataclass
class Speaker:
    name: str  #: canonical name for the whole article ("Sanae Takaichi")
    mention: str  #: as written near the cue ("she", "Takaichi", "the prime minister")
    start: int
    end: int
    type: str = "OTHER"
    title: str | None = None  #: role kept apart from the name ("Prime Minister")
    uncertain: str | None = None  #: why the mention may be someone else's (a shared surname, a far pronoun)

    def to_dict(self) -> dict:
        return {"name": self.name, "mention": self.mention, "start": self.start, "end": self.end,
                "type": self.type, "title": self.title}


@dataclass
class Cue:
    text: str
    lemma: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "lemma": self.lemma, "start": self.start, "end": self.end}


@dataclass
class Quote:
    """One quoted or reported statement; the word indices are for the stages, not the output."""

    start: int
    end: int
    kind: str
    text: str = ""
    cue_word: int | None = None  #: the cue's (first) word index in the Document
    cue_last: int | None = None  #: its last word, for cues of several words ("according to")
    speaker_word: int | None = None  #: head word of the speaker mention
    how: str = ""  #: which rule found the speaker (explains the confidence)
    speaker: Speaker | None = None
    cue: Cue | None = None
    said_on: dt.date | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "said_on": self.said_on.isoformat() if self.said_on else None,
            "confidence": round(self.confidence, 3),
        }
