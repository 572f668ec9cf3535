"""``flask seed``: load the council's 2020 report as starter data."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from portal.importers.seed import SeedError, load_seed


@click.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load the council's 2020 report as starter data (idempotent)."""
    try:
        report = load_seed()
    except SeedError as exc:
        raise click.ClickException(str(exc)) from exc
    for label, counts in (("tạo mới", report.created), ("cập nhật", report.updated),
                          ("không đổi", report.unchanged)):  # fmt: skip
        total = sum(counts.values())
        click.echo(f"{label}: {total}" + (f" ({_fmt(counts)})" if total else ""))


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())
