"""Loading the signed-in clerk: the session carries the user id and a version that logout bumps."""

from __future__ import annotations

from portal.extensions import db, login_manager
from portal.models import User


@login_manager.user_loader
def load_user(token: str) -> User | None:
    user_id, _, version = token.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user
