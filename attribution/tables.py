"""Text tables for people: what ``attribution extract``, ``check`` and ``statements`` print by default.

Scripts read the JSON forms instead (:mod:`attribution.extract.output`, ``--format json``).
"""

from __future__ import annotations

import textwrap
from typing import IO

from .check.quotes import PROBLEMS
from .document import Document

__all__ = ["quoted", "shorten", "write_check_table", "write_statements_table", "write_table"]


def shorten(text: str, width: int) -> str:
    """Text on one line for a table: spaces collapsed, cut to ``width`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def quoted(text: str, width: int = 72) -> str:
    """A quote in full, in quotation marks, wrapped to ``width`` columns under a five-space indent."""
    return textwrap.fill(" ".join(text.split()), width=width, initial_indent="     “", subsequent_indent="      ") + "”"


def write_table(doc: Document, out: IO[str]) -> None:
    """A readable listing: one block per quote."""
    a = doc.article
    out.write(f"== {a.id}" + (f" ({a.date.isoformat()})" if a.date else "") + (f": {a.title}" if a.title else "") + "\n")
    if not doc.quotes:
        out.write("   no quotes found\n")
    for n, q in enumerate(doc.quotes, 1):
        who = q.speaker.name if q.speaker else "(unknown)"
        if q.speaker and q.speaker.title:
            who += f" [{q.speaker.title}]"
        cue = q.cue.text if q.cue else "-"
        said = q.said_on.isoformat() if q.said_on else "-"
        out.write(f"{n:3}. {q.kind:8} {who} · {cue} · {said} · {q.confidence:.2f}\n{quoted(q.text)}\n")
    out.write("\n")


def _diff_text(diff: list[dict]) -> str:
    """A word diff in wdiff's notation: [-in the record-]{+in the quote+}."""
    parts = []
    for op in diff:
        if op["op"] == "equal":
            parts.append(op["record"])
        else:
            parts.append((f"[-{op['record']}-]" if op["record"] else "") + (f"{{+{op['quote']}+}}" if op["quote"] else ""))
    return " ".join(parts)


def write_check_table(art: dict, out: IO[str]) -> None:
    """A readable report for one checked article."""
    out.write(f"== {art['id']}" + (f" ({art['date']})" if art["date"] else "") + (f": {art['title']}" if art["title"] else "") + "\n")
    if not art["quotes"]:
        out.write("   no quotes found\n")
    for n, q in enumerate(art["quotes"], 1):
        who = q["speaker"]["name"] if q["speaker"] else "(unknown)"
        cue = q["cue"]["text"] if q["cue"] else "-"
        score = f" · score {q['score']:g}" if q["record"] else ""
        out.write(f"{n:3}. {q['verdict'].upper():13} {q['kind']:8} {who} · {cue} · {q['said_on'] or '-'}{score}\n"
                  f"{quoted(q['text'])}\n")
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


def write_statements_table(statements: list[dict], out: IO[str], width: int = 70, *,
                           empty: str = "no statements stored") -> None:
    """A readable list: the statement, its first appearance, its spread, and its other wordings; ``empty``
    says why there are none."""
    if not statements:
        out.write(f"{empty}\n")
    for n, st in enumerate(statements, 1):
        first = st["first_appearance"]
        out.write(f"{n:3}. {st['speaker']}: “{shorten(st['text'], width)}”  [{st['status']}]\n"
                  f"     first: {first['outlet'] or '(unknown outlet)'}, {first['published'] or '(undated)'}; "
                  f"carried by {len(st['outlets'])} outlet(s) in {st['articles']} article(s)"
                  + (f": {', '.join(st['outlets'])}" if st["outlets"] else "") + "\n")
        for group in st["syndicated"]:
            out.write(f"     one story in {len(group)} outlets (one source): {', '.join(group)}\n")
        for variant in st["variants"][1:]:
            out.write(f"     also printed as: “{shorten(variant['text'], width)}” ({', '.join(variant['outlets']) or '?'})\n")
        if st["conflicting_speakers"]:
            out.write(f"     the same words are credited to: {', '.join(st['conflicting_speakers'])}\n")
