"""Wards and communes and their other names (before or after a reorganisation), with dates."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from portal.admin import bp
from portal.admin.access import check_record, in_scope, requires
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import VietDateField, _coerce_ref, choices_for
from portal.extensions import db
from portal.models import Area, Document
from portal.services import areas
from portal.services.publishing import PublishingError


class OtherNameForm(TokenForm):
    name = StringField(
        "Tên khác",
        validators=[required("Tên khác"), Length(max=200)],
        description="Tên đầy đủ như trong văn bản, ví dụ: Phường Tam Thanh",
    )
    start_date = VietDateField("Dùng từ ngày", validators=[Optional()])
    end_date = VietDateField("Đến ngày", validators=[Optional()])
    source_document_id = SelectField("Văn bản căn cứ", coerce=_coerce_ref, validate_choice=False)
    note = StringField(
        "Ghi chú, nguồn",
        validators=[Optional(), Length(max=500)],
        description="Ví dụ: Nghị quyết 1672/NQ-UBTVQH15",
    )

    def load_choices(self) -> None:
        self.source_document_id.choices = [("", "— không kèm văn bản —")] + choices_for("document")


@bp.get("/areas/")
@requires("editor")
def area_list():
    rows = db.session.scalars(
        select(Area).where(in_scope(Area)).options(selectinload(Area.other_names)).order_by(Area.name)
    ).all()
    return render_template("admin/areas/list.html", areas=rows)


@bp.route("/areas/<int:area_id>/names", methods=["GET", "POST"])
@requires("publisher")
def area_names(area_id: int):
    area = db.get_or_404(Area, area_id)
    check_record(area)
    form = OtherNameForm.with_choices()
    if form.validate_on_submit():
        document = (
            db.session.get(Document, form.source_document_id.data) if form.source_document_id.data else None
        )
        try:
            areas.add_other_name(
                area, form.name.data, form.start_date.data, form.end_date.data, current_user,
                form.note.data, document, ip=request.remote_addr,
            )  # fmt: skip
        except PublishingError as exc:
            form.name.errors.append(str(exc))
        else:
            flash("Đã thêm tên khác. Bản ghi của phường, xã này tìm được theo cả hai tên.", "success")
            return redirect(url_for("admin.area_names", area_id=area_id))
    return render_template(
        "admin/areas/names.html", area=area, form=form
    ), 422 if form.is_submitted() else 200
