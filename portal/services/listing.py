"""List filters shared by the public pages and the API: how a type's list spec is parsed and applied.

A `ListSpec` (one per public type, in services/list_specs.py) names the model, the filters a list
accepts (parsed and validated here, with Vietnamese messages), and the default order. Pages and the API call `filtered_query(spec, args)`
and `paginate(...)`, so the same URL parameters mean the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Select, extract, func, select

from portal.extensions import db
from portal.services import loading, queries
from portal.vocabulary import N_

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
# The sessions' `format` filter (in person / online) under a name the open data's output format never
# takes, so a filtered list can be asked for as CSV: ?session_format=online&format=csv.
FORMAT_FILTER_ALIAS = "session_format"


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
