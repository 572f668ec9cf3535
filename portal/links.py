"""The public page of every record, in one place: API items, feeds, sitemap and search use it.

Each public type maps to the endpoint of its page and a fallback path. The fallback is used
while the endpoint is not registered (the public pages are built on a separate branch), so the
links stay the same before and after those pages land. Types without a page of their own
(budget figures, reception and letter statistics, people, commitments) link to the page that
shows them, with the record's slug as the fragment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request, url_for

from portal.models import (
    BudgetFigure, Commitment, Document, LetterStats, Organization, Person, Petition, PetitionOutcome,
    ReceptionStats, Resolution, Session, Supervision, VoterMeetingRound,
)


@dataclass(frozen=True)
class PageLink:
    endpoint: str
    values: Callable[[object], dict]
    fallback: str
    fragment: bool = False

    def path(self, record) -> str:
        values = self.values(record)
        if self.endpoint in current_app.view_functions:
            path = url_for(self.endpoint, **values)
        else:
            path = self.fallback.format(**values)
        return f"{path}#{record.slug}" if self.fragment else path


def _slug(record) -> dict:
    return {"slug": record.slug}


def _none(record) -> dict:
    return {}


PAGES: dict[type, PageLink] = {
    Session: PageLink("public.session_detail", _slug, "/sessions/{slug}"),
    Resolution: PageLink("public.resolution_detail", _slug, "/resolutions/{slug}"),
    Supervision: PageLink("public.supervision_detail", _slug, "/supervision/{slug}"),
    Petition: PageLink("public.petition_detail", lambda r: {"id": r.id}, "/petitions/{id}"),
    VoterMeetingRound: PageLink("public.voter_meeting_detail", _slug, "/voter-meetings/{slug}"),
    Document: PageLink("public.document_detail", _slug, "/documents/{slug}"),
    Organization: PageLink("public.organization_detail", _slug, "/organizations/{slug}"),
    Person: PageLink("public.people", _none, "/people", fragment=True),
    Commitment: PageLink("public.programme", lambda r: {"year": r.year}, "/programme/{year}", fragment=True),
    ReceptionStats: PageLink("public.reception", _none, "/reception", fragment=True),
    LetterStats: PageLink("public.reception", _none, "/reception", fragment=True),
    BudgetFigure: PageLink("public.budget", _none, "/budget", fragment=True),
    PetitionOutcome: PageLink("public.petitions", _none, "/petitions", fragment=True),
}

# Detail pages of their own, listed in the sitemap.
DETAIL_PAGE_TYPES = (Session, Resolution, Supervision, Petition, VoterMeetingRound, Document, Organization)


def record_path(record) -> str:
    """The path of the public page that shows this record."""
    return PAGES[type(record)].path(record)


def record_url(record) -> str:
    """The absolute URL of the public page that shows this record (needs a request)."""
    return request.host_url.rstrip("/") + record_path(record)


def page_path(endpoint: str, fallback: str, **values) -> str:
    """The path of a page by endpoint, or its fallback path while the endpoint does not exist."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return fallback.format(**values)
