"""Uploading PDF attachments to a document, and downloading them inside the office."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from portal.admin import bp
from portal.admin.access import check_record, requires
from portal.admin.forms import UploadForm
from portal.admin.records import check_can_edit, load
from portal.admin.registry import spec_for
from portal.downloads import attachment_response
from portal.extensions import db
from portal.models import Attachment
from portal.services.attachments import AttachmentError, add_attachment


def _render(document, form, error: str | None = None, status: int = 200):
    return render_template(
        "admin/uploads/attachments.html", document=document, form=form, error=error
    ), status


@bp.route("/documents/<int:record_id>/attachments", methods=["GET", "POST"])
@requires("editor")
def attachments(record_id: int):
    document = load(spec_for("documents"), record_id)
    form = UploadForm()
    if form.is_submitted():
        check_can_edit(document)
    if not form.validate_on_submit():
        return _render(document, form, status=422 if form.is_submitted() else 200)
    upload = request.files.get("file")
    if upload is None:
        return _render(document, form, "Chưa chọn tệp PDF.", 422)
    data = upload.read()
    try:
        attachment = add_attachment(document, upload.filename, data, current_user, request.remote_addr)
    except AttachmentError as exc:
        return _render(document, UploadForm(formdata=None), str(exc), 422)
    flash(f"Đã tải lên “{attachment.filename}”.", "success")
    return redirect(url_for("admin.attachments", record_id=record_id))


@bp.get("/attachments/<int:attachment_id>")
@requires("editor")
def attachment_download(attachment_id: int):
    attachment = db.get_or_404(Attachment, attachment_id)
    check_record(attachment.document)
    response = attachment_response(attachment)
    if response is None:
        abort(404)
    return response
