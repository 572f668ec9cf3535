"""List filters shared by the public pages and the API: one spec per public type.

A `ListSpec` names the model, the filters a list accepts (parsed and validated here, with
Vietnamese messages), and the default order. Pages and the API call `filtered_query(spec, args)`
and `paginate(...)`, so the same URL parameters mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Integer, Select, extract, func, select
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
from portal.services import loading, queries
from portal.services.data_version import per_version
from portal.vocabulary import N_
from portal.vocabulary import choices as vocabulary_choices

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20


class FilterError(ValueError):
    """A filter value the list cannot use; the message is for the citizen (translated when shown)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template)
        self.template, self.params = template, params

    def __str__(self) -> str:
        return self.template % self.params if self.params else self.template

    def translated(self, gettext: Callable[..., str]) -> str:
        """The message in the reader's language, through the gettext the web layer passes."""
        params = {k: gettext(str(v)) if k == "label" else v for k, v in self.params.items()}
        return gettext(self.template, **params)


@dataclass(frozen=True)
class Filter:
    name: str
    label: str
    parse: Callable[[str], object]
    apply: Callable[[Select, object], Select]
    choices: Callable[[], list[tuple[str, str]]] | None = None


@dataclass(frozen=True)
class ListSpec:
    name: str
    model: type
    order_by: Callable[[], list]
    filters: tuple[Filter, ...] = field(default_factory=tuple)

    def filter(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.name == name), None)


def parse_year(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4) or not 1900 <= int(raw) <= 2100:
        raise FilterError(N_("Năm phải là số có bốn chữ số, ví dụ 2020."))
    return int(raw)


def enum_parser(values: tuple[str, ...], label: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if raw not in values:
            raise FilterError(
                N_("Giá trị “%(value)s” không có trong danh mục %(label)s."), value=raw[:40], label=label
            )
        return raw

    parse.allowed = values  # the API's OpenAPI document lists these as the parameter's enum
    return parse


def slug_parser(model: type, label: str) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        found = db.session.scalar(select(model.id).where(model.slug == raw[:200]))
        if found is None:
            raise FilterError(N_("Không tìm thấy %(label)s “%(value)s”."), label=label, value=raw[:40])
        return found

    parse.model = model  # the API's OpenAPI document lists the slugs this filter accepts
    return parse


def year_of(column) -> Callable[[Select, int], Select]:
    return lambda q, year: q.where(extract("year", column) == year)


def column_equals(column) -> Callable[[Select, object], Select]:
    return lambda q, value: q.where(column == value)


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


def parse_filters(
    spec: ListSpec, args: Mapping[str, str], gettext: Callable[..., str]
) -> tuple[dict[str, object], dict[str, str]]:
    """Parse the filters present in args; return (values, errors by filter name, through gettext)."""
    values, errors = {}, {}
    for f in spec.filters:
        raw = (args.get(f.name) or "").strip()
        if not raw:
            continue
        try:
            values[f.name] = f.parse(raw)
        except FilterError as exc:
            errors[f.name] = exc.translated(gettext)
    return values, errors


def filtered_query(spec: ListSpec, values: Mapping[str, object], include_withdrawn: bool = False) -> Select:
    """The published (optionally also withdrawn) records of a list, filtered and ordered."""
    q = queries.visible(spec.model) if include_withdrawn else queries.published(spec.model)
    for name, value in values.items():
        q = spec.filter(name).apply(q, value)
    return q.order_by(*spec.order_by())


def parse_page(raw: str | None, default: int = 1) -> int:
    """A page number from the query string; FilterError when it is not a positive integer."""
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6) or not 1 <= int(raw) <= 100_000:
        raise FilterError(N_("Số trang phải là số nguyên dương."))
    return int(raw)


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        return self.page > 1


def paginate(q: Select, page: int, per_page: int = DEFAULT_PER_PAGE) -> Page:
    """Run the query for one page; out-of-range pages are empty, not errors.

    The page's ids are found first, on the list's index (status + sort key, models.base.list_indexes):
    a far page skips index entries, never table rows. Then only those rows are read, with the relations
    a list row shows (services.loading), so a page costs the same statements at any size and any page.
    """
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    model = q.column_descriptions[0]["entity"]
    total = db.session.scalar(
        select(func.count()).select_from(q.with_only_columns(model.id).order_by(None).subquery())
    )
    ids = q.with_only_columns(model.id).limit(per_page).offset((page - 1) * per_page)
    rows = q.where(model.id.in_(ids.scalar_subquery())).options(*loading.row_options(model))
    items = db.session.scalars(rows).unique().all()
    return Page(items, total, page, per_page)
