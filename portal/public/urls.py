"""The public page of any record: one mapping used by templates (and by search, API and feeds)."""

from __future__ import annotations

from flask import url_for

from portal.models.base import PublicRecord

DETAIL_ENDPOINTS = {
    "session": "public.session_detail",
    "resolution": "public.resolution_detail",
    "supervision": "public.supervision_detail",
    "voter_meeting_round": "public.voter_meeting_detail",
    "document": "public.document_detail",
    "organization": "public.organization_detail",
}


def record_url(record: PublicRecord, **kwargs) -> str | None:
    """The path (or, with _external=True, the URL) of a record's public page; None if it has none."""
    kind = record.public_type
    if kind in DETAIL_ENDPOINTS:
        return url_for(DETAIL_ENDPOINTS[kind], slug=record.slug, **kwargs)
    if kind == "petition":
        return url_for("public.petition_detail", petition_id=record.id, **kwargs)
    if kind == "commitment":
        return url_for("public.programme", year=record.year, _anchor=f"cam-ket-{record.number}", **kwargs)
    if kind == "petition_outcome":
        return url_for("public.petitions", _anchor="ket-qua-tong-hop", **kwargs)
    if kind in ("reception_stats", "letter_stats"):
        return url_for("public.reception", _anchor=f"nam-{record.year}", **kwargs)
    if kind == "person":
        return url_for("public.people", _anchor=f"nguoi-{record.slug}", **kwargs)
    if kind == "budget_figure":
        return url_for("public.budget", **kwargs) if _has("public.budget") else None
    if kind == "activity_count":
        return url_for("public.statistics", **kwargs) if _has("public.statistics") else None
    return None


def _has(endpoint: str) -> bool:
    from portal.templating import endpoint_exists

    return endpoint_exists(endpoint)


# Record type -> (API resource, whether its API key is the slug); petitions have no slug.
API_RESOURCES = {"session": "sessions", "resolution": "resolutions", "supervision": "supervisions",
                 "voter_meeting_round": "voter-meetings", "document": "documents",
                 "organization": "organizations", "petition": "petitions"}
FEED_KINDS = {"session": "sessions", "resolution": "resolutions", "supervision": "supervision",
              "petition": "petitions", "document": "documents"}


def open_data_links(record: PublicRecord) -> list[tuple[str, str, str]]:
    """(label, URL, media type) of a record's JSON in the API and the Atom feed of its kind."""
    kind, links = record.public_type, []
    if kind in API_RESOURCES:
        endpoint = f"api.{API_RESOURCES[kind].replace('-', '_')}_detail"
        key = record.id if kind == "petition" else record.slug
        links.append(("JSON", url_for(endpoint, key=key), "application/json"))
    if kind in FEED_KINDS:
        links.append(("Atom", url_for("feeds.atom", kind=FEED_KINDS[kind]), "application/atom+xml"))
    return links
