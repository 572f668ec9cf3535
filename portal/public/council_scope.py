"""Councils in the URL (SPEC §12): `/<council-slug>/<section>/...`, the council a request reads, and the
301s that keep the single-council site's addresses valid for ever.

The same view functions serve both forms of the site. With PORTAL_COUNCIL the site is one council's on
the short paths and every request reads that council. Without it each council section's rule is added
again under `/<council>` (Flask's URL processors: the segment is taken out of the view's arguments
into ``g.council`` and put back in when a URL is built), and a short path answers 301: a record's page
to its council's page, any other page to the section of PORTAL_LEGACY_COUNCIL.
"""

from __future__ import annotations

from flask import Flask, abort, current_app, g, redirect, request, url_for
from sqlalchemy import select
from werkzeug.routing import BaseConverter

from portal.extensions import db
from portal.models import Document, Petition, Session
from portal.public.history import SECTIONS
from portal.public_urls import council_url
from portal.records import RECORD_TYPES
from portal.services import councils, queries
from portal.vocabulary import translate

# Pages of the whole portal: everything else of the public site and the feeds belongs to a council.
PORTAL_WIDE = frozenset(
    {
        "public.search",
        "public.search_feed",
        "public.council_statistics",
        "public.council_statistics_csv",
        "public.glossary",
        "public.healthz",
        "public.readyz",
        "feeds.robots",
        "feeds.sitemap",
        "feeds.sitemap_pages",
        "feeds.sitemap_records",
    }
)
SCOPED_BLUEPRINTS = ("public", "feeds")
PROBES = frozenset({"public.healthz", "public.readyz", "static"})  # answer without reading the data
# Pages that show one record: (model, view argument, column) to find the council it belongs to.
RECORD_PAGES = {
    **{
        t.page: (
            t.model,
            "petition_id" if t.key == "petition" else "slug",
            "id" if t.key == "petition" else "slug",
        )
        for t in RECORD_TYPES
        if t.own_page or t.page == "public.person"
    },
    "public.attachment_download": (Document, "slug", "slug"),
    "feeds.session_calendar": (Session, "slug", "slug"),
}


class CouncilSlugConverter(BaseConverter):
    """A council's slug: lower-case words joined by hyphens (no dot, so /favicon.ico is no council)."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def single_council() -> str | None:
    """The slug of the one council of a single-council deployment (PORTAL_COUNCIL, or the only council
    in the database), else None."""
    return councils.single_slug()


def is_scoped(endpoint: str | None) -> bool:
    return bool(endpoint) and endpoint.split(".")[0] in SCOPED_BLUEPRINTS and endpoint not in PORTAL_WIDE


def _pull_council(endpoint: str | None, values: dict | None) -> None:
    g.council = None
    slug = values.pop("council", None) if values else None
    if slug is not None:
        g.council = councils.by_slug(slug)
        if g.council is None:
            abort(404)
    elif endpoint and endpoint.split(".")[0] != "admin" and endpoint not in PROBES and single_council():
        g.council = councils.by_slug(single_council())


def _add_council(endpoint: str, values: dict) -> None:
    if "council" in values or not is_scoped(endpoint) or single_council():
        return
    council = g.get("council")
    if council is not None:
        values["council"] = council.slug


def _record_council(endpoint: str, view_args: dict) -> councils.Council | None:
    """The council of the record a page shows; abort 404 when no such record is shown."""
    if endpoint == "public.record_history":
        model, value = SECTIONS.get(view_args["section"]), view_args["key"]
        column = "id" if model is Petition else "slug"
        if model is Petition and not (value.isascii() and value.isdigit() and len(value) <= 9):
            abort(404)
    else:
        model, argument, column = RECORD_PAGES[endpoint]
        value = view_args[argument]
    found = db.session.execute(
        select(model.council_id).where(queries.is_shown(model, council=None), getattr(model, column) == value)
    ).first()
    if found is None:
        abort(404)
    return councils.by_id(found.council_id) or councils.by_slug(current_app.config["PORTAL_LEGACY_COUNCIL"])


def _redirect_to_council():
    """301 from a short path to the council's page; from a council's path to the record's own council."""
    endpoint = request.endpoint
    if not is_scoped(endpoint) or endpoint == "public.home" or single_council():
        return None  # `/` is the portal's home, `/<council>/` a council's
    shows_record = endpoint in RECORD_PAGES or endpoint == "public.record_history"
    if g.council is not None and not shows_record:
        return None
    view_args = dict(request.view_args or {})
    if endpoint == "public.organization_detail" and (renamed := councils.by_former_slug(view_args["slug"])):
        return redirect(url_for(endpoint, slug=renamed.slug, council=renamed.slug), 301)
    if shows_record:
        council = _record_council(endpoint, view_args)
    else:
        council = councils.by_slug(current_app.config["PORTAL_LEGACY_COUNCIL"])
    if council is None:
        abort(404)
    if g.council is not None and council.id == g.council.id:
        return None
    target = url_for(endpoint, council=council.slug, **view_args, **request.args.to_dict(flat=False))
    return redirect(target, 301)


def _add_council_rules(app: Flask) -> None:
    for rule in list(app.url_map.iter_rules()):
        if not is_scoped(rule.endpoint):
            continue
        app.add_url_rule(
            "/<council:council>" + rule.rule,
            endpoint=rule.endpoint,
            defaults=rule.defaults,
            methods=rule.methods,
            strict_slashes=rule.rule != "/",
        )


def site_name() -> str:
    """The name the pages carry: the single council's site, a council's section, or the whole portal."""
    council = g.get("council")
    if current_app.config.get("PORTAL_COUNCIL") or (
        council is None and not current_app.config.get("PORTAL_NAME")
    ):
        return translate(current_app.config["SITE_NAME"])
    return council.name if council is not None else translate(current_app.config["PORTAL_NAME"])


def _council_context() -> dict:
    council = g.get("council")
    single = single_council()
    return {
        "current_council": council,
        "portal_wide": council is None and not single,
        # a council's own section of a portal of several councils (a single-council site has none)
        "council_section": council if council is not None and not single else None,
        "council_by_id": councils.by_id,
        "council_url": council_url,
        "site_name": site_name(),
    }


def register(app: Flask) -> None:
    """Install the council URL processors; in the portal of several councils add the scoped rules."""
    app.url_map.converters["council"] = CouncilSlugConverter
    app.url_value_preprocessor(_pull_council)
    app.url_defaults(_add_council)
    app.before_request(_redirect_to_council)
    app.context_processor(_council_context)
    app.teardown_request(lambda exc=None: g.pop("council", None))
    councils.install()
    if not app.config.get("PORTAL_COUNCIL"):
        _add_council_rules(app)
