"""Each facet once: ``?_facet=kind`` on a table whose metadata already facets by kind would show a second
"kind_2" facet in Datasette 0.65. The request is read as if the repeated ``_facet`` were not there."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode

__all__ = ["once_per_facet"]

_FACET_PARAMS = ("_facet", "_facet_array", "_facet_date")


def once_per_facet(datasette, app):
    """Datasette's ASGI ``app``, with repeated facet parameters dropped from table requests."""

    async def wrapped(scope, receive, send) -> None:
        if scope["type"] == "http" and b"_facet" in scope.get("query_string", b""):
            query = _without_repeats(datasette, scope["path"], scope["query_string"].decode("latin-1"))
            scope = dict(scope, query_string=query.encode("latin-1"))
        await app(scope, receive, send)

    return wrapped


def _without_repeats(datasette, path: str, query: str) -> str:
    parts = [unquote(p) for p in path.strip("/").split("/")]
    seen = set(_configured(datasette, *parts)) if len(parts) == 2 else set()
    kept = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in _FACET_PARAMS:
            if value in seen:
                continue
            seen.add(value)
        kept.append((key, value))
    return urlencode(kept)


def _configured(datasette, database: str, table: str) -> list[str]:
    """The columns the table's metadata facets by (``{"array": "flags"}`` is flags)."""
    table = table.rsplit(".", 1)[0] if table.endswith((".json", ".csv")) else table
    facets = datasette.table_metadata(database, table).get("facets", [])
    return [next(iter(f.values())) if isinstance(f, dict) else f for f in facets]
