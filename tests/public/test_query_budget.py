"""Every public page type runs the same number of SQL statements at two data sizes (a count, never a time).

The small site is the starter data plus 100 sample records, the large one the starter data plus
2,500 (tests/public/conftest.py). A page that loads a relation per row, or lists everything, runs
more statements on the large site and fails here with the statements that repeat.
"""

from __future__ import annotations

import collections
import csv
import io
import re

import pytest
from sqlalchemy import select

from portal.api.http import CSV_CHUNK
from portal.api.registry import RESOURCES
from portal.models import Session
from portal.public.history import SECTIONS
from portal.public_urls import record_path
from tests.support import pages
from tests.support.statements import capture

pytestmark = pytest.mark.xdist_group("sized_sites")


def count(site, url: str) -> tuple[int, object]:
    client = site.client()
    with capture(site.engine) as captured:
        resp = client.get(url)
        body = resp.get_data()  # streamed bodies (sitemap files, CSV) run their statements here
    assert resp.status_code == 200, (site.name, url, resp.status_code)
    return captured, body


def repeated(captured) -> list[str]:
    """The statements run more than once, for the failure message."""
    shapes = collections.Counter(re.sub(r"\s+", " ", s)[:160] for s, _ in captured.statements)
    return [f"{n}× {s}" for s, n in shapes.items() if n > 1]


def assert_same_budget(sites, url_small: str, url_large: str | None = None) -> int:
    small, _ = count(sites["small"], url_small)
    large, _ = count(sites["large"], url_large or url_small)
    assert len(small) == len(large), (url_small, len(small), len(large), repeated(large))
    return len(large)


def url_of(site):
    def find(kind: str, model, origin: str) -> str:
        stmt = pages.starter_record_id(model) if origin == "starter" else pages.sample_record_id(model)
        record_id = site.scalar(stmt)
        assert record_id is not None, (site.name, model, origin)
        with site.app.test_request_context():
            record = site.scalar(select(model).where(model.id == record_id))
            if kind.startswith("api "):
                return f"/api/v1/{kind[4:]}/{record_id}"
            if kind == "ics":
                assert model is Session
                return f"/sessions/{record.slug}.ics"
            return record_path(record).split("#")[0]

    return find


@pytest.mark.parametrize("label", [*pages.PAGES, *pages.PAGED])
def test_page_runs_as_many_statements_at_2500_records_as_at_starter_size(sites, label):
    url = {**pages.PAGES, **pages.PAGED}[label]
    assert_same_budget(sites, url)


def test_every_detail_page_runs_as_many_statements_at_2500_records(sites):
    small, large = pages.detail_pages(url_of(sites["small"])), pages.detail_pages(url_of(sites["large"]))
    assert small.keys() == large.keys() and len(small) > 25
    failures = []
    for label in small:
        a, _ = count(sites["small"], small[label])
        b, _ = count(sites["large"], large[label])
        if len(a) != len(b):
            failures.append((label, large[label], len(a), len(b), repeated(b)))
    assert not failures, failures


def test_every_history_page_runs_as_many_statements_at_2500_records(sites):
    """A record's public history (page and API) reads its revisions in one statement, whatever the data."""
    small, large = pages.detail_pages(url_of(sites["small"])), pages.detail_pages(url_of(sites["large"]))
    history = [
        label
        for label in small
        if not label.startswith("calendar")
        and (label.startswith("api ") or any(f"/{s}/" in small[label] for s in SECTIONS))
    ]
    assert len(history) > 20
    failures = []
    for label in history:
        a, _ = count(sites["small"], small[label] + "/history")
        b, _ = count(sites["large"], large[label] + "/history")
        if len(a) != len(b):
            failures.append((label, large[label], len(a), len(b), repeated(b)))
    assert not failures, failures


@pytest.mark.parametrize("name", list(RESOURCES))
def test_csv_export_runs_a_fixed_number_of_statements_per_chunk_of_rows(sites, name):
    """A CSV export is every row, read CSV_CHUNK rows at a time: its statements grow with the chunks
    (one page query and one per collection it reads), never with the rows."""
    url = f"/api/v1/{name}?format=csv"
    (small, small_body), (large, large_body) = count(sites["small"], url), count(sites["large"], url)
    chunks = [body.count(b"\n") // CSV_CHUNK + 1 for body in (small_body, large_body)]
    if chunks[0] == chunks[1]:
        assert len(small) == len(large), (name, repeated(large))
    else:
        per_chunk = (len(large) - len(small)) / (chunks[1] - chunks[0])
        assert per_chunk <= 3, (name, len(small), len(large), chunks, repeated(large))


def test_the_large_site_really_is_larger(sites):
    small, large = sites["small"].sample_counts(), sites["large"].sample_counts()
    assert sum(small.values()) >= 100 and sum(large.values()) >= 2500
    assert large["petition"] >= 10 * small["petition"] and large["resolution"] >= 10 * small["resolution"]


def test_the_large_sitemap_lists_every_published_record_once(sites):
    from tests.feeds.test_sitemap import sitemap_entries

    site = sites["large"]
    locs = [loc for loc, _ in sitemap_entries(site.client())]
    assert len(locs) == len(set(locs))
    with site.app.test_request_context():
        from portal.extensions import db
        from portal.records import with_own_page

        expected = {
            "http://localhost" + record_path(r)
            for m in (t.model for t in with_own_page())
            for r in db.session.scalars(select(m).where(m.status == "published"))
        }
    assert len(expected) > 1800 and expected <= set(locs)


def test_a_csv_export_longer_than_a_chunk_keeps_the_lists_order(sites):
    """Chunks are read by id after the ordered id list: the rows come out in the JSON list's order,
    each once, across chunk boundaries."""
    client = sites["large"].client()
    text = client.get("/api/v1/petitions?format=csv").get_data(as_text=True).lstrip("\ufeff")
    slugs = [row["slug"] for row in csv.DictReader(io.StringIO(text))]
    assert len(slugs) > CSV_CHUNK
    listed, page = [], 1
    while True:
        body = client.get(f"/api/v1/petitions?per_page=100&page={page}").get_json()
        listed += [item["slug"] for item in body["items"]]
        if len(body["items"]) < 100:
            break
        page += 1
    assert slugs == listed
