"""One normal form for quote text, so the same words match however they were printed.

Quotation marks, apostrophes and dashes are unified, whitespace collapsed and
case folded; the hash of the normal form is what exact lookups use.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["norm_hash", "normalize_quote", "quote_hash"]

_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
                        "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s\"'.,;:!?()\[\]-]+|[\s\"'.,;:!?()\[\]-]+$")


def normalize_quote(text: str) -> str:
    """ '“We cannot afford to wait,”' → 'we cannot afford to wait'."""
    text = unicodedata.normalize("NFKC", text).translate(_MARKS)
    text = _SPACE.sub(" ", text).casefold()
    return _EDGE.sub("", text)


def norm_hash(norm: str) -> str:
    """SHA-1 of a normal form (the ``norm_hash`` columns), for callers that have normalised already."""
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def quote_hash(text: str) -> str:
    """SHA-1 of the normal form: equal for the same words in any typography."""
    return norm_hash(normalize_quote(text))
