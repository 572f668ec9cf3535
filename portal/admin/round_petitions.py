"""Petitions of a voter-meeting round: add a draft petition row from the round's page (htmx)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length, Optional

from portal import vocabulary as vocab
from portal.admin import bp
from portal.admin.access import can, requires
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import REF_SOURCES, VietDateField, _coerce_ref
from portal.admin.records import DETAIL_EXTRAS, DUPLICATE, load, render_detail, target
from portal.admin.registry import spec_for
from portal.admin.rows import RowSection
from portal.extensions import db
from portal.models import Area, Organization, Petition
from portal.services import publishing
from portal.services.publishing import PublishingError

ADDED = "Đã thêm kiến nghị vào đợt dưới dạng bản nháp; người duyệt đăng công bố khi đã kiểm tra."


class RoundPetitionForm(TokenForm):
    text = TextAreaField("Nội dung kiến nghị", validators=[
        required("Nội dung kiến nghị"), Length(max=20_000, message="Quá dài (tối đa 20.000 ký tự).")],
        description="Không ghi họ tên hay thông tin cá nhân của cử tri.")
    area_id = SelectField("Phường, xã", coerce=_coerce_ref, validate_choice=False)
    level = SelectField("Cấp giải quyết", choices=vocab.choices("petition_level"), default="city")
    responsible_agency_id = SelectField("Cơ quan giải quyết", coerce=_coerce_ref, validate_choice=False)
    petition_status = SelectField("Tình trạng ban đầu", choices=vocab.choices("petition_status"),
                                  default="in_progress")
    due_by = VietDateField("Hạn trả lời", validators=[Optional()])

    def load_choices(self) -> None:
        self.area_id.choices = [("", "— không ghi —")] + REF_SOURCES["area"]()
        self.responsible_agency_id.choices = [("", "— không ghi —")] + REF_SOURCES["organization"]()

    def check_references(self) -> bool:
        for field, model in ((self.area_id, Area), (self.responsible_agency_id, Organization)):
            if field.data is not None and db.session.get(model, field.data) is None:
                field.errors.append("Giá trị không có trong danh sách.")
        return not (self.area_id.errors or self.responsible_agency_id.errors)


def round_petitions(round_) -> list[Petition]:
    return db.session.scalars(select(Petition).where(Petition.round_id == round_.id)
                              .order_by(Petition.id)).all()


def detail_extras(round_, form=None, message=None) -> dict:
    if form is None:
        form = RoundPetitionForm(formdata=None)
        form.load_choices()
    petitions = round_petitions(round_)
    drafts = sum(p.status == "draft" for p in petitions)
    return {"petition_form": form, "petition_message": message, "round_petitions": petitions,
            "round_drafts": drafts if can("publisher") else 0,
            "publish_drafts_form": TokenForm(formdata=None) if drafts and can("publisher") else None}


DETAIL_EXTRAS["voter-meetings"] = detail_extras


SECTION = RowSection("voter-meetings", "admin/petitions/_round_petitions.html", "#round-petitions", detail_extras, ADDED)


def _new_petition(round_, form: RoundPetitionForm) -> Petition:
    petition = Petition(round_id=round_.id, status="draft", text=form.text.data.strip(),
                        level=form.level.data,
                        area_id=form.area_id.data, responsible_agency_id=form.responsible_agency_id.data,
                        petition_status=form.petition_status.data, due_by=form.due_by.data,
                        voter_accepted="unknown")
    petition.slug = publishing.unique_slug(Petition, petition.title)
    return petition


@bp.post("/voter-meetings/<int:record_id>/petitions")
@requires("editor")
def round_petition_add(record_id: int):
    spec = spec_for("voter-meetings")
    round_ = load(spec, record_id)
    form = RoundPetitionForm()
    form.load_choices()
    if form.validate_on_submit() and form.check_references():
        try:
            result = publishing.run_once(
                form.idempotency_token.data, current_user, "create", target(spec, round_),
                lambda: publishing.save(_new_petition(round_, form), current_user,
                                        f"Thêm vào đợt: {round_.name}", commit=False))
        except PublishingError as exc:
            form.text.errors.append(str(exc))
        else:
            return SECTION.added_response(round_, result)
    return SECTION.refused_response(round_, form)


@bp.post("/voter-meetings/<int:record_id>/petitions/publish")
@requires("publisher")
def round_petitions_publish(record_id: int):
    """Publish every draft petition of a round at once (each gets its revision and audit event)."""
    spec = spec_for("voter-meetings")
    round_ = load(spec, record_id)
    form = TokenForm()
    back = redirect(url_for("admin.record_detail", kind="voter-meetings", record_id=record_id)
                    + "#round-petitions")  # fmt: skip
    if not form.validate_on_submit():
        flash("Biểu mẫu đã hết hạn: tải lại trang rồi thử lại.", "error")
        return render_detail(spec, round_, 422, **detail_extras(round_))
    drafts = [p for p in round_petitions(round_) if p.status == "draft"]

    def publish_all() -> int:
        for petition in drafts:
            publishing.publish(petition, current_user, f"Công bố cùng đợt: {round_.name}", commit=False)
        return len(drafts)

    try:
        result = publishing.run_once(form.idempotency_token.data, current_user, "publish",
                                     target(spec, round_), publish_all)  # fmt: skip
    except PublishingError as exc:
        flash(str(exc), "error")
        return render_detail(spec, round_, 422, **detail_extras(round_))
    if result is publishing.ALREADY_DONE:
        flash(DUPLICATE, "info")
    elif result:
        flash(f"Đã công bố {result} kiến nghị của đợt. Các kiến nghị hiển thị trên cổng thông tin.", "success")
    else:
        flash("Đợt này không còn kiến nghị nháp nào để công bố.", "info")
    return back
