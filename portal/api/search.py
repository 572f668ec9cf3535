"""GET /api/v1/search: the search of the site as JSON (SPEC §5)."""

from __future__ import annotations

from flask import jsonify, request

from portal import http_cache
from portal.api import bp
from portal.api.http import ApiError
from portal.api.views import check_plain
from portal.search import query


def _result(item: query.Item) -> dict:
    hit = item.hit
    return {
        "type": hit.type,
        "id": hit.id,
        "title": hit.title,
        "url": item.url,
        "snippet": hit.snippet,
        "date": hit.date or None,
        "score": hit.score,
        "council": item.council.slug if item.council else None,
    }


@bp.get("/search")
def search():
    try:
        check_plain(request.args)
    except ApiError as exc:
        return jsonify(error={"code": exc.code, "message": exc.message}), exc.code
    try:
        search_request = query.parse_request(request.args)
    except query.SearchInputError as exc:
        return jsonify(error={"code": 400, "message": str(exc)}), 400
    page = query.search(search_request, label_facets=False)  # the API gives values and counts
    http_cache.unless_complete(page)
    if page.error:
        return jsonify(error={"code": 503, "message": page.error}), 503
    outcome = page.outcome
    return jsonify(
        {
            "query": search_request.q,
            "total": page.total,
            "page": search_request.page,
            "per_page": outcome.result.per_page if outcome else query.PER_PAGE,
            "results": [_result(item) for item in page.items],
            "facets": {name: {v: n for v, _, n in values} for name, values in page.facets.items()},
            "suggestion": outcome.suggestion if outcome else None,
            "searched_instead": outcome.searched_instead if outcome else None,
            # The query actually run when the typed one was corrected, and the typed one.
            "corrected": outcome.searched_instead if outcome else None,
            "original": search_request.q if outcome and outcome.searched_instead else None,
        }
    )


def _operation() -> dict:
    from portal.api.openapi import HEADERS
    from portal.search.base import FACETS, SORTS
    from portal.search.documents import indexed
    from portal.search.query import MAX_PAGE

    def required_object(**properties: dict) -> dict:
        return {"type": "object", "required": list(properties), "properties": properties}

    def param(name: str, schema: dict, description: str) -> dict:
        return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}

    # Control characters are refused (400), like a parameter given twice.
    text = {"type": "string", "pattern": "^[^\\x00-\\x1f]*$"}
    params = [
        param("q", text, 'Từ khóa: từ, "cụm từ", -loại trừ, OR; có hoặc không dấu.'),
        # An empty value means the default, as the HTML form sends it.
        param(
            "page",
            {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
                    {"type": "string", "maxLength": 0},
                ]
            },
            "Trang kết quả.",
        ),
        param("sort", {"type": "string", "enum": [*SORTS, ""]}, "Sắp xếp theo mức liên quan hoặc ngày."),
        param("exact", {"type": "string", "enum": ["1", ""]}, "1: tìm đúng như gõ, không tự sửa chính tả."),
        param("type", {"type": "string", "enum": [*sorted(indexed()), ""]}, "Loại bản ghi."),
        param("year", {"type": "string", "pattern": "^([0-9]{4})?$"}, "Năm."),
    ] + [
        param(name, text, f"Lọc theo {name} (giá trị dài được cắt ở 200 ký tự).")
        for name in FACETS
        if name not in ("type", "year")
    ]
    string, integer = {"type": "string"}, {"type": "integer"}
    result = required_object(
        type=string,
        id=integer,
        title=string,
        url=string,
        snippet=string,
        date={"type": ["string", "null"]},
        score={"type": "number"},
        council={"type": ["string", "null"], "description": "Mã (slug) của HĐND có bản ghi này."},
    )
    body = {
        "type": "object",
        "required": ["query", "total", "page", "per_page", "results", "facets", "suggestion"],
        "properties": {
            "query": string,
            "total": integer,
            "page": integer,
            "per_page": integer,
            "results": {"type": "array", "items": result},
            "facets": {
                "type": "object",
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
            "suggestion": {"type": ["string", "null"]},
            "searched_instead": {"type": ["string", "null"]},
            "corrected": {
                "type": ["string", "null"],
                "description": "Câu tìm đã chạy thay khi câu gõ không có kết quả "
                "(sửa lỗi chính tả vùng miền hoặc kiểu gõ Telex/VNI).",
            },
            "original": {
                "type": ["string", "null"],
                "description": "Câu gõ ban đầu khi kết quả là của câu đã sửa "
                "(tìm lại đúng như gõ với exact=1).",
            },
        },
    }
    error = {
        "description": "Lỗi",
        "content": {"application/json": {"schema": {"type": "object", "required": ["error"]}}},
    }
    return {
        "operationId": "search",
        "tags": ["search"],
        "summary": "Tìm kiếm toàn văn tiếng Việt",
        "parameters": params,
        "responses": {
            "200": {
                "description": "Kết quả tìm kiếm",
                "headers": HEADERS,
                "content": {"application/json": {"schema": body}},
            },
            "400": error,
            "503": error,
        },
    }


search.openapi = _operation
