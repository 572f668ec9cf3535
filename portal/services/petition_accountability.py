"""Petition accountability per responsible agency: answered, waiting, overdue, days to answer.

Stated as facts with their sources, in alphabetical order of the agency: the portal does not rank.
A petition counts as *answered* once it has an answer date; an unanswered petition is *overdue*
after its due date and *waiting* before it. Days to answer run from the day the petitions were
gathered (the end of their voter meeting round, else its start) to the answer date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import Select, and_, case, func, select

from portal.extensions import db
from portal.models import Document, Organization, Petition, VoterMeetingRound
from portal.services import queries


@dataclass
class AgencyAccountability:
    """The facts about one responsible agency's petitions."""

    agency: Organization | None
    total: int = 0
    answered: int = 0
    waiting: int = 0
    overdue: int = 0
    resolved: int = 0
    days_to_answer: list[int] = field(default_factory=list)
    sources: list[Document] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return median(self.days_to_answer) if self.days_to_answer else None

    @property
    def sort_key(self) -> tuple[int, str]:
        return (1, "") if self.agency is None else (0, self.agency.name.casefold())


def gathered_on(petition: Petition) -> date | None:
    """The day a petition was gathered: the end (else the start) of its voter meeting round."""
    rnd = petition.round
    return (rnd.end_date or rnd.start_date) if rnd is not None else None


def days_to_answer(petition: Petition) -> int | None:
    """Whole days from gathering to answer, when both dates are known."""
    start = gathered_on(petition)
    if petition.answered_on is None or start is None:
        return None
    return max(0, (petition.answered_on - start).days)


def agency_accountability(query: Select, today: date) -> list[AgencyAccountability]:
    """Group a (published, filtered) petition query's results by agency, counting in the database.

    Four statements whatever the number of petitions: the counts per agency, the answer delays of
    the answered ones (plain dates, for the median), the response documents, the agencies. No
    petition is loaded as an object: at province scale the view covers tens of thousands."""
    chosen = select(query.order_by(None).with_only_columns(Petition.id).subquery().c.id)
    answered = Petition.answered_on.is_not(None)
    overdue = and_(Petition.answered_on.is_(None), Petition.due_by.is_not(None), Petition.due_by < today)
    counts = db.session.execute(
        select(
            Petition.responsible_agency_id,
            func.count(),
            func.sum(case((answered, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
            func.sum(case((Petition.petition_status == "resolved", 1), else_=0)),
        )
        .where(Petition.id.in_(chosen))
        .group_by(Petition.responsible_agency_id)
    ).all()
    delays = db.session.execute(
        select(
            Petition.responsible_agency_id,
            Petition.answered_on,
            func.coalesce(VoterMeetingRound.end_date, VoterMeetingRound.start_date),
        )
        .join(VoterMeetingRound, Petition.round_id == VoterMeetingRound.id)
        .where(Petition.id.in_(chosen), answered)
        .order_by(Petition.id)
    ).all()
    documents = db.session.execute(
        select(Petition.responsible_agency_id, Document)
        .join(Document, Petition.response_document)
        .where(Petition.id.in_(chosen), Document.id.in_(queries.published_rows(Document, Document.id)))
        .group_by(Petition.responsible_agency_id, Document.id)
        .order_by(func.min(Petition.id))
    ).all()
    agency_ids = {row[0] for row in counts if row[0] is not None}
    agencies = {o.id: o for o in db.session.scalars(select(Organization).where(Organization.id.in_(agency_ids)))
                if o.is_public}  # fmt: skip
    rows: dict[int | None, AgencyAccountability] = {}

    def row_of(agency_id: int | None) -> AgencyAccountability:
        agency = agencies.get(agency_id)  # an agency the public may not see counts as unassigned
        return rows.setdefault(agency.id if agency else None, AgencyAccountability(agency))

    for agency_id, total, answered_n, overdue_n, resolved_n in counts:
        row = row_of(agency_id)
        row.total += total
        row.answered += answered_n or 0
        row.overdue += overdue_n or 0
        row.waiting += total - (answered_n or 0) - (overdue_n or 0)
        row.resolved += resolved_n or 0
    for agency_id, answered_on, gathered in delays:
        if gathered is not None:
            row_of(agency_id).days_to_answer.append(max(0, (_as_date(answered_on) - _as_date(gathered)).days))
    for agency_id, document in documents:
        sources = row_of(agency_id).sources
        if document not in sources:
            sources.append(document)
    return sorted(rows.values(), key=lambda r: r.sort_key)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def local_today() -> date:
    """Today in Vietnam, where due dates are set."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
