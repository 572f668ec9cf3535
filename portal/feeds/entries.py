"""What the feeds carry: published records as entries, withdrawn ones as tombstones, petition status changes.

Only published and withdrawn records are read (through services.queries); a withdrawn record's
entry says when and why it was withdrawn and carries none of its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from portal.extensions import db
from portal.formatting import vndate
from portal.links import record_path
from portal.models import (
    Document,
    Petition,
    PetitionOutcome,
    PetitionStatusChange,
    Resolution,
    Session,
    Supervision,
)
from portal.services import loading, queries

FEED_SIZE = 50
PETITION_STATUS_LABELS = {
    "resolved": "đã giải quyết", "explained": "đã giải trình, thông tin", "in_progress": "đang giải quyết",
    "scheduled": "sẽ giải quyết", "unresolved": "chưa giải quyết",
}


@dataclass(frozen=True)
class Entry:
    key: str
    title: str
    path: str
    updated: datetime
    summary: str
    category: str
    published: datetime | None = None


def describe(record) -> str:
    if isinstance(record, Resolution):
        parts = [record.number, record.session.name if record.session else None,
                 f"thông qua ngày {vndate(record.adopted_on)}" if record.adopted_on else None]
        return "; ".join(p for p in parts if p)
    if isinstance(record, Session):
        span = f"từ {vndate(record.start_date)} đến {vndate(record.end_date)}" if record.start_date else ""
        return " ".join(p for p in (span, record.summary or "") if p).strip()
    if isinstance(record, Supervision):
        return f"{record.body.name if record.body else ''} — {record.conclusion_text or record.subject}"
    if isinstance(record, Document):
        parts = [record.number, f"ban hành ngày {vndate(record.issued_on)}" if record.issued_on else None,
                 record.note]
        return "; ".join(p for p in parts if p)
    if isinstance(record, PetitionOutcome):
        return record.scope_text or record.label
    return record.title


def record_entry(record, category: str) -> Entry:
    key = f"{record.public_type}/{record.id}"
    if record.is_withdrawn:
        return Entry(key, f"Đã rút: {record.title}", record_path(record), record.withdrawn_at or record.updated_at,
                     f"Bản ghi đã được rút ngày {vndate(record.withdrawn_at)}. Lý do: {record.withdrawn_reason}",
                     category, record.published_at)
    return Entry(key, record.title, record_path(record), record.updated_at, describe(record), category,
                 record.published_at)


def latest(model: type, category: str) -> list[Entry]:
    rows = db.session.scalars(queries.visible(model).options(*loading.row_options(model))
                              .order_by(model.updated_at.desc()).limit(FEED_SIZE))
    return [record_entry(r, category) for r in rows]


def status_change_entries() -> list[Entry]:
    """Each status change of a published petition is an entry of its own."""
    rows = db.session.scalars(
        select(PetitionStatusChange).join(Petition).where(Petition.status == "published")
        .options(contains_eager(PetitionStatusChange.petition))
        .order_by(PetitionStatusChange.created_at.desc()).limit(FEED_SIZE))
    entries = []
    for change in rows:
        petition = change.petition
        label = PETITION_STATUS_LABELS.get(change.status, change.status)
        summary = f"Ngày {vndate(change.on)}: {label}." + (f" {change.note}" if change.note else "")
        entries.append(Entry(f"petition/{petition.id}/status/{change.id}",
                             f"Kiến nghị số {petition.id} {label}: {petition.title}",
                             f"{record_path(petition)}#status-{change.id}",
                             change.created_at or datetime.combine(change.on, time()), summary,
                             "Kiến nghị cử tri", datetime.combine(change.on, time())))
    return entries


def petition_entries() -> list[Entry]:
    withdrawn = db.session.scalars(queries.visible(Petition).where(Petition.status == "withdrawn")
                                   .order_by(Petition.updated_at.desc()).limit(FEED_SIZE))
    return (status_change_entries() + [record_entry(p, "Kiến nghị cử tri") for p in withdrawn]
            + latest(PetitionOutcome, "Kết quả giải quyết kiến nghị"))


FEEDS = {
    "resolutions": ("Nghị quyết", lambda: latest(Resolution, "Nghị quyết")),
    "sessions": ("Kỳ họp", lambda: latest(Session, "Kỳ họp")),
    "supervision": ("Giám sát", lambda: latest(Supervision, "Giám sát")),
    "petitions": ("Kiến nghị cử tri", petition_entries),
    "documents": ("Văn bản", lambda: latest(Document, "Văn bản")),
}


def all_entries() -> list[Entry]:
    entries = [e for kind, (_, build) in FEEDS.items() for e in build()]
    return entries


def feed_entries(kind: str) -> list[Entry]:
    """The newest entries of a feed, newest first."""
    entries = all_entries() if kind == "all" else FEEDS[kind][1]()
    return sorted(entries, key=lambda e: e.updated, reverse=True)[:FEED_SIZE]
