"""Writing extraction results: the JSON contract for scripts, a table for people."""

from __future__ import annotations

import json
from typing import IO

from ..document import Document

__all__ = ["FORMATS", "article_dict", "shorten", "write_json", "write_jsonl", "write_table"]

FORMATS = ("table", "json", "jsonl")


def article_dict(doc: Document) -> dict:
    """One article in the output contract (keys and types fixed: scripts depend on them)."""
    a = doc.article
    return {
        "id": a.id,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        "quotes": [q.to_dict() for q in doc.quotes],
    }


def write_jsonl(doc: Document, out: IO[str]) -> None:
    out.write(json.dumps(article_dict(doc), ensure_ascii=False) + "\n")


def write_json(docs: list[Document], out: IO[str]) -> None:
    json.dump([article_dict(d) for d in docs], out, ensure_ascii=False, indent=2)
    out.write("\n")


def shorten(text: str, width: int) -> str:
    """Text on one line for a table: spaces collapsed, cut to ``width`` characters with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_table(doc: Document, out: IO[str], width: int = 60) -> None:
    """A readable listing: one block per quote."""
    a = doc.article
    out.write(f"== {a.id}" + (f" ({a.date.isoformat()})" if a.date else "") + (f": {a.title}" if a.title else "") + "\n")
    if not doc.quotes:
        out.write("   no quotes found\n")
    for n, q in enumerate(doc.quotes, 1):
        text = shorten(q.text, width)
        who = q.speaker.name if q.speaker else "(unknown)"
        if q.speaker and q.speaker.title:
            who += f" [{q.speaker.title}]"
        cue = q.cue.text if q.cue else "-"
        said = q.said_on.isoformat() if q.said_on else "-"
        out.write(f"{n:3}. {q.kind:8} {who} · {cue} · {said} · {q.confidence:.2f}\n     “{text}”\n")
    out.write("\n")
