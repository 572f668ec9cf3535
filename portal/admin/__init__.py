"""The council office: login, roles, CSRF, never cached.

Every route of this blueprint requires a signed-in clerk (checked here, in `before_request`, so no
view can forget it); roles are checked by the `requires` decorator on each view; publishers and
administrators must also have passed their second factor before any page other than enrolment.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError

bp = Blueprint("admin", __name__, url_prefix="/admin")
VIETNAM_OFFSET = timedelta(hours=7)

# Reachable without a session: the two login steps.
OPEN_ENDPOINTS = {"admin.login", "admin.login_totp"}
# Reachable by a publisher or administrator who has not yet proved a second factor.
BEFORE_SECOND_FACTOR = {"admin.totp_enrol", "admin.logout"}


def _session_expired() -> bool:
    now = time.time()
    idle = current_app.config["ADMIN_IDLE_MINUTES"] * 60
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    return now - session.get("seen", 0) > idle or now - session.get("login_at", 0) > lifetime


@bp.before_request
def require_login():
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        target = request.full_path.rstrip("?") if request.method == "GET" else None
        return redirect(url_for("admin.login", next=target))
    if _session_expired():
        logout_user()
        session.clear()
        flash("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.", "info")
        return redirect(url_for("admin.login"))
    session["seen"] = time.time()
    if (
        current_user.needs_second_factor
        and not session.get("mfa")
        and request.endpoint not in BEFORE_SECOND_FACTOR
    ):
        flash("Vai trò của bạn cần xác thực hai lớp trước khi làm việc.", "info")
        return redirect(url_for("admin.totp_enrol"))
    return None


@bp.app_template_filter("vntime")
def vntime(value: datetime | None) -> str:
    """A stored UTC time shown in Vietnam time: 28/7/2020 14:05."""
    if value is None:
        return ""
    local = value + VIETNAM_OFFSET
    return f"{local.day}/{local.month}/{local.year} {local:%H:%M}"


@bp.app_template_filter("isotime")
def isotime(value: datetime) -> str:
    """A stored UTC time for a datetime attribute: 2020-07-28T07:05:00Z."""
    return value.isoformat(timespec="seconds") + "Z"


@bp.app_template_global("admin_label")
def admin_label(vocabulary: str, value: str | None) -> str:
    from portal import vocabulary as vocab

    return vocab.label(vocabulary, value)


@bp.app_template_global("office_name")
def office_name() -> str:
    """The office the signed-in clerk works for: their own councils' (a commune clerk's is the commune
    council's), or for a province-wide account and the login page the portal's own council."""
    from portal.services import councils

    if current_user.is_authenticated and not current_user.province_wide and current_user.councils:
        held = [m.council for m in current_user.councils]
        return held[0].name if len(held) == 1 else "; ".join(c.short_name or c.name for c in held)
    if current_app.config.get("PORTAL_COUNCIL"):
        return current_app.config["SITE_NAME"]  # the single council's site, named in the configuration
    top = next((c for c in councils.all_councils() if c.parent_id is None), None)  # the province's
    return top.name if top else current_app.config["SITE_NAME"]


@bp.after_request
def never_cache(response):
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


@bp.errorhandler(CSRFError)
def csrf_error(exc: CSRFError):
    message = (
        "Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã bảo vệ CSRF). Vui lòng tải lại trang rồi gửi lại."
    )
    return render_template("admin/error.html", title="Biểu mẫu không hợp lệ", message=message), 400


@bp.errorhandler(413)
def too_large(exc):
    limit_mb = current_app.config["MAX_CONTENT_LENGTH"] // (1024 * 1024)
    message = f"Tệp gửi lên vượt quá dung lượng cho phép ({limit_mb} MB). Hãy chọn tệp nhỏ hơn."
    return render_template("admin/error.html", title="Tệp quá lớn", message=message), 413


from portal.admin import (  # noqa: E402,F401
    areas,
    audit_log,
    auth,
    imports,
    petitions,
    recommendations,
    records,
    revisions,
    round_petitions,
    transfers,
    uploads,
    users,
    validation,
)
