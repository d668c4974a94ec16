"""Datasette plugin: SQL functions for matching quotes inside queries.

Registered through the ``datasette`` entry point, so ``attribution serve`` and
a plain ``datasette db/attribution.db`` both get them:

- ``fuzz_ratio(a, b)`` and ``fuzz_partial_ratio(a, b)``: rapidfuzz scores, 0–100;
- ``normalize_quote(s)``: the normal form the store keeps in ``norm_text``.
"""

from __future__ import annotations

from datasette import hookimpl
from rapidfuzz import fuzz

from .normalize import normalize_quote

__all__ = ["prepare_connection"]


def _scorer(function):
    def score(a: str | None, b: str | None) -> float | None:
        if a is None or b is None:
            return None
        return round(function(normalize_quote(a), normalize_quote(b)), 2)

    return score


@hookimpl
def prepare_connection(conn) -> None:
    """Register the matching functions on every connection Datasette opens."""
    conn.create_function("fuzz_ratio", 2, _scorer(fuzz.ratio), deterministic=True)
    conn.create_function("fuzz_partial_ratio", 2, _scorer(fuzz.partial_ratio), deterministic=True)
    conn.create_function("normalize_quote", 1, lambda s: None if s is None else normalize_quote(s),
                         deterministic=True)
