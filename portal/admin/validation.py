"""Inline validation of the record and row forms: one field re-checked as the clerk leaves it (htmx)."""

from __future__ import annotations

from flask import abort, render_template, url_for

from portal.admin import bp
from portal.admin.access import requires
from portal.admin.record_forms import form_class
from portal.admin.records import KIND
from portal.admin.registry import spec_for
from portal.admin.row_forms import ROW_FORMS


@bp.post(f"/{KIND}/fields/<name>/validate")
@requires("editor")
def record_validate(kind: str, name: str):
    """Validate the posted form and return the named field's fragment with its errors; never write.

    The whole form is validated so that checks across fields (an end date before its start date)
    are seen; only the named field is answered, so untouched fields show no errors yet.
    """
    spec = spec_for(kind)
    form = form_class(spec, creating=True)()
    if name not in {f.name for f in form.fields_used}:
        abort(404)
    form.load_choices()
    form.validate()
    field = form[name]
    html = render_template(
        "admin/records/_field.html",
        f=field,
        form=form,
        validate_url=url_for("admin.record_validate", kind=kind, name=name),
    )
    return html, 422 if field.errors else 200


ROW_FORM_KEYS = ", ".join(f"'{key}'" for key in ROW_FORMS)


@bp.post(f"/rows/<any({ROW_FORM_KEYS}):form>/fields/<name>/validate")
@requires("editor")
def row_validate(form: str, name: str):
    """Validate a row form (a recommendation, its follow-up, a round's petition, a withdrawal reason) as
    the record forms are: the named field's fragment with its errors, 422 when it has some; never write."""
    row_form = ROW_FORMS[form]()
    if name not in row_form or name in ("csrf_token", "idempotency_token"):
        abort(404)
    row_form.load_choices()
    row_form.validate()
    field = row_form[name]
    html = render_template(
        "admin/records/_field.html", f=field, validate_url=url_for("admin.row_validate", form=form, name=name)
    )
    return html, 422 if field.errors else 200
