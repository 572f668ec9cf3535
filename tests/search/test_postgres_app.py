"""The portal on PostgreSQL with SEARCH_BACKEND=postgres, and ``flask search migrate``."""

from __future__ import annotations

import itertools
import time

import pytest
from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db as _db
from portal.importers.seed import load_seed
from portal.search import indexer
from portal.search.query import execute
from portal.search.registry import get_backend, make_backend
from portal.services.publishing import withdraw
from tests.conftest import make_config
from tests.search.workers import new_resolution

_names = itertools.count()


@pytest.fixture
def pg_app(tmp_path, pg_server):
    """The seeded portal on a fresh PostgreSQL database, its search index in that database."""
    url = pg_server.create_database(f"portal_app_{next(_names)}")
    app = create_app(make_config(tmp_path, tmp_path / "unused.db", SQLALCHEMY_DATABASE_URI=url,
                                 SEARCH_BACKEND="postgres", SEARCH_INDEXER="thread",
                                 SEARCH_POLL_SECONDS=0.2))  # fmt: skip
    with app.app_context():
        upgrade()
        load_seed()
        indexer.rebuild()
        yield app
        app.extensions["search_indexer"].stop()
        app.extensions["search_backend"].close()
        _db.session.remove()
        _db.engine.dispose()


def found(q: str) -> list[str]:
    return [hit.key for hit in execute(get_backend(), q, per_page=100).result.hits]


def wait_for(condition, timeout: float = 30.0) -> float:
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < timeout, "condition not met in time"
        time.sleep(0.02)
    return time.monotonic() - started


def test_publish_and_withdraw_reach_postgres_search(pg_app):
    resolution = new_resolution("Nghị quyết về chiếu sáng đô thị pgqwz")
    key = f"resolution:{resolution.id}"
    wait_for(lambda: key in found("pgqwz"))
    withdraw(resolution, None, "Ban hành nhầm")
    wait_for(lambda: key not in found("pgqwz"))
    wait_for(lambda: indexer.pending() == 0)
    assert indexer.check().clean


def test_migrate_builds_another_backend_from_the_database(pg_app):
    runner = pg_app.test_cli_runner()
    result = runner.invoke(args=["search", "migrate", "--to", "tantivy"])
    assert result.exit_code == 0, result.output
    assert "SEARCH_BACKEND=tantivy" in result.output
    tantivy = make_backend("tantivy", pg_app.config["SEARCH_INDEX_DIR"])
    try:
        assert tantivy.keys() == get_backend().keys()
        assert indexer.check(tantivy).clean
    finally:
        tantivy.close()


def test_migrate_to_postgres_needs_a_postgresql_database(app):
    result = app.test_cli_runner().invoke(args=["search", "migrate", "--to", "postgres"])
    assert result.exit_code != 0 and "PostgreSQL" in result.output
