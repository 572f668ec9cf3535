"""User management: a province-wide administrator manages every account; an administrator of some
councils manages the accounts that work only in those councils."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.admin import bp
from portal.admin.access import councils_for, requires
from portal.admin.forms import UserCreateForm, UserUpdateForm
from portal.extensions import db
from portal.models import Organization, User, UserCouncil
from portal.services import accounts


def _manageable(user: User) -> bool:
    mine = councils_for("admin")
    if mine is None:
        return True
    theirs = {m.council_id for m in user.councils}
    return not user.province_wide and bool(theirs) and theirs <= set(mine)


def _load_choices(form) -> None:
    mine = councils_for("admin")
    q = select(Organization.id, Organization.name).where(Organization.kind == "council")
    if mine is not None:
        q = q.where(Organization.id.in_(mine))
    form.councils.choices = [tuple(row) for row in db.session.execute(q.order_by(Organization.name))]


def _chosen(form) -> dict[int, str] | None:
    """The councils picked, each with the form's role; none picked: province-wide (its admins only)."""
    allowed = {value for value, _ in form.councils.choices}
    picked = form.councils.data or []
    if any(c not in allowed for c in picked):
        raise accounts.AccountError("HĐND được chọn không có trong danh sách.")
    if not picked and councils_for("admin") is not None:
        raise accounts.AccountError("Chọn ít nhất một HĐND mà bạn quản trị.")
    return {c: form.role.data for c in picked} if picked else None


@bp.get("/users/")
@requires("admin")
def user_list():
    users = db.session.scalars(
        select(User)
        .options(selectinload(User.councils).selectinload(UserCouncil.council))
        .order_by(User.email)
    ).all()
    return render_template(
        "admin/users/list.html", users=[u for u in users if _manageable(u)], roles=accounts.ROLE_LABELS
    )


@bp.route("/users/new", methods=["GET", "POST"])
@requires("admin")
def user_new():
    form = UserCreateForm()
    _load_choices(form)
    if form.validate_on_submit():
        try:
            accounts.create_user(
                form.email.data,
                form.role.data,
                form.password.data,
                form.name.data,
                actor=current_user,
                ip=request.remote_addr,
                councils=_chosen(form),
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
    user = db.get_or_404(User, user_id)
    if not _manageable(user):
        abort(403)
    form = UserUpdateForm(obj=user)
    _load_choices(form)
    if not form.is_submitted():
        form.councils.data = [m.council_id for m in user.councils]
    if form.validate_on_submit():
        try:
            accounts.update_user(
                user,
                current_user,
                form.role.data,
                form.is_active.data,
                ip=request.remote_addr,
                councils=_chosen(form),
            )
        except accounts.AccountError as exc:
            form.role.errors.append(str(exc))
        else:
            flash("Đã cập nhật tài khoản; các phiên đăng nhập của người này đã kết thúc.", "success")
            return redirect(url_for("admin.user_list"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/users/edit.html", form=form, user=user), status
