"""The site's addresses: the public page of every record (one map, from portal/records), absolute URLs.

Templates (`record_url`), the API (`url` fields), feeds, the sitemap, search results and the office's
"see it on the site" link all call `record_path`, so a record has one public address everywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

from portal.models.base import PublicRecord
from portal.records import record_type
from portal.services import councils


def record_path(record, **kwargs) -> str:
    """The path (with _external=True, the URL) of the public page that shows this record.

    `record` may be a model instance or any object with the type's `public_type` and the columns its
    declaration addresses it by (search hits carry only those)."""
    declared = record_type(record)
    if "council" not in kwargs and not councils.single_slug():
        # The page of the record's own council (None: the short path, which answers 301 to it).
        council = councils.by_id(getattr(record, "council_id", None))
        kwargs["council"] = council.slug if council is not None else None
    return url_for(declared.page, **declared.address(record), **kwargs)


def council_url(council, **kwargs) -> str:
    """The home of a council's section (in a single-council site, its organisation page for the others)."""
    single = councils.single_slug()
    if single is None:
        return url_for("public.home", council=council.slug, **kwargs)
    if council.slug == single:
        return url_for("public.home", **kwargs)
    return url_for("public.organization_detail", slug=council.slug, **kwargs)


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


def open_data_links(record: PublicRecord) -> list[tuple[str, str, str]]:
    """(label, URL, media type) of a record's JSON and CSV in the API and the Atom feed of its kind."""
    declared, links = record_type(record), []
    if declared.own_page and declared.listing is not None:
        endpoint = f"api.{declared.listing.name.replace('-', '_')}_detail"
        key = record.slug if "slug" in declared.address_columns else record.id
        links.append(("JSON", url_for(endpoint, key=key), "application/json"))
        links.append(("CSV", url_for(endpoint, key=key, format="csv"), "text/csv"))
    if declared.feed:
        links.append(("Atom", url_for("feeds.atom", kind=declared.feed), "application/atom+xml"))
    return links
