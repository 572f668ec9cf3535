"""Command-line groups: thin wrappers over importable functions."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from portal.cli_users import add_commands as add_user_commands
from portal.importers.seed import SeedError, load_seed
from portal.search import commands as search_commands


def register(app: Flask) -> None:
    @app.cli.command("seed")
    def seed_command() -> None:
        """Load the council's 2020 report as starter data (idempotent)."""
        try:
            report = load_seed()
        except SeedError as exc:
            raise click.ClickException(str(exc)) from exc
        for label, counts in (("tạo mới", report.created), ("cập nhật", report.updated),
                              ("không đổi", report.unchanged)):
            total = sum(counts.values())
            click.echo(f"{label}: {total}" + (f" ({_fmt(counts)})" if total else ""))

    users = AppGroup("users", help="Tài khoản của văn phòng HĐND.")
    add_user_commands(users)
    app.cli.add_command(users)
    app.cli.add_command(search_commands.search_group)
    app.cli.add_command(search_commands.demo_group)


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())
