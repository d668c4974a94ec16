"""The article page, ``/-/articles/ID``: a stored article as its readers saw it, with every quote found in
it highlighted by its verdict, and each quote's speaker, cue, date, verdict and note, linked to its row,
its check and its record."""

from __future__ import annotations

import json

from datasette.utils.asgi import Request, Response

from .check_page import highlight
from .pages import one_row, render, rows

__all__ = ["ARTICLE_PATH", "article_page", "headline"]

ARTICLE_PATH = r"^/-/articles/(?P<article_id>\d+)$"
_HEADLINE_CHARS = 120

_ARTICLE = "select id, title, outlet, published, url, text from articles where id = ?"
_QUOTES = """select quotes.id, quotes.start, quotes.[end], quotes.kind, quotes.cue, quotes.said_on,
  coalesce(speakers.name, quotes.speaker_name) as speaker, quotes.speaker_name, checks.id as check_id,
  coalesce(checks.verdict, 'unverified') as verdict, checks.flags, checks.note, checks.record_id
from quotes left join speakers on speakers.id = quotes.speaker_id left join checks on checks.quote_id = quotes.id
where quotes.article_id = ? order by quotes.start, quotes.id"""


def headline(title: str | None, text: str) -> str:
    """The article's title, else its first line when that is short enough to be a headline."""
    if title and title.strip():
        return title.strip()
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= _HEADLINE_CHARS else "Untitled article"


async def article_page(datasette, request: Request) -> Response:
    article_id = int(request.url_vars["article_id"])
    article = await one_row(datasette, _ARTICLE, article_id, "article")
    quotes = await rows(datasette, _QUOTES, article_id)
    for q in quotes:
        q["flags"] = json.loads(q["flags"] or "[]")
    return await render(datasette, request, "article.html", {
        "article": article, "headline": headline(article["title"], article["text"]), "quotes": quotes,
        "parts": highlight(article["text"], quotes)})
