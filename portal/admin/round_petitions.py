"""Petitions of a voter-meeting round: add a draft petition row from the round's page (htmx), remove a
draft one, publish the drafts at once. Each petition is a record of its own (edited, withdrawn and
restored through its own pages), and its revisions appear in the round's history."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.admin import bp
from portal.admin.access import can, requires
from portal.admin.forms import TokenForm
from portal.admin.records import (
    DETAIL_EXTRAS,
    DUPLICATE,
    load_kind,
    once,
    once_as_clerk,
    outcome,
    render_detail,
)
from portal.admin.row_forms import RoundPetitionForm
from portal.admin.rows import RowSection
from portal.extensions import db
from portal.models import Petition
from portal.services import publishing
from portal.services.publishing import PublishingError

ADDED = "Đã thêm kiến nghị vào đợt dưới dạng bản nháp; người duyệt đăng công bố khi đã kiểm tra."


def round_petitions(round_) -> list[Petition]:
    return db.session.scalars(
        select(Petition).where(Petition.round_id == round_.id).order_by(Petition.id)
    ).all()


def detail_extras(round_, form=None, message=None) -> dict:
    if form is None:
        form = RoundPetitionForm.with_choices(formdata=None)
    petitions = round_petitions(round_)
    drafts = sum(p.is_draft for p in petitions)
    return {
        "petition_form": form,
        "petition_message": message,
        "round_petitions": petitions,
        "round_drafts": drafts if can("publisher", round_) else 0,
        "row_action_form": TokenForm(formdata=None),
        "publish_drafts_form": TokenForm(formdata=None) if drafts and can("publisher", round_) else None,
    }


DETAIL_EXTRAS["voter-meetings"] = detail_extras


SECTION = RowSection(
    "voter-meetings", "admin/petitions/_round_petitions.html", "#round-petitions", detail_extras, ADDED
)


def _new_petition(round_, form: RoundPetitionForm) -> Petition:
    petition = Petition(
        round_id=round_.id,
        status="draft",
        text=form.text.data.strip(),
        level=form.level.data,
        area_id=form.area_id.data,
        responsible_agency_id=form.responsible_agency_id.data,
        petition_status=form.petition_status.data,
        due_by=form.due_by.data,
        voter_accepted="unknown",
    )
    petition.slug = publishing.unique_slug(Petition, petition.title)
    return petition


@bp.post("/voter-meetings/<int:record_id>/petitions")
@requires("editor")
def round_petition_add(record_id: int):
    _, round_ = load_kind("voter-meetings", record_id)
    form = RoundPetitionForm.with_choices()
    if form.validate_on_submit():
        try:
            result = once(
                form,
                "create",
                round_,
                lambda: publishing.save(
                    _new_petition(round_, form),
                    current_user,
                    f"Thêm vào đợt: {round_.name}",
                    commit=False,
                    ip=request.remote_addr,
                ),
            )
        except PublishingError as exc:
            form.text.errors.append(str(exc))
        else:
            return SECTION.added_response(round_, result)
    return SECTION.refused_response(round_, form)


@bp.post("/voter-meetings/<int:record_id>/petitions/publish")
@requires("publisher")
def round_petitions_publish(record_id: int):
    """Publish every draft petition of a round at once (each gets its revision and audit event)."""
    spec, round_ = load_kind("voter-meetings", record_id)
    form = TokenForm()
    back = redirect(url_for("admin.record_detail", kind="voter-meetings", record_id=record_id)
                    + "#round-petitions")  # fmt: skip
    if not form.validate_on_submit():
        flash("Biểu mẫu đã hết hạn: tải lại trang rồi thử lại.", "error")
        return render_detail(spec, round_, 422, **detail_extras(round_))
    drafts = [p for p in round_petitions(round_) if p.is_draft]

    def publish_all() -> int:
        for petition in drafts:
            publishing.publish(
                petition,
                current_user,
                f"Công bố cùng đợt: {round_.name}",
                commit=False,
                ip=request.remote_addr,
            )
        return len(drafts)

    try:
        result = once(form, "publish", round_, publish_all)
    except PublishingError as exc:
        flash(str(exc), "error")
        return render_detail(spec, round_, 422, **detail_extras(round_))
    if result is publishing.ALREADY_DONE:
        flash(DUPLICATE, "info")
    elif result:
        flash(
            f"Đã công bố {result} kiến nghị của đợt. Các kiến nghị hiển thị trên cổng thông tin.", "success"
        )
    else:
        flash("Đợt này không còn kiến nghị nháp nào để công bố.", "info")
    return back


@bp.post("/voter-meetings/<int:record_id>/petitions/<int:petition_id>/remove")
@requires("editor")
def round_petition_remove(record_id: int, petition_id: int):
    """Delete a draft petition of the round (never public); a published one is withdrawn on its own page."""
    spec, round_ = load_kind("voter-meetings", record_id)
    petition = db.session.get(Petition, petition_id)
    if petition is None or petition.round_id != round_.id:
        abort(404)
    form = TokenForm()
    if not form.validate_on_submit():
        flash("Biểu mẫu đã hết hạn: tải lại trang rồi thử lại.", "error")
        return render_detail(spec, round_, 422, **detail_extras(round_))
    try:
        result = once_as_clerk(form, "petition_remove", round_, publishing.remove_draft, petition)
    except PublishingError as exc:
        return render_template("admin/error.html", title="Chưa xóa được kiến nghị", message=str(exc)), 409
    flash(*outcome(result, "Đã xóa kiến nghị nháp khỏi đợt."))
    return redirect(url_for("admin.record_detail", kind="voter-meetings", record_id=record_id)
                    + "#round-petitions")  # fmt: skip
