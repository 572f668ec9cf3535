"""GET /api/v1/search: the search of the site as JSON (SPEC §5)."""

from __future__ import annotations

from flask import jsonify, request

from portal.api import bp
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
    }


@bp.get("/search")
def search():
    try:
        search_request = query.parse_request(request.args)
    except query.SearchInputError as exc:
        return jsonify(error={"code": 400, "message": str(exc)}), 400
    page = query.search(search_request)
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
            "facets": {
                name: {v: n for v, _, n in values}
                for name, values in page.facets.items()
            },
            "suggestion": outcome.suggestion if outcome else None,
            "searched_instead": outcome.searched_instead if outcome else None,
        }
    )
