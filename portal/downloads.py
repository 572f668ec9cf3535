"""HTTP responses that hand a stored file to the browser (the public site and the office share them)."""

from __future__ import annotations

from flask import Response, send_file

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
