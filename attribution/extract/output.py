"""Writing extraction results: the JSON contract scripts depend on (tables for people: :mod:`attribution.tables`)."""

from __future__ import annotations

import json
from typing import IO

from ..document import Document

__all__ = ["FORMATS", "article_dict", "write_json", "write_jsonl"]

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
