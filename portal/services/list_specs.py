"""The list spec of each public type: its filters (with their choices) and its order.

Each `ListSpec` here is one type's piece of its declaration in portal/records (`list_spec`); the
machinery that parses, applies and paginates them is services/listing.py.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Integer, Select, extract, select
from sqlalchemy.orm import QueryableAttribute

from portal.extensions import db
from portal.models import (
    BudgetFigure,
    Commitment,
    Document,
    LetterStats,
    Organization,
    Person,
    Petition,
    ReceptionStats,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.models.budget import BUDGET_LINES, BUDGET_PERIODS
from portal.models.document import DOCUMENT_KINDS
from portal.models.organization import ORGANIZATION_KINDS, Area
from portal.models.petition import PETITION_LEVELS, PETITION_STATUSES
from portal.models.programme import COMMITMENT_STATUSES
from portal.models.resolution import VALIDITIES
from portal.models.session import SESSION_FORMATS, SESSION_KINDS
from portal.models.supervision import SUPERVISION_KINDS, supervision_targets
from portal.services import queries
from portal.services.data_version import per_version
from portal.services.listing import (
    Filter,
    ListSpec,
    column_equals,
    enum_parser,
    parse_year,
    slug_parser,
    year_of,
)
from portal.vocabulary import N_
from portal.vocabulary import choices as vocabulary_choices


def _org_choices(kinds: tuple[str, ...]) -> Callable[[], list[tuple[str, str]]]:
    def choices() -> list[tuple[str, str]]:
        rows = db.session.execute(
            queries.published(Organization).where(Organization.kind.in_(kinds)).order_by(Organization.name)
        ).scalars()
        return [(o.slug, o.name) for o in rows]

    return per_version(f"choices:organizations:{','.join(kinds)}")(choices)


def _published_values(column) -> Select:
    """The values a column has in the published records of its table."""
    return select(column).where(queries.is_published(column.class_))


def _orgs_referenced_by(column_query: Select) -> Callable[[], list[tuple[str, str]]]:
    """Choices of the published organisations a column of another table points at."""

    def choices() -> list[tuple[str, str]]:
        rows = db.session.scalars(
            queries.published(Organization)
            .where(Organization.id.in_(column_query))
            .order_by(Organization.name)
        )
        return [(o.slug, o.name) for o in rows]

    return per_version(f"choices:organizations-in:{column_query}")(choices)


@per_version("choices:sessions")
def _session_choices() -> list[tuple[str, str]]:
    rows = db.session.scalars(queries.published(Session).order_by(Session.number)).all()
    return [(s.slug, s.name) for s in rows]


@per_version("choices:rounds")
def _round_choices() -> list[tuple[str, str]]:
    rows = db.session.scalars(
        queries.published(VoterMeetingRound).order_by(VoterMeetingRound.session_id, VoterMeetingRound.id)
    ).all()
    return [(r.slug, r.name) for r in rows]


@per_version("choices:areas")
def _area_choices() -> list[tuple[str, str]]:
    return [(a.slug, a.label) for a in db.session.scalars(select(Area).order_by(Area.name))]


def _year_choices(model: type, column) -> Callable[[], list[tuple[str, str]]]:
    """The years that published records of a list actually have, newest first."""

    def choices() -> list[tuple[str, str]]:
        year = extract("year", column) if not isinstance(column.type, Integer) else column
        rows = db.session.scalars(
            select(year)
            .where(queries.is_published(model), column.is_not(None))
            .distinct()
            .order_by(year.desc())
        )
        return [(str(int(y)), str(int(y))) for y in rows]

    return per_version(f"choices:years:{model.__tablename__}.{column.key}")(choices)


@per_version("choices:topics")
def _topic_choices() -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(Resolution.topic)
        .where(queries.is_published(Resolution), Resolution.topic.is_not(None))
        .distinct()
        .order_by(Resolution.topic)
    )
    return [(t, t) for t in rows]


def _vocabulary(group: str) -> Callable[[], list[tuple[str, str]]]:
    return lambda: vocabulary_choices(group)


def _target_filter(q: Select, org_id: int) -> Select:
    return q.where(
        Supervision.id.in_(
            select(supervision_targets.c.supervision_id).where(
                supervision_targets.c.organization_id == org_id
            )
        )
    )


def year_filter(model: type, column, listed: bool = True) -> Filter:
    """The year of a date column or an integer year column; `listed` offers the years the list has."""
    apply = column_equals(column) if isinstance(column.type, Integer) else year_of(column)
    return Filter("year", N_("Năm"), parse_year, apply, _year_choices(model, column) if listed else None)


def choice_filter(name: str, label: str, column, values, what: str, vocabulary: str | None = None) -> Filter:
    """A column holding one of a fixed set of values; `what` names the set in the error message."""
    choices = _vocabulary(vocabulary) if vocabulary else None
    return Filter(name, label, enum_parser(values, what), column_equals(column), choices)


def record_filter(name: str, label: str, model: type, what: str, apply, choices) -> Filter:
    """Records pointing at another record named by its slug (`apply` a column or a query function)."""
    if isinstance(apply, QueryableAttribute):
        apply = column_equals(apply)
    return Filter(name, label, slug_parser(model, what), apply, choices)


def organization_filter(name: str, label: str, apply, choices=None) -> Filter:
    """An organisation by slug; its choices default to those the published records point at."""
    choices = choices or _orgs_referenced_by(_published_values(apply))
    return record_filter(name, label, Organization, N_("cơ quan"), apply, choices)


def session_filter(column) -> Filter:
    return record_filter("session", N_("Kỳ họp"), Session, N_("kỳ họp"), column, _session_choices)


def scope_filter(column) -> Filter:
    return choice_filter("scope", N_("Cấp"), column, ("city", "wards_communes"), N_("cấp"), "scope")


# One list spec per record type with a list; portal/records points each type at its own.

SESSIONS = ListSpec(
    "sessions",
    Session,
    lambda: [Session.number.desc()],
    (
        year_filter(Session, Session.start_date),
        choice_filter(
            "kind", N_("Loại kỳ họp"), Session.kind, SESSION_KINDS, N_("loại kỳ họp"), "session_kind"
        ),
        choice_filter(
            "format", N_("Hình thức"), Session.format, SESSION_FORMATS, N_("hình thức"), "session_format"
        ),
    ),
)

RESOLUTIONS = ListSpec(
    "resolutions",
    Resolution,
    lambda: [Resolution.adopted_on.desc(), Resolution.id],
    (
        year_filter(Resolution, Resolution.adopted_on),
        session_filter(Resolution.session_id),
        Filter(
            "topic", N_("Lĩnh vực"), lambda raw: raw[:100], column_equals(Resolution.topic), _topic_choices
        ),
        choice_filter("status", N_("Hiệu lực"), Resolution.validity, VALIDITIES, N_("hiệu lực"), "validity"),
    ),
)

SUPERVISIONS = ListSpec(
    "supervisions",
    Supervision,
    lambda: [Supervision.year.desc(), Supervision.id],
    (
        organization_filter(
            "body",
            N_("Cơ quan giám sát"),
            Supervision.body_id,
            _org_choices(("council", "standing_committee", "committee")),
        ),
        choice_filter(
            "kind",
            N_("Hình thức"),
            Supervision.kind,
            SUPERVISION_KINDS,
            N_("hình thức giám sát"),
            "supervision_kind",
        ),
        year_filter(Supervision, Supervision.year),
        organization_filter(
            "target",
            N_("Đối tượng"),
            _target_filter,
            _orgs_referenced_by(select(supervision_targets.c.organization_id)),
        ),
    ),
)

PETITIONS = ListSpec(
    "petitions",
    Petition,
    lambda: [Petition.id.desc()],
    (
        choice_filter(
            "status",
            N_("Tình trạng"),
            Petition.petition_status,
            PETITION_STATUSES,
            N_("tình trạng"),
            "petition_status",
        ),
        record_filter(
            "round",
            N_("Đợt tiếp xúc"),
            VoterMeetingRound,
            N_("đợt tiếp xúc cử tri"),
            Petition.round_id,
            _round_choices,
        ),
        record_filter("area", N_("Phường, xã"), Area, N_("phường, xã"), Petition.area_id, _area_choices),
        choice_filter(
            "level",
            N_("Cấp giải quyết"),
            Petition.level,
            PETITION_LEVELS,
            N_("cấp giải quyết"),
            "petition_level",
        ),
        organization_filter("agency", N_("Cơ quan giải quyết"), Petition.responsible_agency_id),
    ),
)

VOTER_MEETINGS = ListSpec(
    "voter-meetings",
    VoterMeetingRound,
    lambda: [VoterMeetingRound.session_id, VoterMeetingRound.id],
    (
        year_filter(VoterMeetingRound, VoterMeetingRound.start_date),
        choice_filter(
            "relation",
            N_("Trước/sau kỳ họp"),
            VoterMeetingRound.relation,
            ("before", "after"),
            N_("trước/sau kỳ họp"),
            "round_relation",
        ),
        session_filter(VoterMeetingRound.session_id),
    ),
)

DOCUMENTS = ListSpec(
    "documents",
    Document,
    lambda: [Document.issued_on.desc(), Document.id],
    (
        choice_filter(
            "kind", N_("Loại văn bản"), Document.kind, DOCUMENT_KINDS, N_("loại văn bản"), "document_kind"
        ),
        year_filter(Document, Document.issued_on),
        organization_filter("issuer", N_("Cơ quan ban hành"), Document.issuer_id),
    ),
)

ORGANIZATIONS = ListSpec(
    "organizations",
    Organization,
    lambda: [Organization.kind, Organization.name],
    (
        choice_filter(
            "kind",
            N_("Loại tổ chức"),
            Organization.kind,
            ORGANIZATION_KINDS,
            N_("loại tổ chức"),
            "organization_kind",
        ),
    ),
)

PEOPLE = ListSpec("people", Person, lambda: [Person.name])

BUDGET = ListSpec(
    "budget",
    BudgetFigure,
    lambda: [BudgetFigure.year, BudgetFigure.id],
    (
        year_filter(BudgetFigure, BudgetFigure.year, listed=False),
        choice_filter("period", N_("Kỳ"), BudgetFigure.period, BUDGET_PERIODS, N_("kỳ báo cáo")),
        choice_filter("line", N_("Chỉ tiêu"), BudgetFigure.line, BUDGET_LINES, N_("chỉ tiêu")),
    ),
)

RECEPTION = ListSpec(
    "reception",
    ReceptionStats,
    lambda: [ReceptionStats.year.desc(), ReceptionStats.id],
    (year_filter(ReceptionStats, ReceptionStats.year, listed=False), scope_filter(ReceptionStats.scope)),
)

LETTERS = ListSpec(
    "letters",
    LetterStats,
    lambda: [LetterStats.year.desc(), LetterStats.id],
    (year_filter(LetterStats, LetterStats.year, listed=False), scope_filter(LetterStats.scope)),
)

PROGRAMME = ListSpec(
    "programme",
    Commitment,
    lambda: [Commitment.year, Commitment.number],
    (
        year_filter(Commitment, Commitment.year, listed=False),
        choice_filter(
            "status",
            N_("Tiến độ"),
            Commitment.progress,
            COMMITMENT_STATUSES,
            N_("tiến độ"),
            "commitment_progress",
        ),
    ),
)
