"""HTTP for the open data API: JSON errors, conditional GET, CORS, Link headers and streamed CSV."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from flask import Blueprint, Response, current_app, request, stream_with_context, url_for
from sqlalchemy import Select, select

from portal import csvfile
from portal.downloads import csv_download, file_download
from portal.extensions import db
from portal.services import loading, queries

CSV_CHUNK = 500


class ApiError(Exception):
    """A request the API refuses; the message is for the person reading the response."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def error_response(code: int, message: str) -> Response:
    return json_response({"error": {"code": code, "message": message}}, status=code)


def json_response(data: object, status: int = 200) -> Response:
    """JSON in the order the serializers declare, Vietnamese left readable (only <, > and & escaped)."""
    body = current_app.json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return Response(body, status=status, mimetype="application/json")


def last_modified() -> datetime | None:
    return queries.last_updated()


def conditional(response: Response) -> Response:
    """Add Last-Modified and answer 304 to a current If-Modified-Since.

    ETag, Cache-Control and the 304 to If-None-Match come from portal.http_cache, the same as for
    the pages: the validator is the data version, checked before the view runs.
    """
    modified = last_modified()
    if modified is not None:
        response.last_modified = modified
    return response.make_conditional(request)


def page_link(page: int) -> str:
    args = request.args.to_dict()
    args["page"] = str(page)
    return url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)


def link_header(page: int, pages: int) -> str:
    """RFC 8288 links to the first, previous, next and last pages."""
    links = [(1, "first"), (pages, "last")]
    if page > 1:
        links.append((min(page - 1, pages), "prev"))
    if page < pages:
        links.append((page + 1, "next"))
    return ", ".join(f'<{page_link(n)}>; rel="{rel}"' for n, rel in links)


def csv_rows(query: Select, columns: list[str], row) -> Iterator[str]:
    """Yield the BOM and header, then every row: the ids in the query's order first (one statement),
    then the records by primary key in chunks, so the last chunk costs what the first does (an
    OFFSET would rescan every earlier row)."""
    yield csvfile.BOM + csvfile.line(columns)
    entity = query.column_descriptions[0]["entity"]
    ids = db.session.scalars(query.with_only_columns(entity.id)).all()
    for start in range(0, len(ids), CSV_CHUNK):
        part = ids[start : start + CSV_CHUNK]
        loaded = {
            record.id: record
            for record in db.session.scalars(
                select(entity).where(entity.id.in_(part)).options(*loading.row_options(entity))
            ).unique()
        }
        for record_id in part:
            item = row(loaded[record_id])
            yield csvfile.line(item[c] for c in columns)


def csv_response(query: Select, columns: list[str], row, filename: str) -> Response:
    """A streamed CSV download (UTF-8 with BOM so Excel shows Vietnamese)."""
    return conditional(file_download(stream_with_context(csv_rows(query, columns, row)), filename))


def download(columns: list[str], rows: list[dict], filename: str) -> Response:
    """A small CSV download built in memory (UTF-8 with BOM), the rows given as dicts of the columns."""
    return csv_download(columns, ([row[c] for c in columns] for row in rows), filename)


def register(bp: Blueprint) -> None:
    @bp.errorhandler(ApiError)
    def api_error(exc: ApiError):
        return error_response(exc.code, exc.message)

    @bp.after_app_request
    def cors(response: Response) -> Response:
        if request.path.startswith(bp.url_prefix or "/api/v1"):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
            if request.method == "OPTIONS":
                response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
                response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
                response.headers["Access-Control-Max-Age"] = "86400"
        return response
