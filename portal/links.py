"""The public page of every record, for API items, feeds, sitemap and search.

The mapping itself lives in portal/public/urls.py (templates use it too); this module adds the
fallbacks needed outside templates: a record type without a page of its own links to the list
page that shows it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, url_for

from portal.models import (
    Document,
    Organization,
    Petition,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.public.urls import record_url as _public_url

# Detail pages of their own, listed in the sitemap.
DETAIL_PAGE_TYPES = (Session, Resolution, Supervision, Petition, VoterMeetingRound, Document, Organization)


def record_path(record) -> str:
    """The path of the public page that shows this record."""
    return _public_url(record) or page_path("public.statistics", "/statistics")


def site_root() -> str:
    """The site's scheme and host: SERVER_NAME and PREFERRED_URL_SCHEME in production, else the
    request's host (checked against TRUSTED_HOSTS when set) - never a Host header taken on trust."""
    parts = urlsplit(url_for("public.home", _external=True))
    return f"{parts.scheme}://{parts.netloc}"


def site_host() -> str:
    """The site's host name, for feed ids and calendar UIDs."""
    return urlsplit(site_root()).hostname or "localhost"


def absolute_url(path: str) -> str:
    """An absolute URL on the site for a path that url_for made (it carries any script root)."""
    return site_root() + path


def record_url(record) -> str:
    """The absolute URL of the public page that shows this record (needs a request)."""
    return absolute_url(record_path(record))


def page_path(endpoint: str, fallback: str, **values) -> str:
    """The path of a page by endpoint, or its fallback path while the endpoint does not exist."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return fallback.format(**values)
