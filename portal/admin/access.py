"""Roles (in each council the clerk belongs to), the second-factor gate, safe redirects and completing a
login."""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, request, session
from flask_login import current_user, login_user
from sqlalchemy import ColumnElement, or_, true

from portal.extensions import db
from portal.models import AuditEvent, User
from portal.services.accounts import ROLE_RANK
from portal.services.office_scope import council_of, in_councils
from portal.services.publishing import PublishingError, audit

OUT_OF_SCOPE = "Bạn không được phân công làm việc với HĐND này; hãy chọn HĐND mà bạn được phân công."


def requires(role: str):
    """Allow the view to clerks whose role is at least `role` (editor < publisher < admin)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if ROLE_RANK.get(current_user.role, 0) < ROLE_RANK[role]:
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role
        return wrapped

    return decorator


def council_ranks() -> dict[int, int] | None:
    """The signed-in clerk's rank in each of their councils; None for a province-wide account."""
    if "council_ranks" not in g:
        user = current_user
        g.council_ranks = (
            None if user.province_wide else {m.council_id: ROLE_RANK[m.role] for m in user.councils}
        )
    return g.council_ranks


def rank_in(council_id: int | None) -> int:
    """The clerk's rank for a record of this council (a shared record, council None: province only)."""
    ranks = council_ranks()
    if ranks is None:
        return ROLE_RANK.get(current_user.role, 0)
    return ranks.get(council_id, 0) if council_id is not None else 0


def councils_for(role: str = "editor") -> list[int] | None:
    """The councils in which the clerk has at least `role`; None means every council."""
    ranks = council_ranks()
    if ranks is None:
        return None
    return sorted(c for c, rank in ranks.items() if rank >= ROLE_RANK[role])


def in_scope(model, role: str = "editor") -> ColumnElement[bool]:
    """A WHERE clause limiting an office list to the clerk's councils."""
    councils = councils_for(role)
    return true() if councils is None else in_councils(model, councils)


def audit_scope() -> ColumnElement[bool]:
    """The audit events a clerk may read: their councils' records, and their own actions."""
    councils = councils_for("editor")
    if councils is None:
        return true()
    return or_(AuditEvent.council_id.in_(councils), AuditEvent.actor_id == current_user.id)


def can(role: str, record=None) -> bool:
    """Whether the clerk has `role`: on this record's council when given, else in any council."""
    if not current_user.is_authenticated:
        return False
    if record is not None:
        return rank_in(council_of(record)) >= ROLE_RANK[role]
    return ROLE_RANK.get(current_user.role, 0) >= ROLE_RANK[role]


def view_role() -> str:
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "required_role", "editor")


def check_record(record, role: str | None = None) -> None:
    """403 unless the clerk has the view's role (or `role`) in the record's council."""
    if not can(role or view_role(), record):
        abort(403)


def check_target_council(record) -> None:
    """Refuse a save that would put a record in a council the clerk does not work for."""
    if not can("editor", record):
        raise PublishingError(OUT_OF_SCOPE)


def safe_next(target: str | None) -> str | None:
    """Return target only if it is a path on this site; refuse anything a browser could read as
    another host (`//evil`, `/\\evil`, `https://evil`, tabs or newlines that browsers strip)."""
    if not target or len(target) > 2000:
        return None
    if any(ord(ch) < 0x21 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def complete_login(user: User, second_factor: bool) -> None:
    """Record the login, then start a fresh session for the user."""
    # Recorded first: if the database cannot take the write (503), the browser is not signed in.
    audit("login", user, f"user:{user.email}", {"second_factor": second_factor}, ip=request.remote_addr)
    db.session.commit()
    session.clear()
    login_user(user)
    now = time.time()
    session.permanent = True
    session["login_at"] = session["seen"] = now
    session["mfa"] = second_factor
