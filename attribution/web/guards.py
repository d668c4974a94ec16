"""ASGI guards in front of Datasette, for what its own handlers would do too late or not at all.

- **Bodies are bounded on every POST path**, refused with 413 as soon as the size is known (its
  Content-Length, or the bytes of a chunked body so far), never read whole: the check page and
  ``/-/check.json`` take an article (:data:`check_page.MAX_BODY_BYTES`), every other form (login,
  review, canned queries) at most :data:`MAX_FORM_BYTES`. asgi-csrf and the login plugin would
  otherwise read any body into memory before refusing it.
- **A POST to a canned query that does not write** gets 405 with a message (Datasette 0.65 answers
  a JSON POST to one with a 500).
- **The login cookie is HttpOnly**: page scripts never read it.
- **``/-/password-tool`` is not served**: each hash costs about 0.1 s on the event loop, for anyone
  who asks; reviewers make their hash with ``datasette hash-password`` on the command line.
"""

from __future__ import annotations

import re

from datasette.utils.asgi import Response

from . import check_page

__all__ = ["MAX_FORM_BYTES", "guard"]

#: The largest POST body a form other than the check page may send (a login or a review note is far smaller).
MAX_FORM_BYTES = 64 * 1024


def guard(datasette, app):
    """Datasette's ASGI ``app`` behind the guards."""

    async def guarded(scope, receive, send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        path = scope["path"]
        if path.rstrip("/").endswith("/-/password-tool"):
            await _answer(path, 404, "not served here: make a reviewer's password hash with "
                                     "`datasette hash-password` on the command line", send)
            return
        send = _http_only_login(send)
        if scope["method"] != "POST":
            await app(scope, receive, send)
            return
        if await _read_only_query(datasette, path):
            await _answer(path, 405, "this canned query only reads: open it with GET (a link or the form), "
                                     "or send its parameters in the query string", send)
            return
        checking = path.endswith((check_page.CHECK_PATH, check_page.CHECK_JSON_PATH))
        limit = check_page.MAX_BODY_BYTES if checking else MAX_FORM_BYTES
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            await _answer(path, 413, _too_large(int(length), checking), send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await _answer(path, 413, _too_large(size, checking), send)
                return
            if not message.get("more_body", False):
                break
        body, replayed = b"".join(chunks), False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await app(scope, replay, send)

    return guarded


def _http_only_login(send):
    """``send`` with the login cookie (``ds_actor``) marked HttpOnly."""

    async def sending(message: dict) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [
                (name, value + b"; HttpOnly" if name.lower() == b"set-cookie" and value.startswith(b"ds_actor=")
                 and b"httponly" not in value.lower() else value) for name, value in message.get("headers", [])]}
        await send(message)

    return sending


def _too_large(size: int, checking: bool) -> str:
    if checking:
        return (f"the request has {size:,} bytes; articles are limited to {check_page.MAX_CHECK_CHARS:,} "
                "characters: check it in parts, or use `attribution check` on the command line")
    return f"the request has {size:,} bytes; forms here are limited to {MAX_FORM_BYTES:,}"


_QUERY_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<name>[^/]+?)(?:\.json)?$")


async def _read_only_query(datasette, path: str) -> bool:
    """Whether ``path`` is a canned query that does not write (a POST to it can only be a mistake)."""
    base = datasette.setting("base_url")
    match = _QUERY_PATH.match("/" + path[len(base):] if path.startswith(base) else path)
    if not match or match["database"] not in datasette.databases:
        return False
    query = await datasette.get_canned_query(match["database"], match["name"], None)
    return query is not None and not query.get("write")


async def _answer(path: str, status: int, message: str, send) -> None:
    if path.endswith(".json"):
        response = Response.json({"ok": False, "error": message, "status": status}, status=status)
    else:
        response = Response.text(message, status=status)
    if status == 405:
        response.headers["Allow"] = "GET"
    await response.asgi_send(send)
