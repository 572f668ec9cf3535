"""``flask search rebuild|check|drain|worker|migrate``: thin wrappers over portal.search.indexer."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import AppGroup

from portal.search import indexer
from portal.search.base import IndexUnavailable
from portal.search.registry import BACKENDS, make_backend, options_for

search_group = AppGroup("search", help="Chỉ mục tìm kiếm: lập lại, kiểm tra, cập nhật.")


@search_group.command("rebuild")
def rebuild_command() -> None:
    """Build the index from the database in a new directory and swap it in."""
    started = time.perf_counter()
    count = indexer.rebuild()
    seconds = time.perf_counter() - started
    rate = count / seconds if seconds else 0
    click.echo(f"Đã lập chỉ mục {count} bản ghi trong {seconds:.1f} giây ({rate:.0f} bản ghi/giây).")


@search_group.command("migrate")
@click.option(
    "--to", "target", required=True, type=click.Choice(sorted(BACKENDS)),
    help="Bộ máy tìm kiếm đích.",
)  # fmt: skip
def migrate_command(target: str) -> None:
    """Build the index of another backend from the database (the live one keeps serving)."""
    config = current_app.config
    try:
        backend = make_backend(target, config["SEARCH_INDEX_DIR"],
                               float(config.get("SEARCH_TIME_LIMIT", 3.0)),
                               config.get("SQLALCHEMY_DATABASE_URI"),
                               **options_for(target, config))  # fmt: skip
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    started = time.perf_counter()
    try:
        count, drift = indexer.migrate(backend)
    finally:
        backend.close()
    seconds = time.perf_counter() - started
    caught_up = len(drift.missing) + len(drift.stale) + len(drift.extra)
    click.echo(f"Đã lập chỉ mục {count} bản ghi vào {target} trong {seconds:.1f} giây"
               f" ({caught_up} thay đổi trong lúc lập được cập nhật thêm).")  # fmt: skip
    if target != config.get("SEARCH_BACKEND", "whoosh"):
        click.echo(f"Đặt SEARCH_BACKEND={target} rồi khởi động lại các tiến trình web"
                   " và chạy flask search check.")  # fmt: skip


@search_group.command("drain")
def drain_command() -> None:
    """Write pending outbox rows into the index now."""
    click.echo(f"Đã cập nhật {indexer.drain()} thay đổi vào chỉ mục.")


@search_group.command("check")
@click.option("--limit", default=20, help="Số khóa tối đa liệt kê cho mỗi loại sai lệch.")
def check_command(limit: int) -> None:
    """Compare every indexed key and version with the database; exit 1 on drift."""
    try:
        drift = indexer.check()
    except IndexUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    for label, keys in (("thiếu trong chỉ mục", drift.missing), ("thừa trong chỉ mục", drift.extra),
                        ("cũ so với cơ sở dữ liệu", drift.stale)):  # fmt: skip
        if keys:
            shown = ", ".join(keys[:limit]) + (" …" if len(keys) > limit else "")
            click.echo(f"{len(keys)} bản ghi {label}: {shown}")
    if drift.pending:
        click.echo(f"{drift.pending} thay đổi đang chờ trong hàng đợi (outbox).")
    if not drift.clean:
        raise SystemExit(1)
    click.echo("Chỉ mục khớp với cơ sở dữ liệu: không có sai lệch.")


@search_group.command("worker")
@click.option("--poll", default=0.5, help="Số giây giữa hai lần kiểm tra hàng đợi.")
def worker_command(poll: float) -> None:
    """Drain the outbox continuously in this process (for deployments with a separate worker)."""
    worker = indexer.Indexer(current_app._get_current_object(), poll_seconds=poll)
    click.echo("Đang theo dõi hàng đợi chỉ mục tìm kiếm (Ctrl+C để dừng).")
    try:
        worker.run()
    except KeyboardInterrupt:
        click.echo("Đã dừng.")
