"""Writes to a supervision's recommendations and their follow-up: each leaves a revision of the supervision
(whose snapshot holds the rows) and an audit event, in one transaction."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.models import Document, Organization, Recommendation, RecommendationUpdate, Supervision, User
from portal.models.base import utcnow
from portal.models.supervision import RECOMMENDATION_STATUSES
from portal.services.publishing import PublishingError, check_dated_step, finish
from portal.vocabulary import VOCABULARY

EDITED_FIELDS = ("text", "addressee_id", "status", "due")


def number_of(recommendation: Recommendation) -> int:
    """The recommendation's place among its supervision's rows (1-based), as the clerk sees it listed."""
    ids = sorted(r.id for r in recommendation.supervision.recommendations if r.id is not None)
    return ids.index(recommendation.id) + 1 if recommendation.id in ids else len(ids) + 1


def _check(text: str, status: str) -> str:
    text = (text or "").strip()
    if not text:
        raise PublishingError("Cần ghi nội dung kiến nghị.")
    if status not in RECOMMENDATION_STATUSES:
        raise PublishingError("Tình trạng kiến nghị không hợp lệ.")
    return text


def _check_current(recommendation: Recommendation) -> None:
    if recommendation.is_withdrawn:
        raise PublishingError(
            "Kiến nghị này đã được rút; muốn dùng lại nội dung cũ, hãy khôi phục một "
            "phiên bản trước của cuộc giám sát."
        )


def _finish(
    supervision: Supervision,
    actor: User | None,
    note: str,
    action: str,
    detail: dict,
    commit: bool,
    ip: str | None,
) -> None:
    supervision.updated_at = utcnow()
    finish(supervision, actor, note, action, detail, commit, ip)


def add_recommendation(
    supervision: Supervision,
    actor: User | None,
    text: str,
    addressee: Organization | None = None,
    status: str = "open",
    due: date | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> Recommendation:
    """Add a recommendation row to a supervision, with a revision of the supervision and an audit event."""
    text = _check(text, status)
    recommendation = Recommendation(
        supervision=supervision, text=text, addressee=addressee, status=status, due=due
    )
    db.session.add(recommendation)
    db.session.flush()
    _finish(
        supervision,
        actor,
        f"Thêm kiến nghị {number_of(recommendation)}: {text[:120]}",
        "recommendation_add",
        {"recommendation": recommendation.id, "status": status},
        commit,
        ip,
    )
    return recommendation


def edit_recommendation(
    recommendation: Recommendation,
    actor: User | None,
    text: str,
    addressee: Organization | None,
    status: str,
    due: date | None,
    commit: bool = True,
    ip: str | None = None,
) -> list[str]:
    """Change a recommendation's text, addressee, status or due date; return the fields that changed."""
    _check_current(recommendation)
    values = {
        "text": _check(text, status),
        "addressee_id": addressee.id if addressee else None,
        "status": status,
        "due": due,
    }
    changed = [name for name in EDITED_FIELDS if getattr(recommendation, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(recommendation, name, values[name])
    if "addressee_id" in changed:
        recommendation.addressee = addressee
    _finish(
        recommendation.supervision,
        actor,
        f"Sửa kiến nghị {number_of(recommendation)}",
        "recommendation_edit",
        {"recommendation": recommendation.id, "fields": changed},
        commit,
        ip,
    )
    return changed


def remove_recommendation(
    recommendation: Recommendation, actor: User | None, commit: bool = True, ip: str | None = None
) -> None:
    """Delete a recommendation of a draft supervision (nothing of it was ever public)."""
    supervision = recommendation.supervision
    if not supervision.is_draft:
        raise PublishingError("Cuộc giám sát đã công bố: kiến nghị không xóa được, chỉ có thể rút kèm lý do.")
    number = number_of(recommendation)
    db.session.delete(recommendation)  # before leaving the collection, which would otherwise null its key
    supervision.recommendations.remove(recommendation)
    _finish(
        supervision,
        actor,
        f"Xóa kiến nghị {number} (bản nháp)",
        "recommendation_remove",
        {"recommendation": recommendation.id, "text": recommendation.text[:200]},
        commit,
        ip,
    )


def withdraw_recommendation(
    recommendation: Recommendation,
    actor: User | None,
    reason: str,
    commit: bool = True,
    ip: str | None = None,
) -> None:
    """Withdraw a recommendation the public has seen; it stays, shown as withdrawn with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishingError("Cần ghi rõ lý do rút kiến nghị.")
    if recommendation.supervision.is_draft:
        raise PublishingError("Cuộc giám sát còn là bản nháp: hãy xóa kiến nghị thay vì rút.")
    _check_current(recommendation)
    recommendation.withdrawn_at, recommendation.withdrawn_reason = utcnow(), reason
    _finish(
        recommendation.supervision,
        actor,
        f"Rút kiến nghị {number_of(recommendation)}: {reason[:200]}",
        "recommendation_withdraw",
        {"recommendation": recommendation.id, "reason": reason},
        commit,
        ip,
    )


def record_recommendation_update(
    recommendation: Recommendation,
    actor: User | None,
    on: date,
    status: str,
    text: str | None = None,
    document: Document | None = None,
    commit: bool = True,
    ip: str | None = None,
) -> RecommendationUpdate:
    """Record a dated follow-up of a recommendation and move it to the follow-up's status."""
    check_dated_step(status, RECOMMENDATION_STATUSES, on, "Cần ghi ngày của kết quả theo dõi.")
    _check_current(recommendation)
    update = RecommendationUpdate(
        recommendation=recommendation,
        on=on,
        status=status,
        text=(text or "").strip() or None,
        document=document,
    )
    db.session.add(update)
    recommendation.status = status
    _finish(
        recommendation.supervision,
        actor,
        f"Theo dõi kiến nghị {number_of(recommendation)}: {VOCABULARY['recommendation_status'][status]}",
        "recommendation_update",
        {"recommendation": recommendation.id, "status": status, "on": on.isoformat()},
        commit,
        ip,
    )
    return update
