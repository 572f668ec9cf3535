"""List pages: parse filters and page, run the shared query, answer a page or its fragment."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Response, abort, g, request, url_for
from flask_babel import gettext

from portal.htmx import render_page_or_fragment
from portal.models.base import PublicRecord
from portal.records import lists
from portal.services import councils, queries
from portal.services.listing import (
    FORMAT_FILTER_ALIAS,
    FilterError,
    ListSpec,
    Page,
    filtered_query,
    paginate,
    parse_filters,
    parse_page,
)


@dataclass
class ListState:
    """What a list template needs: the spec, the raw and parsed filters, errors and the page."""

    spec: ListSpec
    endpoint: str
    raw: dict[str, str]
    values: dict[str, object]
    errors: dict[str, str]
    page: Page
    extra_args: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.values)

    def url(self, **changes: object) -> str:
        """This list's URL with the current filters, changed by `changes` (None removes)."""
        args = {**self.raw, **self.extra_args}
        for key, value in changes.items():
            if value is None:
                args.pop(key, None)
            else:
                args[key] = str(value)
        return url_for(self.endpoint, **args)

    def page_url(self, number: int) -> str:
        return self.url(page=None if number == 1 else number)

    @property
    def open_data(self) -> list[tuple[str, str, str]]:
        """(label, URL, media type) of this list's filtered data as JSON and CSV, and its Atom feed."""
        return list_open_data_links(self.spec, self.raw)


def council_argument() -> dict[str, str]:
    """?council= for the API links of a council's section in a portal of several councils (the API's
    lists hold every council's records otherwise)."""
    council = g.get("council")
    return {"council": council.slug} if council is not None and not councils.single_slug() else {}


def list_open_data_links(spec: ListSpec, filters: dict[str, str]) -> list[tuple[str, str, str]]:
    """The open-data equivalents of a list with these filters: API JSON, CSV and the Atom feed."""
    endpoint = f"api.{spec.name.replace('-', '_')}_list"
    filters = {**council_argument(), **filters}
    if "format" in filters:  # the sessions' format filter, under the name the output format never takes
        filters[FORMAT_FILTER_ALIAS] = filters.pop("format")
    links = [("JSON", url_for(endpoint, **filters), "application/json")]
    links.append(("CSV", url_for(endpoint, **filters, format="csv"), "text/csv"))
    feed = lists()[spec.name].feed
    if feed:
        links.append(("Atom", url_for("feeds.atom", kind=feed), "application/atom+xml"))
    return links


def list_state(spec_name: str, per_page: int = 20, extra_args: tuple[str, ...] = ()) -> ListState:
    """Parse the request's filters and page for a list, and run the query when they are valid."""
    spec = lists()[spec_name].listing
    values, errors = parse_filters(spec, request.args, gettext)
    try:
        number = parse_page(request.args.get("page"))
    except FilterError as exc:
        errors["page"], number = exc.translated(gettext), 1
    raw = {
        f.name: request.args[f.name].strip()[:200]
        for f in spec.filters
        if (request.args.get(f.name) or "").strip()
    }
    kept = {name: request.args[name][:40] for name in extra_args if request.args.get(name)}
    page = Page([], 0, 1, per_page) if errors else paginate(filtered_query(spec, values), number, per_page)
    return ListState(spec, request.endpoint, raw, values, errors, page, kept)


def render_list(state: ListState, page: str, fragment: str, **context) -> Response:
    """Answer the list page (or its results fragment); 400 when a filter value is unusable."""
    response = render_page_or_fragment(page, fragment, state=state, **context)
    if state.errors:
        response.status_code = 400
    return response


def get_or_404(model: type[PublicRecord], slug: str) -> PublicRecord:
    """A published or withdrawn record by slug; drafts and unknown slugs are 404."""
    record = queries.get_visible(model, slug[:200])
    if record is None:
        abort(404)
    return record
