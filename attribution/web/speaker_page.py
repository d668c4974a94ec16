"""The speaker page, ``/-/speakers/ID``: one person's or organisation's statements over time, with their
verdicts and outlets, a timeline drawn as SVG (no script, nothing fetched from elsewhere), their verified
records, and the forms of their name seen."""

from __future__ import annotations

import json

from datasette.utils.asgi import Request, Response

from .charts import VERDICT_COLOURS, timeline
from .pages import one_row, render, rows

__all__ = ["SPEAKER_PATH", "speaker_page"]

SPEAKER_PATH = r"^/-/speakers/(?P<speaker_id>\d+)$"

_SPEAKER = "select id, name, type, aliases from speakers where id = ?"
_QUOTES = """select quotes.id, quotes.text, quotes.kind, quotes.said_on, quotes.article_id,
  articles.outlet, articles.published, coalesce(checks.verdict, 'unverified') as verdict, checks.flags
from quotes join articles on articles.id = quotes.article_id left join checks on checks.quote_id = quotes.id
where quotes.speaker_id = ? order by quotes.said_on, quotes.id"""
_RECORDS = "select id, text, said_on, source_url from records where speaker_id = ? order by said_on, id"


async def speaker_page(datasette, request: Request) -> Response:
    speaker_id = int(request.url_vars["speaker_id"])
    speaker = await one_row(datasette, _SPEAKER, speaker_id, "speaker")
    quotes = await rows(datasette, _QUOTES, speaker_id)
    records = await rows(datasette, _RECORDS, speaker_id)
    return await render(datasette, request, "speaker.html", {
        "speaker": speaker, "aliases": json.loads(speaker["aliases"] or "[]"), "quotes": quotes, "records": records,
        "verdicts": {v: sum(q["verdict"] == v for q in quotes) for v in VERDICT_COLOURS},
        "timeline": timeline(quotes, records)})
