"""The OpenAPI 3.1 document, generated from the routes registered on the API blueprint.

Every rule of the blueprint contributes the operation its view declares (`view.openapi()`), and
the item schemas come from the same serializers that produce the responses, so the document
cannot drift from the code. Filter parameters come from the shared list specs, with the values
the database currently holds for slug filters (so the document is also a codebook).
"""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from portal.api.serializers import TOMBSTONE_SCHEMA
from portal.extensions import db
from portal.services import councils, queries
from portal.services.listing import FORMAT_FILTER_ALIAS, MAX_PER_PAGE, Filter, parse_year

SEARCH_TAG = {"name": "search", "description": "Tìm kiếm toàn văn", "x-displayName": "Tìm kiếm"}
META_TAG = {
    "name": "meta",
    "description": "Danh mục tài nguyên và tài liệu OpenAPI này",
    "x-displayName": "Mục lục",
}
NO_CONTROL = "^[^\\u0000-\\u001f]+$"
ERROR_RESPONSE = {
    "description": "Lỗi",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
NOT_MODIFIED = {"description": "Không thay đổi kể từ lần tải trước (ETag / Last-Modified)."}
HEADERS = {
    "ETag": {
        "description": "Phiên bản của phản hồi; gửi lại trong If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {"description": "Lần thay đổi dữ liệu cuối.", "schema": {"type": "string"}},
}
# The path parameter of a record's URLs (detail, history).
KEY_PARAMETER = {
    "name": "key",
    "in": "path",
    "required": True,
    "description": "Mã số hoặc slug.",
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9-]+$"},
}
# What a record's URL answers besides the record: unchanged, no such record, filters it does not take.
RECORD_ERRORS = {"304": NOT_MODIFIED, "404": ERROR_RESPONSE, "422": ERROR_RESPONSE}


def json_answer(description: str, schema: dict) -> dict:
    """A 200 response with the caching headers and a JSON body of the schema."""
    return {
        "description": description,
        "headers": HEADERS,
        "content": {"application/json": {"schema": schema}},
    }


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
    },
    "required": ["error"],
}


def schema_name(resource, suffix: str) -> str:
    return "".join(part.capitalize() for part in resource.name.split("-")) + suffix


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


# A filter lists the slugs it accepts while they are few (one council's bodies, one term's sessions);
# beyond that (sessions, bodies and rounds of dozens of councils) the document would grow with the
# data, so it gives one as an example instead.
MAX_ENUM_VALUES = 40


def slug_values(model: type) -> list[str]:
    """The slugs a filter accepts, in order; at most MAX_ENUM_VALUES + 1 of them are read."""
    query = (
        queries.visible(model).with_only_columns(model.slug)
        if hasattr(model, "status")
        else select(model.slug)
    )
    return list(db.session.scalars(query.order_by(model.slug).limit(MAX_ENUM_VALUES + 1)))


def filter_schema(f: Filter) -> dict:
    if f.parse is parse_year:
        return {"type": "integer", "minimum": 1900, "maximum": 2100}
    if hasattr(f.parse, "allowed"):
        return {"type": "string", "enum": list(f.parse.allowed)}
    schema = {"type": "string", "minLength": 1, "pattern": NO_CONTROL}
    model = getattr(f.parse, "model", None)
    values = slug_values(model) if model is not None else []
    if not values:
        return schema
    return (
        {"type": "string", "enum": values}
        if len(values) <= MAX_ENUM_VALUES
        else {**schema, "example": values[0]}
    )


def filter_parameter(f: Filter) -> dict:
    return {
        "name": f.name,
        "in": "query",
        "required": False,
        "schema": filter_schema(f),
        "description": f"Lọc theo: {f.label}. Giống bộ lọc của trang danh sách; giá trị không hợp lệ → 422.",
    }


def format_filter_alias(resource) -> list[dict]:
    """`session_format`: the sessions' format filter under a name that never means the output format."""
    shared = resource.spec.filter("format")
    if shared is None:
        return []
    parameter = filter_parameter(shared)
    parameter["name"] = FORMAT_FILTER_ALIAS
    parameter["description"] += " Tên khác của bộ lọc trong format, dùng được cùng format=csv."
    return [parameter]


def format_parameter(resource) -> dict:
    values, description = (
        ["json", "csv"],
        ("json (mặc định) hoặc csv: toàn bộ kết quả đã lọc, UTF-8 có BOM, cùng các cột với JSON."),
    )
    shared = resource.spec.filter("format")
    if shared is not None:
        values += list(shared.parse.allowed)
        description += f" Các giá trị khác lọc theo {shared.label.lower()}, như trên trang danh sách."
    return {
        "name": "format",
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "enum": values},
    }


def common_parameters(resource) -> list[dict]:
    return [
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "Trang, bắt đầu từ 1.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 100_000},
        },
        {
            "name": "per_page",
            "in": "query",
            "required": False,
            "description": f"Số mục mỗi trang (mặc định 20; lớn hơn {MAX_PER_PAGE} được giới hạn ở {MAX_PER_PAGE}).",
            "schema": {"type": "integer", "minimum": 1},
        },
        format_parameter(resource),
        {
            "name": "council",
            "in": "query",
            "required": False,
            "description": "Chỉ các bản ghi của một HĐND: mã (slug) của HĐND trong /api/v1/councils.",
            "schema": {"type": "string", "enum": [c.slug for c in councils.all_councils()]},
        },
    ]


def list_operation(resource) -> dict:
    page_schema = {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": ref(schema_name(resource, "Item"))},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        },
        "required": ["items", "total", "page", "per_page"],
        "additionalProperties": False,
    }
    return {
        "operationId": f"list_{resource.endpoint}",
        "summary": f"Danh sách: {resource.title}",
        "description": resource.description,
        "tags": [resource.name],
        "parameters": common_parameters(resource)
        + [filter_parameter(f) for f in resource.spec.filters if f.name != "format"]
        + format_filter_alias(resource),
        "responses": {
            "200": {
                "description": "Một trang kết quả (JSON) hoặc toàn bộ kết quả (CSV).",
                "headers": {
                    **HEADERS,
                    "Link": {
                        "description": "Trang đầu, trước, sau, cuối (RFC 8288).",
                        "schema": {"type": "string"},
                    },
                },
                "content": {
                    "application/json": {"schema": page_schema},
                    "text/csv": {"schema": {"type": "string"}},
                },
            },
            "304": NOT_MODIFIED,
            "400": ERROR_RESPONSE,
            "422": ERROR_RESPONSE,
        },
    }


def detail_operation(resource) -> dict:
    return {
        "operationId": f"get_{resource.endpoint}",
        "summary": f"Chi tiết: {resource.title}",
        "description": "Tìm theo mã số hoặc slug. Bản ghi đã rút chỉ còn thông tin rút (không có nội dung).",
        "tags": [resource.name],
        "parameters": [KEY_PARAMETER, RECORD_FORMAT_PARAMETER],
        "responses": {
            "200": with_csv(
                json_answer(
                    "Bản ghi, hoặc thông tin rút nếu bản ghi đã bị rút.",
                    {"anyOf": [ref(schema_name(resource, "Detail")), ref("Tombstone")]},
                )
            ),
            "400": ERROR_RESPONSE,
            **RECORD_ERRORS,
        },
    }


RECORD_FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": (
        "json (mặc định) hoặc csv: một dòng với các cột của CSV danh sách (bản ghi đã rút: các trường rút)."
    ),
    "schema": {"type": "string", "enum": ["json", "csv"]},
}


def with_csv(answer: dict) -> dict:
    """A 200 response that may also come as CSV (?format=csv)."""
    return {**answer, "content": {**answer["content"], "text/csv": {"schema": {"type": "string"}}}}


def meta_operation(operation_id: str, summary: str, answer: str, required: list[str]) -> dict:
    """An operation about the API itself: a JSON object with the `required` keys."""
    return {
        "operationId": operation_id,
        "tags": ["meta"],
        "summary": summary,
        "responses": {
            "200": json_answer(answer, {"type": "object", "required": required}),
            "304": NOT_MODIFIED,
        },
    }


def index_operation() -> dict:
    required = ["resources", "openapi", "documentation"]
    return meta_operation("index", "Các loại dữ liệu mở", "Danh sách tài nguyên", required)


def document_operation() -> dict:
    return meta_operation("openapi", "Tài liệu OpenAPI 3.1 này", "OpenAPI 3.1", ["openapi", "info", "paths"])


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def components() -> dict:
    from portal.api.registry import RESOURCES

    schemas = {"Error": ERROR_SCHEMA, "Tombstone": TOMBSTONE_SCHEMA}
    for resource in RESOURCES.values():
        schemas[schema_name(resource, "Item")] = resource.serializer.item_schema()
        schemas[schema_name(resource, "Detail")] = resource.serializer.detail_schema()
    return {"schemas": schemas}


def tags() -> list[dict]:
    """ASCII tag names (client generators name modules after them), the Vietnamese as display name."""
    from portal.api.registry import RESOURCES

    return [
        {"name": r.name, "description": f"{r.title}: {r.description}", "x-displayName": r.title}
        for r in RESOURCES.values()
    ] + [SEARCH_TAG, META_TAG]


def document(app: Flask) -> dict:
    """Build the OpenAPI 3.1 document from the API blueprint's registered rules."""
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint.startswith("api."):
            view = app.view_functions[rule.endpoint]
            paths.setdefault(openapi_path(rule.rule), {})["get"] = view.openapi()
    return {
        "openapi": "3.1.0",
        "info": {
            # ASCII: client generators derive the package name from the title; the Vietnamese is below.
            "title": "Council portal open data",
            "x-title-vi": f"Dữ liệu mở — {app.config['SITE_NAME']}",
            "version": "1.0.0",
            "description": f"Dữ liệu mở — {app.config['SITE_NAME']}. Dữ liệu công khai của HĐND: JSON và CSV, chỉ đọc. Không có bản nháp; bản ghi đã rút "
            "chỉ còn thông tin rút. Tên trường theo Popolo / Open Civic Data khi có.",
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": "/"}],
        "tags": tags(),
        "paths": paths,
        "components": components(),
    }
