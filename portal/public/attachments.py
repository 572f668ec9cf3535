"""Attachments of published documents; a draft's or withdrawn document's files are not served."""

from __future__ import annotations

from flask import abort

from portal.downloads import attachment_response
from portal.extensions import db
from portal.models import Attachment, Document
from portal.public import bp
from portal.services import queries


@bp.get("/documents/<slug>/attachments/<int:attachment_id>")
def attachment_download(slug: str, attachment_id: int):
    document = db.session.scalar(queries.published(Document).where(Document.slug == slug))
    attachment = db.session.get(Attachment, attachment_id)
    if document is None or attachment is None or attachment.document_id != document.id:
        abort(404)
    response = attachment_response(attachment)
    if response is None:
        abort(404)
    return response
