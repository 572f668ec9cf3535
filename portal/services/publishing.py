"""Writes: validate, mutate, write the revision and audit rows, commit once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from slugify import slugify
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.models import (
    AuditEvent,
    Document,
    IdempotencyKey,
    Petition,
    PetitionStatusChange,
    Revision,
    User,
)
from portal.models.base import PublicRecord, utcnow
from portal.models.petition import PETITION_STATUSES
from portal.services.office_scope import council_of
from portal.services.snapshots import apply_snapshot, restore_rows, snapshot

ALREADY_DONE = object()
CONSTRAINT_MESSAGE = (
    "Không lưu được: dữ liệu trùng với một bản ghi đã có (ví dụ cùng số hiệu) "
    "hoặc các số liệu mâu thuẫn nhau (ví dụ số đã tổ chức lớn hơn tổng số)."
)
ANSWERED = ("resolved", "explained")


class PublishingError(ValueError):
    """A write the workflow refuses, with a message a clerk understands."""


def record_revision(record: PublicRecord, actor: User | None, note: str | None) -> Revision:
    """Add a revision row holding the record's full snapshot (flushes to get the id)."""
    db.session.flush()
    rev = Revision(
        record_type=record.public_type,
        record_id=record.id,
        author=actor,
        snapshot=snapshot(record),
        note=note,
    )
    db.session.add(rev)
    return rev


def audit(
    action: str,
    actor: User | None,
    target: str | None = None,
    detail: dict | None = None,
    ip: str | None = None,
    council_id: int | None = None,
) -> None:
    """Add an audit event row to the current transaction; `ip` is the client's address, if any."""
    db.session.add(
        AuditEvent(
            action=action,
            actor=actor,
            target=target,
            ip=ip,
            detail=detail,
            actor_label=actor.email if actor else None,
            council_id=council_id,
        )
    )


def audit_record(
    action: str, actor: User | None, record, detail: dict | None = None, ip: str | None = None
) -> None:
    """Add an audit event about a record, filed under the record's council (its office reads it)."""
    audit(action, actor, target_of(record), detail, ip, council_of(record))


def target_of(record: PublicRecord) -> str:
    """The audit trail's name for a record: its type and slug."""
    return f"{record.public_type}:{record.slug}"


def finish(
    record: PublicRecord,
    actor: User | None,
    note: str,
    action: str,
    detail: dict | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> None:
    """Write the revision and the audit event of a change to the record, and commit unless told not to."""
    record_revision(record, actor, note)
    audit_record(action, actor, record, detail, ip=ip)
    if commit:
        db.session.commit()


def _claim(
    record: PublicRecord, from_statuses: tuple[str, ...] | None = None, to_status: str | None = None
) -> bool:
    """Take the record's row for this transaction with a conditional UPDATE checked by the rows it
    changed: of two concurrent requests the second waits for the first to commit, then finds the row
    no longer matching (SQLite's write lock, PostgreSQL's row lock), so only one of them goes on."""
    table = type(record).__table__
    statement = update(table).where(table.c.id == record.id)
    if from_statuses:
        statement = statement.where(table.c.status.in_(from_statuses))
    statement = statement.values(status=to_status) if to_status else statement.values(id=table.c.id)
    return db.session.execute(statement).rowcount == 1


def publish(
    record: PublicRecord,
    actor: User | None,
    note: str | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> bool:
    """Publish a draft or withdrawn record; False when it is (or was concurrently) already published."""
    if record.status == "published":
        return False
    if not _claim(record, ("draft", "withdrawn"), "published"):
        db.session.refresh(record)
        return False
    record.status = "published"
    record.published_at = record.published_at or utcnow()
    record.withdrawn_at = None
    record.withdrawn_reason = None
    finish(record, actor, note or "Xuất bản", "publish", commit=commit, ip=ip)
    return True


def withdraw(
    record: PublicRecord, actor: User | None, reason: str, commit: bool = True, ip: str | None = None
) -> None:
    """Withdraw a published record; its URL stays and shows the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError("Cần ghi rõ lý do rút bản ghi.")
    if record.status != "published" or not _claim(record, ("published",), "withdrawn"):
        raise PublishingError("Chỉ có thể rút bản ghi đang được công bố.")
    record.status = "withdrawn"
    record.withdrawn_at = utcnow()
    record.withdrawn_reason = reason
    finish(record, actor, f"Rút: {reason}", "withdraw", {"reason": reason}, commit, ip)


def save(
    record: PublicRecord,
    actor: User | None,
    note: str | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> None:
    """Save a new or edited record with a revision and an audit event."""
    is_new = record.id is None
    db.session.add(record)
    note = note or ("Tạo mới" if is_new else "Chỉnh sửa")
    finish(record, actor, note, "create" if is_new else "update", commit=commit, ip=ip)


def run_once(token: str, actor: User | None, action: str, target: str, work: Callable[[], object]):
    """Carry out `work` (which must not commit) and remember the form's token in the same
    transaction; a second submission of the same token does nothing and returns ALREADY_DONE."""
    if not token or len(token) > 64:
        raise PublishingError("Biểu mẫu thiếu mã chống gửi trùng. Vui lòng tải lại trang.")
    if db.session.get(IdempotencyKey, token) is not None:
        return ALREADY_DONE
    db.session.add(
        IdempotencyKey(token=token, user_id=actor.id if actor else None, action=action, target=target[:200])
    )
    try:
        result = work()
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        if db.session.get(IdempotencyKey, token) is not None:
            return ALREADY_DONE  # the same token committed by a concurrent request first
        raise PublishingError(CONSTRAINT_MESSAGE) from exc
    except Exception:
        db.session.rollback()
        raise
    return result


def restore(
    record: PublicRecord, revision: Revision, actor: User | None, commit: bool = True, ip: str | None = None
) -> list[str]:
    """Bring back the content of an earlier revision as a new revision; the status is kept."""
    if revision.record_type != record.public_type or revision.record_id != record.id:
        raise PublishingError("Phiên bản này không thuộc bản ghi đang xem.")
    _claim(record)
    db.session.refresh(record)  # what a concurrent restore committed while this one waited
    changed = apply_snapshot(record, revision.snapshot)
    gone = f"Nội dung được khôi phục về một phiên bản trước (#{revision.id}), khi chưa có mục này."
    changed += restore_rows(record, revision.snapshot, gone)
    if not changed:
        raise PublishingError(
            f"Bản ghi đã có đúng nội dung của phiên bản #{revision.id}; không cần khôi phục."
        )
    detail = {"revision": revision.id, "fields": changed}
    finish(record, actor, f"Khôi phục phiên bản #{revision.id}", "restore", detail, commit, ip)
    return changed


def check_dated_step(status: str, statuses: tuple[str, ...], on: date | None, missing_date: str) -> None:
    """Refuse a step of a petition's or recommendation's timeline with an unknown status or no date."""
    if status not in statuses:
        raise PublishingError("Tình trạng kiến nghị không hợp lệ.")
    if on is None:
        raise PublishingError(missing_date)


def change_petition_status(
    petition: Petition,
    actor: User | None,
    status: str,
    on: date,
    note: str | None = None,
    document: Document | None = None,
    response_text: str | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> PetitionStatusChange:
    """Move a petition to a new status with a dated timeline entry and its response document."""
    check_dated_step(status, PETITION_STATUSES, on, "Cần ghi ngày của thay đổi.")
    petition.petition_status = status
    if document is not None:
        petition.response_document = document
    if response_text:
        petition.response_text = response_text
    if status in ANSWERED and petition.answered_on is None:
        petition.answered_on = on
    change = PetitionStatusChange(
        petition=petition, on=on, status=status, note=note or None, document=document
    )
    db.session.add(change)
    revision_note = f"Chuyển tình trạng: {status}" + (f" — {note}" if note else "")
    detail = {"status": status, "on": on.isoformat()}
    finish(petition, actor, revision_note, "petition_status", detail, commit, ip)
    return change


def unique_slug(model: type[PublicRecord], text: str, record_id: int | None = None) -> str:
    """A readable URL slug from the title (Vietnamese folded), unique within the type."""
    base = slugify(text or model.public_type, max_length=80, word_boundary=True) or model.public_type
    slug, n = base, 1
    while True:
        taken = db.session.scalar(select(model.id).where(model.slug == slug))
        if taken is None or taken == record_id:
            return slug
        n += 1
        slug = f"{base}-{n}"


def remove_draft(
    record: PublicRecord, actor: User | None, commit: bool = False, ip: str | None = None
) -> None:
    """Delete a record that was never published, with its revisions; the audit event keeps its title."""
    if record.status != "draft" or record.published_at is not None:
        raise PublishingError(
            "Chỉ xóa được bản nháp chưa từng công bố; bản ghi đã công bố chỉ có thể rút kèm lý do."
        )
    for child in getattr(record, "status_history", ()):
        db.session.delete(child)
    db.session.execute(
        delete(Revision).where(Revision.record_type == record.public_type, Revision.record_id == record.id)
    )
    audit_record(
        f"{record.public_type}_remove", actor, record, {"title": getattr(record, "title", "")[:200]}, ip
    )
    db.session.delete(record)
    if commit:
        db.session.commit()
