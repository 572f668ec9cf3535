"""Transferring the open petitions of a council that ended to the unit that now answers them."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from portal.admin import bp
from portal.admin.access import requires
from portal.admin.forms import TokenForm, required
from portal.admin.record_forms import VietDateField, _coerce_ref, choices_for
from portal.admin.records import load_kind, once_as_clerk, outcome
from portal.extensions import db
from portal.models import Document, Organization
from portal.services import transfers
from portal.services.publishing import PublishingError


class TransferForm(TokenForm):
    to_agency_id = SelectField("Cơ quan, đơn vị nhận chuyển giao", coerce=_coerce_ref, validate_choice=False)
    on = VietDateField("Ngày chuyển giao", validators=[required("Ngày chuyển giao")], default=date.today)
    document_id = SelectField("Văn bản chuyển giao", coerce=_coerce_ref, validate_choice=False)
    note = StringField("Ghi chú trên dòng thời gian", validators=[Optional(), Length(max=500)])

    def load_choices(self, council: Organization) -> None:
        # The receiving unit is usually a successor's (one of the councils that took over, or one of their
        # bodies), listed first; every body still working can be chosen.
        active = db.session.execute(
            select(Organization.id, Organization.name)
            .where(Organization.dissolved_on.is_(None), Organization.id != council.id)
            .order_by(Organization.name)
        ).all()
        first = {body.id for s in council.successors for body in (s, *s.children)}
        ordered = sorted(active, key=lambda row: row.id not in first)
        self.to_agency_id.choices = [("", "— chọn —")] + [tuple(row) for row in ordered]
        self.document_id.choices = [("", "— không kèm văn bản —")] + choices_for("document")


@bp.route("/organizations/<int:record_id>/transfer", methods=["GET", "POST"])
@requires("publisher")
def council_transfer(record_id: int):
    _, council = load_kind("organizations", record_id)
    if council.kind != "council":
        abort(404)
    form = TransferForm()
    form.load_choices(council)
    if form.validate_on_submit():
        chosen = db.session.get(Organization, form.to_agency_id.data) if form.to_agency_id.data else None
        document = db.session.get(Document, form.document_id.data) if form.document_id.data else None
        try:
            result = once_as_clerk(
                form,
                "petition_transfer",
                council,
                transfers.transfer_open_petitions,
                council,
                chosen,
                form.on.data,
                note=form.note.data,
                document=document,
            )
        except PublishingError as exc:
            form.to_agency_id.errors.append(str(exc))
        else:
            flash(*outcome(result, f"Đã chuyển giao {result} kiến nghị."))
            return redirect(url_for("admin.record_detail", kind="organizations", record_id=record_id))
    return render_template(
        "admin/petitions/transfer.html",
        council=council,
        petitions=transfers.open_petitions(council),
        form=form,
    ), 422 if form.is_submitted() else 200
