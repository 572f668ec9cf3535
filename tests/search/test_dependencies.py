"""Renaming a record re-indexes the documents that embed its name: `search check` is clean after."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Area, Organization, Petition, Session, VoterMeetingRound
from portal.search import indexer
from portal.search.query import execute
from portal.search.registry import get_backend
from portal.services.publishing import publish, save


def found(q: str) -> set[str]:
    return {hit.key for hit in execute(get_backend(), q, per_page=100).result.hits}


def settle() -> None:
    indexer.drain()
    drift = indexer.check()
    assert drift.clean, (drift.missing[:5], drift.extra[:5], drift.stale[:5])


def published_petition(round_: VoterMeetingRound, area: Area | None = None, agency=None) -> Petition:
    petition = Petition(
        round=round_,
        area=area,
        responsible_agency=agency,
        level="city",
        text="Đề nghị sửa chữa mặt đường thử nghiệm.",
        petition_status="in_progress",
        voter_accepted="unknown",
        slug=f"kien-nghi-phu-thuoc-{round_.id}",
        status="draft",
        due_by=date(2021, 6, 30),
    )
    save(petition, None)
    publish(petition, None)
    return petition


def test_renaming_a_session_reindexes_its_rounds_resolutions_and_petitions(indexed_app):
    session = db.session.scalar(
        select(Session)
        .join(VoterMeetingRound, VoterMeetingRound.session_id == Session.id)
        .where(Session.status == "published")
        .order_by(Session.id)
    )
    round_ = db.session.scalar(
        select(VoterMeetingRound).where(
            VoterMeetingRound.session_id == session.id, VoterMeetingRound.status == "published"
        )
    )
    published_petition(round_)
    settle()
    session.name = "Kỳ họp đổi tên zqvxk"
    session.slug = "ky-hop-doi-ten-zqvxk"
    save(session, None)
    settle()
    assert f"voter_meeting_round:{round_.id}" in found("zqvxk")


def test_moving_a_round_to_another_session_reindexes_its_petitions(indexed_app):
    round_ = db.session.scalar(select(VoterMeetingRound).where(VoterMeetingRound.status == "published"))
    published_petition(round_)
    settle()
    other = db.session.scalar(select(Session).where(Session.id != round_.session_id))
    round_.session = other
    save(round_, None)
    settle()


def test_renaming_an_organisation_reindexes_what_names_it(indexed_app):
    agency = db.session.scalar(
        select(Organization)
        .where(Organization.status == "published", Organization.kind != "council")
        .order_by(Organization.id)
    )
    round_ = db.session.scalar(select(VoterMeetingRound).where(VoterMeetingRound.status == "published"))
    petition = published_petition(round_, agency=agency)
    settle()
    agency.name = "Cơ quan đổi tên wqpzj"
    save(agency, None)
    settle()
    assert f"petition:{petition.id}" in found("wqpzj")


def test_renaming_the_council_reindexes_its_sessions_and_resolutions(indexed_app):
    council = db.session.scalar(select(Organization).join(Session, Session.council_id == Organization.id))
    council.slug = "hdnd-doi-ma"
    save(council, None)
    settle()


def test_renaming_an_area_reindexes_petitions_and_rounds(indexed_app):
    area = db.session.scalar(select(Area).order_by(Area.id))
    round_ = db.session.scalar(select(VoterMeetingRound).where(VoterMeetingRound.status == "published"))
    petition = published_petition(round_, area=area)
    settle()
    area.name = "Phường đổi tên xjqkv"
    db.session.commit()
    settle()
    assert f"petition:{petition.id}" in found("xjqkv")


@pytest.mark.parametrize("model", [Session, Organization, Area, VoterMeetingRound])
def test_every_dependency_source_is_declared(model):
    from portal.search.dependencies import DEPENDENTS

    assert model in DEPENDENTS


def _named_types() -> list[tuple[type, list[str]]]:
    """Every mapped type with a column another record's search document could embed."""
    named = []
    for mapper in db.Model.registry.mappers:
        present = set(mapper.columns.keys())
        columns = [c for c in ("name", "short_name", "title", "slug") if c in present]
        if columns:
            named.append((mapper.class_, columns))
    return sorted(named, key=lambda pair: pair[0].__name__)


NAMED = _named_types()


@pytest.mark.parametrize("model, columns", NAMED, ids=[model.__name__ for model, _ in NAMED])
def test_renaming_every_record_of_a_type_leaves_search_check_clean(indexed_app, model, columns):
    """Whatever embeds whatever: rename all records of one type, and every document that carries one
    of their names must be re-queued (an undeclared dependency shows up here as stale)."""
    records = db.session.scalars(select(model)).all()
    if not records:
        pytest.skip(f"no {model.__name__} in the starter data")
    for record in records:
        for column in columns:
            value = getattr(record, column)
            if isinstance(value, str) and value:
                setattr(record, column, value + ("-doi-ten" if column == "slug" else " (đổi tên)"))
    db.session.commit()
    settle()
