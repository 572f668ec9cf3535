"""GET /api/v1/<type>/<key>/history: the versions of a record the public saw, and what changed in each."""

from __future__ import annotations

from flask import Blueprint, Response

from portal.api.http import conditional, json_response
from portal.api.openapi import KEY_PARAMETER, RECORD_ERRORS, json_answer
from portal.api.registry import RESOURCES, Resource
from portal.api.views import found
from portal.public.correction_history import as_json, corrections, public_history

CHANGE_SCHEMA = {
    "type": "object",
    "properties": {
        "field": {"type": "string", "description": "Trường hoặc dòng đã sửa, theo cách gọi trên trang."},
        "before": {"type": ["string", "null"]},
        "after": {"type": ["string", "null"]},
        "detail": {"type": ["string", "null"]},
    },
    "required": ["field", "before", "after", "detail"],
}
VERSION_SCHEMA = {
    "type": "object",
    "properties": {
        "version": {"type": "integer", "description": "1 là lần công bố đầu tiên."},
        "date": {"type": "string", "format": "date-time"},
        "event": {"type": "string", "enum": ["published", "corrected", "withdrawn", "republished"]},
        "note": {"type": ["string", "null"], "description": "Ghi chú của cơ quan cho lần sửa."},
        "withdrawn_reason": {"type": ["string", "null"]},
        "changes": {"type": "array", "items": CHANGE_SCHEMA},
    },
    "required": ["version", "date", "event", "note", "withdrawn_reason", "changes"],
}
HISTORY_SCHEMA = {
    "type": "object",
    "properties": {
        "corrections": {
            "type": "integer",
            "description": "Số lần nội dung công khai đã được sửa sau khi công bố.",
        },
        "versions": {"type": "array", "items": VERSION_SCHEMA},
    },
    "required": ["corrections", "versions"],
}


def history_view(resource: Resource):
    def view(key: str) -> Response:
        record = found(resource, key, "Lịch sử thay đổi không nhận tham số lọc.")
        versions = public_history(record)
        return conditional(
            json_response({"corrections": corrections(versions), "versions": as_json(versions)})
        )

    view.__name__ = f"{resource.endpoint}_history"
    view.openapi = lambda: history_operation(resource)
    return view


def history_operation(resource: Resource) -> dict:
    return {
        "operationId": f"get_{resource.endpoint}_history",
        "summary": f"Lịch sử thay đổi: {resource.title}",
        "description": "Các phiên bản công khai của bản ghi (không có bản nháp), mỗi lần sửa sau khi công bố "
        "với ngày, ghi chú của cơ quan và giá trị trước, sau. Bản ghi đã rút vẫn giữ lịch sử.",
        "tags": [resource.name],
        "parameters": [KEY_PARAMETER],
        "responses": {"200": json_answer("Lịch sử thay đổi", HISTORY_SCHEMA), **RECORD_ERRORS},
    }


def register(bp: Blueprint) -> None:
    for resource in RESOURCES.values():
        bp.add_url_rule(
            f"/{resource.name}/<key>/history", f"{resource.endpoint}_history", history_view(resource)
        )
