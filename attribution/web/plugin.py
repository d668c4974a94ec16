"""Datasette plugin: SQL functions for matching quotes inside queries, and the check page.

Registered through the ``datasette`` entry point, so ``attribution serve`` and
a plain ``datasette db/attribution.db`` both get them:

- ``fuzz_ratio(a, b)`` and ``fuzz_partial_ratio(a, b)``: rapidfuzz scores, 0–100, or NULL when an
  argument is longer than :data:`MAX_FUNCTION_CHARS` allows (their cost grows with the product of
  the lengths, and one call holds the GIL: Datasette's SQL time limit cannot stop it, so an unbounded
  argument would stall every request);
- ``normalize_quote(s)``: the normal form the store keeps in ``norm_text``;
- ``:_site_url`` in canned queries: this instance's absolute URL (``https://host/``, with any
  ``base_url``), for links that must work outside the site, such as the Atom feed's;
- ``/-/check`` (a form) and ``/-/check.json`` (POST JSON): check an article's quotes against the
  records of the database served as ``attribution`` (see :mod:`attribution.web.check_page`), with
  "Check an article" in the menu.
"""

from __future__ import annotations

from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape
from rapidfuzz import fuzz

from ..text.normalize import normalize_quote
from . import article_page, cells, check_page, dashboard_page, speaker_page
from .check_service import warm_up
from .facets import once_per_facet
from .guards import guard
from .serve import DB_NAME, models_dir_of

__all__ = ["MAX_FUNCTION_CHARS", "asgi_wrapper", "extra_body_script", "extra_css_urls", "menu_links", "prepare_connection",
           "register_magic_parameters", "register_routes", "render_cell", "skip_csrf", "startup"]

#: The longest argument each SQL matching function scores (a quote is far shorter); measured on 2 cores, a call
#: at the limit takes about 50 ms (partial ratio, 1,000 characters each) or 12 ms (ratio, 20,000).
MAX_FUNCTION_CHARS = {"fuzz_ratio": 20_000, "fuzz_partial_ratio": 1_000}


def _scorer(function, limit: int):
    def score(a: str | None, b: str | None) -> float | None:
        if a is None or b is None or len(a) > limit or len(b) > limit:
            return None
        return round(function(normalize_quote(a), normalize_quote(b)), 2)

    return score


@hookimpl
def prepare_connection(conn) -> None:
    """Register the matching functions on every connection Datasette opens."""
    conn.create_function("fuzz_ratio", 2, _scorer(fuzz.ratio, MAX_FUNCTION_CHARS["fuzz_ratio"]), deterministic=True)
    conn.create_function("fuzz_partial_ratio", 2, _scorer(fuzz.partial_ratio, MAX_FUNCTION_CHARS["fuzz_partial_ratio"]),
                         deterministic=True)
    conn.create_function("normalize_quote", 1, lambda s: None if s is None else normalize_quote(s),
                         deterministic=True)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Diffs, flags and lists of names as people read them (see :mod:`.cells`); an article's title links
    to its page with the quotes highlighted, a speaker's name to their page; the JSON API is unchanged."""
    if database == DB_NAME and "id" in row.keys():
        if table == "articles" and column == "title":
            name = article_page.headline(value, row["text"] if "text" in row.keys() else "")
            return _link(datasette, f"/-/articles/{row['id']}", name)
        if table == "speakers" and column == "name":
            return _link(datasette, f"/-/speakers/{row['id']}", value)
    return cells.render(column, value)


def _link(datasette, path: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(datasette.urls.path(path))}">{escape(text)}</a>')


_COLLAPSE_COLUMN_DESCRIPTIONS = """
document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
  var details = document.createElement("details");
  var summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  details.className = "column-descriptions-collapsed";
  details.appendChild(summary);
  dl.parentNode.insertBefore(details, dl);
  details.appendChild(dl);
});
"""


@hookimpl
def extra_body_script(view_name):
    """A long table's column descriptions collapse under "What the columns mean": the rows come first."""
    return _COLLAPSE_COLUMN_DESCRIPTIONS if view_name == "table" else None


@hookimpl
def extra_css_urls(datasette) -> list[str]:
    """Our stylesheet on every page (long SQL wraps within the window), served by our own route."""
    return [datasette.urls.path(STYLESHEET_URL)]


STYLESHEET_URL = "/-/attribution.css"
_STYLESHEET = (Path(__file__).parent / "static" / "attribution.css").read_text(encoding="utf-8")


async def _stylesheet(request) -> Response:
    return Response(_STYLESHEET, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})


@hookimpl
def register_magic_parameters(datasette) -> list:
    def site(key: str, request) -> str:
        if key != "url":
            raise KeyError(key)
        return datasette.absolute_url(request, datasette.urls.instance())

    return [("site", site)]


@hookimpl
def register_routes(datasette) -> list:
    return [(r"^/-/check$", check_page.check_page), (r"^/-/check\.json$", check_page.check_json),
            (article_page.ARTICLE_PATH, article_page.article_page),
            (speaker_page.SPEAKER_PATH, speaker_page.speaker_page),
            (dashboard_page.DASHBOARD_PATH, dashboard_page.dashboard_page),
            (rf"^{STYLESHEET_URL}$", _stylesheet)]


@hookimpl
def asgi_wrapper(datasette):
    """Bodies bounded on every POST path, and no POST to read-only canned queries (see :mod:`.guards`); each
    facet once (see :mod:`.facets`)."""
    return lambda app: guard(datasette, once_per_facet(datasette, app))


@hookimpl
def menu_links(datasette, actor, request) -> list[dict]:
    return [{"href": datasette.urls.path(check_page.CHECK_PATH), "label": "Check an article"},
            {"href": datasette.urls.path(dashboard_page.DASHBOARD_URL), "label": "Dashboard"}]


@hookimpl
def skip_csrf(datasette, scope) -> bool:
    """JSON POSTs to /-/check.json carry no form token (see :mod:`attribution.web.check_page`)."""
    return check_page.is_json_check(datasette, scope)


@hookimpl
def startup(datasette) -> None:
    """Load the Stanza models in the background when the check page has a database to check against."""
    if DB_NAME in datasette.databases:
        warm_up(models_dir_of(datasette))
