"""HTTP caching of the public site, the API and the feeds: validators from the data version.

An anonymous GET of a cacheable page gets a weak ``ETag`` made of the data version, this release
of the code and everything the page depends on (address, query, language, fragment or page), and
``Cache-Control: public, max-age=60``. A matching ``If-None-Match`` is answered 304 before the
view runs, so it costs one primary-key read. Requests carrying a session cookie (a signed-in
clerk, or anyone the site has written a session for) are never cached publicly and get no
validator, since a page rendered for them may hold a flashed message; admin pages are never
cached (portal.admin sets ``no-store``).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from flask import Flask, Response, current_app, g, request

from portal.htmx import is_partial
from portal.services.data_version import current_version

CACHEABLE_BLUEPRINTS = frozenset({"public", "api", "api_docs", "feeds"})
PROBES = frozenset({"public.healthz", "public.readyz"})  # they report live state
# Search results come from an index drained after the commit, so they may lag the data version by a
# moment: their validator adds the version of the index they were read from (none when the backend
# has no versions, as PostgreSQL's: then they get no validator).
SEARCH_ENDPOINTS = frozenset({"public.search", "public.search_feed", "api.search"})
INDEX_TOKEN = "portal.search.index_token"  # the request environ's key for the token a page used
PUBLIC = "public, max-age=60"
PRIVATE = "private, no-cache"
VARY = ("Cookie", "HX-Request")
# Flask-Compress appends ":<encoding>" to the ETag of a response it compresses.
ENCODINGS = ("br", "gzip", "deflate", "zstd")


@functools.cache
def release() -> str:
    """A digest of the code and templates, so a deployment changes every validator."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for folder, pattern in ((root, "*.py"), (root, "*.mo"), (root.parent / "templates", "*.html")):
        for path in sorted(folder.rglob(pattern)):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def carries_session() -> bool:
    """True when the request sends a session or remember-me cookie."""
    names = (
        current_app.config.get("SESSION_COOKIE_NAME", "session"),
        current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token"),
    )
    return any(name in request.cookies for name in names)


def cacheable() -> bool:
    return (
        request.method in ("GET", "HEAD")
        and request.blueprint in CACHEABLE_BLUEPRINTS
        and request.endpoint not in PROBES
    )


def index_token(app: Flask) -> str | None:
    """A short token of the search index version this process reads, or None without versions."""
    from portal.search.base import IndexUnavailable
    from portal.search.registry import get_backend

    try:
        version = get_backend(app).version()
    except IndexUnavailable:  # the search itself says so (503)
        return None
    if version is None:
        return None
    return hashlib.sha256(repr(version).encode()).hexdigest()[:16]


def page_etag(index: str = "") -> str:
    """The validator of this page for the current data version (and index version, for search)."""
    from portal import select_locale
    from portal.services.petition_accountability import local_today

    # The local date too: petitions turn overdue at midnight in Vietnam with no change to the data.
    parts = (
        release(),
        current_version().token,
        local_today().isoformat(),
        request.scheme,
        request.host,
        request.path,
        request.query_string.decode("latin-1"),
        select_locale(),
        "fragment" if is_partial() else "page",
        index,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def unless_complete(page) -> None:
    """Take the validator off a search page cut short by its time limit: another try may find more,
    so such a page is neither kept by the page cache nor confirmed by a 304."""
    outcome = getattr(page, "outcome", None)
    if outcome is not None and outcome.result.timed_out:
        g.pop("page_etag", None)


def matching_tag(etag: str) -> str | None:
    """The client's tag for this page, weakly compared: plain, or marked with an encoding it accepts."""
    sent = request.if_none_match
    if not sent:
        return None
    accepted = [encoding for encoding in ENCODINGS if request.accept_encodings[encoding]]
    for tag in (etag, *(f"{etag}:{encoding}" for encoding in accepted)):
        if sent.contains_weak(tag):
            return tag
    return None


def _not_modified(tag: str) -> Response:
    response = Response(status=304)
    response.set_etag(tag, weak=True)
    response.headers["Cache-Control"] = PUBLIC
    for header in VARY:
        response.vary.add(header)
    return response


def answer_if_current() -> Response | None:
    """Answer 304 before the view runs when the client already has this version of the page."""
    if not cacheable() or carries_session():
        return None
    index = ""
    if request.endpoint in SEARCH_ENDPOINTS:
        index = index_token(current_app)  # read before the search runs: never newer than its answer
        if index is None:
            return None
        request.environ[INDEX_TOKEN] = index
    g.page_etag = page_etag(index)
    tag = matching_tag(g.page_etag)
    if tag is None:
        return None
    g.not_modified = True
    return _not_modified(tag)


def add_cache_headers(response: Response) -> Response:
    """ETag and Cache-Control on the public answers; private for anyone with a session."""
    if not cacheable() or g.get("not_modified"):
        return response
    if carries_session() or "Set-Cookie" in response.headers:
        response.headers["Cache-Control"] = PRIVATE
    elif response.status_code == 200 and not response.cache_control.public:
        response.headers["Cache-Control"] = PUBLIC
    if response.status_code == 200 and "page_etag" in g:
        response.set_etag(g.page_etag, weak=True)
    if "page_etag" in g:
        for header in VARY:
            response.vary.add(header)
    return response


def forget(exc: BaseException | None = None) -> None:
    # Tests share one app context (and so one ``g``) between requests.
    g.pop("page_etag", None)
    g.pop("not_modified", None)


def register(app: Flask) -> None:
    """Install the conditional-GET check and the caching headers on every request.

    Call before anything that sets cookies in ``after_request`` (portal.security): after-request
    functions run in reverse order, so these headers are decided once the cookies are known.
    """
    app.before_request(answer_if_current)
    app.after_request(add_cache_headers)
    app.teardown_request(forget)
