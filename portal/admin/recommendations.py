"""Recommendations after a supervision: add a row from the supervision's page (htmx), edit it, remove it
while the supervision is a draft or withdraw it with a reason once published, and record follow-up."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.admin import bp
from portal.admin.access import can, check_record, requires
from portal.admin.forms import TokenForm
from portal.admin.records import DETAIL_EXTRAS, DUPLICATE, check_can_edit, load, once, outcome
from portal.admin.registry import spec_for
from portal.admin.row_forms import RecommendationForm, RecommendationUpdateForm, RowWithdrawForm
from portal.admin.rows import RowSection
from portal.extensions import db
from portal.models import Recommendation
from portal.services import recommendations as service
from portal.services.publishing import ALREADY_DONE, PublishingError

ADDED = "Đã thêm kiến nghị. Thay đổi được lưu thành một phiên bản mới của cuộc giám sát."


def recommendations_of(supervision) -> list[Recommendation]:
    """The supervision's rows with their addressees and follow-up, in three statements whatever their number."""
    return db.session.scalars(
        select(Recommendation)
        .where(Recommendation.supervision_id == supervision.id)
        .options(selectinload(Recommendation.addressee), selectinload(Recommendation.updates))
        .order_by(Recommendation.id)
    ).all()


def detail_extras(supervision, form=None, message=None) -> dict:
    if form is None:
        form = RecommendationForm.with_choices(formdata=None)
    return {
        "rec_form": form,
        "rec_message": message,
        "recommendations": recommendations_of(supervision),
        "can_edit_recommendations": supervision.is_draft or can("publisher", supervision),
        "row_action_form": TokenForm(formdata=None),
    }


DETAIL_EXTRAS["supervisions"] = detail_extras


SECTION = RowSection(
    "supervisions", "admin/supervisions/_recommendations.html", "#recommendations", detail_extras, ADDED
)


def _load(recommendation_id: int, editing: bool = True) -> Recommendation:
    """The recommendation (404 when there is none); `editing` checks the clerk may change its supervision."""
    recommendation = db.get_or_404(Recommendation, recommendation_id)
    check_record(recommendation.supervision)  # the clerk's council holds it
    if editing:
        check_can_edit(recommendation.supervision)
    return recommendation


def _back(supervision, message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("admin.record_detail", kind="supervisions", record_id=supervision.id)
                    + "#recommendations")  # fmt: skip


REFUSED = object()  # the service refused the change; the reason is on the form


def _change(form, action: str, supervision, error_field, change, row, *values):
    """Carry out `change(row, clerk, *values)` once per form token; a refusal goes under `error_field`
    (or, without one, up to the caller)."""

    def work():
        return change(row, current_user, *values, commit=False, ip=request.remote_addr)

    try:
        return once(form, action, supervision, work)
    except PublishingError as exc:
        if error_field is None:
            raise
        error_field.errors.append(str(exc))
        return REFUSED


def _recommendation_values(form: RecommendationForm) -> tuple:
    return form.text.data, form.chosen("addressee_id"), form.status.data, form.due.data


def _recommendation_page(template: str, recommendation, form, **values):
    return render_template(
        f"admin/supervisions/{template}.html",
        recommendation=recommendation,
        supervision=recommendation.supervision,
        form=form,
        **values,
    ), 422 if form.is_submitted() else 200


@bp.post("/supervisions/<int:record_id>/recommendations")
@requires("editor")
def recommendation_add(record_id: int):
    supervision = load(spec_for("supervisions"), record_id)
    check_can_edit(supervision)
    form = RecommendationForm.with_choices()
    if form.validate_on_submit():
        values = _recommendation_values(form)
        result = _change(
            form,
            "recommendation_add",
            supervision,
            form.text,
            service.add_recommendation,
            supervision,
            *values,
        )
        if result is not REFUSED:
            return SECTION.added_response(supervision, result)
    return SECTION.refused_response(supervision, form)


@bp.route("/recommendations/<int:recommendation_id>/edit", methods=["GET", "POST"])
@requires("editor")
def recommendation_edit(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    form = RecommendationForm.with_choices(obj=recommendation)
    if recommendation.is_withdrawn:
        return _back(supervision, "Kiến nghị này đã được rút nên không sửa được.", "error")
    if form.validate_on_submit():
        values = _recommendation_values(form)
        edit = service.edit_recommendation
        result = _change(form, "recommendation_edit", supervision, form.text, edit, recommendation, *values)
        if result is ALREADY_DONE:
            return _back(supervision, DUPLICATE, "info")
        if result is not REFUSED:
            return _back(
                supervision,
                "Đã lưu thay đổi của kiến nghị thành một phiên bản mới của cuộc giám sát."
                if result
                else "Không có thay đổi nào để lưu.",
                "success" if result else "info",
            )
    number = service.number_of(recommendation)
    remove_form = TokenForm(formdata=None)
    return _recommendation_page(
        "recommendation_edit", recommendation, form, number=number, remove_form=remove_form
    )


@bp.post("/recommendations/<int:recommendation_id>/remove")
@requires("editor")
def recommendation_remove(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    form = TokenForm()
    if not form.validate_on_submit():
        return render_template(
            "admin/error.html",
            title="Chưa xóa được kiến nghị",
            message="Biểu mẫu đã hết hạn: tải lại trang rồi thử lại.",
        ), 422
    try:
        remove = service.remove_recommendation
        result = _change(form, "recommendation_remove", supervision, None, remove, recommendation)
    except PublishingError as exc:
        return render_template("admin/error.html", title="Chưa xóa được kiến nghị", message=str(exc)), 409
    done = "Đã xóa kiến nghị khỏi bản nháp; lịch sử phiên bản vẫn giữ nội dung cũ."
    return _back(supervision, *outcome(result, done))


@bp.route("/recommendations/<int:recommendation_id>/withdraw", methods=["GET", "POST"])
@requires("publisher")
def recommendation_withdraw(recommendation_id: int):
    recommendation = _load(recommendation_id, editing=False)
    supervision = recommendation.supervision
    form = RowWithdrawForm()
    if form.validate_on_submit():
        withdraw = service.withdraw_recommendation
        reason = form.reason.data
        result = _change(
            form, "recommendation_withdraw", supervision, form.reason, withdraw, recommendation, reason
        )
        if result is not REFUSED:
            done = "Đã rút kiến nghị. Trang công khai ghi kiến nghị đã rút kèm lý do."
            return _back(supervision, *outcome(result, done))
    number = service.number_of(recommendation)
    return _recommendation_page("recommendation_withdraw", recommendation, form, number=number)


@bp.route("/recommendations/<int:recommendation_id>/update", methods=["GET", "POST"])
@requires("editor")
def recommendation_update(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    form = RecommendationUpdateForm.with_choices()
    if form.validate_on_submit():
        values = form.on.data, form.status.data, form.text.data, form.chosen("document_id")
        record = service.record_recommendation_update
        result = _change(form, "recommendation_update", supervision, form.on, record, recommendation, *values)
        if result is not REFUSED:
            return _back(supervision, *outcome(result, "Đã ghi nhận kết quả theo dõi kiến nghị."))
    elif not form.is_submitted():
        form.status.data = recommendation.status
    return _recommendation_page("recommendation_update", recommendation, form)
