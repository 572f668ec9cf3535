"""``flask users create EMAIL --role R [--council SLUG ...]``: the password comes from PORTAL_PASSWORD or a
prompt. Without --council (or with --council '*') the account is province-wide, as every account was
before councils had their own office."""

from __future__ import annotations

import os

import click
from flask.cli import AppGroup

from portal.models.account import ROLES
from portal.services import accounts

users_group = AppGroup("users", help="Tài khoản của văn phòng HĐND.")
PROVINCE = "*"


def _councils(values: tuple[str, ...], role: str) -> dict[int, str] | None:
    """`SLUG` (with --role) or `SLUG:ROLE` per council; none or '*' means the whole province."""
    if not values or PROVINCE in values:
        if len(values) > 1:
            raise accounts.AccountError("--council '*' (toàn tỉnh) không đi cùng HĐND cụ thể.")
        return None
    pairs = [value.rsplit(":", 1) if ":" in value else (value, role) for value in values]
    found = accounts.find_councils([slug for slug, _ in pairs])
    return {council.id: council_role for council, (_, council_role) in zip(found, pairs, strict=True)}


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="admin, publisher hoặc editor")
@click.option("--name", default=None, help="Họ và tên hiển thị")
@click.option(
    "--council",
    "councils",
    multiple=True,
    help="Mã HĐND (lặp lại được; SLUG:vai-trò để đổi vai trò riêng); '*' hoặc bỏ trống: toàn tỉnh",
)
def create_command(email: str, role: str, name: str | None, councils: tuple[str, ...]) -> None:
    """Tạo tài khoản cho văn phòng HĐND."""
    try:
        chosen = _councils(councils, role)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    password = os.environ.get("PORTAL_PASSWORD") or click.prompt(
        "Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
    )
    try:
        user = accounts.create_user(email, role, password, name, councils=chosen)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    if chosen is None:
        click.echo(f"Đã tạo tài khoản {user.email} ({accounts.ROLE_LABELS[role]}, toàn tỉnh).")
    else:
        where = ", ".join(f"{m.council.slug}: {accounts.ROLE_LABELS[m.role]}" for m in user.councils)
        click.echo(f"Đã tạo tài khoản {user.email} ({where}).")
    if user.needs_second_factor:
        click.echo("Lần đăng nhập đầu tiên sẽ yêu cầu bật xác thực hai lớp (ứng dụng TOTP).")
