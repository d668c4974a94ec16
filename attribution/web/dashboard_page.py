"""The dashboard, ``/-/dashboard``: verdicts per week and per outlet, the speakers most often credited with
someone else's words, and the statements that spread fastest, drawn on the server (see :mod:`.charts`)."""

from __future__ import annotations

from datasette.utils.asgi import Request, Response

from .charts import stacked_bars
from .pages import render, rows

__all__ = ["DASHBOARD_PATH", "DASHBOARD_URL", "dashboard_page"]

DASHBOARD_URL = "/-/dashboard"
DASHBOARD_PATH = rf"^{DASHBOARD_URL}$"

#: Quotes by the week (Monday first) of the article that printed them, and by verdict.
_BY_WEEK = """select date(articles.published, 'weekday 0', '-6 days') as week,
  coalesce(checks.verdict, 'unverified') as verdict, count(*) as n
from quotes join articles on articles.id = quotes.article_id left join checks on checks.quote_id = quotes.id
where articles.published is not null group by week, verdict order by week"""
_BY_OUTLET = """select coalesce(articles.outlet, 'no outlet') as outlet, coalesce(checks.verdict, 'unverified') as verdict,
  count(*) as n
from quotes join articles on articles.id = quotes.article_id left join checks on checks.quote_id = quotes.id
group by outlet, verdict"""
_MISATTRIBUTED = """select speakers.id, speakers.name, count(*) as n
from checks join quotes on quotes.id = checks.quote_id join speakers on speakers.id = quotes.speaker_id
where checks.verdict = 'misattributed' group by speakers.id order by n desc, speakers.name limit 10"""
#: Statements carried by two outlets or more, by outlets gained per day between first and last appearance.
_SPREAD = """select statements.id, statements.text, speakers.id as speaker_id, speakers.name as speaker,
  statements.outlets, statements.first_outlet, statements.first_published, max(articles.published) as last_published,
  julianday(max(articles.published)) - julianday(statements.first_published) as days
from statements join speakers on speakers.id = statements.speaker_id
join quotes on quotes.statement_id = statements.id join articles on articles.id = quotes.article_id
where statements.outlets >= 2 group by statements.id
order by statements.outlets / (coalesce(days, 0) + 1.0) desc, statements.outlets desc, statements.id limit 10"""


def _grouped(found: list[dict], key: str) -> list[tuple[str, dict[str, int]]]:
    """[(week or outlet, {verdict: count})] in the order first met."""
    out: dict[str, dict[str, int]] = {}
    for row in found:
        out.setdefault(row[key], {})[row["verdict"]] = row["n"]
    return list(out.items())


async def dashboard_page(datasette, request: Request) -> Response:
    weeks = _grouped(await rows(datasette, _BY_WEEK), "week")
    outlets = sorted(_grouped(await rows(datasette, _BY_OUTLET), "outlet"), key=lambda o: (-sum(o[1].values()), o[0]))
    return await render(datasette, request, "dashboard.html", {
        "weeks": stacked_bars([(f"week of {w}", c) for w, c in weeks], "verdicts per week"),
        "outlets": stacked_bars(outlets, "verdicts per outlet"),
        "misattributed": await rows(datasette, _MISATTRIBUTED),
        "spread": await rows(datasette, _SPREAD)})
