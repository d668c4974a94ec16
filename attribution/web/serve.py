"""Publishing the database with Datasette: ``attribution serve``.

The database is always served under the name ``attribution`` (``metadata.yml`` is keyed by it),
whatever the file is called. It is opened mutable, not immutable, because the CLI keeps ingesting
into it while it is served (WAL: readers see each committed transaction); Datasette reads
mutable files through ``mode=ro`` connections and the metadata defines no writable canned query,
so anonymous browsers cannot change it; logged-in reviewers write only through the review pages
(:mod:`attribution.web.review_pages`), on Datasette's write connection.

Datasette is imported inside the functions: importing it loads our plugin, which reads ``DB_NAME`` here.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from ..errors import BadDatabase
from ..store.database import open_db

__all__ = ["DB_NAME", "METADATA", "SETTINGS", "asgi_app", "make_datasette", "models_dir_of", "package_template", "serve",
           "server_config"]

#: The name the database is served under (the key of ``databases:`` in metadata.yml).
DB_NAME = "attribution"

#: The metadata file kept at the root of the source checkout.
METADATA = Path(__file__).resolve().parent / "metadata.yml"
_TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Datasette settings for a database of millions of quotes (see the README's load figures):
#: suggesting facets runs a ``count(distinct ...)`` over every column of a table on every page view.
#: A facet that times out is left off a page that still answers 200 (and would then be kept by the
#: response cache): at 1M quotes a facet takes ~130 ms alone, more under load, so allow a second.
SETTINGS = {"suggest_facets": False, "facet_time_limit_ms": 1000}


def _metadata(path: Path, models_dir: str | os.PathLike | None) -> dict:
    try:
        metadata = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadDatabase(f"no Datasette metadata at {path}: run from a checkout of attribution, "
                          "or pass --metadata") from None
    except yaml.YAMLError as exc:
        raise BadDatabase(f"{path} is not valid YAML: {exc}") from None
    if models_dir:
        metadata.setdefault("plugins", {}).setdefault("attribution", {})["models_dir"] = str(models_dir)
    return metadata


def models_dir_of(datasette) -> str | None:
    """The Stanza models directory ``make_datasette`` was given (in the plugin's configuration), if any."""
    return (datasette.plugin_config("attribution") or {}).get("models_dir")


def package_template(datasette, name: str):
    """One of the package's templates (``attribution/templates``), compiled once in Datasette's environment.

    Datasette only looks for a plugin's templates beside a plugin that is a package; ours are modules.
    """
    return _compiled(datasette.jinja_env, name)


@functools.lru_cache(maxsize=None)
def _compiled(env, name: str):
    return env.from_string((_TEMPLATES / name).read_text(encoding="utf-8"))


def make_datasette(db_path: str | os.PathLike, *, metadata: str | os.PathLike | None = None,
                   models_dir: str | os.PathLike | None = None, settings: dict | None = None):
    """A Datasette serving ``db_path`` as ``attribution``, with the metadata and the plugin.

    Raises :class:`BadDatabase` when the file is missing (nothing is created: an empty database
    would only hide the mistake) or is not an attribution database.
    """
    from datasette.app import Database, Datasette

    where = os.fspath(db_path)
    if not os.path.isfile(where):
        raise BadDatabase(f"no database at {where}: build the demo with `attribution demo`, or store articles "
                          "with `attribution ingest` and records with `attribution records import`, "
                          "or pass --db")
    open_db(where).close()  # brings the schema up to date, refuses a foreign file
    ds = Datasette(metadata=_metadata(Path(metadata) if metadata else METADATA, models_dir),
                   settings={**SETTINGS, **(settings or {})})
    ds.add_database(Database(ds, path=os.path.abspath(where), is_mutable=True), name=DB_NAME)
    if "_memory" in ds.databases:  # Datasette adds an empty one when given no files: nothing to browse there
        ds.remove_database("_memory")
    return ds


def asgi_app(ds, cache: bool = True):
    """The ASGI app to serve: Datasette's, behind the :mod:`attribution.web.response_cache` unless ``cache`` is off."""
    if not cache:
        return ds.app()
    from .response_cache import ResponseCache

    return ResponseCache(ds.app(), ds.get_database(DB_NAME).path, ds.urls.database(DB_NAME))


def server_config(app, host: str = "127.0.0.1", port: int = 8001, forwarded_allow_ips: str | None = None):
    """uvicorn's configuration for serving ``app``.

    Forwarding headers (X-Forwarded-For, X-Forwarded-Proto) are trusted only from the addresses in
    ``forwarded_allow_ips`` (comma-separated, "*" for any): by default from none, not even this host,
    so that a client cannot choose the address the login limit counts by. Behind a reverse proxy,
    pass the proxy's address."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on",
                          proxy_headers=bool(forwarded_allow_ips), forwarded_allow_ips=forwarded_allow_ips or "")


def serve(ds, host: str = "127.0.0.1", port: int = 8001, cache: bool = True,
          forwarded_allow_ips: str | None = None) -> None:
    """Serve a :func:`make_datasette` app until interrupted (uvicorn, as ``datasette serve`` does)."""
    import uvicorn

    uvicorn.Server(server_config(asgi_app(ds, cache), host, port, forwarded_allow_ips)).run()
