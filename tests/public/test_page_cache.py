"""Rendered pages kept per data version: a repeat anonymous visit costs the version read, and a
publish anywhere (another worker, another host) is seen on the next visit."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask

from portal import create_app
from portal.extensions import db
from portal.page_cache import Entry, PageStore
from portal.search import indexer
from portal.search.registry import get_backend
from portal.services.publishing import publish
from tests.api.support import draft_resolution
from tests.conftest import _app, make_config
from tests.public.test_http_cache import PAGES
from tests.support.statements import capture

DRAFT_TITLE = "Nghị quyết dự thảo chưa công bố về phí vệ sinh"


@pytest.fixture
def app(tmp_path, template_dbs):
    yield from _app(tmp_path, template_dbs["seeded"], PAGE_CACHE_BYTES=16 << 20)


def visit(app: Flask, client, path: str, **kwargs):
    """The response and the SQL statements the whole request ran (the page cache's read included)."""
    with capture(db.engine) as captured:
        response = client.get(path, **kwargs)
    return response, [statement for statement, _ in captured.statements]


@pytest.mark.parametrize("path", PAGES)
def test_a_repeat_visit_is_the_same_page_for_one_version_read(app, client, path):
    first, rendered = visit(app, client, path)
    assert first.status_code == 200
    again, statements = visit(app, client, path)
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["ETag"] == first.headers["ETag"]
    assert len(rendered) > 1
    assert len(statements) == 1 and "data_version" in statements[0]


def test_a_kept_page_still_answers_304_to_a_current_copy(app, client):
    tag = client.get("/resolutions").headers["ETag"]
    again, statements = visit(app, client, "/resolutions", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == tag and again.headers["Cache-Control"] == "public, max-age=60"
    assert len(statements) == 1


def test_a_publish_by_another_worker_is_on_the_next_visit(app, client, tmp_path):
    """Two apps on one database file are two gunicorn workers: the second publishes, the first's
    kept list must not survive it."""
    assert DRAFT_TITLE not in client.get("/resolutions").get_data(as_text=True)
    client.get("/resolutions")  # kept now
    other = create_app(make_config(tmp_path / "other", tmp_path / "portal.db", PAGE_CACHE_BYTES=16 << 20))
    with other.app_context():
        publish(draft_resolution(), None)
        db.session.remove()
        db.engine.dispose()
    response, statements = visit(app, client, "/resolutions")
    assert DRAFT_TITLE in response.get_data(as_text=True)
    assert len(statements) > 1


def test_a_reader_with_a_session_gets_a_page_rendered_for_them(app, client):
    client.get("/resolutions")
    client.get("/resolutions")
    client.set_cookie("session", "anything")
    response, statements = visit(app, client, "/resolutions")
    assert response.status_code == 200 and len(statements) > 1
    assert "public" not in response.headers["Cache-Control"]


def test_languages_and_fragments_are_kept_apart(app, client):
    vietnamese = client.get("/resolutions").get_data(as_text=True)
    assert "Nghị quyết" in vietnamese
    client.set_cookie("lang", "en")
    english = client.get("/resolutions").get_data(as_text=True)
    assert english != vietnamese and "Resolutions" in english
    client.delete_cookie("lang")
    fragment = client.get("/resolutions", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in fragment
    assert client.get("/resolutions").get_data(as_text=True) == vietnamese


def test_an_answer_that_sets_a_cookie_is_never_kept(app, client):
    """?lang=en writes the language cookie: a kept copy would hand that cookie to every visitor."""
    for _ in range(2):
        response, statements = visit(app, client, "/resolutions?lang=en")
        assert "Set-Cookie" in response.headers or client.get_cookie("lang")
        client.delete_cookie("lang")
        assert len(statements) > 1


@pytest.mark.parametrize(
    "path", ["/search?q=ngan+sach", "/api/v1/search?q=ngan+sach", "/search.atom?q=ngan+sach"]
)
def test_a_search_is_kept_while_the_index_stays_the_same(app, client, path):
    """The index is drained a moment after the data commit: a kept search page must follow the index
    as well as the data version, so a document the indexer removes is gone on the next visit."""
    indexer.rebuild()
    first, _ = visit(app, client, path)
    again, statements = visit(app, client, path)
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert len(statements) == 1 and "data_version" in statements[0]
    first_hit = first_result_key(client)
    get_backend(app).apply([], [first_hit])  # the index changes, the data version does not
    changed, statements = visit(app, client, path)
    assert len(statements) > 1 and changed.headers["ETag"] != first.headers["ETag"]
    assert changed.get_data() != first.get_data()
    assert first_hit not in {f"{r['type']}:{r['id']}" for r in client.get(API_SEARCH).get_json()["results"]}


API_SEARCH = "/api/v1/search?q=ngan+sach&lang=vi"


def first_result_key(client) -> str:
    result = client.get(API_SEARCH).get_json()["results"][0]
    return f"{result['type']}:{result['id']}"


def test_the_kept_pages_of_a_day_are_not_served_the_next(app, client, monkeypatch):
    """Overdue petitions turn overdue at midnight in Vietnam: the date is part of the key."""
    client.get("/petitions")
    _, statements = visit(app, client, "/petitions")
    assert len(statements) == 1
    monkeypatch.setattr("portal.services.petition_accountability.local_today", lambda: date(2099, 1, 1))
    _, statements = visit(app, client, "/petitions")
    assert len(statements) > 1


def test_the_store_keeps_within_its_bytes_least_recently_used_out_first():
    store = PageStore(max_bytes=3 * (1000 + 512))
    page = Entry("200 OK", [], b"x" * 1000, None)
    for key in ("a", "b", "c"):
        store.put((1, key), page)
    store.get((1, "a"))
    store.put((1, "d"), page)
    assert store.get((1, "b")) is None and store.get((1, "a")) is not None
    assert store.size <= store.max_bytes and len(store) == 3
    store.drop_older_than((2,))
    assert len(store) == 0 and store.size == 0
