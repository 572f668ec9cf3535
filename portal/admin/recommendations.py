"""Recommendations after a supervision: add a row from the supervision's page (htmx), record follow-up."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal import vocabulary as vocab
from portal.admin import bp
from portal.admin.access import can, requires
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import REF_SOURCES, VietDateField, _coerce_ref
from portal.admin.records import DETAIL_EXTRAS, DUPLICATE, check_can_edit, load, target
from portal.admin.registry import spec_for
from portal.admin.rows import RowSection
from portal.extensions import db
from portal.models import Document, Organization, Recommendation
from portal.services import publishing
from portal.services.publishing import ALREADY_DONE, PublishingError

ADDED = "Đã thêm kiến nghị. Thay đổi được lưu thành một phiên bản mới của cuộc giám sát."


class RecommendationForm(TokenForm):
    text = TextAreaField("Nội dung kiến nghị", validators=[
        required("Nội dung kiến nghị"), Length(max=20_000, message="Quá dài (tối đa 20.000 ký tự).")])
    addressee_id = SelectField("Gửi đến cơ quan", coerce=_coerce_ref, validate_choice=False)
    status = SelectField("Tình trạng", choices=vocab.choices("recommendation_status"))
    due = VietDateField("Hạn thực hiện", validators=[Optional()])

    def load_choices(self) -> None:
        self.addressee_id.choices = [("", "— không ghi —")] + REF_SOURCES["organization"]()


class RecommendationUpdateForm(TokenForm):
    on = VietDateField("Ngày", validators=[required("Ngày")], default=date.today)
    status = SelectField("Tình trạng mới", choices=vocab.choices("recommendation_status"))
    text = TextAreaField("Kết quả thực hiện", validators=[
        Optional(), Length(max=20_000, message="Quá dài (tối đa 20.000 ký tự).")])
    document_id = SelectField("Văn bản báo cáo kết quả", coerce=_coerce_ref, validate_choice=False)

    def load_choices(self) -> None:
        self.document_id.choices = [("", "— không kèm văn bản —")] + REF_SOURCES["document"]()


def _chosen(model, form_field):
    """The referenced row, or a validation error on the field when the id does not exist."""
    if form_field.data is None:
        return None
    row = db.session.get(model, form_field.data)
    if row is None:
        form_field.errors.append("Giá trị không có trong danh sách.")
    return row


def detail_extras(supervision, form=None, message=None) -> dict:
    if form is None:
        form = RecommendationForm(formdata=None)
        form.load_choices()
    return {"rec_form": form, "rec_message": message,
            "can_edit_recommendations": supervision.status == "draft" or can("publisher")}


DETAIL_EXTRAS["supervisions"] = detail_extras


SECTION = RowSection("supervisions", "admin/supervisions/_recommendations.html", "#recommendations", detail_extras, ADDED)


@bp.post("/supervisions/<int:record_id>/recommendations")
@requires("editor")
def recommendation_add(record_id: int):
    spec = spec_for("supervisions")
    supervision = load(spec, record_id)
    check_can_edit(supervision)
    form = RecommendationForm()
    form.load_choices()
    valid = form.validate_on_submit()
    addressee = _chosen(Organization, form.addressee_id)
    if valid and not form.addressee_id.errors:
        try:
            result = publishing.run_once(
                form.idempotency_token.data, current_user, "recommendation_add", target(spec, supervision),
                lambda: publishing.add_recommendation(supervision, current_user, form.text.data, addressee,
                                                      form.status.data, form.due.data, commit=False))
        except PublishingError as exc:
            form.text.errors.append(str(exc))
        else:
            return SECTION.added_response(supervision, result)
    return SECTION.refused_response(supervision, form)


@bp.route("/recommendations/<int:recommendation_id>/update", methods=["GET", "POST"])
@requires("editor")
def recommendation_update(recommendation_id: int):
    recommendation = db.session.get(Recommendation, recommendation_id)
    if recommendation is None:
        abort(404)
    supervision = recommendation.supervision
    check_can_edit(supervision)
    form = RecommendationUpdateForm()
    form.load_choices()
    if form.validate_on_submit():
        document = _chosen(Document, form.document_id)
        if not form.document_id.errors:
            result = publishing.run_once(
                form.idempotency_token.data, current_user, "recommendation_update",
                target(spec_for("supervisions"), supervision),
                lambda: publishing.record_recommendation_update(
                    recommendation, current_user, form.on.data, form.status.data, form.text.data, document,
                    commit=False))
            flash(DUPLICATE if result is ALREADY_DONE else "Đã ghi nhận kết quả theo dõi kiến nghị.",
                  "info" if result is ALREADY_DONE else "success")
            return redirect(url_for("admin.record_detail", kind="supervisions", record_id=supervision.id) +
                            "#recommendations")
    elif not form.is_submitted():
        form.status.data = recommendation.status
    return render_template("admin/supervisions/recommendation_update.html", recommendation=recommendation,
                           supervision=supervision, form=form), 422 if form.is_submitted() else 200
