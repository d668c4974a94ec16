"""What the article, speaker and dashboard pages share: rows by id (or 404), and rendering a package template with the
verdict styles and the links to the tables."""

from __future__ import annotations

from datasette.utils.asgi import NotFound, Request, Response
from markupsafe import Markup

from .check_page import VERDICT_CSS
from .serve import DB_NAME, package_template

__all__ = ["one_row", "render", "rows"]


async def rows(datasette, sql: str, *params) -> list[dict]:
    """The rows ``sql`` gives for ``params``, from the database served as ``attribution``."""
    return [dict(r) for r in (await datasette.get_database(DB_NAME).execute(sql, list(params))).rows]


async def one_row(datasette, sql: str, key: int, what: str) -> dict:
    """The one row for ``key``, or a 404 naming ``what`` is missing."""
    found = await rows(datasette, sql, key)
    if not found:
        raise NotFound(f"no {what} {key}")
    return found[0]


async def render(datasette, request: Request, template: str, context: dict) -> Response:
    tables = {f"{name}_url": datasette.urls.table(DB_NAME, name)
              for name in ("articles", "quotes", "checks", "records", "speakers")}
    html = await datasette.render_template(package_template(datasette, template),
                                           {**tables, "verdict_css": Markup(VERDICT_CSS), **context}, request=request)
    return Response.html(html)
