"""Revision history of a record: the list (a round's also lists its petitions' revisions), a readable
diff of fields and rows, and restoring an earlier version."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.admin import bp
from portal.admin.access import requires
from portal.admin.diffs import Words, field_changes, record_as_row_changes, row_changes, summary
from portal.admin.forms import RestoreForm
from portal.admin.records import KIND, load_kind, once_as_clerk, outcome
from portal.admin.registry import TypeSpec, spec_for, title_of
from portal.extensions import db
from portal.models import Petition, Revision
from portal.services import publishing
from portal.services.publishing import PublishingError


@dataclass
class HistoryEntry:
    """A line of a history page: a revision, where its diff is, what it changed, and whose it is."""

    revision: Revision
    url: str
    changes: list[dict]
    row_label: str | None = None


def revisions_of(spec: TypeSpec, record) -> list[Revision]:
    return db.session.scalars(
        select(Revision)
        .options(selectinload(Revision.author))
        .where(
            Revision.record_type == spec.public_type,
            Revision.record_id == record.id,
        )
        .order_by(Revision.at.desc(), Revision.id.desc())
    ).all()


def _own_entries(spec: TypeSpec, record, words: Words) -> list[HistoryEntry]:
    revisions = revisions_of(spec, record)
    return [
        HistoryEntry(
            rev,
            url_for("admin.revision_detail", kind=spec.key, record_id=record.id, revision_id=rev.id),
            summary(spec, older.snapshot if older else None, rev.snapshot, words),
        )
        for rev, older in zip(revisions, [*revisions[1:], None], strict=True)
    ]


def _petition_entries(round_, words: Words) -> list[HistoryEntry]:
    """The revisions of a round's petitions, each named by its place in the round ('kiến nghị 3')."""
    petitions = db.session.scalars(
        select(Petition.id).where(Petition.round_id == round_.id).order_by(Petition.id)
    ).all()
    places = {petition_id: n for n, petition_id in enumerate(petitions, 1)}
    revisions = db.session.scalars(
        select(Revision)
        .options(selectinload(Revision.author))
        .where(
            Revision.record_type == "petition",
            Revision.record_id.in_(select(Petition.id).where(Petition.round_id == round_.id)),
        )
        .order_by(Revision.id)
    ).all()
    spec, entries, last = spec_for("petitions"), [], {}
    for rev in revisions:
        name = f"kiến nghị {places[rev.record_id]}"
        entries.append(
            HistoryEntry(
                rev,
                url_for(
                    "admin.revision_detail", kind="petitions", record_id=rev.record_id, revision_id=rev.id
                ),
                record_as_row_changes(spec, last.get(rev.record_id), rev.snapshot, name, words),
                name.capitalize(),
            )
        )
        last[rev.record_id] = rev.snapshot
    return entries


@bp.get(f"/{KIND}/<int:record_id>/revisions")
@requires("editor")
def revision_list(kind: str, record_id: int):
    spec, record = load_kind(kind, record_id)
    words = Words()
    entries = _own_entries(spec, record, words)
    if spec.key == "voter-meetings":
        entries += _petition_entries(record, words)
        entries.sort(key=lambda e: (e.revision.at, e.revision.id), reverse=True)
    return render_template(
        "admin/revisions/list.html", spec=spec, record=record, entries=entries, title=title_of(record)
    )


def _revision(spec: TypeSpec, record, revision_id: int) -> Revision:
    revision = db.session.get(Revision, revision_id)
    if revision is None or revision.record_type != spec.public_type or revision.record_id != record.id:
        abort(404)
    return revision


def _previous(revision: Revision) -> Revision | None:
    return db.session.scalar(
        select(Revision)
        .where(
            Revision.record_type == revision.record_type,
            Revision.record_id == revision.record_id,
            Revision.id < revision.id,
        )
        .order_by(Revision.id.desc())
        .limit(1)
    )


def render_revision(spec: TypeSpec, record, revision: Revision, form=None, status: int = 200):
    previous = _previous(revision)
    before, current, words = previous.snapshot if previous else {}, publishing.snapshot(record), Words()
    return render_template(
        "admin/revisions/detail.html",
        spec=spec,
        record=record,
        revision=revision,
        previous=previous,
        changes=field_changes(spec, before, revision.snapshot, words),
        rows=row_changes(before, revision.snapshot, words),
        against_current=field_changes(spec, revision.snapshot, current, words),
        rows_against_current=row_changes(revision.snapshot, current, words),
        form=form or RestoreForm(),
        title=title_of(record),
    ), status


@bp.get(f"/{KIND}/<int:record_id>/revisions/<int:revision_id>")
@requires("editor")
def revision_detail(kind: str, record_id: int, revision_id: int):
    spec, record = load_kind(kind, record_id)
    return render_revision(spec, record, _revision(spec, record, revision_id))


@bp.post(f"/{KIND}/<int:record_id>/revisions/<int:revision_id>/restore")
@requires("publisher")
def revision_restore(kind: str, record_id: int, revision_id: int):
    spec, record = load_kind(kind, record_id)
    revision = _revision(spec, record, revision_id)
    form = RestoreForm()
    if not form.validate_on_submit():
        return render_revision(spec, record, revision, form, 422)
    try:
        result = once_as_clerk(form, "restore", record, publishing.restore, record, revision)
    except PublishingError as exc:
        flash(str(exc), "info")
        return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
    flash(*outcome(result, f"Đã khôi phục nội dung của phiên bản #{revision.id}."))
    return redirect(url_for("admin.record_detail", kind=kind, record_id=record_id))
