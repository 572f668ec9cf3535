"""Helpers for API and feed tests: make records through the publishing services."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Petition, PetitionStatusChange, Resolution, Session, VoterMeetingRound
from portal.services.publishing import publish, save


def one(model, **where):
    query = select(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalars(query).one()


def draft_resolution(title: str = "Nghị quyết dự thảo chưa công bố về phí vệ sinh") -> Resolution:
    session = one(Session, number=12)
    record = Resolution(
        slug="nghi-quyet-du-thao-phi-ve-sinh",
        council_id=session.council_id,
        title=title,
        session_id=session.id,
        adopted_on=date(2020, 5, 6),
        topic="Phí, lệ phí",
        body_text="Nội dung dự thảo không được lộ ra ngoài.",
    )
    save(record, None)
    return record


def published_petition(text: str, statuses: tuple[tuple[date, str], ...] = ()) -> Petition:
    """A published petition of the first round with the given dated status changes."""
    round_ = one(VoterMeetingRound, slug="tiep-xuc-cu-tri-truoc-ky-hop-thu-muoi-ba")
    petition = Petition(
        slug=f"kien-nghi-{abs(hash(text)) % 10**8}",
        round_id=round_.id,
        text=text,
        level="city",
        petition_status=statuses[-1][1] if statuses else "in_progress",
        is_sample=True,
    )
    save(petition, None, commit=False)
    for on, status in statuses:
        db.session.add(PetitionStatusChange(petition=petition, on=on, status=status))
    publish(petition, None)
    return petition
