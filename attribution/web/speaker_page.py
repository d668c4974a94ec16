"""The speaker page, ``/-/speakers/ID``: one person's or organisation's statements over time, with their
verdicts and outlets, a timeline drawn as SVG (no script, nothing fetched from elsewhere), their verified
records, and the forms of their name seen."""

from __future__ import annotations

import datetime as dt
import json

from datasette.utils.asgi import Request, Response
from markupsafe import Markup, escape

from .pages import one_row, render, rows

__all__ = ["SPEAKER_PATH", "speaker_page", "timeline"]

SPEAKER_PATH = r"^/-/speakers/(?P<speaker_id>\d+)$"
_COLOURS = {"verified": "#2e7d32", "altered": "#e65100", "misattributed": "#c62828", "unverified": "#757575"}

_SPEAKER = "select id, name, type, aliases from speakers where id = ?"
_QUOTES = """select quotes.id, quotes.text, quotes.kind, quotes.said_on, quotes.article_id,
  articles.outlet, articles.published, coalesce(checks.verdict, 'unverified') as verdict, checks.flags
from quotes join articles on articles.id = quotes.article_id left join checks on checks.quote_id = quotes.id
where quotes.speaker_id = ? order by quotes.said_on, quotes.id"""
_RECORDS = "select id, text, said_on, source_url from records where speaker_id = ? order by said_on, id"


def timeline(quotes: list[dict], records: list[dict], width: int = 900, height: int = 120) -> Markup:
    """An SVG timeline: a dot per quote on the day it was said, coloured by verdict, and a tick per record."""
    days = [dt.date.fromisoformat(x["said_on"]) for x in quotes + records if x["said_on"]]
    if not days:
        return Markup("<p>No dates to draw.</p>")
    first, last = min(days), max(days)
    span = max(1, (last - first).days)

    def x(day: str) -> float:
        return 20 + (width - 40) * (dt.date.fromisoformat(day) - first).days / span

    marks = [f'<line x1="20" y1="{height - 25}" x2="{width - 20}" y2="{height - 25}" stroke="#999"/>',
             f'<text x="20" y="{height - 5}" font-size="12">{first.isoformat()}</text>',
             f'<text x="{width - 20}" y="{height - 5}" font-size="12" text-anchor="end">{last.isoformat()}</text>']
    stacked: dict[str, int] = {}  # quotes said the same day stack upwards
    for q in (q for q in quotes if q["said_on"]):
        n = stacked[q["said_on"]] = stacked.get(q["said_on"], -1) + 1
        marks.append(f'<circle class="quote-dot" data-verdict="{escape(q["verdict"])}" cx="{x(q["said_on"]):.1f}" '
                     f'cy="{height - 37 - n * 11}" r="5" fill="{_COLOURS.get(q["verdict"], "#757575")}">'
                     f'<title>{escape(q["said_on"])}: {escape(q["verdict"])}</title></circle>')
    for r in (r for r in records if r["said_on"]):
        at = f'{x(r["said_on"]):.1f}'
        marks.append(f'<line class="record-tick" x1="{at}" y1="{height - 30}" x2="{at}" y2="{height - 20}" '
                     f'stroke="#000" stroke-width="2"><title>record {r["id"]}</title></line>')
    return Markup(f'<svg class="timeline" role="img" aria-label="statements over time" width="{width}" '
                  f'height="{height}" viewBox="0 0 {width} {height}">' + "".join(marks) + "</svg>")


async def speaker_page(datasette, request: Request) -> Response:
    speaker_id = int(request.url_vars["speaker_id"])
    speaker = await one_row(datasette, _SPEAKER, speaker_id, "speaker")
    quotes = await rows(datasette, _QUOTES, speaker_id)
    records = await rows(datasette, _RECORDS, speaker_id)
    return await render(datasette, request, "speaker.html", {
        "speaker": speaker, "aliases": json.loads(speaker["aliases"] or "[]"), "quotes": quotes, "records": records,
        "verdicts": {v: sum(q["verdict"] == v for q in quotes) for v in _COLOURS},
        "timeline": timeline(quotes, records)})
