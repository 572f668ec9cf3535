"""Two copies of the site for the scale tests: the starter data plus a few sample records, and the
starter data plus ~2,500 sample records (portal.importers.synthetic, as `flask demo synthetic`)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import create_app
from portal.extensions import db as _db
from portal.importers import synthetic
from portal.records import PUBLIC_MODELS
from portal.search.documents import iter_documents
from portal.search.registry import get_backend
from tests.conftest import make_config

# Small: enough sample records that every record type has one (petitions are not in the starter data).
# Large: a province after some months, and more than 50 sessions, so that the calendar and the
# sessions feed (50 items) are full. A page whose statements grow with the data differs between them.
SIZES = {"small": 100, "large": 2500}
# The search index holds this many documents per record type: indexing all 2,500 sample records
# takes half a minute, and the search page's budget only needs more hits than one page shows.
INDEXED_PER_TYPE = 60


def _indexed(docs):
    by_type: dict[str, int] = {}
    for doc in docs:
        by_type[doc.type] = by_type.get(doc.type, 0) + 1
        if by_type[doc.type] <= INDEXED_PER_TYPE:
            yield doc


def _build(directory: Path, seeded: Path, count: int) -> Path:
    db_file = directory / "portal.db"
    shutil.copy(seeded, db_file)
    app = create_app(make_config(directory, db_file))
    with app.app_context():
        synthetic.generate(count, into=app.config["PORTAL_COUNCIL"])
        get_backend().rebuild(islice(_indexed(iter_documents()), 100_000))
        get_backend().close()
        _db.session.remove()
        _db.engine.dispose()
    return directory


def _grow(directory: Path, smaller: Path, count: int) -> Path:
    """A copy of a built site with count more sample records (the same search index: for page sizes)."""
    shutil.copy(smaller / "portal.db", directory / "portal.db")
    shutil.copytree(smaller / "search_index", directory / "search_index")
    app = create_app(make_config(directory, directory / "portal.db"))
    with app.app_context():
        synthetic.generate(count, seed=2021, into=app.config["PORTAL_COUNCIL"])
        _db.session.remove()
        _db.engine.dispose()
    return directory


@pytest.fixture(scope="session")
def sized_templates(tmp_path_factory, template_dbs) -> dict[str, Path]:
    """Directories holding portal.db and search_index, built once per test session."""
    built = {
        name: _build(tmp_path_factory.mktemp(f"sized-{name}"), template_dbs["seeded"], count)
        for name, count in SIZES.items()
    }
    # Twice the large site, for page sizes: below one full page of a list (the starter data has 4
    # sessions) a bounded page still grows, so sizes are compared between two sizes above it.
    built["larger"] = _grow(tmp_path_factory.mktemp("sized-larger"), built["large"], SIZES["large"])
    return built


@dataclass
class Site:
    """One copy of the site: its app, a client and the engine whose statements are counted."""

    name: str
    app: object
    engine: object

    def client(self):
        return self.app.test_client()

    def scalar(self, stmt):
        with self.app.app_context():
            return _db.session.scalar(stmt)

    def sample_counts(self) -> dict[str, int]:
        with self.app.app_context():
            return {
                t: len(_db.session.scalars(select(m.id).where(m.is_sample.is_(True))).all())
                for t, m in PUBLIC_MODELS.items()
            }


@pytest.fixture(scope="module")
def sites(tmp_path_factory, sized_templates):
    """A fresh copy of both sizes for a test module (read-only requests; no app context is held,
    so each request gets its own database session, as in production)."""
    made = {}
    for name, template in sized_templates.items():
        directory = tmp_path_factory.mktemp(f"site-{name}")
        shutil.copy(template / "portal.db", directory / "portal.db")
        shutil.copytree(template / "search_index", directory / "search_index")
        app = create_app(make_config(directory, directory / "portal.db"))
        with app.app_context():
            engine = _db.engine
        made[name] = Site(name, app, engine)
    yield made
    for site in made.values():
        with site.app.app_context():
            site.app.extensions.get("search_backend") and site.app.extensions["search_backend"].close()
            _db.engine.dispose()
