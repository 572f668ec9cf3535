"""/sitemap.xml (every published page with its last change) and /robots.txt pointing at it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Response, request, url_for
from sqlalchemy import func, select

from portal.extensions import db
from portal.feeds import bp
from portal.links import DETAIL_PAGE_TYPES, page_path, record_path, site_root
from portal.models import BudgetFigure, Commitment, LetterStats, ReceptionStats
from portal.services import queries

# Pages that are not one record's page: (endpoint, fallback path, models whose changes date them).
SECTION_PAGES = (
    ("public.home", "/", ()),
    ("public.sessions", "/sessions", ()),
    ("public.resolutions", "/resolutions", ()),
    ("public.supervision", "/supervision", ()),
    ("public.petitions", "/petitions", ()),
    ("public.voter_meetings", "/voter-meetings", ()),
    ("public.documents", "/documents", ()),
    ("public.people", "/people", ()),
    ("public.reception", "/reception", (ReceptionStats, LetterStats)),
    ("public.budget", "/budget", (BudgetFigure,)),
)


def lastmod(moment) -> str | None:
    return moment.replace(microsecond=0).isoformat() + "+00:00" if moment else None


def newest(*models) -> object:
    dates = [db.session.scalar(select(func.max(m.updated_at)).where(m.status == "published")) for m in models]
    dates = [d for d in dates if d]
    return max(dates) if dates else queries.last_updated()


def sitemap_urls() -> list[tuple[str, str | None]]:
    """(path, lastmod) of every published page; drafts and withdrawn records are left out."""
    urls = [(page_path(endpoint, fallback), lastmod(newest(*models) if models else queries.last_updated()))
            for endpoint, fallback, models in SECTION_PAGES]
    for model in DETAIL_PAGE_TYPES:
        for record in db.session.scalars(queries.published(model).order_by(model.id)):
            urls.append((record_path(record), lastmod(record.updated_at)))
    years = db.session.execute(select(Commitment.year, func.max(Commitment.updated_at))
                               .where(Commitment.status == "published").group_by(Commitment.year))
    for year, changed in years:
        urls.append((page_path("public.programme", "/programme/{year}", year=year), lastmod(changed)))
    return urls


@bp.get("/sitemap.xml")
def sitemap():
    base = site_root()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, changed in sitemap_urls():
        modified = f"<lastmod>{changed}</lastmod>" if changed else ""
        lines.append(f"  <url><loc>{escape(base + path)}</loc>{modified}</url>")
    lines.append("</urlset>")
    response = Response("\n".join(lines) + "\n", mimetype="application/xml")
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/robots.txt")
def robots():
    body = "\n".join([
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {url_for('feeds.sitemap', _external=True)}",
        "",
    ])
    return Response(body, mimetype="text/plain")
