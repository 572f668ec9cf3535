"""Rows for the charts: published records only (queries.published), turned into plain dataclasses."""

from __future__ import annotations

from collections import Counter

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


def source_of(record: PublicRecord) -> SourceRef | None:
    """The record's source document, if the public may see it."""
    document = record.source_document
    if not queries.shown(document):
        return None
    label = document.number or document.title
    return SourceRef(slug=document.slug, label=label, section=record.source_section)


def _body_name(organization) -> str:
    return organization.short_name or organization.name


def _published_counts(model, column) -> Counter:
    key = queries.published(model).subquery().c[column.key]
    stmt = select(key, func.count()).group_by(key)
    return Counter(dict(db.session.execute(stmt).all()))


def session_rows() -> list[SessionRow]:
    """Sessions in order, with counts reported and records published on the portal."""
    resolutions = _published_counts(Resolution, Resolution.session_id)
    questionings = Counter(
        dict(
            db.session.execute(
                select(Questioning.session_id, func.count()).group_by(
                    Questioning.session_id
                )
            ).all()
        )
    )
    sessions = db.session.scalars(
        queries.published(Session).options(joinedload(Session.source_document))
        .order_by(Session.number.desc()).limit(CHART_ROWS)
    ).all()[::-1]
    return [
        SessionRow(
            number=s.number,
            ordinal_name=s.ordinal_name,
            name=s.name,
            kind=s.kind,
            start_date=s.start_date,
            resolutions_reported=s.resolutions_count,
            resolutions_listed=resolutions.get(s.id, 0),
            questions_reported=s.questions_count,
            questionings_listed=questionings.get(s.id, 0),
            delegates_spoke=s.delegates_spoke,
            items_raised=s.items_raised,
            clarified_in_groups=s.items_clarified_in_groups,
            clarified_in_hall=s.items_clarified_in_hall,
            source=source_of(s),
        )
        for s in sessions
    ]


def activity_rows(subjects: tuple[str, ...]) -> list[ActivityRow]:
    """Counts the report gives without listing the items, for the given subjects."""
    records = db.session.scalars(
        queries.published(ActivityCount)
        .options(joinedload(ActivityCount.body), joinedload(ActivityCount.source_document))
        .where(ActivityCount.subject.in_(subjects))
        .order_by(ActivityCount.year, ActivityCount.scope, ActivityCount.id)
    ).all()
    return [
        ActivityRow(
            label=a.label,
            body=_body_name(a.body),
            scope=a.scope,
            subject=a.subject,
            year=a.year,
            count=a.count,
            planned=a.planned,
            agencies_count=a.agencies_count,
            note=a.note,
            source=source_of(a),
        )
        for a in records
    ]


def supervision_rows() -> list[SupervisionRow]:
    """Every supervision and inspection the portal lists, with its body and kind."""
    records = db.session.scalars(
        queries.published(Supervision)
        .options(joinedload(Supervision.body), joinedload(Supervision.source_document),
                 selectinload(Supervision.targets))
        .order_by(Supervision.year, Supervision.body_id, Supervision.id)
    ).all()
    return [
        SupervisionRow(
            body=_body_name(s.body),
            kind=s.kind,
            year=s.year,
            subject=s.subject,
            targets_count=len(s.targets) or (s.targets_count or 0),
            source=source_of(s),
        )
        for s in records
    ]


def round_rows() -> list[RoundRow]:
    """Voter meeting rounds in the order of their sessions (before, then after)."""
    rounds = db.session.scalars(
        queries.published(VoterMeetingRound)
        .join(Session, VoterMeetingRound.session_id == Session.id)
        .options(contains_eager(VoterMeetingRound.session), joinedload(VoterMeetingRound.source_document))
        .order_by(
            Session.number.desc(), VoterMeetingRound.relation, VoterMeetingRound.id.desc()
        ).limit(CHART_ROWS)
    ).all()[::-1]
    return [
        RoundRow(
            name=r.name,
            relation=r.relation,
            session_number=r.session.number,
            start_date=r.start_date,
            end_date=r.end_date,
            points_total=r.points_total,
            points_held=r.points_held,
            points_held_in_person=r.points_held_in_person,
            voters_attending=r.voters_attending,
            voters_speaking=r.voters_speaking,
            items_raised=r.items_raised,
            items_answered_on_site=r.items_answered_on_site,
            items_aggregated=r.items_aggregated,
            to_city=r.to_city,
            to_province=r.to_province,
            source=source_of(r),
        )
        for r in rounds
    ]


def _reported_outcomes() -> list[OutcomeRow]:
    outcomes = db.session.scalars(
        queries.published(PetitionOutcome)
        .options(selectinload(PetitionOutcome.rounds), joinedload(PetitionOutcome.source_document))
        .order_by(
            PetitionOutcome.reported_on, PetitionOutcome.id
        )
    ).all()
    rows = []
    for o in outcomes:
        rounds = [r for r in o.rounds if queries.public(r)]
        to_city = [r.to_city for r in rounds]
        rows.append(
            OutcomeRow(
                label=o.label,
                origin="reported",
                rounds=tuple(r.name for r in rounds),
                reported_on=o.reported_on,
                resolved=o.resolved,
                explained=o.explained,
                in_progress=o.in_progress,
                scheduled=o.scheduled,
                unresolved=o.unresolved,
                forwarded_to_city=sum(to_city)
                if to_city and None not in to_city
                else None,
                source=source_of(o),
            )
        )
    return rows


def _listed_outcomes() -> list[OutcomeRow]:
    latest_rounds = (queries.published_rows(VoterMeetingRound, VoterMeetingRound.id)
                     .order_by(VoterMeetingRound.session_id.desc(), VoterMeetingRound.id.desc())
                     .limit(CHART_ROWS).scalar_subquery())
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
    records = db.session.scalars(
        queries.published(LetterStats)
        .options(joinedload(LetterStats.body), joinedload(LetterStats.source_document))
        .order_by(
            LetterStats.year, LetterStats.scope, LetterStats.id
        )
    ).all()
    return [
        LetterRow(
            label=r.label,
            body=_body_name(r.body),
            scope=r.scope,
            year=r.year,
            received=r.received,
            resolved=r.resolved,
            previous_year_received=r.previous_year_received,
            reported_rate_pct=r.reported_rate_pct,
            previous_year_rate_pct=r.previous_year_rate_pct,
            source=source_of(r),
        )
        for r in records
    ]


def reception_rows() -> list[ReceptionRow]:
    """Citizen reception aggregates, city first."""
    records = db.session.scalars(
        queries.published(ReceptionStats)
        .options(joinedload(ReceptionStats.body), joinedload(ReceptionStats.source_document))
        .order_by(
            ReceptionStats.year, ReceptionStats.scope, ReceptionStats.id
        )
    ).all()
    return [
        ReceptionRow(
            label=r.label,
            body=_body_name(r.body),
            scope=r.scope,
            year=r.year,
            sessions_held=r.sessions_held,
            sessions_planned=r.sessions_planned,
            citizens=r.citizens,
            items=r.items,
            answered_directly=r.answered_directly,
            forwarded=r.forwarded,
            source=source_of(r),
        )
        for r in records
    ]


@per_version("budget_rows")
def budget_rows() -> list[BudgetRow]:
    """Budget figures by year, line and period, each with the bases it implies."""
    line_order = {
        "revenue": 0,
        "revenue_domestic_excl_land_lottery": 1,
        "expenditure": 2,
    }
    figures = db.session.scalars(queries.published(BudgetFigure).options(joinedload(BudgetFigure.source_document))).all()
    figures = sorted(
        figures,
        key=lambda f: (f.year, line_order.get(f.line, 9), f.period != "11_months"),
    )
    return [budget.budget_row(f, source_of(f)) for f in figures]
