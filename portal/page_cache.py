"""Rendered public pages kept per data version: an anonymous reader's repeat visit costs one read.

A WSGI middleware inside the app's other middleware. An anonymous GET (no session or remember-me
cookie) of a page the app marked storable (``mark_storable``: a cacheable blueprint with a
validator) is kept with its status,
headers and body under everything the page depends on: the data version, the local date (overdue
petitions change at midnight), the code release, host, scheme, path, query, language, htmx
fragment or page, and accepted encodings. The next such request reads only the version row
(one primary-key read, no ORM) and is answered from memory, or 304 when its ``If-None-Match``
matches. A publish in any worker or host moves the version in the database, so every worker
renders afresh on its next request: nothing is ever served older than the data.  A search page
follows the index too (drained a moment after the commit): its entry keeps the index version it was
read from, and is served only while this process still reads that version.

Each process keeps at most ``PAGE_CACHE_BYTES`` (least recently used out first); 0 turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import NamedTuple

from flask import Flask, g, request
from werkzeug.http import parse_etags

ENVIRON_KEY = "portal.page_cache.storable"
INDEX_TOKEN = "portal.search.index_token"  # as portal.http_cache sets it on a search page
MAX_ENTRY_BYTES = 1 << 20  # a page bigger than this is rendered every time (none is, by design)
VERSION_SQL = "SELECT version, changed_at FROM data_version WHERE id = 1"  # plain text: no compile per hit
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "date"})


class Entry(NamedTuple):
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    etag: str | None
    index: str | None = None  # a search page: the index version it was read from


class PageStore:
    """A byte-bounded LRU of rendered pages; thread-safe for threaded workers."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key: tuple, entry: Entry) -> None:
        cost = len(entry.body) + 512
        if cost > min(self.max_bytes, MAX_ENTRY_BYTES):
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body) + 512
            self._entries[key] = entry
            self.size += cost
            while self.size > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.size -= len(evicted.body) + 512

    def drop_older_than(self, version: tuple) -> None:
        """Forget every page of an older data version (they can never be served again)."""
        with self._lock:
            for key in [k for k in self._entries if k[0] != version]:
                self.size -= len(self._entries.pop(key).body) + 512

    def __len__(self) -> int:
        return len(self._entries)


def _language(environ) -> str:
    from werkzeug.wrappers import Request

    from portal import locale_of

    req = Request(environ)
    return locale_of(req.args, req.cookies)


class PageCache:
    """WSGI middleware answering repeat anonymous GETs of storable pages from memory."""

    def __init__(self, app: Flask, wsgi_app, max_bytes: int) -> None:
        self.app, self.wsgi_app, self._engine = app, wsgi_app, None
        self.store = PageStore(max_bytes)
        self._last_version: tuple | None = None
        self._cookie_names = (
            app.config.get("SESSION_COOKIE_NAME", "session"),
            app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
        )

    def _anonymous_get(self, environ) -> bool:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO", "").startswith(
            ("/admin", "/static")
        ):
            return False
        cookies = environ.get("HTTP_COOKIE", "")
        return not any(f"{name}=" in cookies for name in self._cookie_names)

    def _version(self) -> tuple | None:
        try:
            if self._engine is None:
                from portal.extensions import db

                with self.app.app_context():
                    self._engine = db.engine
            with self._engine.connect() as conn:
                row = conn.exec_driver_sql(VERSION_SQL).first()
        except Exception:  # noqa: BLE001 - a database that cannot answer: let the app say so (503)
            return None
        return (row.version, row.changed_at) if row else (0, None)

    def _index_token(self) -> str | None:
        from portal.http_cache import index_token

        return index_token(self.app)

    def _key(self, environ, version: tuple) -> tuple:
        from portal.http_cache import release
        from portal.services.petition_accountability import local_today

        return (
            version,
            local_today(),
            release(),
            environ.get("wsgi.url_scheme"),
            environ.get("HTTP_HOST"),
            environ.get("SCRIPT_NAME", ""),
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            _language(environ),
            environ.get("HTTP_HX_REQUEST", ""),
            environ.get("HTTP_ACCEPT_ENCODING", ""),
        )

    def __call__(self, environ, start_response):
        if not self._anonymous_get(environ):
            return self.wsgi_app(environ, start_response)
        version = self._version()
        if version is None:
            return self.wsgi_app(environ, start_response)
        if version != self._last_version:
            self.store.drop_older_than(version)
            self._last_version = version
        key = self._key(environ, version)
        entry = self.store.get(key)
        if entry is not None and (entry.index is None or entry.index == self._index_token()):
            return self._answer(entry, environ, start_response)
        return self._render_and_keep(key, environ, start_response)

    @staticmethod
    def _answer(entry: Entry, environ, start_response):
        sent = environ.get("HTTP_IF_NONE_MATCH")
        if sent and entry.etag and parse_etags(sent).contains_weak(entry.etag):
            keep = ("etag", "cache-control", "vary")
            start_response("304 Not Modified", [(k, v) for k, v in entry.headers if k.lower() in keep])
            return [b""]
        start_response(entry.status, entry.headers)
        return [entry.body]

    def _render_and_keep(self, key: tuple, environ, start_response):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        body = self.wsgi_app(environ, capture)
        if not environ.get(ENVIRON_KEY) or not self._storable(captured):
            return body
        try:
            chunks = list(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        content = b"".join(chunks)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() not in HOP_HEADERS]
        etag = next((v for k, v in headers if k.lower() == "etag"), None)
        index = environ.get(INDEX_TOKEN)
        self.store.put(key, Entry(captured["status"], headers, content, _tag_value(etag), index))
        return [content]

    @staticmethod
    def _storable(captured: dict) -> bool:
        if not captured.get("status", "").startswith("200"):
            return False
        names = {k.lower(): v for k, v in captured["headers"]}
        return "set-cookie" not in names and "public" in names.get("cache-control", "")


def _tag_value(header: str | None) -> str | None:
    """The opaque tag of an ETag header (``W/"abc"`` → ``abc``)."""
    if not header:
        return None
    return next(iter(parse_etags(header).as_set(include_weak=True)), None)


def mark_storable() -> None:
    """After-request: tell the page cache this anonymous answer depends only on its key (and a
    search page on the index version http_cache noted).

    http_cache gives a page a validator only for an anonymous GET or HEAD of a cacheable page (a
    search page only with an index version and a complete answer): the same condition, decided
    once there."""
    if request.method == "GET" and "page_etag" in g:
        request.environ[ENVIRON_KEY] = True


def register(app: Flask) -> None:
    """Wrap the app's own WSGI callable; call before any other middleware, so that the proxy and
    scheme fixes run first and the key sees the host and scheme the app will see."""
    max_bytes = int(app.config.get("PAGE_CACHE_BYTES", 0) or 0)
    if max_bytes <= 0:
        return

    @app.after_request
    def _mark(response):
        mark_storable()
        return response

    app.wsgi_app = PageCache(app, app.wsgi_app, max_bytes)
    app.extensions["page_cache"] = app.wsgi_app
