"""HTTP responses that hand a file to the browser: a stored attachment, or a file made for the request
(CSV downloads); the public site, the API and the office share them."""

from __future__ import annotations

from collections.abc import Iterable

from flask import Response, send_file

from portal import csvfile
from portal.models import Attachment
from portal.services.attachments import stored_file


def attachment_response(attachment: Attachment) -> Response | None:
    """Send the stored file as a PDF download under its display name; None when the file is missing."""
    path = stored_file(attachment)
    if path is None:
        return None
    response = send_file(
        path,
        mimetype="application/pdf",
        as_attachment=True,
        download_name=attachment.filename,
        etag=attachment.sha256,
        max_age=0,
    )
    # The bytes are the uploader's: a browser that opens them anyway runs nothing and guesses no type.
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def file_download(body: bytes | Iterable, filename: str, mimetype: str = "text/csv") -> Response:
    """A file built for this request (whole, or streamed from an iterable), saved by the browser under
    filename (ASCII: the callers' names are)."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(header: list[object], rows, filename: str) -> Response:
    """A CSV file of the header and rows through the site's one writer (portal/csvfile.py)."""
    return file_download(csvfile.document(header, rows), filename)
