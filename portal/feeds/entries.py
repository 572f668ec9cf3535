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
from portal.formatting import number, vndate
from portal.models import (
    Document,
    Petition,
    PetitionOutcome,
    PetitionStatusChange,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.public_urls import record_path
from portal.records import RECORD_TYPES, RecordType, record_type
from portal.services import loading, queries
from portal.vocabulary import LABELS

FEED_SIZE = 50


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
        parts = [
            record.number,
            record.session.name if record.session else None,
            f"thông qua ngày {vndate(record.adopted_on)}" if record.adopted_on else None,
        ]
        return "; ".join(p for p in parts if p)
    if isinstance(record, Session):
        span = f"từ {vndate(record.start_date)} đến {vndate(record.end_date)}" if record.start_date else ""
        return " ".join(p for p in (span, record.summary or "") if p).strip()
    if isinstance(record, Supervision):
        return f"{record.body.name if record.body else ''} — {record.conclusion_text or record.subject}"
    if isinstance(record, Document):
        parts = [
            record.number,
            f"ban hành ngày {vndate(record.issued_on)}" if record.issued_on else None,
            record.note,
        ]
        return "; ".join(p for p in parts if p)
    if isinstance(record, VoterMeetingRound):
        parts = [
            f"từ {vndate(record.start_date)} đến {vndate(record.end_date)}" if record.start_date else None,
            f"{number(record.voters_attending)} cử tri tham dự"
            if record.voters_attending is not None
            else None,
            f"{number(record.items_raised)} ý kiến, kiến nghị" if record.items_raised is not None else None,
        ]
        return "; ".join(p for p in parts if p) or record.title
    if isinstance(record, PetitionOutcome):
        return record.scope_text or record.label
    return record.title


def record_entry(record, category: str) -> Entry:
    key = f"{record.public_type}/{record.id}"
    if record.is_withdrawn:
        return Entry(
            key,
            f"Đã rút: {record.title}",
            record_path(record),
            record.withdrawn_at or record.updated_at,
            f"Bản ghi đã được rút ngày {vndate(record.withdrawn_at)}. Lý do: {record.withdrawn_reason}",
            category,
            record.published_at,
        )
    return Entry(
        key,
        record.title,
        record_path(record),
        record.updated_at,
        describe(record),
        category,
        record.published_at,
    )


def latest(model: type, category: str) -> list[Entry]:
    rows = db.session.scalars(
        queries.visible(model)
        .options(*loading.row_options(model))
        .order_by(model.updated_at.desc())
        .limit(FEED_SIZE)
    )
    return [record_entry(r, category) for r in rows]


def status_change_entries() -> list[Entry]:
    """Each status change of a published petition is an entry of its own."""
    rows = db.session.scalars(
        select(PetitionStatusChange)
        .join(Petition)
        .where(queries.is_published(Petition))
        .options(contains_eager(PetitionStatusChange.petition))
        .order_by(PetitionStatusChange.created_at.desc())
        .limit(FEED_SIZE)
    )
    entries = []
    for change in rows:
        petition = change.petition
        label = LABELS["petition_status"].get(change.status, change.status).lower()
        summary = f"Ngày {vndate(change.on)}: {label}." + (f" {change.note}" if change.note else "")
        entries.append(
            Entry(
                f"petition/{petition.id}/status/{change.id}",
                f"Kiến nghị số {petition.id} {label}: {petition.title}",
                f"{record_path(petition)}#status-{change.id}",
                change.created_at or datetime.combine(change.on, time()),
                summary,
                "Kiến nghị cử tri",
                datetime.combine(change.on, time()),
            )
        )
    return entries


def petition_entries() -> list[Entry]:
    withdrawn = db.session.scalars(
        queries.withdrawn_records(Petition).order_by(Petition.updated_at.desc()).limit(FEED_SIZE)
    )
    petitions = record_type(Petition.public_type).label
    return (
        status_change_entries()
        + [record_entry(p, petitions) for p in withdrawn]
        + latest(PetitionOutcome, record_type(PetitionOutcome.public_type).label)
    )


# A petition's feed follows its status changes (each one an entry) rather than its edits.
ENTRIES = {"petition": petition_entries}

# Feed name -> the record type it follows (its label titles the feed, its section is the feed's page).
FEEDS: dict[str, RecordType] = {t.feed: t for t in RECORD_TYPES if t.feed}


def entries_of(declared: RecordType) -> list[Entry]:
    build = ENTRIES.get(declared.key)
    return build() if build else latest(declared.model, declared.label)


def all_entries() -> list[Entry]:
    return [e for declared in FEEDS.values() for e in entries_of(declared)]


def feed_entries(kind: str) -> list[Entry]:
    """The newest entries of a feed, newest first."""
    entries = all_entries() if kind == "all" else entries_of(FEEDS[kind])
    return sorted(entries, key=lambda e: e.updated, reverse=True)[:FEED_SIZE]
