"""Petition status changes: one at a time, or a whole round from its response report."""

from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from portal import vocabulary as vocab
from portal.admin import bp
from portal.admin.access import requires
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import VietDateField, _coerce_ref, choices_for
from portal.admin.records import load_kind, once, once_as_clerk, outcome
from portal.extensions import db
from portal.models import Document, Petition
from portal.services import publishing
from portal.services.publishing import PublishingError


class StatusChangeForm(TokenForm):
    status = SelectField("Tình trạng mới", choices=vocab.choices("petition_status"))
    on = VietDateField("Ngày", validators=[required("Ngày")], default=date.today)
    document_id = SelectField("Văn bản trả lời", coerce=_coerce_ref, validate_choice=False)
    response_text = TextAreaField("Nội dung trả lời (nếu có)", validators=[Optional(), Length(max=20_000)])
    note = StringField("Ghi chú trên dòng thời gian", validators=[Optional(), Length(max=500)])

    def load_choices(self) -> None:
        self.document_id.choices = [("", "— không kèm văn bản —")] + choices_for("document")


class BulkStatusForm(TokenForm):
    on = VietDateField("Ngày của báo cáo trả lời", validators=[required("Ngày")], default=date.today)
    document_id = SelectField("Báo cáo trả lời", coerce=_coerce_ref, validate_choice=False)
    note = StringField("Ghi chú chung", validators=[Optional(), Length(max=500)])

    load_choices = StatusChangeForm.load_choices


def _document(form) -> Document | None:
    return db.session.get(Document, form.document_id.data) if form.document_id.data else None


@bp.route("/petitions/<int:record_id>/status", methods=["GET", "POST"])
@requires("publisher")
def petition_status(record_id: int):
    _, petition = load_kind("petitions", record_id)
    form = StatusChangeForm.with_choices()
    if form.validate_on_submit():
        try:
            result = once_as_clerk(
                form,
                "petition_status",
                petition,
                publishing.change_petition_status,
                petition,
                status=form.status.data,
                on=form.on.data,
                note=form.note.data,
                document=_document(form),
                response_text=form.response_text.data,
            )
        except PublishingError as exc:
            flash(str(exc), "error")
        else:
            flash(*outcome(result, "Đã cập nhật tình trạng kiến nghị."))
            return redirect(url_for("admin.record_detail", kind="petitions", record_id=record_id))
    return render_template(
        "admin/petitions/status.html", petition=petition, form=form, labels=vocab.LABELS["petition_status"]
    ), 422 if form.is_submitted() else 200


def _bulk_choices(petitions: list[Petition]) -> tuple[dict[int, str], list[str]]:
    chosen, errors = {}, []
    for number, petition in enumerate(petitions, start=1):
        value = request.form.get(f"status-{petition.id}", "")
        if not value or value == petition.petition_status:
            continue
        if value not in vocab.LABELS["petition_status"]:
            errors.append(f"Kiến nghị số {number}: tình trạng không hợp lệ.")
            continue
        chosen[petition.id] = value
    return chosen, errors


@bp.route("/voter-meetings/<int:record_id>/petition-statuses", methods=["GET", "POST"])
@requires("publisher")
def round_statuses(record_id: int):
    _, round_ = load_kind("voter-meetings", record_id)
    petitions = db.session.scalars(
        select(Petition).where(Petition.round_id == round_.id).order_by(Petition.id)
    ).all()
    form = BulkStatusForm.with_choices()
    errors: list[str] = []
    if form.validate_on_submit():
        chosen, errors = _bulk_choices(petitions)
        if not errors and not chosen:
            errors.append("Chưa chọn tình trạng mới cho kiến nghị nào.")
        if not errors:

            def work():
                for petition in petitions:
                    if petition.id in chosen:
                        publishing.change_petition_status(
                            petition,
                            current_user,
                            chosen[petition.id],
                            form.on.data,
                            form.note.data,
                            _document(form),
                            commit=False,
                            ip=request.remote_addr,
                        )
                return len(chosen)

            result = once(form, "petition_status", round_, work)
            flash(*outcome(result, f"Đã cập nhật {result} kiến nghị."))
            return redirect(url_for("admin.record_detail", kind="voter-meetings", record_id=record_id))
    status = 422 if form.is_submitted() else 200
    return render_template(
        "admin/petitions/bulk.html",
        round=round_,
        petitions=petitions,
        form=form,
        errors=errors,
        labels=vocab.LABELS["petition_status"],
    ), status
