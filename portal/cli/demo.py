"""``flask demo synthetic``: sample records for benchmarks and load tests, then one index rebuild."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from portal.importers.synthetic import generate_in_batches, planned
from portal.search import indexer
from portal.search.documents import documents_for, iter_documents

demo_group = AppGroup("demo", help="Dữ liệu mẫu cho đo hiệu năng và thử tải.")


@demo_group.command("synthetic")
@click.option("--count", default=1000, show_default=True, help="Số bản ghi mẫu cần tạo.")
@click.option("--seed", default=2020, show_default=True, help="Hạt giống ngẫu nhiên.")
@click.option(
    "--councils",
    default=0,
    show_default=True,
    type=click.IntRange(0, 10_000),
    help="Số HĐND xã mẫu của tỉnh mẫu; các bản ghi được chia cho các HĐND ấy.",
)
def synthetic_command(count: int, seed: int, councils: int) -> None:
    """Add COUNT synthetic sample records of every type to a sample province with COUNCILS commune
    councils (all marked as sample data, never a real council's) and index them."""
    where = f", chia cho {councils} HĐND xã mẫu" if councils else ""

    def documents():
        # One rebuild: the records there before this run, then each sample batch once it is committed,
        # so the search workers analyse one batch while this process writes the next.
        yield from iter_documents()
        for keys in generate_in_batches(count, seed=seed, councils=councils):
            yield from documents_for(keys)[0]
        click.echo(f"Đã tạo {planned(count)} bản ghi mẫu (is_sample) của một tỉnh mẫu{where}.")

    indexed = indexer.rebuild(documents=documents())
    click.echo(f"Đã lập chỉ mục {indexed} bản ghi.")
