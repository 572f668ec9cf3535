"""Petition accountability per responsible agency: answered, waiting, overdue, days to answer.

Stated as facts with their sources, in alphabetical order of the agency: the portal does not rank.
A petition counts as *answered* once it has an answer date; an unanswered petition is *overdue*
after its due date and *waiting* before it. Days to answer run from the day the petitions were
gathered (the end of their voter meeting round, else its start) to the answer date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Document, Organization, Petition


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


def _add(row: AgencyAccountability, petition: Petition, today: date) -> None:
    row.total += 1
    row.resolved += petition.petition_status == "resolved"
    if petition.answered_on is not None:
        row.answered += 1
        days = days_to_answer(petition)
        if days is not None:
            row.days_to_answer.append(days)
    elif petition.is_overdue(today):
        row.overdue += 1
    else:
        row.waiting += 1
    document = petition.response_document
    if document is not None and document.is_public and document not in row.sources:
        row.sources.append(document)


def accountability_by_agency(petitions: Iterable[Petition], today: date) -> list[AgencyAccountability]:
    """Group petitions by responsible agency and count them; agencies in alphabetical order."""
    rows: dict[int | None, AgencyAccountability] = {}
    for petition in petitions:
        agency = petition.responsible_agency
        if agency is not None and not agency.is_public:
            agency = None
        key = agency.id if agency is not None else None
        _add(rows.setdefault(key, AgencyAccountability(agency)), petition, today)
    return sorted(rows.values(), key=lambda r: r.sort_key)


def agency_accountability(query: Select, today: date) -> list[AgencyAccountability]:
    """Run a (published, filtered) petition query and group its results by agency."""
    petitions = db.session.scalars(query.order_by(None).options(
        selectinload(Petition.round), selectinload(Petition.responsible_agency),
        selectinload(Petition.response_document))).all()
    return accountability_by_agency(petitions, today)


def local_today() -> date:
    """Today in Vietnam, where due dates are set."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
