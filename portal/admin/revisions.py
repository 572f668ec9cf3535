"""Revision history of a record: the list, a readable diff, and restoring an earlier version."""

from __future__ import annotations

import difflib

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.admin import bp
from portal.admin.access import requires
from portal.admin.forms import RestoreForm
from portal.admin.records import DUPLICATE, KIND, load, target
from portal.admin.registry import TypeSpec, spec_for, title_of
from portal.extensions import db
from portal.models import Revision
from portal.services import publishing
from portal.services.publishing import ALREADY_DONE, PublishingError

HIDDEN = {"id", "slug", "published_at", "withdrawn_at", "source_key", "is_sample"}
WORD_DIFF_MIN = 60


def revisions_of(spec: TypeSpec, record) -> list[Revision]:
    return db.session.scalars(select(Revision).where(
        Revision.record_type == spec.public_type, Revision.record_id == record.id,
    ).order_by(Revision.at.desc(), Revision.id.desc())).all()


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Split two texts into (op, text) pieces, op one of equal/delete/insert, word by word."""
    a, b = old.split(" "), new.split(" ")
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("insert", " ".join(b[j1:j2])))
    return pieces


def field_changes(spec: TypeSpec, before: dict, after: dict) -> list[dict]:
    """The fields whose value differs between two snapshots, with a word diff for long text."""
    labels = {f.name: f.label for f in spec.fields}
    labels.update(status="Trạng thái", withdrawn_reason="Lý do rút", source_section="Mục trong văn bản nguồn",
                  source_document_id="Văn bản nguồn")
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: list(labels).index(k) if k in labels else 999):
        old, new = before.get(key), after.get(key)
        if key in HIDDEN or old == new:
            continue
        old_s, new_s = "" if old is None else str(old), "" if new is None else str(new)
        long_text = max(len(old_s), len(new_s)) >= WORD_DIFF_MIN
        changes.append({"label": labels.get(key, key), "old": old_s, "new": new_s,
                        "pieces": word_diff(old_s, new_s) if long_text else None})
    return changes


@bp.get(f"/{KIND}/<int:record_id>/revisions")
@requires("editor")
def revision_list(kind: str, record_id: int):
    spec = spec_for(kind)
    record = load(spec, record_id)
    return render_template("admin/revisions/list.html", spec=spec, record=record,
                           revisions=revisions_of(spec, record), title=title_of(record))


def _revision(spec: TypeSpec, record, revision_id: int) -> Revision:
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.record_type != spec.public_type or revision.record_id != record.id:
        abort(404)
    return revision


def _previous(revision: Revision) -> Revision | None:
    return db.session.scalar(select(Revision).where(
        Revision.record_type == revision.record_type, Revision.record_id == revision.record_id,
        Revision.id < revision.id).order_by(Revision.id.desc()).limit(1))


def render_revision(spec: TypeSpec, record, revision: Revision, form=None, status: int = 200):
    previous = _previous(revision)
    return render_template(
        "admin/revisions/detail.html", spec=spec, record=record, revision=revision, previous=previous,
        changes=field_changes(spec, previous.snapshot if previous else {}, revision.snapshot),
        against_current=field_changes(spec, revision.snapshot, publishing.snapshot(record)),
        form=form or RestoreForm(), title=title_of(record),
    ), status


@bp.get(f"/{KIND}/<int:record_id>/revisions/<int:revision_id>")
@requires("editor")
def revision_detail(kind: str, record_id: int, revision_id: int):
    spec = spec_for(kind)
    record = load(spec, record_id)
    return render_revision(spec, record, _revision(spec, record, revision_id))


@bp.post(f"/{KIND}/<int:record_id>/revisions/<int:revision_id>/restore")
@requires("publisher")
def revision_restore(kind: str, record_id: int, revision_id: int):
    spec = spec_for(kind)
    record = load(spec, record_id)
    revision = _revision(spec, record, revision_id)
    form = RestoreForm()
    if not form.validate_on_submit():
        return render_revision(spec, record, revision, form, 422)
    try:
        result = publishing.run_once(form.idempotency_token.data, current_user, "restore", target(spec, record),
                                     lambda: publishing.restore(record, revision, current_user, commit=False))
    except PublishingError as exc:
        flash(str(exc), "info")
        return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
    flash(DUPLICATE if result is ALREADY_DONE else f"Đã khôi phục nội dung của phiên bản #{revision.id}.",
          "info" if result is ALREADY_DONE else "success")
    return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
