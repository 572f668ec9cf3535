"""The plan check of test_query_plans.py on PostgreSQL: no page's statement reads a record table whole.

With a few thousand rows PostgreSQL rightly prefers sequential scans, so the plans are taken with
`SET enable_seqscan = off`: a `Seq Scan` that remains is one no index can serve.
"""

from __future__ import annotations

import pytest
from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db as _db
from portal.importers import synthetic
from portal.importers.seed import load_seed
from tests.conftest import make_config
from tests.public.conftest import Site
from tests.public.test_query_budget import url_of
from tests.public.test_query_plans import CACHED_AGGREGATES, SMALL_TABLES
from tests.support import pages
from tests.support.statements import capture

pytestmark = pytest.mark.xdist_group("sized_sites")

# The search pages need a search index; their statements are checked on SQLite.
WITHOUT_SEARCH = {
    label: url for label, url in {**pages.PAGES, **pages.PAGED}.items() if not label.startswith("search")
}


@pytest.fixture(scope="module")
def pg_site(tmp_path_factory, pg_server):
    url = pg_server.create_database("portal_query_plans")
    directory = tmp_path_factory.mktemp("pg-plans")
    app = create_app(make_config(directory, directory / "unused.db", SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade()
        load_seed()
        synthetic.generate(600, into=app.config["PORTAL_COUNCIL"])
        engine = _db.engine
        _db.session.remove()
    yield Site("postgres", app, engine)
    with app.app_context():
        _db.engine.dispose()


def seq_scans(site, statements) -> list[tuple[str, str]]:
    found = []
    with site.engine.connect() as conn:
        cursor = conn.connection.cursor()
        cursor.execute("SET enable_seqscan = off")
        for statement, parameters in statements:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + statement, parameters)
            for (line,) in cursor.fetchall():
                if "Seq Scan on " not in line:
                    continue
                table = line.split("Seq Scan on ")[1].split()[0]
                if table in SMALL_TABLES or any(s in statement for s in CACHED_AGGREGATES):
                    continue
                found.append((line.strip(), " ".join(statement.split())[:200]))
        conn.rollback()
    return found


def page_scans(site, url: str) -> list:
    with capture(site.engine) as captured:
        resp = site.client().get(url)
        resp.get_data()
    assert resp.status_code == 200, (url, resp.status_code)
    return seq_scans(site, captured.statements)


def test_no_page_reads_a_record_table_whole_on_postgresql(pg_site):
    urls = {**WITHOUT_SEARCH, **pages.detail_pages(url_of(pg_site))}
    scans = {label: found for label, url in urls.items() if (found := page_scans(pg_site, url))}
    assert not scans, "\n".join(f"{label}: {found}" for label, found in scans.items())


def test_the_check_finds_a_seq_scan_on_postgresql(pg_site):
    statement = "SELECT petitions.id FROM petitions WHERE petitions.text LIKE %(pattern)s"
    ((line, found),) = seq_scans(pg_site, [(statement, {"pattern": "%x%"})])
    assert line.startswith("Seq Scan on petitions") and found == statement
    assert page_scans(pg_site, "/petitions") == []
