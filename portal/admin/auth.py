"""Login (password, then the second factor), logout, password change and TOTP enrolment."""

from __future__ import annotations

import base64
import hashlib
import time

import qrcode
import qrcode.image.svg
from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from portal.admin import bp
from portal.admin.access import complete_login, requires, safe_next
from portal.admin.forms import LoginForm, PasswordChangeForm, TotpForm
from portal.extensions import db, limiter
from portal.models import User
from portal.services import accounts
from portal.services.publishing import audit

PENDING_SECONDS = 300
BAD_CREDENTIALS = "Email hoặc mật khẩu không đúng."


def _account() -> str:
    """The account the attempt is for: the address typed, or the account awaiting its code."""
    pending = session.get("pending_2fa") or {}
    return pending.get("uid") or accounts.normalize_email(request.form.get("email", ""))


def _account_key() -> str:
    return "acct:" + hashlib.sha256(_account().encode()).hexdigest()


def _account_address_key() -> str:
    return f"acct-ip:{request.remote_addr}:" + hashlib.sha256(_account().encode()).hexdigest()


def _failed(response) -> bool:
    return bool(g.get("login_failed"))


def _throttled(limit) -> None:
    """Record a refused attempt once per request (who, from where, which limit)."""
    if g.get("login_throttled"):
        return
    g.login_throttled = True
    audit(
        "login_throttled",
        None,
        f"user:{_account()[:200]}",
        {"limit": str(limit.limit)},
        ip=request.remote_addr,
    )
    db.session.commit()


def _login_limit(setting: str, key_func=None):
    """A limit on failed login POSTs, read from the config `setting`, keyed by `key_func` (the address
    when None)."""
    return limiter.limit(
        lambda: current_app.config[setting],
        methods=["POST"],
        key_func=key_func,
        deduct_when=_failed,
        on_breach=_throttled,
    )


def _limited(view):
    """Throttle POSTs; only failed attempts count, and the check runs before the view, so a throttled
    request never reaches the password hash. Five failures lock one account only from the address
    that made them; a higher per-account ceiling, whose wait grows from minutes to a day, stops
    guessing spread over many addresses without letting a stranger lock the clerk out for long."""
    per_ip = _login_limit("LOGIN_LIMIT_PER_IP")
    per_pair = _login_limit("LOGIN_LIMIT_PER_ACCOUNT_ADDRESS", _account_address_key)
    per_account = _login_limit("LOGIN_LIMIT_PER_ACCOUNT", _account_key)
    return per_ip(per_pair(per_account(view)))


def _record_failure(email: str, reason: str) -> None:
    audit("login_failed", None, f"user:{email[:200]}", {"reason": reason}, ip=request.remote_addr)
    db.session.commit()
    # Counted once recorded: with the database locked the commit fails (503), and the limiter's
    # own write after the response would only fail again.
    g.login_failed = True


@bp.route("/login", methods=["GET", "POST"])
@_limited
def login():
    if current_user.is_authenticated:
        return redirect(url_for("admin.dashboard"))
    form = LoginForm(next=request.args.get("next", ""))
    if not form.validate_on_submit():
        return render_template("admin/login.html", form=form), 422 if form.is_submitted() else 200
    email = accounts.normalize_email(form.email.data)
    user = accounts.find_user(email)
    if not accounts.verify_password(user, form.password.data):
        _record_failure(email, "password")
        flash(BAD_CREDENTIALS, "error")
        return render_template("admin/login.html", form=form), 422
    target = safe_next(form.next.data)
    if user.totp_secret:
        session.clear()
        session["pending_2fa"] = {"uid": user.get_id(), "at": time.time(), "next": target}
        return redirect(url_for("admin.login_totp"))
    complete_login(user, second_factor=False)
    return redirect(target or url_for("admin.dashboard"))


def _pending_user() -> User | None:
    pending = session.get("pending_2fa")
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user_id, _, version = pending["uid"].partition(":")
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or str(user.session_version) != version:
        return None
    return user


@bp.route("/login/totp", methods=["GET", "POST"])
@_limited
def login_totp():
    user = _pending_user()
    if user is None:
        session.pop("pending_2fa", None)
        flash("Vui lòng đăng nhập lại.", "info")
        return redirect(url_for("admin.login"))
    form = TotpForm()
    if not form.validate_on_submit():
        return render_template("admin/login_totp.html", form=form), 422 if form.is_submitted() else 200
    if not accounts.verify_totp(user, form.code.data):
        _record_failure(user.email, "totp")
        flash("Mã xác thực không đúng hoặc đã được dùng.", "error")
        return render_template("admin/login_totp.html", form=form), 422
    target = session["pending_2fa"].get("next")
    complete_login(user, second_factor=True)
    return redirect(target or url_for("admin.dashboard"))


@bp.post("/logout")
@requires("editor")
def logout():
    accounts.end_sessions(current_user, current_user, "logout", ip=request.remote_addr)
    logout_user()
    session.clear()
    flash("Bạn đã đăng xuất.", "info")
    return redirect(url_for("admin.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@requires("editor")
def password_change():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.new.data, ip=request.remote_addr)
        except accounts.AccountError as exc:
            form.current.errors.append(str(exc))
        else:
            login_user(
                current_user._get_current_object()
            )  # this session goes on with the new version; all others end
            flash("Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị kết thúc.", "success")
            return redirect(url_for("admin.dashboard"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/password.html", form=form), status


def _qr_data_uri(uri: str) -> str:
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@bp.route("/account/totp", methods=["GET", "POST"])
@requires("editor")
def totp_enrol():
    if current_user.totp_secret and session.get("mfa"):
        return render_template("admin/totp_enrolled.html")
    if current_user.totp_secret:
        # Enrolled elsewhere after this session started: prove the factor through the login step.
        logout_user()
        session.clear()
        return redirect(url_for("admin.login"))
    secret = session.get("totp_pending_secret") or accounts.new_totp_secret()
    session["totp_pending_secret"] = secret
    form = TotpForm()
    if form.validate_on_submit():
        if accounts.enrol_totp(current_user, secret, form.code.data, ip=request.remote_addr):
            session.pop("totp_pending_secret", None)
            session["mfa"] = True
            flash("Đã bật xác thực hai lớp.", "success")
            return redirect(url_for("admin.dashboard"))
        form.code.errors.append("Mã không khớp. Kiểm tra giờ trên điện thoại rồi nhập mã mới.")
    uri = accounts.totp_uri(current_user, secret)
    return render_template("admin/totp_enrol.html", form=form, secret=secret, qr=_qr_data_uri(uri)), (
        422 if form.is_submitted() else 200
    )
