"""GET /api/v1/councils: the councils of the portal as Popolo organisations (SPEC §12).

Each names its founding and dissolution dates, its parent, the councils it took over from
(predecessors) and the ones that took over its work (successors), and where its records are: its
pages and the API lists filtered with ?council=<slug>.
"""

from __future__ import annotations

from flask import Response, url_for

from portal.api import bp
from portal.api.http import conditional, json_response
from portal.api.registry import RESOURCES
from portal.public_urls import council_url, record_path
from portal.services import councils
from portal.services.councils import Council


def _named(council: Council | None) -> dict | None:
    if council is None:
        return None
    return {
        "id": council.id,
        "slug": council.slug,
        "name": council.name,
        "url": council_url(council, _external=True),
    }


def _item(council: Council) -> dict:
    basis = council.basis
    return {
        "id": council.id,
        "slug": council.slug,
        "name": council.name,
        "short_name": council.short_name,
        "classification": "council",
        "parent_id": council.parent_id,
        "parent": _named(councils.by_id(council.parent_id)),
        "founding_date": council.founded_on.isoformat() if council.founded_on else None,
        "dissolution_date": council.dissolved_on.isoformat() if council.dissolved_on else None,
        "dissolution_note": council.dissolution_note,
        "dissolution_basis": (
            # the page the site serves for it, under its council (not a short path that answers 301)
            {"document": basis.label, "url": record_path(basis, _external=True)} if basis else None
        ),
        "predecessors": [_named(councils.by_id(i)) for i in council.predecessor_ids],
        "successors": [_named(councils.by_id(i)) for i in council.successor_ids],
        "url": council_url(council, _external=True),
        "records": {
            name: url_for(f"api.{r.endpoint}_list", council=council.slug, _external=True)
            for name, r in RESOURCES.items()
        },
        "is_sample": council.is_sample,
    }


@bp.get("/councils")
def councils_list() -> Response:
    items = [_item(c) for c in councils.all_councils()]
    return conditional(
        json_response({"items": items, "total": len(items), "page": 1, "per_page": len(items)})
    )


def _operation() -> dict:
    return {
        "operationId": "list_councils",
        "tags": ["meta"],
        "summary": "Các HĐND của cổng thông tin",
        "description": "Tổ chức theo Popolo: ngày thành lập, ngày chấm dứt hoạt động và căn cứ (văn bản được "
        "trích dẫn, nếu dữ liệu có), HĐND cấp trên, HĐND trước đó và HĐND tiếp nhận; `records` dẫn tới các "
        "danh sách của API lọc theo ?council=<slug>.",
        "responses": {
            "200": {
                "description": "Mọi HĐND, HĐND tỉnh trước.",
                "content": {
                    "application/json": {"schema": {"type": "object", "required": ["items", "total"]}}
                },
            },
            "304": {"description": "Không thay đổi."},
        },
    }


councils_list.openapi = _operation
