"""Search fixtures: a backend per engine (parametrised), apps whose index is built."""

from __future__ import annotations

import itertools
import shutil

import pytest

from portal import create_app
from portal.extensions import db as _db
from portal.search import indexer
from portal.search.documents import iter_documents
from portal.search.registry import BACKENDS, make_backend
from tests.conftest import make_config
from tests.search.corpus import EXTRA_DOCUMENTS

# Every registered engine passes the same contract (postgres on the session's real server,
# ranked by its bounded window by default and again by the RUM index).
ENGINES = sorted(BACKENDS)
CONTRACT_ENGINES = [*ENGINES, "postgres-rum"]
_databases = itertools.count()


def make_engine(request, name: str, index_dir: str, **options):
    """Create an engine; a postgres one gets a fresh database on the test server."""
    url = None
    if name == "postgres-rum":
        name, options = "postgres", {"ranking": "rum", **options}
    if name == "postgres":
        url = request.getfixturevalue("pg_server").create_database(
            f"search_{next(_databases)}_{id(request) % 100_000}"
        )
    return make_backend(name, index_dir, database_url=url, **options)


@pytest.fixture(scope="module")
def seed_documents(tmp_path_factory, template_dbs):
    """The search documents of the starter data, read once per module."""
    base = tmp_path_factory.mktemp("seed-docs")
    db_file = base / "portal.db"
    shutil.copy(template_dbs["seeded"], db_file)
    app = create_app(make_config(base, db_file))
    with app.app_context():
        docs = list(iter_documents())
        _db.session.remove()
        _db.engine.dispose()
    return docs


@pytest.fixture(scope="module", params=CONTRACT_ENGINES)
def backend(request, tmp_path_factory, seed_documents):
    """A backend holding the starter data and the contract corpus (read-only tests)."""
    engine = make_engine(request, request.param, str(tmp_path_factory.mktemp(f"index-{request.param}")))
    engine.rebuild([*seed_documents, *EXTRA_DOCUMENTS])
    yield engine
    engine.close()


@pytest.fixture(params=CONTRACT_ENGINES)
def fresh_backend(request, tmp_path):
    """An empty backend of each engine for tests that write."""
    engine = make_engine(request, request.param, str(tmp_path / f"index-{request.param}"))
    engine.rebuild([])
    yield engine
    engine.close()


@pytest.fixture
def indexed_app(app, request):
    """The seeded app with its index built (background indexer off: tests drain). Whatever the test
    published, edited or withdrew, `search check` must be clean once the outbox is drained (tests that
    plant drift on purpose are marked `planted_drift`)."""
    indexer.rebuild()
    with app.test_request_context():
        yield app
        if request.node.get_closest_marker("planted_drift") is None:
            _db.session.rollback()
            indexer.drain()
            drift = indexer.check()
            assert drift.clean, (drift.missing[:5], drift.extra[:5], drift.stale[:5])
    app.extensions["search_backend"].close()


@pytest.fixture
def live_indexer_app(tmp_path, template_dbs):
    """A seeded app whose background indexer thread drains after every commit."""
    db_file = tmp_path / "portal.db"
    shutil.copy(template_dbs["seeded"], db_file)
    app = create_app(make_config(tmp_path, db_file, SEARCH_INDEXER="thread", SEARCH_POLL_SECONDS=0.2))
    with app.app_context():
        indexer.rebuild()
        yield app
        app.extensions["search_indexer"].stop()
        app.extensions["search_backend"].close()
        _db.session.remove()
        _db.engine.dispose()
