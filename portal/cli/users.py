"""``flask users create EMAIL --role R``: the password comes from PORTAL_PASSWORD or a prompt."""

from __future__ import annotations

import os

import click
from flask.cli import AppGroup

from portal.models.account import ROLES
from portal.services import accounts

users_group = AppGroup("users", help="Tài khoản của văn phòng HĐND.")


@users_group.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True, help="admin, publisher hoặc editor")
@click.option("--name", default=None, help="Họ và tên hiển thị")
def create_command(email: str, role: str, name: str | None) -> None:
    """Tạo tài khoản cho văn phòng HĐND."""
    password = os.environ.get("PORTAL_PASSWORD") or click.prompt(
        "Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu"
    )
    try:
        user = accounts.create_user(email, role, password, name)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Đã tạo tài khoản {user.email} ({accounts.ROLE_LABELS[role]}).")
    if user.needs_second_factor:
        click.echo("Lần đăng nhập đầu tiên sẽ yêu cầu bật xác thực hai lớp (ứng dụng TOTP).")
