"""The search page (full page or live htmx fragment) and the Atom feed of any search."""

from __future__ import annotations

from datetime import UTC, datetime, time
from urllib.parse import quote_plus
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator
from flask import Response, current_app, g, request, url_for
from markupsafe import Markup

from portal import http_cache
from portal.htmx import render_page_or_fragment
from portal.public import bp
from portal.public_urls import absolute_url
from portal.search import query
from portal.search.analysis import repair
from portal.services import queries

FEED_SIZE = 20
# Values listed per facet on the page (the most frequent; a chosen one always): a search over a
# province's records can match hundreds of sessions or bodies, the API still gives them all.
FACET_VALUES_SHOWN = 12
_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


_SAFE = "!$'()*,/:;?@"  # what werkzeug's url_for leaves unencoded in a query string


def _search_url(endpoint: str = "public.search", **changes) -> str:
    """Return the current search's URL with some parameters changed (None removes one)."""
    args = {k: v for k, v in request.args.items() if k in ("q", "sort", "page", "exact", *query.FACETS)}
    args.update(changes)
    if "page" not in changes:
        args.pop("page", None)
    params = {k: v for k, v in args.items() if v not in (None, "")}
    if "_external" in params:
        return url_for(endpoint, **params)
    # A results page links every facet value: route the endpoint once per request and encode the
    # query as url_for would (werkzeug's own encoder), instead of a full url_for per link.
    bases = g.setdefault("search_url_bases", {})
    if endpoint not in bases:
        bases[endpoint] = url_for(endpoint)
    if not params:
        return bases[endpoint]
    pairs = g.setdefault("search_url_pairs", {})  # each name=value encoded once per request
    for pair in params.items():
        if pair not in pairs:
            pairs[pair] = f"{quote_plus(pair[0], _SAFE)}={quote_plus(str(pair[1]), _SAFE)}"
    return bases[endpoint] + "?" + "&".join(pairs[pair] for pair in params.items())


def _render(page: query.SearchPage, status: int = 200) -> Response:
    response = render_page_or_fragment(
        "public/search/index.html",
        "public/search/_results.html",
        results=page,
        search_url=_search_url,
        facet_labels=query.FACET_LABELS,
    )
    response.status_code = status
    return response


def _parsed() -> tuple[query.SearchRequest | None, str | None]:
    """The request's search, or the citizen's message saying what is wrong with it."""
    try:
        return query.parse_request(request.args), None
    except query.SearchInputError as exc:
        return None, str(exc)


@bp.get("/search")
def search():
    search_request, error = _parsed()
    if search_request is None:
        page = query.SearchPage(query.SearchRequest(str(request.args.get("q") or "")))
        page.error = error
        return _render(page, 400)
    page = query.search(search_request, facet_limit=FACET_VALUES_SHOWN)
    http_cache.unless_complete(page)
    return _render(page, 503 if page.error else 200)


def _when(day) -> datetime:
    return datetime.combine(day, time(), _TZ)


def _feed(page: query.SearchPage) -> FeedGenerator:
    q = repair(page.request.q)
    updated = queries.last_updated() or datetime.now(UTC).replace(tzinfo=None)
    feed = FeedGenerator()
    feed.id(_search_url(_external=True, sort=None))
    feed.title(f"Tìm kiếm “{q[:80]}” · {current_app.config['SITE_NAME']}")
    feed.link(href=_search_url(_external=True, sort=None), rel="alternate")
    feed.link(href=absolute_url(request.full_path.rstrip("?")), rel="self")
    feed.language("vi")
    feed.updated(updated.replace(tzinfo=UTC))
    for item in page.items:
        entry = feed.add_entry(order="append")
        link = absolute_url(item.url)
        entry.id(link)
        entry.title(f"{item.type_label}: {item.hit.title}")
        entry.link(href=link)
        entry.summary(Markup(item.hit.snippet).striptags())
        entry.updated(_when(item.day) if item.day else updated.replace(tzinfo=UTC))
    return feed


@bp.get("/search.atom")
def search_feed():
    search_request, error = _parsed()
    if search_request is None:
        return Response(error, 400, mimetype="text/plain")
    if not search_request.q.strip():
        return Response("Thiếu từ khóa tìm kiếm (tham số q).", 400, mimetype="text/plain")
    feed_request = query.SearchRequest(search_request.q, search_request.filters, "date", 1)
    page = query.search(feed_request, per_page=FEED_SIZE)
    http_cache.unless_complete(page)
    if page.error:
        return Response(page.error, 503, mimetype="text/plain")
    body = _feed(page).atom_str(pretty=True)
    return Response(body, mimetype="application/atom+xml")
