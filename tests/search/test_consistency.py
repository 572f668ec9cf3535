"""The index stays true: after commits, across processes, after crashes and rebuilds."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Resolution
from portal.search import indexer
from portal.search.base import IndexUnavailable
from portal.search.query import SearchRequest, execute, search
from portal.search.registry import get_backend
from portal.services.publishing import save, withdraw
from tests.search.workers import drain_slowly, new_resolution, publish_many

QUERIES = [
    "ngân sách",
    "hdnd",
    "1107",
    '"trật tự đô thị"',
    "giám sát -covid",
    "nghij quyeets",
]


def found(q: str) -> list[str]:
    return [hit.key for hit in execute(get_backend(), q, per_page=100).result.hits]


def wait_for(condition, timeout: float = 30.0) -> float:
    """Wait for the condition; generous, since the machine may be loaded (latency is measured in
    bench/publish_searchable_bench.py, never asserted here)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "condition not met in time"
        time.sleep(0.02)
    return time.monotonic() - started


def snapshot() -> dict[str, list[tuple[str, str]]]:
    backend = get_backend()
    return {q: [(h.key, h.snippet) for h in execute(backend, q, per_page=100).result.hits] for q in QUERIES}


def test_publish_becomes_searchable_without_a_manual_drain(live_indexer_app):
    resolution = new_resolution("Nghị quyết về chiếu sáng đô thị kplmq")
    key = f"resolution:{resolution.id}"
    wait_for(lambda: key in found("kplmq"))
    wait_for(lambda: indexer.pending() == 0)


def test_withdraw_removes_and_edit_updates(live_indexer_app):
    resolution = new_resolution("Nghị quyết về cây xanh vrtuw")
    key = f"resolution:{resolution.id}"
    wait_for(lambda: key in found("vrtuw"))
    resolution.title = "Nghị quyết về thoát nước ghjwk"
    save(resolution, None)
    wait_for(lambda: key in found("ghjwk") and key not in found("vrtuw"))
    withdraw(resolution, None, "Ban hành nhầm")
    wait_for(lambda: key not in found("ghjwk"))


def test_stale_index_never_shows_a_withdrawn_record(indexed_app):
    resolution = db.session.scalar(select(Resolution).order_by(Resolution.id))
    withdraw(resolution, None, "Thử chỉ mục cũ")  # not drained: the index still holds it
    assert f"resolution:{resolution.id}" in found(resolution.title)
    page = search(SearchRequest(resolution.title))
    assert all(item.hit.key != f"resolution:{resolution.id}" for item in page.items)


def test_four_processes_publishing_at_once_lose_nothing(indexed_app, tmp_path):
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 3.0
    procs = [context.Process(target=publish_many, args=(str(tmp_path), w, 5, start_at)) for w in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    assert indexer.pending() == 0
    for w in range(4):
        for n in range(5):
            assert len(found(f"zqx{chr(97 + w)}w{chr(97 + n)}")) == 1  # one word: no digits
    assert indexer.check().clean


def test_process_killed_while_indexing_loses_nothing(indexed_app, tmp_path):
    keys = [f"resolution:{new_resolution(f'Nghị quyết bị ngắt {n} wqpz{n}').id}" for n in range(3)]
    ready = tmp_path / "ready"
    proc = multiprocessing.get_context("spawn").Process(target=drain_slowly, args=(str(tmp_path), str(ready)))
    proc.start()
    wait_for(ready.exists, timeout=30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.join(10)
    assert indexer.pending() >= 3 and found("wqpz0") == []
    assert indexer.drain() >= 3
    assert [found(f"wqpz{n}") for n in range(3)] == [[key] for key in keys]
    assert indexer.pending() == 0 and indexer.check().clean


def test_deleting_the_index_then_rebuild_restores_identical_results(indexed_app):
    before = snapshot()
    assert any(before.values())
    get_backend().close()
    shutil.rmtree(indexed_app.config["SEARCH_INDEX_DIR"])
    page = search(SearchRequest("ngân sách"))
    assert page.error and not page.items  # a clear message, not an exception
    indexer.rebuild()
    assert snapshot() == before


def test_an_index_that_will_not_open_is_rebuilt_by_the_next_drain(indexed_app):
    root = Path(indexed_app.config["SEARCH_INDEX_DIR"])
    get_backend().close()
    (root / "CURRENT").write_text("gen-does-not-exist")
    try:
        get_backend().verify()
        raise AssertionError("verify accepted a broken index")
    except IndexUnavailable:
        pass
    indexer.drain()
    get_backend().verify()
    assert found("ngân sách")


@pytest.mark.planted_drift
def test_check_reports_zero_drift_and_catches_planted_drift(indexed_app, runner):
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 0 and "không có sai lệch" in result.output
    backend = get_backend()
    resolution = db.session.scalar(select(Resolution).order_by(Resolution.id))
    backend.delete([f"resolution:{resolution.id}"])
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code == 1 and f"resolution:{resolution.id}" in result.output
    drift = indexer.check()
    assert drift.missing == [f"resolution:{resolution.id}"] and not drift.stale


@pytest.mark.planted_drift
def test_check_catches_a_stale_version(indexed_app):
    resolution = db.session.scalar(select(Resolution).order_by(Resolution.id))
    db.session.execute(
        Resolution.__table__.update().where(Resolution.id == resolution.id).values(title="Đổi ngầm")
    )  # a change that bypassed the ORM, so no outbox row
    db.session.commit()
    assert indexer.check().stale == [f"resolution:{resolution.id}"]


def test_rebuild_and_drain_commands(indexed_app, runner):
    new_resolution("Nghị quyết chờ cập nhật mnbvc")
    assert runner.invoke(args=["search", "drain"]).exit_code == 0
    assert len(found("mnbvc")) == 1
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0 and "Đã lập chỉ mục" in result.output
