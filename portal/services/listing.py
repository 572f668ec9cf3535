"""List filters shared by the public pages and the API: one spec per public type.

A `ListSpec` names the model, the filters a list accepts (parsed and validated here, with
Vietnamese messages), and the default order. Pages and the API call `filtered_query(spec, args)`
and `paginate(...)`, so the same URL parameters mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Integer, Select, extract, func, select

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


# One list spec per record type with a list; portal/records points each type at its own.

SESSIONS = ListSpec(
    "sessions",
    Session,
    lambda: [Session.number.desc()],
    (
        Filter(
            "year",
            N_("Năm"),
            parse_year,
            year_of(Session.start_date),
            _year_choices(Session, Session.start_date),
        ),
        Filter(
            "kind",
            N_("Loại kỳ họp"),
            enum_parser(SESSION_KINDS, N_("loại kỳ họp")),
            column_equals(Session.kind),
            _vocabulary("session_kind"),
        ),
        Filter(
            "format",
            N_("Hình thức"),
            enum_parser(SESSION_FORMATS, N_("hình thức")),
            column_equals(Session.format),
            _vocabulary("session_format"),
        ),
    ),
)

RESOLUTIONS = ListSpec(
    "resolutions",
    Resolution,
    lambda: [Resolution.adopted_on.desc(), Resolution.id],
    (
        Filter(
            "year",
            N_("Năm"),
            parse_year,
            year_of(Resolution.adopted_on),
            _year_choices(Resolution, Resolution.adopted_on),
        ),
        Filter(
            "session",
            N_("Kỳ họp"),
            slug_parser(Session, N_("kỳ họp")),
            column_equals(Resolution.session_id),
            _session_choices,
        ),
        Filter(
            "topic", N_("Lĩnh vực"), lambda raw: raw[:100], column_equals(Resolution.topic), _topic_choices
        ),
        Filter(
            "status",
            N_("Hiệu lực"),
            enum_parser(VALIDITIES, N_("hiệu lực")),
            column_equals(Resolution.validity),
            _vocabulary("validity"),
        ),
    ),
)

SUPERVISIONS = ListSpec(
    "supervisions",
    Supervision,
    lambda: [Supervision.year.desc(), Supervision.id],
    (
        Filter(
            "body",
            N_("Cơ quan giám sát"),
            slug_parser(Organization, N_("cơ quan")),
            column_equals(Supervision.body_id),
            _org_choices(("council", "standing_committee", "committee")),
        ),
        Filter(
            "kind",
            N_("Hình thức"),
            enum_parser(SUPERVISION_KINDS, N_("hình thức giám sát")),
            column_equals(Supervision.kind),
            _vocabulary("supervision_kind"),
        ),
        Filter(
            "year",
            N_("Năm"),
            parse_year,
            column_equals(Supervision.year),
            _year_choices(Supervision, Supervision.year),
        ),
        Filter(
            "target",
            N_("Đối tượng"),
            slug_parser(Organization, N_("cơ quan")),
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
        Filter(
            "status",
            N_("Tình trạng"),
            enum_parser(PETITION_STATUSES, N_("tình trạng")),
            column_equals(Petition.petition_status),
            _vocabulary("petition_status"),
        ),
        Filter(
            "round",
            N_("Đợt tiếp xúc"),
            slug_parser(VoterMeetingRound, N_("đợt tiếp xúc cử tri")),
            column_equals(Petition.round_id),
            _round_choices,
        ),
        Filter(
            "area",
            N_("Phường, xã"),
            slug_parser(Area, N_("phường, xã")),
            column_equals(Petition.area_id),
            _area_choices,
        ),
        Filter(
            "level",
            N_("Cấp giải quyết"),
            enum_parser(PETITION_LEVELS, N_("cấp giải quyết")),
            column_equals(Petition.level),
            _vocabulary("petition_level"),
        ),
        Filter(
            "agency",
            N_("Cơ quan giải quyết"),
            slug_parser(Organization, N_("cơ quan")),
            column_equals(Petition.responsible_agency_id),
            _orgs_referenced_by(select(Petition.responsible_agency_id).where(queries.is_published(Petition))),
        ),
    ),
)

VOTER_MEETINGS = ListSpec(
    "voter-meetings",
    VoterMeetingRound,
    lambda: [VoterMeetingRound.session_id, VoterMeetingRound.id],
    (
        Filter(
            "year",
            N_("Năm"),
            parse_year,
            year_of(VoterMeetingRound.start_date),
            _year_choices(VoterMeetingRound, VoterMeetingRound.start_date),
        ),
        Filter(
            "relation",
            N_("Trước/sau kỳ họp"),
            enum_parser(("before", "after"), N_("trước/sau kỳ họp")),
            column_equals(VoterMeetingRound.relation),
            _vocabulary("round_relation"),
        ),
        Filter(
            "session",
            N_("Kỳ họp"),
            slug_parser(Session, N_("kỳ họp")),
            column_equals(VoterMeetingRound.session_id),
            _session_choices,
        ),
    ),
)

DOCUMENTS = ListSpec(
    "documents",
    Document,
    lambda: [Document.issued_on.desc(), Document.id],
    (
        Filter(
            "kind",
            N_("Loại văn bản"),
            enum_parser(DOCUMENT_KINDS, N_("loại văn bản")),
            column_equals(Document.kind),
            _vocabulary("document_kind"),
        ),
        Filter(
            "year",
            N_("Năm"),
            parse_year,
            year_of(Document.issued_on),
            _year_choices(Document, Document.issued_on),
        ),
        Filter(
            "issuer",
            N_("Cơ quan ban hành"),
            slug_parser(Organization, N_("cơ quan")),
            column_equals(Document.issuer_id),
            _orgs_referenced_by(select(Document.issuer_id).where(queries.is_published(Document))),
        ),
    ),
)

ORGANIZATIONS = ListSpec(
    "organizations",
    Organization,
    lambda: [Organization.kind, Organization.name],
    (
        Filter(
            "kind",
            N_("Loại tổ chức"),
            enum_parser(ORGANIZATION_KINDS, N_("loại tổ chức")),
            column_equals(Organization.kind),
            _vocabulary("organization_kind"),
        ),
    ),
)

PEOPLE = ListSpec("people", Person, lambda: [Person.name])

BUDGET = ListSpec(
    "budget",
    BudgetFigure,
    lambda: [BudgetFigure.year, BudgetFigure.id],
    (
        Filter("year", N_("Năm"), parse_year, column_equals(BudgetFigure.year)),
        Filter(
            "period",
            N_("Kỳ"),
            enum_parser(BUDGET_PERIODS, N_("kỳ báo cáo")),
            column_equals(BudgetFigure.period),
        ),
        Filter(
            "line",
            N_("Chỉ tiêu"),
            enum_parser(BUDGET_LINES, N_("chỉ tiêu")),
            column_equals(BudgetFigure.line),
        ),
    ),
)

RECEPTION = ListSpec(
    "reception",
    ReceptionStats,
    lambda: [ReceptionStats.year.desc(), ReceptionStats.id],
    (
        Filter("year", N_("Năm"), parse_year, column_equals(ReceptionStats.year)),
        Filter(
            "scope",
            N_("Cấp"),
            enum_parser(("city", "wards_communes"), N_("cấp")),
            column_equals(ReceptionStats.scope),
            _vocabulary("scope"),
        ),
    ),
)

LETTERS = ListSpec(
    "letters",
    LetterStats,
    lambda: [LetterStats.year.desc(), LetterStats.id],
    (
        Filter("year", N_("Năm"), parse_year, column_equals(LetterStats.year)),
        Filter(
            "scope",
            N_("Cấp"),
            enum_parser(("city", "wards_communes"), N_("cấp")),
            column_equals(LetterStats.scope),
            _vocabulary("scope"),
        ),
    ),
)

PROGRAMME = ListSpec(
    "programme",
    Commitment,
    lambda: [Commitment.year, Commitment.number],
    (
        Filter("year", N_("Năm"), parse_year, column_equals(Commitment.year)),
        Filter(
            "status",
            N_("Tiến độ"),
            enum_parser(COMMITMENT_STATUSES, N_("tiến độ")),
            column_equals(Commitment.progress),
            _vocabulary("commitment_progress"),
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
