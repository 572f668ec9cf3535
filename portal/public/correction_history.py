"""A record's public correction history: each version the public saw, when, the office's note, and what
changed in its fields and rows since the version before. Drafts are never shown: a draft saved between two
published versions is folded into the next published one, and a record's drafts before its first publishing
do not appear at all. The wording of the changes is the admin diff's (portal/admin/diffs.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from portal.admin.diffs import WORKFLOW_LABELS, Words, field_changes, row_changes
from portal.admin.registry import TYPES, TypeSpec
from portal.extensions import db
from portal.formatting import vndate
from portal.models import Area, Document, Organization, Revision, Session, Term, VoterMeetingRound
from portal.models.base import PublicRecord

PUBLIC_STATUSES = ("published", "withdrawn")
# Notes the workflow writes by itself say nothing the event does not already say.
GENERIC_NOTES = ("Xuất bản", "Chỉnh sửa", "Tạo mới")
# Notes the row and status actions write repeat the change listed below them ("Thêm kiến nghị 3: …",
# "Chuyển tình trạng: resolved"); of a status change or transfer, what the office typed after " — " is its own.
ROW_NOTE = re.compile(r"^(?:Thêm|Sửa|Xóa|Rút|Theo dõi) kiến nghị \d+")
STATUS_NOTE = re.compile(r"^(?:Chuyển tình trạng: \w+|Chuyển giao sang [^—]*?)(?: — (?P<own>.+))?$", re.S)
# The admin names versions by revision number ("#78"); the public knows them by date.
REVISION_REF = re.compile(r"phiên bản #(\d+)|\(#(\d+)\)")
REF_MODELS = {
    "organization": Organization,
    "council": Organization,
    "document": Document,
    "session": Session,
    "term": Term,
    "area": Area,
    "round": VoterMeetingRound,
}


@dataclass
class Version:
    """One version the public saw: its place, date, what happened, the office's note and the changes."""

    number: int
    at: datetime
    event: str  # published, corrected, withdrawn, republished
    note: str | None
    changes: list[dict] = field(default_factory=list)
    reason: str | None = None


class PublicWords(Words):
    """The admin diff's wording, with references named one by one and only when the public may see them
    (the admin's choice lists read every row of a kind, drafts included)."""

    def value(self, raw, kind: str = "text", detail: str | None = None) -> str:
        if kind == "ref" and raw not in (None, "") and detail in REF_MODELS:
            target = db.session.get(REF_MODELS[detail], raw)
            if target is None or getattr(target, "is_draft", False):
                return "(một bản ghi chưa công bố)"
            return str(
                getattr(target, "number", None)
                or getattr(target, "name", None)
                or getattr(target, "label", None)
                or getattr(target, "title", "")
            )
        return super().value(raw, kind, detail)


def spec_of(model: type) -> TypeSpec | None:
    """The declared type (labels of its fields) of a model."""
    return next((spec for spec in TYPES if spec.model is model), None)


def public_history(record: PublicRecord) -> list[Version]:
    """The versions of a record the public saw, oldest first (one statement for the revisions)."""
    spec = spec_of(type(record))
    revisions = db.session.scalars(
        select(Revision)
        .where(
            Revision.record_type == record.public_type,
            Revision.record_id == record.id,
        )
        .order_by(Revision.id)
    ).all()
    words, versions, last = PublicWords(), [], None
    dates = {revision.id: revision.at for revision in revisions}
    for revision in revisions:
        snap = revision.snapshot or {}
        status = snap.get("status")
        if status not in PUBLIC_STATUSES:
            continue
        note = public_note(revision.note, dates)
        if last is None:
            versions.append(Version(1, revision.at, "published", note))
        else:
            version = _later_version(spec, last, snap, words, len(versions) + 1, revision.at, note)
            if version is not None:
                version.changes = [_dated(change, dates) for change in version.changes]
                versions.append(version)
        last = snap
    return versions


def public_note(note: str | None, dates: dict[int, datetime]) -> str | None:
    """The office's own words in a revision note: none for the workflow's, revision numbers as dates."""
    if not note or note.startswith("Rút:") or note in GENERIC_NOTES:
        return None
    if ROW_NOTE.match(note):
        return None
    automatic = STATUS_NOTE.match(note)
    if automatic:
        return automatic.group("own")
    if note.startswith("Khôi phục phiên bản #"):
        return _by_date(note.replace("Khôi phục", "Khôi phục nội dung của", 1), dates)
    return note


def _by_date(text: str, dates: dict[int, datetime]) -> str:
    def name(match: re.Match) -> str:
        at = dates.get(int(match.group(1) or match.group(2)))
        if match.group(1):
            return f"phiên bản ngày {vndate(at)}" if at else "một phiên bản trước"
        return f"(ngày {vndate(at)})" if at else ""

    return REVISION_REF.sub(name, text)


def _dated(change: dict, dates: dict[int, datetime]) -> dict:
    return {key: _by_date(value, dates) if isinstance(value, str) else value for key, value in change.items()}


def _later_version(
    spec, last: dict, snap: dict, words: Words, number: int, at: datetime, note: str | None
) -> Version | None:
    changes = (
        [c for c in field_changes(spec, last, snap, words) if c["label"] not in WORKFLOW_LABELS]
        if spec
        else []
    )
    changes += row_changes(last, snap, words)
    was, now = last.get("status"), snap.get("status")
    if was == "published" and now == "withdrawn":
        return Version(number, at, "withdrawn", note, changes, snap.get("withdrawn_reason"))
    if was == "withdrawn" and now == "published":
        return Version(number, at, "republished", note, changes)
    if not changes:
        return None
    return Version(number, at, "corrected", note, changes)


def corrections(versions: list[Version]) -> int:
    """How many times the public version changed after it was first published."""
    return max(len(versions) - 1, 0)


def as_json(versions: list[Version]) -> list[dict]:
    """The history for the API: ISO dates, each change as field, before and after."""
    return [
        {
            "version": v.number,
            "date": _iso(v.at),
            "event": v.event,
            "note": v.note,
            "withdrawn_reason": v.reason,
            "changes": [
                {
                    "field": c.get("label") or c.get("text"),
                    "before": c.get("old"),
                    "after": c.get("new"),
                    "detail": c.get("quote") or c.get("note"),
                }
                for c in v.changes
            ],
        }
        for v in versions
    ]


def _iso(value: datetime | date) -> str:
    return (
        value.replace(microsecond=0).isoformat() + "Z" if isinstance(value, datetime) else value.isoformat()
    )
