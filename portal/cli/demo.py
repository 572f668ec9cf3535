"""``flask demo synthetic``: sample records for benchmarks and load tests, then one index rebuild."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.importers.synthetic import generate
from portal.search import indexer

demo_group = AppGroup("demo", help="Dữ liệu mẫu cho đo hiệu năng và thử tải.")


@demo_group.command("synthetic")
@click.option("--count", default=1000, show_default=True, help="Số bản ghi mẫu cần tạo.")
@click.option("--seed", default=2020, show_default=True, help="Hạt giống ngẫu nhiên.")
def synthetic_command(count: int, seed: int) -> None:
    """Add COUNT synthetic sample records of every type (marked as sample data) and index them."""
    made = generate(count, seed=seed)
    click.echo(f"Đã tạo {made} bản ghi mẫu (is_sample).")
    indexed = indexer.rebuild()
    click.echo(f"Đã lập chỉ mục {indexed} bản ghi.")
