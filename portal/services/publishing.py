"""Writes: validate, mutate, write the revision and audit rows, commit once."""

from __future__ import annotations

from flask import has_request_context, request

from portal.extensions import db
from portal.models import AuditEvent, Revision, User
from portal.models.base import PublicRecord, utcnow
from portal.services.snapshots import snapshot


class PublishingError(ValueError):
    """A write the workflow refuses, with a message a clerk understands."""


def _ip() -> str | None:
    return request.remote_addr if has_request_context() else None


def record_revision(record: PublicRecord, actor: User | None, note: str | None) -> Revision:
    """Add a revision row holding the record's full snapshot (flushes to get the id)."""
    db.session.flush()
    rev = Revision(record_type=record.public_type, record_id=record.id, author=actor,
                   snapshot=snapshot(record), note=note)
    db.session.add(rev)
    return rev


def audit(action: str, actor: User | None, target: str | None = None, detail: dict | None = None) -> None:
    """Add an audit event row to the current transaction."""
    db.session.add(AuditEvent(action=action, actor=actor, target=target, ip=_ip(), detail=detail,
                              actor_label=actor.email if actor else None))


def _target(record: PublicRecord) -> str:
    return f"{record.public_type}:{record.slug}"


def publish(record: PublicRecord, actor: User | None, note: str | None = None, commit: bool = True) -> None:
    """Publish a draft or withdrawn record."""
    if record.status == "published":
        return
    record.status = "published"
    record.published_at = record.published_at or utcnow()
    record.withdrawn_at = None
    record.withdrawn_reason = None
    record_revision(record, actor, note or "Xuất bản")
    audit("publish", actor, _target(record))
    if commit:
        db.session.commit()


def withdraw(record: PublicRecord, actor: User | None, reason: str, commit: bool = True) -> None:
    """Withdraw a published record; its URL stays and shows the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError("Cần ghi rõ lý do rút bản ghi.")
    if record.status != "published":
        raise PublishingError("Chỉ có thể rút bản ghi đang được công bố.")
    record.status = "withdrawn"
    record.withdrawn_at = utcnow()
    record.withdrawn_reason = reason
    record_revision(record, actor, f"Rút: {reason}")
    audit("withdraw", actor, _target(record), {"reason": reason})
    if commit:
        db.session.commit()


def save(record: PublicRecord, actor: User | None, note: str | None = None, commit: bool = True) -> None:
    """Save a new or edited record with a revision and an audit event."""
    is_new = record.id is None
    db.session.add(record)
    record_revision(record, actor, note or ("Tạo mới" if is_new else "Chỉnh sửa"))
    audit("create" if is_new else "update", actor, _target(record))
    if commit:
        db.session.commit()
