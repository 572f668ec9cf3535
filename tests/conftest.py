"""Shared fixtures: a real SQLite file per test (copied from a migrated, seeded template),
a real PostgreSQL server for the session, and clients."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask_migrate import upgrade

from config import TestConfig
from portal import create_app
from portal.extensions import db as _db
from portal.importers.seed import load_seed
from tests.support import postgres

# The longest tests (a minute or more each on 2 cores: subprocess commands above the parallel thresholds,
# generated API clients, schemathesis, the browser walks of every page type) are handed out first, so that
# the two xdist workers share them from the start instead of one of them finishing alone at the end.
SLOW_FIRST = (
    "tests/search/test_commands_subprocess.py",
    "tests/api/test_generated_client.py",
    "tests/e2e/test_lighthouse.py",
    "tests/importers/test_synthetic_command.py",
    "tests/e2e/test_public_pages_browser.py",
    "tests/api/test_schemathesis.py",
    "tests/search/test_consistency.py",
    "tests/councils/test_single_council_addresses.py",
    "tests/councils/test_councils_browser.py",
    "tests/councils/test_council_statistics.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return SLOW_FIRST.index(path) if path in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its place


def make_config(tmp_path: Path, db_file: Path, **overrides) -> type:
    """A fresh config class per app, so no test mutates a shared class."""
    values = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search_index"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
    }
    values.update(overrides)
    return type("PerTestConfig", (TestConfig,), values)


def build_database(directory: Path, seed: bool) -> Path:
    db_file = directory / ("seeded.db" if seed else "empty.db")
    app = create_app(make_config(directory, db_file))
    with app.app_context():
        upgrade()
        if seed:
            load_seed()
        _db.engine.dispose()
    return db_file


@pytest.fixture(scope="session")
def template_dbs(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("templates")
    return {"seeded": build_database(base, seed=True), "empty": build_database(base, seed=False)}


def _app(tmp_path: Path, template: Path, **overrides):
    db_file = tmp_path / "portal.db"
    shutil.copy(template, db_file)
    app = create_app(make_config(tmp_path, db_file, **overrides))
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def app(tmp_path, template_dbs):
    """The app on a real SQLite file holding the migrated schema and the starter data."""
    yield from _app(tmp_path, template_dbs["seeded"])


@pytest.fixture
def empty_app(tmp_path, template_dbs):
    """The app on a migrated but empty database."""
    yield from _app(tmp_path, template_dbs["empty"])


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def htmx_client(app):
    client = app.test_client()
    client.environ_base["HTTP_HX_REQUEST"] = "true"
    return client


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server on loopback for the whole test session."""
    server = postgres.start()
    yield server
    postgres.stop(server)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the session, shared by every browser test (tests/e2e, tests/councils): playwright's
    sync API allows one instance per process."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launched

    with sync_playwright() as pw:
        chromium = launched(pw)
        yield chromium
        chromium.close()
