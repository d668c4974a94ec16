"""The check page (``/-/check``) and its JSON twin (``/-/check.json``) for the Datasette plugin.

Both check pasted article text against the records of the served ``attribution`` database with
:func:`attribution.web.check_service.check_text` (the same result as ``attribution check --format
json``); this module only reads requests and renders answers. The form is CSRF-protected by
Datasette (asgi-csrf: the ``ds_csrftoken`` cookie must match the form's ``csrftoken`` field).
The JSON endpoint accepts only ``Content-Type: application/json``, which a page on another site
cannot send without a CORS preflight that Datasette does not grant, so the plugin's ``skip_csrf``
hook exempts exactly that (the way Datasette documents for JSON APIs), and the endpoint writes
nothing.
"""

from __future__ import annotations

import datetime as dt
import json

from datasette.utils.asgi import Request, Response
from markupsafe import Markup

from ..errors import AttributionError, ServerBusy
from ..text.dates import parse_iso_date
from .check_service import check_text
from .serve import DB_NAME, models_dir_of, package_template

__all__ = ["CHECK_JSON_PATH", "CHECK_PATH", "MAX_BODY_BYTES", "MAX_CHECK_CHARS", "VERDICT_CSS", "check_json",
           "check_page", "highlight", "is_json_check"]

#: How an article with its quotes looks, on the check page and on the article page: a mark per quote
#: coloured by verdict, a badge per verdict.
VERDICT_CSS = """.check-article { white-space: pre-wrap; line-height: 1.6; border: 1px solid #ccc; padding: 1em; background: #fff; max-width: 60em; }
.check-article mark { padding: 0.1em 0; border-bottom: 3px solid; }
.check-article mark sup { font-size: 0.7em; font-weight: bold; margin-left: 0.15em; }
mark.verified { background: #d9f2d9; border-color: #2e7d32; }
mark.altered { background: #ffe8c2; border-color: #e65100; }
mark.misattributed { background: #ffd6d6; border-color: #c62828; }
mark.unverified { background: #ececec; border-color: #757575; }
mark.uncertain { background: #fff6cc; border-color: #8d6e00; border-bottom-style: dashed; }
.verdict { display: inline-block; padding: 0.05em 0.5em; border-radius: 0.3em; font-weight: bold; text-transform: uppercase; font-size: 0.85em; }
.verdict.verified { background: #2e7d32; color: #fff; }
.verdict.altered { background: #e65100; color: #fff; }
.verdict.misattributed { background: #c62828; color: #fff; }
.verdict.unverified { background: #757575; color: #fff; }
.verdict.uncertain { background: #8d6e00; color: #fff; }
.check-quotes li { margin-bottom: 1em; }
.check-quotes .quote-text { font-style: italic; }
.check-quotes dl { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; margin: 0.3em 0; }
.check-quotes dt { font-weight: bold; }
.check-quotes dd { margin: 0; }
.diff del { background: #ffd6d6; }
.diff ins { background: #d9f2d9; text-decoration: none; }"""

CHECK_PATH = "/-/check"
CHECK_JSON_PATH = "/-/check.json"
#: Longest article the page and the endpoint check: Stanza takes about a second per 5,000 characters.
MAX_CHECK_CHARS = 100_000
#: A request body larger than this is refused before it is read whole: MAX_CHECK_CHARS characters at their
#: most expensive (12 bytes: an emoji as two JSON escapes "\\ud83d\\ude00"; 9 bytes: CJK form-encoded "%E6%97%A5").
MAX_BODY_BYTES = 12 * MAX_CHECK_CHARS + 10_000
_JSON_KEYS = {"text", "date"}


class _Refused(Exception):
    """A request we answer with a message and an HTTP status instead of a check."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _too_long(n: int) -> _Refused:
    return _Refused(f"the article has {n:,} characters; the limit is {MAX_CHECK_CHARS:,}: "
                    "check it in parts, or use `attribution check` on the command line", 413)



def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _Refused(f'"date" must be a string YYYY-MM-DD or null, not {json.dumps(value)}')
    try:
        return parse_iso_date(value)
    except AttributionError as exc:
        raise _Refused(str(exc)) from None


def _text(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Refused('give the article text: "text" must be a non-empty string')
    if len(value) > MAX_CHECK_CHARS:
        raise _too_long(len(value))
    return value


async def _run(datasette, text: str, date: dt.date | None):
    if DB_NAME not in datasette.databases:
        raise _Refused(f"this Datasette serves no database named {DB_NAME!r} to check against: "
                       "start it with `attribution serve`", 404)
    db = datasette.get_database(DB_NAME)
    models_dir = models_dir_of(datasette)
    try:
        return await check_text(db.path, text, date, models_dir)
    except ServerBusy as exc:
        raise _Refused(str(exc), 503) from None
    except AttributionError as exc:  # empty after reading, unreadable HTML, models missing
        raise _Refused(str(exc)) from None


def is_json_check(datasette, scope: dict) -> bool:
    """Whether a request is a POST of JSON to the check endpoint (exempt from the CSRF token)."""
    if scope.get("path") != datasette.urls.path(CHECK_JSON_PATH):
        return False
    headers = dict(scope.get("headers") or [])
    return headers.get(b"content-type", b"").split(b";")[0].strip().lower() == b"application/json"


async def check_json(datasette, request: Request) -> Response:
    """POST {"text": ..., "date": ...} → the ``attribution check --format json`` object, or {"error": ...}."""
    try:
        if request.method != "POST":
            raise _Refused('POST a JSON object {"text": ..., "date": "YYYY-MM-DD" or null}', 405)
        if not is_json_check(datasette, request.scope):
            raise _Refused("send the body as JSON with Content-Type: application/json", 415)
        body = await request.post_body()  # at most MAX_BODY_BYTES: see guards.py
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _Refused(f"the body is not valid JSON: {exc}") from None
        except RecursionError:
            raise _Refused("the body is JSON nested too deeply to read") from None
        if not isinstance(data, dict):
            raise _Refused('the body must be a JSON object {"text": ..., "date": ...}')
        unknown = sorted(set(data) - _JSON_KEYS)
        if unknown:
            raise _Refused(f"unknown keys {', '.join(map(json.dumps, unknown))}: only \"text\" and \"date\" are read")
        text, date = _text(data.get("text")), _date(data.get("date"))
        checked = await _run(datasette, text, date)
    except _Refused as exc:
        return Response.json({"ok": False, "error": str(exc)}, status=exc.status)
    return Response.json(checked.result)


def highlight(text: str, quotes: list[dict]) -> list[dict]:
    """The text cut into plain stretches and numbered quotes ({"text", "quote": index or None}).

    Offsets are str indices into ``text``; a quote overlapping an earlier one is listed but not
    highlighted again."""
    parts, at = [], 0
    for i, q in sorted(enumerate(quotes), key=lambda iq: (iq[1]["start"], -iq[1]["end"])):
        if q["start"] < at:
            continue
        if q["start"] > at:
            parts.append({"text": text[at:q["start"]], "quote": None})
        parts.append({"text": text[q["start"]:q["end"]], "quote": i})
        at = q["end"]
    if at < len(text):
        parts.append({"text": text[at:], "quote": None})
    return parts


async def check_page(datasette, request: Request) -> Response:
    """GET: the form. POST (form fields text, date, csrftoken): the form again, with the checked article."""
    context = {"text": "", "date": "", "error": None, "result": None, "parts": [], "max_chars": MAX_CHECK_CHARS,
               "records_url": datasette.urls.table(DB_NAME, "records"), "verdict_css": Markup(VERDICT_CSS)}
    status = 200
    if request.method == "POST":
        try:
            form = await request.post_vars()
            context["text"], context["date"] = form.get("text", ""), form.get("date", "")
            text, date = _text(context["text"]), _date(context["date"].strip())
            checked = await _run(datasette, text, date)
            context["result"] = checked.result
            context["parts"] = highlight(checked.text, checked.result["quotes"])
        except _Refused as exc:
            context["error"], status = str(exc), exc.status
    html = await datasette.render_template(package_template(datasette, "check.html"), context, request=request)
    return Response.html(html, status=status)
