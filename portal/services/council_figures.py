"""Figures of every council side by side (/statistics/councils, SPEC §12): sessions, resolutions,
petitions received/resolved/overdue, citizen reception and letters, each with the page it comes from.

Missing is missing: a council whose published records hold no figure of a kind gets None for it (the
page says "chưa có số liệu"), never 0. Seven grouped statements whatever the number of councils and
records; the result is plain data, cached per data version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased

from portal.charts.councils import CouncilRow
from portal.extensions import db
from portal.models import (
    LetterStats,
    Organization,
    Petition,
    PetitionOutcome,
    ReceptionStats,
    Resolution,
    Session,
)
from portal.services import councils, queries
from portal.services.data_version import per_version
from portal.services.petition_accountability import local_today
from portal.vocabulary import N_

# (key, label): the table's columns after the council's name, in order.
MEASURES = (
    ("sessions", N_("Kỳ họp")),
    ("resolutions", N_("Nghị quyết")),
    ("petitions_received", N_("Kiến nghị cử tri tiếp nhận")),
    ("petitions_resolved", N_("Kiến nghị đã giải quyết")),
    ("petitions_overdue", N_("Kiến nghị quá hạn trả lời")),
    ("reception", N_("Lượt công dân được tiếp")),
    ("letters", N_("Đơn thư gửi Hội đồng")),
)


@dataclass(frozen=True)
class Figure:
    """One number of one council, with where it comes from: a page of the council's section
    (endpoint, its arguments, an anchor) and what the number counts."""

    value: int
    endpoint: str
    args: tuple[tuple[str, object], ...] = ()
    anchor: str | None = None
    year: int | None = None
    basis: str = "records"  # records: counted from the published records; report: the report's figure


@dataclass
class CouncilFigures:
    council: councils.Council
    figures: dict[str, Figure] = field(default_factory=dict)

    def value(self, key: str) -> int | None:
        figure = self.figures.get(key)
        return figure.value if figure is not None else None


def _grouped(*columns, model, where=None):
    query = select(model.council_id, *columns).where(queries.is_published(model, council=None))
    if where is not None:
        query = query.where(where)
    return db.session.execute(query.group_by(model.council_id)).all()


def _sessions_and_resolutions(found: dict[int, dict[str, Figure]]) -> None:
    sessions = _grouped(
        func.count(),
        func.sum(Session.resolutions_count),
        func.count(Session.resolutions_count),
        model=Session,
    )
    for council_id, held, reported, with_count in sessions:
        found[council_id]["sessions"] = Figure(held, "public.sessions")
        if with_count:  # the report gives each session's count without listing every resolution
            found[council_id]["resolutions"] = Figure(reported, "public.sessions", basis="report")
    for council_id, listed in _grouped(func.count(), model=Resolution):
        if "resolutions" not in found[council_id]:
            found[council_id]["resolutions"] = Figure(listed, "public.resolutions")


def _petitions(found: dict[int, dict[str, Figure]], today: date) -> None:
    overdue = (Petition.answered_on.is_(None)) & (Petition.due_by < today)
    rows = _grouped(
        func.count(),
        func.sum(case((Petition.petition_status == "resolved", 1), else_=0)),
        func.sum(case((overdue, 1), else_=0)),
        func.count(Petition.due_by),
        model=Petition,
    )
    for council_id, received, resolved, late, with_due_date in rows:
        figures = found[council_id]
        figures["petitions_received"] = Figure(received, "public.petitions")
        figures["petitions_resolved"] = Figure(resolved or 0, "public.petitions", (("status", "resolved"),))
        if with_due_date:  # without due dates nothing can be late: unknown, not 0
            figures["petitions_overdue"] = Figure(late or 0, "public.petitions", (("view", "agency"),))
    # A council whose petitions are only the report's tallies (no petition listed one by one).
    total = sum(
        func.coalesce(getattr(PetitionOutcome, name), 0)
        for name in ("resolved", "explained", "in_progress", "scheduled", "unresolved")
    )
    for council_id, received, resolved in _grouped(
        func.sum(total), func.sum(PetitionOutcome.resolved), model=PetitionOutcome
    ):
        figures = found[council_id]
        if "petitions_received" not in figures:
            figures["petitions_received"] = Figure(
                received, "public.petitions", (), "ket-qua-tong-hop", None, "report"
            )
            if resolved is not None:
                figures["petitions_resolved"] = Figure(
                    resolved, "public.petitions", (), "ket-qua-tong-hop", None, "report"
                )


def _latest_year(found: dict[int, dict[str, Figure]], key: str, model, column) -> None:
    """The council's own figure (its level; the council itself or its own organs, not the executive)
    of the latest year its data gives."""
    body = aliased(Organization)
    rows = db.session.execute(
        select(model.council_id, model.year, func.sum(column))
        .join(body, body.id == model.body_id)
        .where(
            queries.is_published(model, council=None),
            model.scope == "city",
            column.is_not(None),
            or_(model.body_id == model.council_id, body.parent_id == model.council_id),
        )
        .group_by(model.council_id, model.year)
    ).all()
    latest: dict[int, tuple[int, int]] = {}
    for council_id, year, value in rows:
        if council_id not in latest or year > latest[council_id][0]:
            latest[council_id] = (year, value)
    for council_id, (year, value) in latest.items():
        found[council_id][key] = Figure(value, "public.reception", (), f"nam-{year}", year, "report")


@per_version("council_figures", by_council=False)
def council_figures(today: date) -> list[CouncilFigures]:
    """Every council's figures (province first, then by name), each with its source page."""
    every = councils.all_councils()
    found: dict[int, dict[str, Figure]] = {c.id: {} for c in every}
    found_any = _Collector(found)
    _sessions_and_resolutions(found_any)
    _petitions(found_any, today)
    _latest_year(found_any, "reception", ReceptionStats, ReceptionStats.citizens)
    _latest_year(found_any, "letters", LetterStats, LetterStats.received)
    return [CouncilFigures(c, found[c.id]) for c in every]


class _Collector(dict):
    """The figures by council id; rows of a council the public does not see are dropped."""

    def __init__(self, found: dict[int, dict[str, Figure]]) -> None:
        super().__init__(found)
        self.found = found

    def __missing__(self, council_id):
        return {}


def sort_rows(rows: list[CouncilFigures], key: str | None, descending: bool) -> list[CouncilFigures]:
    """The rows ordered by one measure (councils with no figure last, whatever the direction), or by
    the council's name; without a key, in the councils' own order."""
    if key == "name":
        ordered = sorted(rows, key=lambda r: r.council.name.casefold(), reverse=descending)
        return ordered
    if key not in dict(MEASURES):
        return rows
    known = [r for r in rows if r.value(key) is not None]
    unknown = [r for r in rows if r.value(key) is None]
    return sorted(known, key=lambda r: r.value(key), reverse=descending) + unknown


def chart_rows() -> list[CouncilRow]:
    """The chart's rows: each council's sessions and resolutions (None where it has none)."""
    return [
        CouncilRow(row.council.name, row.value("sessions"), row.value("resolutions"))
        for row in council_figures(local_today())
    ]
