"""The article page, ``/-/articles/ID``: a stored article as its readers saw it, with every quote found in
it highlighted by its verdict, and each quote's speaker, cue, date, verdict and note, linked to its row,
its check and its record."""

from __future__ import annotations

import json

from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup

from .check_page import VERDICT_CSS, highlight
from .serve import DB_NAME, package_template

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
    db = datasette.get_database(DB_NAME)
    article_id = int(request.url_vars["article_id"])
    rows = (await db.execute(_ARTICLE, [article_id])).rows
    if not rows:
        raise NotFound(f"no article {article_id}")
    article = dict(rows[0])
    quotes = [dict(r) for r in (await db.execute(_QUOTES, [article_id])).rows]
    for q in quotes:
        q["flags"] = json.loads(q["flags"] or "[]")
    context = {"article": article, "headline": headline(article["title"], article["text"]), "quotes": quotes,
               "parts": highlight(article["text"], quotes), "verdict_css": Markup(VERDICT_CSS),
               "table_url": datasette.urls.table(DB_NAME, "articles"),
               "quotes_url": datasette.urls.table(DB_NAME, "quotes"),
               "checks_url": datasette.urls.table(DB_NAME, "checks"),
               "records_url": datasette.urls.table(DB_NAME, "records")}
    html = await datasette.render_template(package_template(datasette, "article.html"), context, request=request)
    return Response.html(html)
