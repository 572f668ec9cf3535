"""Every public page type, named so the same page can be fetched at two data sizes and compared."""

from __future__ import annotations

from sqlalchemy import select

from config import TestConfig
from portal.api.registry import RESOURCES
from portal.feeds.atom import KINDS as FEED_KINDS
from portal.feeds.sitemap import FILE_TYPES as SITEMAP_FILES
from portal.models import (
    Document,
    Organization,
    Petition,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.services.chart_catalogue import BUILDERS as CHARTS

# A query whose words every sample type uses, so the search page has many more hits than it shows.
SEARCH = "q=gi%E1%BA%A3i+ph%C3%B3ng+m%E1%BA%B7t+b%E1%BA%B1ng"

PAGES = {
    "home": "/",
    "sessions": "/sessions",
    "resolutions": "/resolutions",
    "resolutions filtered": "/resolutions?status=in_force",
    "supervision": "/supervision",
    "petitions": "/petitions",
    "petitions by agency": "/petitions?view=agency",
    "voter-meetings": "/voter-meetings",
    "documents": "/documents",
    "people": "/people",
    "statistics": "/statistics",
    "budget": "/budget",
    "reception": "/reception",
    "programme": "/programme/2021",
    "glossary": "/glossary",
    "search": f"/search?{SEARCH}",
    "search feed": f"/search.atom?{SEARCH}",
    "search api": f"/api/v1/search?{SEARCH}",
    "calendar": "/sessions.ics",
    "sitemap": "/sitemap.xml",
    "sitemap pages": "/sitemap-pages.xml",
    **{f"sitemap {kind}": f"/sitemap-{kind}-1.xml" for kind in SITEMAP_FILES},
    "api index": "/api/v1/",
    "openapi document": "/api/v1/openapi.json",
    **{f"chart {name}": f"/statistics/charts/{name}" for name in CHARTS},
    **{f"chart {name} csv": f"/statistics/charts/{name}.csv" for name in CHARTS},
    **{f"feed {kind}": f"/feeds/{kind}.atom" for kind in FEED_KINDS},
    **{f"api {name}": f"/api/v1/{name}" for name in RESOURCES},
}
# Pages whose size is one page of items: the second page must cost what the first does.
PAGED = {
    "resolutions page 2": "/resolutions?page=2",
    "petitions page 2": "/petitions?page=2",
    "documents page 2": "/documents?page=2",
    "api petitions page 2": "/api/v1/petitions?page=2&per_page=15",
}
# Far pages: the last pages of the longest lists on the large site (page numbers beyond the end are empty).
FAR = {
    "petitions far page": "/petitions?page=40",
    "resolutions far page": "/resolutions?page=15",
    "documents far page": "/documents?page=20",
    "api petitions far page": "/api/v1/petitions?page=8&per_page=100",
}
DETAIL_TYPES = {
    "session": Session,
    "resolution": Resolution,
    "supervision": Supervision,
    "petition": Petition,
    "voter_meeting_round": VoterMeetingRound,
    "document": Document,
    "organization": Organization,
}


def starter_record_id(model) -> int | None:
    """The starter record a page shows: the council for organisations (the sample data adds sessions,
    resolutions and commitments to it), else the first published starter record of the type."""
    stmt = select(model.id).where(model.status == "published", model.is_sample.is_(False))
    if model is Organization:
        stmt = stmt.where(Organization.slug == TestConfig.PORTAL_COUNCIL)
    return stmt.order_by(model.id).limit(1)


def sample_record_id(model):
    """The newest sample record of a type (each size has one of every type)."""
    return (
        select(model.id)
        .where(model.status == "published", model.is_sample.is_(True))
        .order_by(model.id.desc())
        .limit(1)
    )


NO_STARTER = {"petition", "petitions"}  # the starter report gives petition tallies, not single petitions
NO_SAMPLE = {"budget", "reception", "letters"}  # the sample generator makes no figures


def detail_pages(url_of) -> dict[str, str]:
    """Label -> URL of every detail page type, for a starter and a sample record where they exist.

    `url_of(kind, model, origin)` finds the record in one copy of the site and returns its URL."""
    pages = {}
    for kind, model in DETAIL_TYPES.items():
        for origin in ("starter", "sample"):
            if kind not in NO_STARTER or origin == "sample":
                pages[f"{kind} {origin}"] = url_of("page", model, origin)
    for name, resource in RESOURCES.items():
        for origin in ("starter", "sample"):
            if not (name in NO_STARTER and origin == "starter") and not (
                name in NO_SAMPLE and origin == "sample"
            ):
                pages[f"api {name} {origin}"] = url_of(f"api {name}", resource.model, origin)
    pages["calendar session starter"] = url_of("ics", Session, "starter")
    pages["calendar session sample"] = url_of("ics", Session, "sample")
    return pages
