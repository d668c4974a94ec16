"""Checking an article's quotes against the verified records: the ``attribution check`` library side.

:func:`check_document` returns the extraction JSON object (:func:`attribution.output.article_dict`)
with every quote extended by its verdict (see :mod:`attribution.verdict`)::

    "verdict": "verified" | "misattributed" | "altered" | "unverified",
    "score": 0-100 (how closely the quote matches "record"; 0 when there is none),
    "match": "whole" | "fragment" | "paraphrase" | null,
    "record": {"id", "speaker", "text", "said_on", "source_url"} | null,
    "context": {"before", "after"} | null   (the record's words around a quoted fragment),
    "diff": [{"op": "equal"|"replace"|"delete"|"insert", "record": str, "quote": str}, ...],
    "flags": ["negation", "number", "dropped", "inserted", "replaced", "spelling", "said_on"],
    "suggestion": null | {"verdict", "score", "match", "record", "context", "diff", "flags", "reason"},
    "note": str   (one line for people)

Nothing is written to the database.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Iterable

import sqlite_utils

from .document import Document
from .output import article_dict
from .verdict import Checker, VERDICTS

__all__ = ["PROBLEMS", "check_document", "summary", "write_check_table"]

#: Verdicts that make ``attribution check`` exit with status 1.
PROBLEMS = ("misattributed", "altered")


def check_document(db: sqlite_utils.Database, doc: Document, checker: Checker | None = None) -> dict:
    """The article's extraction object with a verdict on every quote (pass one ``checker`` for many documents)."""
    checker = checker or Checker(db)
    out = article_dict(doc)
    for quote, item in zip(doc.quotes, out["quotes"]):
        speaker = quote.speaker
        v = checker.verdict(quote.text, quote.kind, speaker.name if speaker else None,
                            speaker.type if speaker else None, quote.said_on)
        item.update(v.to_dict())
    return out


def summary(results: Iterable[dict]) -> Counter:
    """How many quotes got each verdict."""
    counts = Counter({v: 0 for v in VERDICTS})
    for art in results:
        counts.update(q["verdict"] for q in art["quotes"])
    return counts


def _diff_text(diff: list[dict]) -> str:
    """A word diff in wdiff's notation: [-in the record-]{+in the quote+}."""
    parts = []
    for op in diff:
        if op["op"] == "equal":
            parts.append(op["record"])
        else:
            parts.append((f"[-{op['record']}-]" if op["record"] else "") + (f"{{+{op['quote']}+}}" if op["quote"] else ""))
    return " ".join(parts)


def write_check_table(art: dict, out: IO[str], width: int = 70) -> None:
    """A readable report for one checked article."""
    out.write(f"== {art['id']}" + (f" ({art['date']})" if art["date"] else "") + (f": {art['title']}" if art["title"] else "") + "\n")
    if not art["quotes"]:
        out.write("   no quotes found\n")
    for n, q in enumerate(art["quotes"], 1):
        text = " ".join(q["text"].split())
        if len(text) > width:
            text = text[: width - 1] + "…"
        who = q["speaker"]["name"] if q["speaker"] else "(unknown)"
        score = f" · {q['score']:g}" if q["record"] else ""
        out.write(f"{n:3}. {q['verdict'].upper():13} {q['kind']:8} {who}{score}\n     “{text}”\n")
        if q["note"]:
            out.write(f"     {q['note']}\n")
        rec = q["record"]
        if rec:
            out.write(f"     record {rec['id']}: {rec['speaker']}, {rec['said_on']}, {rec['source_url']}\n")
        if q["context"]:
            around = " ".join(p for p in (q["context"]["before"], "[...]", q["context"]["after"]) if p)
            out.write(f"     in context: {around}\n")
        if q["verdict"] in PROBLEMS and q["diff"]:
            out.write(f"     diff: {_diff_text(q['diff'])}\n")
        if q["flags"]:
            out.write(f"     flags: {', '.join(q['flags'])}\n")
        if q["suggestion"]:
            s = q["suggestion"]
            out.write(f"     suggestion: {s['verdict']} (record {s['record']['id']}, {s['record']['speaker']}): "
                      f"{s['reason']}\n")
    out.write("\n")
