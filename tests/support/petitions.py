"""Create petitions in tests through the publishing service (the starter data has none)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Document, Organization, Petition, PetitionStatusChange, VoterMeetingRound
from portal.services.publishing import publish, save


def by_slug(model, slug: str):
    return db.session.scalar(select(model).where(model.slug == slug))


def by_key(model, key: str):
    return db.session.scalar(select(model).where(model.source_key == key))


def make_petition(
    text: str,
    *,
    round_key: str = "txct-truoc-13",
    agency_key: str | None = "org-ubnd-tp",
    status: str = "in_progress",
    due_by: date | None = None,
    answered_on: date | None = None,
    response_key: str | None = None,
    history: tuple = (),
    publish_it: bool = True,
    is_sample: bool = True,
) -> Petition:
    """Save (and publish) a sample petition with an optional status history."""
    with db.session.no_autoflush:
        petition = _build(
            text, round_key, agency_key, status, due_by, answered_on, response_key, history, is_sample
        )
    save(petition, None, commit=not publish_it)
    if publish_it:
        publish(petition, None)
    return petition


def _build(text, round_key, agency_key, status, due_by, answered_on, response_key, history, is_sample):
    petition = Petition(
        slug=f"kien-nghi-thu-nghiem-{abs(hash(text)) % 10**8}",
        text=text,
        round=by_key(VoterMeetingRound, round_key),
        responsible_agency=by_key(Organization, agency_key) if agency_key else None,
        petition_status=status,
        due_by=due_by,
        answered_on=answered_on,
        is_sample=is_sample,
        response_document=by_key(Document, response_key) if response_key else None,
    )
    for on, change_status, note, doc_key in history:
        petition.status_history.append(
            PetitionStatusChange(
                on=on,
                status=change_status,
                note=note,
                document=by_key(Document, doc_key) if doc_key else None,
            )
        )
    return petition
