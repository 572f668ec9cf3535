"""A record's public correction history: /<section>/<key>/history for every record with a public page."""

from __future__ import annotations

from flask import abort, render_template, url_for

from portal.admin.registry import title_of
from portal.extensions import db
from portal.models import (
    Document,
    Organization,
    Petition,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.models.base import PublicRecord
from portal.public import bp
from portal.public.correction_history import corrections, public_history
from portal.public_urls import record_path as record_url
from portal.services import queries

# URL section -> model; the record's own page is at /<section>/<key>, its history one level below.
SECTIONS = {
    "resolutions": Resolution,
    "sessions": Session,
    "supervision": Supervision,
    "voter-meetings": VoterMeetingRound,
    "documents": Document,
    "organizations": Organization,
    "petitions": Petition,
}
SECTION_OF = {model.public_type: section for section, model in SECTIONS.items()}


def history_url(record: PublicRecord) -> str | None:
    """The path of a record's public history page; None for records without a page of their own."""
    section = SECTION_OF.get(record.public_type)
    if section is None:
        return None
    key = str(record.id) if record.public_type == "petition" else record.slug
    return url_for("public.record_history", section=section, key=key)


def _load(section: str, key: str) -> PublicRecord:
    model = SECTIONS.get(section)
    if model is None:
        abort(404)
    if model is Petition:
        record = (
            db.session.scalar(queries.visible(Petition).where(Petition.id == int(key)))
            if key.isascii() and key.isdigit() and len(key) <= 9
            else None
        )
    else:
        record = queries.get_visible(model, key[:200])
    if record is None:
        abort(404)
    return record


@bp.get("/<any(" + ", ".join(f'"{s}"' for s in SECTIONS) + "):section>/<key>/history")
def record_history(section: str, key: str):
    record = _load(section, key)
    versions = public_history(record)
    return render_template(
        "public/history.html",
        record=record,
        title=title_of(record),
        versions=list(reversed(versions)),
        corrections=corrections(versions),
        record_href=record_url(record),
    )


@bp.app_template_global("history_url")
def _history_url(record):
    return history_url(record)


@bp.app_template_global("correction_count")
def correction_count(record) -> int:
    """How many times a record's public version changed (one statement; only asked for corrected records)."""
    return corrections(public_history(record))
