"""Recommendations after a supervision: add a row from the supervision's page (htmx), edit it, remove it
while the supervision is a draft or withdraw it with a reason once published, and record follow-up."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.admin import bp
from portal.admin.access import can, check_record, requires
from portal.admin.forms import TokenForm
from portal.admin.records import DETAIL_EXTRAS, DUPLICATE, check_can_edit, load, target
from portal.admin.registry import spec_for
from portal.admin.row_forms import RecommendationForm, RecommendationUpdateForm, RowWithdrawForm
from portal.admin.rows import RowSection
from portal.extensions import db
from portal.models import Recommendation
from portal.services import publishing
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
        form = RecommendationForm(formdata=None)
        form.load_choices()
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


def _load(recommendation_id: int) -> Recommendation:
    recommendation = db.session.get(Recommendation, recommendation_id)
    if recommendation is None:
        abort(404)
    check_record(recommendation.supervision)
    return recommendation


def _back(supervision, message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("admin.record_detail", kind="supervisions", record_id=supervision.id)
                    + "#recommendations")  # fmt: skip


def _run(form, action: str, supervision, work):
    return publishing.run_once(form.idempotency_token.data, current_user, action,
                               target(spec_for("supervisions"), supervision), work)  # fmt: skip


@bp.post("/supervisions/<int:record_id>/recommendations")
@requires("editor")
def recommendation_add(record_id: int):
    supervision = load(spec_for("supervisions"), record_id)
    check_can_edit(supervision)
    form = RecommendationForm()
    form.load_choices()
    if form.validate_on_submit():
        try:
            result = _run(
                form,
                "recommendation_add",
                supervision,
                lambda: service.add_recommendation(
                    supervision,
                    current_user,
                    form.text.data,
                    form.chosen("addressee_id"),
                    form.status.data,
                    form.due.data,
                    commit=False,
                    ip=request.remote_addr,
                ),
            )
        except PublishingError as exc:
            form.text.errors.append(str(exc))
        else:
            return SECTION.added_response(supervision, result)
    return SECTION.refused_response(supervision, form)


@bp.route("/recommendations/<int:recommendation_id>/edit", methods=["GET", "POST"])
@requires("editor")
def recommendation_edit(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    check_can_edit(supervision)
    form = RecommendationForm(obj=recommendation)
    form.load_choices()
    if recommendation.is_withdrawn:
        return _back(supervision, "Kiến nghị này đã được rút nên không sửa được.", "error")
    if form.validate_on_submit():
        try:
            result = _run(
                form,
                "recommendation_edit",
                supervision,
                lambda: service.edit_recommendation(
                    recommendation,
                    current_user,
                    form.text.data,
                    form.chosen("addressee_id"),
                    form.status.data,
                    form.due.data,
                    commit=False,
                    ip=request.remote_addr,
                ),
            )
        except PublishingError as exc:
            form.text.errors.append(str(exc))
        else:
            if result is ALREADY_DONE:
                return _back(supervision, DUPLICATE, "info")
            return _back(
                supervision,
                "Đã lưu thay đổi của kiến nghị thành một phiên bản mới của cuộc giám sát."
                if result
                else "Không có thay đổi nào để lưu.",
                "success" if result else "info",
            )
    return render_template(
        "admin/supervisions/recommendation_edit.html",
        recommendation=recommendation,
        supervision=supervision,
        number=service.number_of(recommendation),
        form=form,
        remove_form=TokenForm(formdata=None),
    ), 422 if form.is_submitted() else 200


@bp.post("/recommendations/<int:recommendation_id>/remove")
@requires("editor")
def recommendation_remove(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    check_can_edit(supervision)
    form = TokenForm()
    if not form.validate_on_submit():
        return render_template(
            "admin/error.html",
            title="Chưa xóa được kiến nghị",
            message="Biểu mẫu đã hết hạn: tải lại trang rồi thử lại.",
        ), 422
    try:
        result = _run(
            form,
            "recommendation_remove",
            supervision,
            lambda: service.remove_recommendation(
                recommendation, current_user, commit=False, ip=request.remote_addr
            ),
        )
    except PublishingError as exc:
        return render_template("admin/error.html", title="Chưa xóa được kiến nghị", message=str(exc)), 409
    return _back(
        supervision,
        DUPLICATE
        if result is ALREADY_DONE
        else "Đã xóa kiến nghị khỏi bản nháp; lịch sử phiên bản vẫn giữ nội dung cũ.",
        "info" if result is ALREADY_DONE else "success",
    )


@bp.route("/recommendations/<int:recommendation_id>/withdraw", methods=["GET", "POST"])
@requires("publisher")
def recommendation_withdraw(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    form = RowWithdrawForm()
    if form.validate_on_submit():
        try:
            result = _run(
                form,
                "recommendation_withdraw",
                supervision,
                lambda: service.withdraw_recommendation(
                    recommendation, current_user, form.reason.data, commit=False, ip=request.remote_addr
                ),
            )
        except PublishingError as exc:
            form.reason.errors.append(str(exc))
        else:
            return _back(
                supervision,
                DUPLICATE
                if result is ALREADY_DONE
                else "Đã rút kiến nghị. Trang công khai ghi kiến nghị đã rút kèm lý do.",
                "info" if result is ALREADY_DONE else "success",
            )
    return render_template(
        "admin/supervisions/recommendation_withdraw.html",
        recommendation=recommendation,
        supervision=supervision,
        number=service.number_of(recommendation),
        form=form,
    ), 422 if form.is_submitted() else 200


@bp.route("/recommendations/<int:recommendation_id>/update", methods=["GET", "POST"])
@requires("editor")
def recommendation_update(recommendation_id: int):
    recommendation = _load(recommendation_id)
    supervision = recommendation.supervision
    check_can_edit(supervision)
    form = RecommendationUpdateForm()
    form.load_choices()
    if form.validate_on_submit():
        try:
            result = _run(
                form,
                "recommendation_update",
                supervision,
                lambda: service.record_recommendation_update(
                    recommendation,
                    current_user,
                    form.on.data,
                    form.status.data,
                    form.text.data,
                    form.chosen("document_id"),
                    commit=False,
                    ip=request.remote_addr,
                ),
            )
        except PublishingError as exc:
            form.on.errors.append(str(exc))
        else:
            return _back(
                supervision,
                DUPLICATE if result is ALREADY_DONE else "Đã ghi nhận kết quả theo dõi kiến nghị.",
                "info" if result is ALREADY_DONE else "success",
            )
    elif not form.is_submitted():
        form.status.data = recommendation.status
    return render_template(
        "admin/supervisions/recommendation_update.html",
        recommendation=recommendation,
        supervision=supervision,
        form=form,
    ), 422 if form.is_submitted() else 200
