"""Roles, the second-factor gate, safe redirects and completing a login."""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, request, session
from flask_login import current_user, login_user

from portal.extensions import db
from portal.models import User
from portal.services.accounts import ROLE_RANK
from portal.services.publishing import audit


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


def can(role: str) -> bool:
    return current_user.is_authenticated and ROLE_RANK.get(current_user.role, 0) >= ROLE_RANK[role]


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
