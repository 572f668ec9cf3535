"""The API's routes: a list and a detail endpoint per resource of the registry, an index, the OpenAPI document."""

from __future__ import annotations

import re
from collections.abc import Mapping

from flask import Blueprint, Response, current_app, g, request, url_for
from flask_babel import gettext

from portal.api import openapi
from portal.api.http import ApiError, conditional, csv_response, download, json_response, link_header
from portal.api.registry import RESOURCES, Resource
from portal.api.serializers import tombstone
from portal.extensions import db
from portal.services import councils, queries
from portal.services.listing import (
    DEFAULT_PER_PAGE,
    FORMAT_FILTER_ALIAS,
    MAX_PER_PAGE,
    FilterError,
    filtered_query,
    paginate,
    parse_filters,
    parse_page,
)

COMMON_PARAMETERS = ("page", "per_page", "format", "lang", "council")
FORMATS = ("json", "csv")
KEY = re.compile(r"[A-Za-z0-9-]{1,200}")


def check_plain(args: Mapping[str, str]) -> None:
    """Refuse control characters and a parameter given twice (its second value would be ignored)."""
    for name, value in args.items(multi=True):
        if any(ord(ch) < 32 for ch in name + value):
            raise ApiError(400, "Tham số chứa ký tự điều khiển không hợp lệ.")
    for name in args:
        if len(args.getlist(name)) > 1:
            raise ApiError(400, f"Tham số “{name}” chỉ được dùng một lần.")


def check_arguments(resource: Resource, args: Mapping[str, str]) -> None:
    """Refuse control characters and unknown parameters, so a typo never silently returns everything."""
    check_plain(args)
    allowed = {f.name for f in resource.spec.filters} | set(COMMON_PARAMETERS)
    if resource.spec.filter("format") is not None:
        allowed.add(FORMAT_FILTER_ALIAS)
    unknown = sorted(set(args) - allowed)
    if unknown:
        raise ApiError(
            422,
            f"Tham số không được hỗ trợ: {', '.join(unknown)[:200]}. "
            f"Tham số hợp lệ: {', '.join(sorted(allowed))}.",
        )
    refuse_empty(args)


def refuse_empty(args: Mapping[str, str]) -> None:
    """Refuse a parameter given empty (``?format=``): what it would mean is a guess."""
    for name in args:
        if not args[name].strip():
            raise ApiError(422, f"Tham số “{name}” để trống: bỏ tham số đi nếu không muốn lọc theo nó.")


def parse_per_page(raw: str | None) -> int:
    """Items per page; larger values are capped at MAX_PER_PAGE rather than refused."""
    if raw in (None, ""):
        return DEFAULT_PER_PAGE
    if not (raw.isascii() and raw.isdigit()) or int(raw[:7]) < 1:
        raise ApiError(400, "per_page phải là số nguyên dương.")
    return min(int(raw[:7]) if len(raw) <= 7 else MAX_PER_PAGE, MAX_PER_PAGE)


def parse_format(resource: Resource, args: Mapping[str, str]) -> tuple[str, Mapping[str, str]]:
    """The output format, and the arguments left for the filters.

    The sessions list also has a filter named `format` (in person / online); its values never
    overlap json/csv, so one parameter serves both and the filter sees it only when it is not an
    output format. The filter also answers to `session_format`, so a filtered list can be asked
    for as CSV (`?session_format=online&format=csv`): the list page's open-data links use it.
    """
    raw = args.get("format")
    remaining = {k: v for k, v in args.items() if k not in ("format", FORMAT_FILTER_ALIAS)}
    if resource.spec.filter("format") is not None and args.get(FORMAT_FILTER_ALIAS):
        remaining["format"] = args[FORMAT_FILTER_ALIAS]
    if raw in (None, "") or raw in FORMATS:
        return raw or "json", remaining
    if resource.spec.filter("format") is not None:
        return "json", {**remaining, "format": raw}
    raise ApiError(400, "format phải là json hoặc csv.")


def scope_to_council(args: Mapping[str, str]) -> Mapping[str, str]:
    """?council=<slug>: the list of one council (through the visibility rule); the other arguments."""
    slug = args.get("council")
    if slug is None:
        return args
    council = councils.by_slug(slug[:200])
    if council is None:
        raise ApiError(
            422, f"Không có HĐND nào có mã “{slug[:60]}”. Danh sách HĐND: {url_for('api.councils_list')}."
        )
    g.council = council
    return {k: v for k, v in args.items() if k != "council"}


def list_view(resource: Resource):
    def view() -> Response:
        check_arguments(resource, request.args)
        output, filter_args = parse_format(resource, scope_to_council(request.args))
        try:
            page = parse_page(request.args.get("page"))
        except FilterError as exc:
            raise ApiError(400, exc.translated(gettext)) from exc
        per_page = parse_per_page(request.args.get("per_page"))
        values, errors = parse_filters(resource.spec, filter_args, gettext)
        if errors:
            raise ApiError(422, " ".join(f"{name}: {msg}" for name, msg in errors.items()))
        query = filtered_query(resource.spec, values)
        if output == "csv":
            return csv_response(
                query, resource.serializer.columns, resource.serializer.row, f"{resource.name}.csv"
            )
        found = paginate(query, page, per_page)
        body = {
            "items": [resource.serializer.row(r) for r in found.items],
            "total": found.total,
            "page": found.page,
            "per_page": found.per_page,
        }
        response = json_response(body)
        response.headers["Link"] = link_header(found.page, found.pages)
        return conditional(response)

    view.__name__ = f"{resource.endpoint}_list"
    view.openapi = lambda: openapi.list_operation(resource)
    return view


def find(resource: Resource, key: str):
    model = resource.model
    if not KEY.fullmatch(key):
        return None
    if key.isascii() and key.isdigit() and len(key) <= 9:
        return db.session.scalar(queries.visible(model).where(model.id == int(key)))
    return queries.get_visible(model, key[:200])


def found(resource: Resource, key: str, no_filters: str, allowed: tuple[str, ...] = ("lang",)):
    """The record a URL's key names; ApiError 422 (`no_filters`) for filter parameters, 404 for none."""
    if request.args and set(request.args) - set(allowed):
        raise ApiError(422, no_filters)
    record = find(resource, key)
    if record is None:
        raise ApiError(404, f"Không tìm thấy bản ghi “{key[:60]}” trong {resource.title.lower()}.")
    return record


def detail_format() -> str:
    check_plain(request.args)
    refuse_empty(request.args)  # as the lists do
    output = request.args.get("format") or "json"
    if output not in FORMATS:
        raise ApiError(400, "format phải là json hoặc csv.")
    return output


def record_csv(resource: Resource, record, key: str) -> Response:
    """One record as the list's CSV has it (same columns, council kept); a withdrawn one as its tombstone."""
    if record.is_withdrawn:
        body = tombstone(record)
        columns, rows = list(body), [body]
    else:
        columns, rows = resource.serializer.columns, [resource.serializer.row(record)]
    return conditional(download(columns, rows, f"{resource.name}-{key}.csv"))


def detail_view(resource: Resource):
    def view(key: str) -> Response:
        output = detail_format()
        record = found(resource, key, "Trang chi tiết không nhận tham số lọc.", ("lang", "format"))
        if output == "csv":
            return record_csv(resource, record, key)
        if record.is_withdrawn:
            return conditional(json_response(tombstone(record)))
        return conditional(json_response(resource.serializer.detail(record)))

    view.__name__ = f"{resource.endpoint}_detail"
    view.openapi = lambda: openapi.detail_operation(resource)
    return view


def index() -> Response:
    resources = [
        {
            "name": r.name,
            "title": r.title,
            "description": r.description,
            "url": url_for(f"api.{r.endpoint}_list", _external=True),
        }
        for r in RESOURCES.values()
    ]
    return conditional(
        json_response(
            {
                "resources": resources,
                "openapi": url_for("api.openapi_document", _external=True),
                "documentation": url_for("api_docs.docs", _external=True),
            }
        )
    )


index.openapi = openapi.index_operation


def openapi_document() -> Response:
    return conditional(json_response(openapi.document(current_app)))


openapi_document.openapi = openapi.document_operation


def register(bp: Blueprint) -> None:
    bp.add_url_rule("/", "index", index)
    bp.add_url_rule("/openapi.json", "openapi_document", openapi_document)
    for resource in RESOURCES.values():
        bp.add_url_rule(f"/{resource.name}", f"{resource.endpoint}_list", list_view(resource))
        bp.add_url_rule(f"/{resource.name}/<key>", f"{resource.endpoint}_detail", detail_view(resource))
