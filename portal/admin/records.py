"""The office's views over every public type: list, create, edit, publish, withdraw."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, select

from portal import vocabulary as vocab
from portal.admin import bp
from portal.admin.access import (
    audit_scope,
    can,
    check_record,
    check_target_council,
    in_scope,
    requires,
)
from portal.admin.forms import PublishForm, WithdrawForm
from portal.admin.record_forms import REF_SOURCES, form_class
from portal.admin.registry import KEYS_PATTERN, TYPES, TypeSpec, spec_for, title_of
from portal.extensions import db
from portal.models import AuditEvent
from portal.public_urls import record_path
from portal.records import record_type
from portal.services import publishing, queries
from portal.services.listing import FilterError, paginate, parse_page
from portal.services.publishing import ALREADY_DONE, PublishingError

KIND = f"<any({KEYS_PATTERN}):kind>"
DUPLICATE = "Biểu mẫu này đã được gửi trước đó; thao tác chỉ được thực hiện một lần."
# Extra context for a type's detail page (its add-a-row sections), registered by the modules that own them.
DETAIL_EXTRAS: dict[str, Callable[..., dict]] = {}


def load(spec: TypeSpec, record_id: int):
    """The record, if the clerk has the view's role in its council (404 if missing, else 403)."""
    record = db.get_or_404(spec.model, record_id)
    check_record(record)
    return record


def load_kind(kind: str, record_id: int) -> tuple[TypeSpec, object]:
    """The spec of an office kind and its record (404 when there is none)."""
    spec = spec_for(kind)
    return spec, load(spec, record_id)


def once(form, action: str, record, work: Callable):
    """Run `work` once per form token (a double submit finds it done), audited as `action` on the record."""
    return publishing.run_once(
        form.idempotency_token.data, current_user, action, publishing.target_of(record), work
    )


def once_as_clerk(form, action: str, target, service: Callable, *args, **kwargs):
    """Run a service once per form token (see `once`) as the signed-in clerk from the request's address,
    leaving the commit to run_once; `args` are those the service takes before its actor."""
    return once(
        form,
        action,
        target,
        lambda: service(*args, actor=current_user, commit=False, ip=request.remote_addr, **kwargs),
    )


def outcome(result, done: str) -> tuple[str, str]:
    """The flash message and category after a form's change: `done`, or that the form was sent before."""
    return (DUPLICATE, "info") if result is ALREADY_DONE else (done, "success")


def check_can_edit(record) -> None:
    """Editors prepare drafts; changing what the public already sees is a publisher's act."""
    if not record.is_draft and not can("publisher", record):
        abort(403)


def display_rows(spec: TypeSpec, record) -> list[tuple[str, str]]:
    rows = []
    for f in spec.fields:
        value = getattr(record, f.name)
        if f.kind == "choice":
            value = vocab.label(f.vocabulary, value)
        elif f.kind == "ref" and value is not None:
            value = dict(REF_SOURCES[f.ref]()).get(value, f"#{value}")
        elif f.kind == "refs":
            value = "; ".join(v.name for v in value) or None
        rows.append((f.label, "" if value is None else value))
    return rows


@bp.get("/")
@requires("editor")
def dashboard():
    tallies = []
    for spec in TYPES:
        rows = db.session.execute(
            select(spec.model.status, func.count()).where(in_scope(spec.model)).group_by(spec.model.status)
        ).all()
        tallies.append((spec, dict(rows)))
    recent = db.session.scalars(
        select(AuditEvent).where(audit_scope()).order_by(AuditEvent.at.desc()).limit(10)
    ).all()
    return render_template(
        "admin/dashboard.html", tallies=tallies, recent=recent, actions=vocab.ACTION_LABELS
    )


@bp.get(f"/{KIND}/")
@requires("editor")
def record_list(kind: str):
    spec = spec_for(kind)
    status = request.args.get("status", "")
    q = (
        select(spec.model)
        .where(in_scope(spec.model))
        .order_by(spec.model.updated_at.desc(), spec.model.id.desc())
    )
    if status in vocab.LABELS["status"]:
        q = q.where(spec.model.status == status)
    try:
        page = paginate(q, parse_page(request.args.get("page")), 30)
    except FilterError as exc:
        abort(400, exc.translated(gettext))
    return render_template("admin/records/list.html", spec=spec, page=page, status=status, title_of=title_of)


@bp.route(f"/{KIND}/new", methods=["GET", "POST"])
@requires("editor")
def record_new(kind: str):
    spec = spec_for(kind)
    form = form_class(spec, creating=True).with_choices()
    if form.validate_on_submit():
        record = spec.model(status="draft")
        form.apply_to(record)
        record.slug = publishing.unique_slug(spec.model, title_of(record))

        def work():
            check_target_council(record)
            publishing.save(record, current_user, commit=False, ip=request.remote_addr)

        try:
            result = publishing.run_once(
                form.idempotency_token.data, current_user, "create", f"new:{spec.public_type}", work
            )
        except PublishingError as exc:
            flash(str(exc), "error")
        else:
            if result is ALREADY_DONE:
                flash(DUPLICATE, "info")
                return redirect(url_for("admin.record_list", kind=kind))
            flash("Đã lưu bản nháp. Bản nháp chưa hiển thị với công chúng.", "success")
            return redirect(url_for("admin.record_detail", kind=kind, record_id=record.id))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/records/form.html", spec=spec, form=form, record=None), status


@bp.route(f"/{KIND}/<int:record_id>/edit", methods=["GET", "POST"])
@requires("editor")
def record_edit(kind: str, record_id: int):
    spec, record = load_kind(kind, record_id)
    check_can_edit(record)
    form = form_class(spec, creating=False).with_choices(obj=record)
    if form.validate_on_submit():
        note = request.form.get("revision_note", "").strip()[:500] or None
        try:

            def work():
                form.apply_to(record)
                check_target_council(record)
                publishing.save(record, current_user, note, commit=False, ip=request.remote_addr)

            result = once(form, "update", record, work)
        except PublishingError as exc:
            flash(str(exc), "error")
            record = load(spec, record_id)
        else:
            flash(*outcome(result, "Đã lưu thay đổi."))
            return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/records/form.html", spec=spec, form=form, record=record), status


def render_detail(spec: TypeSpec, record, status: int = 200, publish_form=None, withdraw_form=None, **extras):
    public_url = None
    if queries.shown(record) and record_type(record).own_page:
        public_url = record_path(record)
    return render_template(
        "admin/records/detail.html",
        spec=spec,
        record=record,
        rows=display_rows(spec, record),
        publish_form=publish_form or PublishForm(),
        withdraw_form=withdraw_form or WithdrawForm(),
        public_url=public_url,
        title=title_of(record),
        can_publish=can("publisher", record),
        **{**DETAIL_EXTRAS.get(spec.key, lambda _record: {})(record), **extras},
    ), status


@bp.get(f"/{KIND}/<int:record_id>")
@requires("editor")
def record_detail(kind: str, record_id: int):
    return render_detail(*load_kind(kind, record_id))


@bp.post(f"/{KIND}/<int:record_id>/publish")
@requires("publisher")
def record_publish(kind: str, record_id: int):
    spec, record = load_kind(kind, record_id)
    form = PublishForm()
    if not form.validate_on_submit():
        return render_detail(spec, record, 422, publish_form=form)
    if record.is_public:
        flash("Bản ghi đã được công bố.", "info")
        return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
    result = once_as_clerk(form, "publish", record, publishing.publish, record, note=form.note.data or None)
    if result is False:  # a concurrent request published it first
        flash("Bản ghi đã được công bố.", "info")
    else:
        flash(*outcome(result, "Đã công bố. Bản ghi hiển thị trên cổng thông tin."))
    return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))


@bp.post(f"/{KIND}/<int:record_id>/withdraw")
@requires("publisher")
def record_withdraw(kind: str, record_id: int):
    spec, record = load_kind(kind, record_id)
    form = WithdrawForm()
    if not form.validate_on_submit():
        return render_detail(spec, record, 422, withdraw_form=form)
    try:
        result = once_as_clerk(form, "withdraw", record, publishing.withdraw, record, reason=form.reason.data)
    except PublishingError as exc:
        record = load(spec, record_id)
        if not record.is_public:  # withdrawn meanwhile (by a concurrent request): no form to show
            flash(str(exc), "info")
            return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
        form.reason.errors.append(str(exc))
        return render_detail(spec, record, 422, withdraw_form=form)
    flash(*outcome(result, "Đã rút bản ghi. Địa chỉ cũ hiển thị thông báo kèm lý do."))
    return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
