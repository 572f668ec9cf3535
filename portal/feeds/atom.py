"""Atom feeds at /feeds/<kind>.atom (feedgen): one per kind of record, and one of everything."""

from __future__ import annotations

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Response, abort, url_for

from portal.feeds import bp
from portal.feeds.entries import FEEDS, Entry, feed_entries
from portal.public.council_scope import site_name
from portal.public_urls import absolute_url, site_host
from portal.services import councils, queries

KINDS = (*FEEDS, "all")


def aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def absolute(path: str) -> str:
    return absolute_url(path)


def tag(key: str) -> str:
    """A stable Atom id that does not change when page addresses do."""
    return f"tag:{site_host()},2020:{key}"


def add_entry(fg: FeedGenerator, entry: Entry) -> None:
    fe = fg.add_entry(order="append")
    fe.id(tag(entry.key))
    fe.title(entry.title)
    fe.link(href=absolute(entry.path), rel="alternate", type="text/html")
    fe.updated(aware(entry.updated))
    if entry.published:
        fe.published(aware(entry.published))
    fe.summary(entry.summary or entry.title)
    fe.category(term=entry.category, label=entry.category)


def build_feed(kind: str) -> bytes:
    title = "Tất cả cập nhật" if kind == "all" else FEEDS[kind].label
    entries = feed_entries(kind)
    fg = FeedGenerator()
    council = councils.current() if not councils.single_slug() else None
    fg.id(tag(f"feed/{council.slug}/{kind}" if council else f"feed/{kind}"))  # one feed per council
    fg.title(f"{title} — {site_name()}")
    fg.subtitle(f"Cập nhật mới: {title.lower()} trên cổng thông tin công khai.")
    fg.author({"name": site_name()})
    fg.link(href=url_for("feeds.atom", kind=kind, _external=True), rel="self", type="application/atom+xml")
    alternate = url_for("public.home" if kind == "all" else FEEDS[kind].section)
    fg.link(href=absolute(alternate), rel="alternate", type="text/html")
    fg.language("vi")
    newest = entries[0].updated if entries else (queries.last_updated() or datetime(2020, 1, 1))
    fg.updated(aware(newest))
    for entry in entries:
        add_entry(fg, entry)
    return fg.atom_str(pretty=True)


@bp.get("/feeds/<kind>.atom")
def atom(kind: str):
    if kind not in KINDS:
        abort(404)
    # ETag, 304 and Cache-Control come from portal/http_cache.py, keyed by the data version.
    return Response(build_feed(kind), mimetype="application/atom+xml")
