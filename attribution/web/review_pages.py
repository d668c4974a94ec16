"""Datasette plugin: review pages behind a login, for named reviewers only.

Anonymous visitors read every public table as before; only a logged-in reviewer can write.

- **Reviewers** are the accounts of datasette-auth-passwords. Besides any configured in
  ``metadata.yml``, every environment variable ``ATTRIBUTION_PASSWORD_HASH_<ID>`` adds the account
  ``<id>`` (lower case) whose password hash (``datasette hash-password``) it holds; the hash is
  read through the plugin's ``$env`` indirection, so it is never in a file or on a page.
- **Permission** ``attribution-review``: allowed for an actor whose id is a reviewer account,
  refused to everyone else (anonymous included).
- **Pages**: ``/-/review`` (what awaits review, and merging two speakers),
  ``/-/review/checks/<id>`` (confirm or overturn a verdict) and ``/-/review/quotes/<id>``
  (promote to a verified record, or reject). Their forms POST back with Datasette's CSRF token;
  every action calls :mod:`attribution.store.review` on the write connection with the logged-in
  actor's id as the reviewer, so history records who did it.

The database reviewed is ``plugins: attribution-review: database:`` in the metadata, else the first.

The Atom feed of confirmed findings is datasette-atom over the canned query ``confirmed_problems``;
datasette-atom fails on a query with no rows (``max()`` of nothing), so such a request gets a valid
empty feed here instead of an error page, until the feed has its first entry.
"""

from __future__ import annotations

import collections
import json
import os
import re
import time
from typing import Any, Callable

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import Forbidden, NotFound, Response
from feedgen.feed import FeedGenerator

from ..errors import AttributionError, ReviewRefused
from ..model import VERDICTS
from ..store import review
from ..store.database import BUSY_TIMEOUT_MS, utc_now
from .serve import package_template

__all__ = ["LOGIN_ATTEMPTS_PER_MINUTE", "PASSWORD_HASH_PREFIX", "REVIEW_PERMISSION", "asgi_wrapper", "get_metadata",
           "handle_exception", "menu_links", "permission_allowed", "register_routes", "reviewer_accounts"]

#: The permission every review page and action needs.
REVIEW_PERMISSION = "attribution-review"
#: ``ATTRIBUTION_PASSWORD_HASH_ALICE=pbkdf2_sha256$...`` makes ``alice`` a reviewer.
PASSWORD_HASH_PREFIX = "ATTRIBUTION_PASSWORD_HASH_"
_PLUGIN = "attribution-review"
_AUTH_PLUGIN = "datasette-auth-passwords"
_SUFFIX = "_password_hash"
_ACCOUNT = re.compile(r"^[a-z0-9_]+$")
_PENDING = 50  #: items listed on the review index
#: Password checks a client address may ask for per minute: each costs ~90 ms of CPU on the event loop
#: (datasette-auth-passwords), and guessing must stay slow.
LOGIN_ATTEMPTS_PER_MINUTE = 10
#: The review pages' own few rules (quotes and records set apart, a diff readable), in every page's head.
_CSS = """
blockquote.quote, blockquote.record { margin: 0.5em 0 1em; padding: 0.4em 1em; border-left: 4px solid #999;
  background: #fff; font-style: italic; }
blockquote.record { border-left-color: #2a7a2a; }
.diff del { background: #fdd; } .diff ins { background: #dfd; text-decoration: none; }
.review-state { font-weight: bold; } form input[type=text], form input[type=url] { width: 30em; max-width: 100%; }
"""


@hookimpl
def get_metadata(datasette, key, database, table) -> dict:
    """datasette-auth-passwords accounts for the reviewers named in the environment (hashes by ``$env``)."""
    accounts = {}
    for name in os.environ:
        if name.startswith(PASSWORD_HASH_PREFIX):
            account = name[len(PASSWORD_HASH_PREFIX):].lower()
            if _ACCOUNT.match(account):
                accounts[f"{account}{_SUFFIX}"] = {"$env": name}
    return {"plugins": {_AUTH_PLUGIN: accounts}} if accounts else {}


def reviewer_accounts(datasette) -> set[str]:
    """The ids of every account that can log in with a password: the reviewers."""
    config = datasette.plugin_config(_AUTH_PLUGIN) or {}
    return {key[: -len(_SUFFIX)] for key, value in config.items() if key.endswith(_SUFFIX) and value}


@hookimpl
def asgi_wrapper(datasette):
    return _limit_logins


def _limit_logins(app):
    """ASGI wrapper: more than ``LOGIN_ATTEMPTS_PER_MINUTE`` login POSTs from one address in a minute get 429."""
    attempts: dict[str, collections.deque] = {}

    async def limited(scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"].endswith("/-/login"):
            now = time.monotonic()
            if len(attempts) > 10_000:  # forget addresses quiet for a minute
                for address in [a for a, times in attempts.items() if now - times[-1] > 60]:
                    del attempts[address]
            recent = attempts.setdefault((scope.get("client") or ("unknown",))[0], collections.deque())
            while recent and now - recent[0] > 60:
                recent.popleft()
            if len(recent) >= LOGIN_ATTEMPTS_PER_MINUTE:
                await Response.text("Too many login attempts from this address: wait a minute and try again.",
                                    status=429).asgi_send(send)
                return
            recent.append(now)
        await app(scope, receive, send)

    return limited


@hookimpl
def permission_allowed(datasette, actor, action, resource) -> bool | None:
    if action != REVIEW_PERMISSION:
        return None
    return bool(actor) and actor.get("id") in reviewer_accounts(datasette)


@hookimpl
def menu_links(datasette, actor, request):
    async def links():
        if await datasette.permission_allowed(actor, REVIEW_PERMISSION, default=False):
            return [{"href": datasette.urls.path("/-/review"), "label": "Review"}]
        return []

    return links


async def _reviewer(datasette, request) -> str:
    """The logged-in reviewer's id; 403 for anyone else."""
    if not await datasette.permission_allowed(request.actor, REVIEW_PERMISSION, default=False):
        raise Forbidden("Reviewing needs a reviewer's login (Log in, top right); "
                        "anyone can read the tables, only reviewers can change them")
    return request.actor["id"]


def _database(datasette):
    return datasette.get_database((datasette.plugin_config(_PLUGIN) or {}).get("database"))


async def _write(datasette, action: Callable[[sqlite_utils.Database], Any]) -> Any:
    """Run a review function on Datasette's write connection (foreign keys on, waiting for other writers)."""
    database = _database(datasette)
    if not database.is_mutable:
        raise ReviewRefused("this database is served read-only (immutable); serve it without -i/--immutable "
                            "for reviewers to write")

    def run(conn):
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return action(sqlite_utils.Database(conn))

    return await database.execute_write_fn(run, block=True)


async def _one(datasette, sql: str, row_id: int, what: str) -> dict:
    rows = (await _database(datasette).execute(sql, [row_id])).rows
    if not rows:
        raise NotFound(f"There is no {what} {row_id}")
    return dict(rows[0])


async def _render(datasette, request, template: str, context: dict, status: int = 200) -> Response:
    context = {"database": _database(datasette).name, "verdicts": VERDICTS, "review_css": _CSS, **context}
    page = await datasette.render_template(package_template(datasette, template), context, request=request)
    return Response.html(page, status=status)


def _done(datasette, request, message: str, path: str) -> Response:
    datasette.add_message(request, message, datasette.INFO)
    return Response.redirect(datasette.urls.path(path))


async def _act(datasette, request, action: Callable[[sqlite_utils.Database], Any], done: Callable[[Any], str],
               path: str, retry: Callable[[str], Any]) -> Response:
    """Do a review action; on success a message and a redirect, on refusal the form again with why."""
    try:
        result = await _write(datasette, action)
    except AttributionError as exc:
        return await retry(str(exc))
    return _done(datasette, request, done(result), path)


_CHECK = """select checks.*, quotes.text as quote_text, quotes.kind, quotes.said_on, quotes.article_id,
  qs.name as speaker,
  articles.title as article_title, articles.outlet, articles.url as article_url, articles.published,
  records.text as record_text, rs.name as record_speaker, records.said_on as record_said_on,
  records.source_url as record_source_url
from checks join quotes on quotes.id = checks.quote_id join articles on articles.id = quotes.article_id
left join speakers qs on qs.id = quotes.speaker_id left join records on records.id = checks.record_id
left join speakers rs on rs.id = records.speaker_id where checks.id = ?"""

_QUOTE = """select quotes.*, speakers.name as speaker, articles.title as article_title, articles.outlet,
  articles.url as article_url, articles.published
from quotes join articles on articles.id = quotes.article_id left join speakers on speakers.id = quotes.speaker_id
where quotes.id = ?"""


async def review_check(datasette, request) -> Response:
    actor = await _reviewer(datasette, request)
    check_id = int(request.url_vars["check_id"])
    check = await _one(datasette, _CHECK, check_id, "check")

    async def form(error: str | None = None) -> Response:
        diff = json.loads(check["diff"]) if check["diff"] else None
        suggestion = json.loads(check["suggestion"]) if check["suggestion"] else None
        return await _render(datasette, request, "review_check.html",
                             {"check": check, "diff": diff, "suggestion": suggestion, "error": error},
                             status=400 if error else 200)

    if request.method != "POST":
        return await form()
    data = await request.post_vars()
    decision, note = data.get("decision"), data.get("note") or None
    if decision not in ("confirm", "overturn"):
        return await form("Choose confirm or overturn")

    def action(db: sqlite_utils.Database) -> dict:
        seen = data.get("seen") or None  # the verdict the page showed
        if decision == "confirm":
            return review.confirm_check(db, check_id, actor, note, seen=seen)
        return review.overturn_check(db, check_id, actor, note or "", to=data.get("to") or "", seen=seen)

    return await _act(datasette, request, action,
                      lambda row: f"Check {check_id} {row['review']} by {actor}: {row['ruling']}",
                      f"/-/review/checks/{check_id}", form)


async def review_quote(datasette, request) -> Response:
    actor = await _reviewer(datasette, request)
    quote_id = int(request.url_vars["quote_id"])
    quote = await _one(datasette, _QUOTE, quote_id, "quote")

    async def form(error: str | None = None) -> Response:
        return await _render(datasette, request, "review_quote.html", {"quote": quote, "error": error},
                             status=400 if error else 200)

    if request.method != "POST":
        return await form()
    data = await request.post_vars()
    if data.get("decision") == "promote":
        return await _act(
            datasette, request,
            lambda db: review.promote_quote(db, quote_id, actor, data.get("source_url") or "",
                                            source_type=data.get("source_type") or None,
                                            notes=data.get("notes") or None),
            lambda record_id: f"Quote {quote_id} promoted to record {record_id} by {actor}",
            f"/-/review/quotes/{quote_id}", form)
    if data.get("decision") == "reject":
        return await _act(datasette, request,
                          lambda db: review.reject_quote(db, quote_id, actor, data.get("note") or None),
                          lambda _: f"Quote {quote_id} rejected by {actor}", f"/-/review/quotes/{quote_id}", form)
    return await form("Choose promote or reject")


_PENDING_CHECKS = f"""select checks.id, checks.verdict, checks.flags, checks.score, quotes.text, speakers.name as speaker
from checks join quotes on quotes.id = checks.quote_id left join speakers on speakers.id = quotes.speaker_id
where checks.review is null and (checks.verdict in ('misattributed', 'altered')
  or checks.flags like '%"speaker_uncertain"%')
order by checks.id limit {_PENDING}"""
_PENDING_QUOTES = f"""select quotes.id, quotes.kind, quotes.text, speakers.name as speaker from quotes
left join speakers on speakers.id = quotes.speaker_id left join checks on checks.quote_id = quotes.id
where quotes.review is null and (checks.verdict is null or checks.verdict = 'unverified')
order by quotes.id limit {_PENDING}"""


async def review_index(datasette, request) -> Response:
    actor = await _reviewer(datasette, request)
    db = _database(datasette)

    async def page(error: str | None = None) -> Response:
        return await _render(datasette, request, "review_index.html", {
            "checks": [dict(r) for r in (await db.execute(_PENDING_CHECKS)).rows],
            "quotes": [dict(r) for r in (await db.execute(_PENDING_QUOTES)).rows],
            "error": error}, status=400 if error else 200)

    if request.method != "POST":
        return await page()
    data = await request.post_vars()
    keep, absorb = (data.get("keep") or "").strip(), (data.get("absorb") or "").strip()
    if not keep or not absorb:
        return await page("Give both speakers (ids or names) to merge")
    return await _act(datasette, request, lambda db: review.merge_speakers(db, keep, absorb, actor),
                      lambda report: (f"Speaker {report.absorbed['id']} ({report.absorbed['name']}) merged into "
                                      f"{report.kept['id']} ({report.kept['name']}) by {actor}"),
                      "/-/review", page)


@hookimpl
def register_routes():
    return [
        (r"^/-/review$", review_index),
        (r"^/-/review/checks/(?P<check_id>\d+)$", review_check),
        (r"^/-/review/quotes/(?P<quote_id>\d+)$", review_quote),
    ]


@hookimpl
def handle_exception(datasette, request, exception):
    """An empty Atom feed where datasette-atom fails on a canned query without rows."""
    if not (request.path.endswith(".atom") and isinstance(exception, ValueError) and "empty" in str(exception)):
        return None
    database, _, query = request.path[1:-len(".atom")].partition("/")
    title = ((datasette.metadata("queries", database=database) or {}).get(query) or {}).get("title") or query
    feed = FeedGenerator()
    feed.id(request.url)
    feed.link(href=request.url, rel="self")
    feed.title(title)
    feed.updated(utc_now())
    return Response(feed.atom_str(pretty=True), content_type="application/xml; charset=utf-8", status=200)
