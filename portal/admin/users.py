"""User management (administrators only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal.admin import bp
from portal.admin.access import requires
from portal.admin.forms import UserCreateForm, UserUpdateForm
from portal.extensions import db
from portal.models import User
from portal.services import accounts


@bp.get("/users/")
@requires("admin")
def user_list():
    users = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("admin/users/list.html", users=users, roles=accounts.ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@requires("admin")
def user_new():
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            accounts.create_user(
                form.email.data,
                form.role.data,
                form.password.data,
                form.name.data,
                actor=current_user,
                ip=request.remote_addr,
            )
        except accounts.AccountError as exc:
            form.email.errors.append(str(exc))
        else:
            flash(
                "Đã tạo tài khoản. Người dùng cần bật xác thực hai lớp nếu là người duyệt đăng "
                "hoặc quản trị.",
                "success",
            )
            return redirect(url_for("admin.user_list"))
    return render_template("admin/users/new.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires("admin")
def user_edit(user_id: int):
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    form = UserUpdateForm(obj=user)
    if form.validate_on_submit():
        try:
            accounts.update_user(
                user, current_user, form.role.data, form.is_active.data, ip=request.remote_addr
            )
        except accounts.AccountError as exc:
            form.role.errors.append(str(exc))
        else:
            flash("Đã cập nhật tài khoản; các phiên đăng nhập của người này đã kết thúc.", "success")
            return redirect(url_for("admin.user_list"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/users/edit.html", form=form, user=user), status
