"""Rows for the charts: published records only (queries.published), turned into plain dataclasses."""

from __future__ import annotations

from collections import Counter
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from portal.charts.rows import (
    ActivityRow,
    BudgetRow,
    LetterRow,
    OutcomeRow,
    ReceptionRow,
    RoundRow,
    SessionRow,
    SourceRef,
    SupervisionRow,
    from_record,
)
from portal.extensions import db
from portal.models import (
    ActivityCount,
    BudgetFigure,
    LetterStats,
    Petition,
    PetitionOutcome,
    Questioning,
    ReceptionStats,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.models.base import PublicRecord
from portal.models.petition import PETITION_STATUSES
from portal.services import budget, queries
from portal.services.data_version import per_version

SUPERVISION_SUBJECTS = ("supervision", "inspection")
# Charts of one bar per session or voter meeting round show the latest ones: a term holds about 20
# sessions, and a chart (and its page) must not grow with every session the council ever held.
CHART_ROWS = 20
R = TypeVar("R")


def source_of(record: PublicRecord) -> SourceRef | None:
    """The record's source document, if the public may see it."""
    document = record.source_document
    if not queries.shown(document):
        return None
    label = document.number or document.title
    return SourceRef(slug=document.slug, label=label, section=record.source_section)


def _row(cls: type[R], record: PublicRecord, **given: object) -> R:
    """A chart row of the record: its body's short name and its source added to the columns copied."""
    if "body" in cls.__dataclass_fields__:
        given.setdefault("body", record.body.short_name or record.body.name)
    return from_record(cls, record, source=source_of(record), **given)


def _published_counts(model, column) -> Counter:
    key = queries.published(model).subquery().c[column.key]
    stmt = select(key, func.count()).group_by(key)
    return Counter(dict(db.session.execute(stmt).all()))


def _counts(column) -> Counter:
    return Counter(dict(db.session.execute(select(column, func.count()).group_by(column)).all()))


def session_rows() -> list[SessionRow]:
    """Sessions in order, with counts reported and records published on the portal."""
    resolutions = _published_counts(Resolution, Resolution.session_id)
    questionings = _counts(Questioning.session_id)
    sessions = db.session.scalars(
        queries.published(Session)
        .options(joinedload(Session.source_document))
        .order_by(Session.number.desc())
        .limit(CHART_ROWS)
    ).all()[::-1]
    return [
        _row(
            SessionRow,
            s,
            resolutions_reported=s.resolutions_count,
            resolutions_listed=resolutions.get(s.id, 0),
            questions_reported=s.questions_count,
            questionings_listed=questionings.get(s.id, 0),
            clarified_in_groups=s.items_clarified_in_groups,
            clarified_in_hall=s.items_clarified_in_hall,
        )
        for s in sessions
    ]


def _aggregates(model, *where) -> list:
    """The published aggregates of a type (counted by a body, for a year and scope), city first."""
    return db.session.scalars(
        queries.published(model)
        .where(*where)
        .options(joinedload(model.body), joinedload(model.source_document))
        .order_by(model.year, model.scope, model.id)
    ).all()


def activity_rows(subjects: tuple[str, ...]) -> list[ActivityRow]:
    """Counts the report gives without listing the items, for the given subjects."""
    return [_row(ActivityRow, a) for a in _aggregates(ActivityCount, ActivityCount.subject.in_(subjects))]


def supervision_rows() -> list[SupervisionRow]:
    """Every supervision and inspection the portal lists, with its body and kind."""
    records = db.session.scalars(
        queries.published(Supervision)
        .options(
            joinedload(Supervision.body),
            joinedload(Supervision.source_document),
            selectinload(Supervision.targets),
        )
        .order_by(Supervision.year, Supervision.body_id, Supervision.id)
    ).all()
    return [_row(SupervisionRow, s, targets_count=len(s.targets) or (s.targets_count or 0)) for s in records]


def round_rows() -> list[RoundRow]:
    """Voter meeting rounds in the order of their sessions (before, then after)."""
    rounds = db.session.scalars(
        queries.published(VoterMeetingRound)
        .join(Session, VoterMeetingRound.session_id == Session.id)
        .options(contains_eager(VoterMeetingRound.session), joinedload(VoterMeetingRound.source_document))
        .order_by(Session.number.desc(), VoterMeetingRound.relation, VoterMeetingRound.id.desc())
        .limit(CHART_ROWS)
    ).all()[::-1]
    return [_row(RoundRow, r, session_number=r.session.number) for r in rounds]


def _reported_outcomes() -> list[OutcomeRow]:
    outcomes = db.session.scalars(
        queries.published(PetitionOutcome)
        .options(selectinload(PetitionOutcome.rounds), joinedload(PetitionOutcome.source_document))
        .order_by(PetitionOutcome.reported_on, PetitionOutcome.id)
    ).all()
    rows = []
    for o in outcomes:
        rounds = [r for r in o.rounds if queries.public(r)]
        to_city = [r.to_city for r in rounds]
        forwarded = sum(to_city) if to_city and None not in to_city else None
        rows.append(
            _row(
                OutcomeRow,
                o,
                origin="reported",
                rounds=tuple(r.name for r in rounds),
                forwarded_to_city=forwarded,
            )
        )
    return rows


def _listed_outcomes() -> list[OutcomeRow]:
    latest_rounds = (
        queries.published_rows(VoterMeetingRound, VoterMeetingRound.id)
        .order_by(VoterMeetingRound.session_id.desc(), VoterMeetingRound.id.desc())
        .limit(CHART_ROWS)
        .scalar_subquery()
    )
    stmt = (
        select(VoterMeetingRound, Petition.petition_status, func.count())
        .join(Petition, Petition.round_id == VoterMeetingRound.id)
        .where(queries.is_published(Petition), queries.is_published(VoterMeetingRound))
        .where(VoterMeetingRound.id.in_(latest_rounds))
        .group_by(VoterMeetingRound.id, Petition.petition_status)
        .order_by(VoterMeetingRound.session_id, VoterMeetingRound.id)
    )
    tallies: dict = {}
    for round_, status, count in db.session.execute(stmt).all():
        tallies.setdefault(round_, Counter())[status] = count
    return [
        OutcomeRow(
            label=f"Kiến nghị đăng trên cổng — {r.name}",
            origin="listed",
            rounds=(r.name,),
            reported_on=None,
            **{s: c.get(s, 0) for s in PETITION_STATUSES},
        )
        for r, c in tallies.items()
    ]


def outcome_rows() -> list[OutcomeRow]:
    """Outcome counts a response report gives, then tallies of petitions published one by one."""
    return _reported_outcomes() + _listed_outcomes()


def letter_rows() -> list[LetterRow]:
    """Letter handling aggregates, city first."""
    return [_row(LetterRow, r) for r in _aggregates(LetterStats)]


def reception_rows() -> list[ReceptionRow]:
    """Citizen reception aggregates, city first."""
    return [_row(ReceptionRow, r) for r in _aggregates(ReceptionStats)]


@per_version("budget_rows")
def budget_rows() -> list[BudgetRow]:
    """Budget figures by year, line and period, each with the bases it implies."""
    line_order = {
        "revenue": 0,
        "revenue_domestic_excl_land_lottery": 1,
        "expenditure": 2,
    }
    figures = db.session.scalars(
        queries.published(BudgetFigure).options(joinedload(BudgetFigure.source_document))
    ).all()
    figures = sorted(
        figures,
        key=lambda f: (f.year, line_order.get(f.line, 9), f.period != "11_months"),
    )
    return [budget.budget_row(f, source_of(f)) for f in figures]
