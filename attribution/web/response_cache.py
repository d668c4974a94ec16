"""A response cache for the served database's pages, exact while the CLI keeps writing to it.

At a million quotes the quotes table's facets alone take about 130 ms of CPU per page view
(``count(*) ... group by`` over a covering index for each facet: no setting or index makes a
grouped count over every row cheaper), so 50 concurrent readers on two cores wait seconds.
The answer for the same URL only changes when the database does, so GET responses under the
database's path are kept and replayed until SQLite's ``PRAGMA data_version`` says another
connection (``attribution ingest``, ``records import``, ``recheck``) has committed: never stale.

Kept apart per cookie and Authorization header (an answer may depend on who asks) and per Host
and scheme (Datasette writes absolute links from them); only complete 200 responses that set no
cookie and are at most ``MAX_BODY`` bytes are kept, ``MAX_ENTRIES`` of them and ``MAX_BYTES`` in
all, least recently used first out. Requests for a page that is being made wait for it instead of
making it again (after a write, 50 readers of the quotes table cost one page, not 50). A replayed
response carries ``x-attribution-cache: hit``.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict

from ..store.database import connect_readonly

__all__ = ["MAX_BODY", "MAX_BYTES", "MAX_ENTRIES", "ResponseCache"]

MAX_ENTRIES = 512
MAX_BODY = 2 * 2**20  #: larger pages are not kept
MAX_BYTES = 64 * 2**20  #: all kept pages together (anyone can ask for big pages: this bounds the memory)


class _DataVersion:
    """Whether the database changed since the last call: one idle read-only connection asks SQLite."""

    def __init__(self, db_path: str) -> None:
        self._conn = connect_readonly(db_path, check_same_thread=False, timeout=5)
        self._lock = threading.Lock()

    def current(self) -> int:
        with self._lock:  # microseconds: reads the WAL index header, takes no lock a writer waits for
            return self._conn.execute("pragma data_version").fetchone()[0]


class ResponseCache:
    """ASGI middleware in front of Datasette's app for the pages under ``prefix`` ("/attribution")."""

    def __init__(self, app, db_path: str, prefix: str) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/")
        self._version = _DataVersion(db_path)
        self._seen = self._version.current()
        self._entries: OrderedDict[tuple, tuple[int, list[dict]]] = OrderedDict()  #: key -> (body bytes, messages)
        self._bytes = 0
        self._pending: dict[tuple, asyncio.Future] = {}  # pages being made, for requests that want the same
        self.hits = self.misses = 0

    def _cacheable(self, scope: dict) -> bool:
        path = scope.get("path", "")
        return (scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
                and (path == self.prefix or path.startswith(self.prefix + "/") or path.startswith(self.prefix + ".")))

    def _key(self, scope: dict) -> tuple:
        headers = dict(scope.get("headers") or [])
        return (scope["method"], scope.get("scheme", "http"), headers.get(b"host"), scope.get("root_path", ""),
                scope["path"], scope.get("query_string", b""), headers.get(b"cookie"), headers.get(b"authorization"),
                headers.get(b"accept"))

    def _fresh(self) -> None:
        version = self._version.current()
        if version != self._seen:
            self._entries.clear()
            self._bytes = 0
            self._seen = version

    async def __call__(self, scope, receive, send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        self._fresh()
        key = self._key(scope)
        if key in self._pending:  # the same page is being made: wait for it rather than make it again
            await asyncio.shield(self._pending[key])
            self._fresh()
        kept = self._entries.get(key)
        if kept is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            _, (start, *body) = kept
            await send({**start, "headers": [*start["headers"], (b"x-attribution-cache", b"hit")]})
            for message in body:
                await send(message)
            return
        self.misses += 1
        done = self._pending.setdefault(key, asyncio.get_running_loop().create_future())
        try:
            await self._make(key, scope, receive, send)
        finally:
            if self._pending.get(key) is done:
                del self._pending[key]
            if not done.done():
                done.set_result(None)

    async def _make(self, key: tuple, scope, receive, send) -> None:
        """Run Datasette and keep its response if it is complete, plain, and the database did not change."""
        version = self._seen
        messages: list[dict] | None = []
        size = 0

        async def keep(message: dict) -> None:
            nonlocal messages, size
            if messages is not None:
                if message["type"] == "http.response.start":
                    if message["status"] != 200 or any(k.lower() == b"set-cookie" for k, _ in message.get("headers", [])):
                        messages = None
                elif message["type"] == "http.response.body":
                    size += len(message.get("body", b""))
                    if size > MAX_BODY:
                        messages = None
                if messages is not None:
                    messages.append(message)
            await send(message)

        await self.app(scope, receive, keep)
        if messages and not messages[-1].get("more_body", False) and self._version.current() == version:
            self._bytes += size - self._entries.get(key, (0, None))[0]
            self._entries[key] = (size, messages)
            while len(self._entries) > MAX_ENTRIES or self._bytes > MAX_BYTES:
                _, (dropped, _) = self._entries.popitem(last=False)
                self._bytes -= dropped
