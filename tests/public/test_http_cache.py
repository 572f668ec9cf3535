"""Anonymous public GETs carry a validator from the data version and get 304 without the page running."""

from __future__ import annotations

import gzip
from types import SimpleNamespace

import pytest
from flask import g
from sqlalchemy import event, select

from portal import http_cache
from portal.extensions import db
from portal.models import Resolution
from portal.search import indexer
from portal.search.base import SearchResult
from portal.search.registry import get_backend
from portal.services.publishing import publish
from tests.api.support import draft_resolution

DETAIL = "/documents/bao-cao-ket-qua-hoat-dong-nam-2020"
PAGES = [
    "/",
    "/resolutions",
    "/resolutions?year=2020",
    DETAIL,
    "/statistics",
    "/people",
    "/petitions",
    "/api/v1/resolutions",
    "/api/v1/resolutions?format=csv",
    "/api/v1/documents/bao-cao-ket-qua-hoat-dong-nam-2020",
    "/feeds/all.atom",
    "/sitemap.xml",
    "/sessions.ics",
    "/api/",
]


def statements_of(client, path: str, **kwargs) -> tuple[object, list[str]]:
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(path, **kwargs)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return response, seen


@pytest.mark.parametrize("path", PAGES)
def test_a_current_copy_gets_304_for_the_cost_of_the_version_read(client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["ETag"].startswith('W/"')
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert {"Cookie", "HX-Request"} <= set(first.headers["Vary"].replace(" ", "").split(","))
    again, statements = statements_of(client, path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert len(statements) == 1 and "data_version" in statements[0]


def test_the_comparison_is_weak_and_a_stale_tag_gets_the_page(client):
    tag = client.get("/resolutions").headers["ETag"]
    assert client.get("/resolutions", headers={"If-None-Match": tag.removeprefix("W/")}).status_code == 304
    assert client.get("/resolutions", headers={"If-None-Match": 'W/"khac", ' + tag}).status_code == 304
    assert client.get("/resolutions", headers={"If-None-Match": 'W/"khac"'}).status_code == 200


def test_a_publish_changes_every_tag(client, app):
    before = {
        path: client.get(path).headers["ETag"] for path in ("/", "/resolutions", DETAIL, "/api/v1/sessions")
    }
    publish(draft_resolution(), None)
    for path, tag in before.items():
        after = client.get(path, headers={"If-None-Match": tag})
        assert after.status_code == 200 and after.headers["ETag"] != tag
    assert "Nghị quyết dự thảo chưa công bố" in client.get("/resolutions").get_data(as_text=True)


def test_language_fragment_and_address_change_the_tag(client, htmx_client):
    vietnamese = client.get("/resolutions").headers["ETag"]
    assert client.get("/resolutions?page=2").headers["ETag"] != vietnamese
    assert htmx_client.get("/resolutions").headers["ETag"] != vietnamese
    client.set_cookie("lang", "en")
    english = client.get("/resolutions")
    assert "Resolutions" in english.get_data(as_text=True) and english.headers["ETag"] != vietnamese
    assert client.get("/resolutions", headers={"If-None-Match": vietnamese}).status_code == 200
    assert client.get("/resolutions", headers={"If-None-Match": english.headers["ETag"]}).status_code == 304


def test_a_response_that_sets_the_language_cookie_is_private(client):
    switched = client.get("/resolutions?lang=en")
    assert "lang=en" in switched.headers["Set-Cookie"]
    assert (
        "public" not in switched.headers["Cache-Control"] and "private" in switched.headers["Cache-Control"]
    )


def test_compressed_and_plain_copies_have_their_own_tags(client):
    plain = client.get("/resolutions")
    packed = client.get("/resolutions", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert packed.headers["ETag"] != plain.headers["ETag"] and packed.headers["ETag"].endswith(':gzip"')
    assert "Accept-Encoding" in packed.headers["Vary"]
    again = client.get(
        "/resolutions", headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert again.status_code == 304 and again.headers["ETag"] == packed.headers["ETag"]
    # A gzip copy is not current for a client that cannot read gzip.
    assert client.get("/resolutions", headers={"If-None-Match": packed.headers["ETag"]}).status_code == 200


def test_a_session_cookie_gets_no_public_caching(client):
    client.set_cookie("session", "anything")
    resp = client.get("/resolutions")
    assert resp.status_code == 200
    assert resp.headers["Cache-Control"] == "private, no-cache" and "ETag" not in resp.headers


def test_probes_are_not_validated(client):
    for path in ("/healthz", "/readyz"):
        resp = client.get(path)
        assert "ETag" not in resp.headers and "public" not in resp.headers.get("Cache-Control", "")


def test_a_search_is_validated_by_the_data_and_the_index_it_was_read_from(client, app):
    indexer.rebuild()
    path = "/search?q=ngân+sách"
    search = client.get(path)
    assert search.status_code == 200 and "ETag" in search.headers
    assert client.get(path, headers={"If-None-Match": search.headers["ETag"]}).status_code == 304
    hit = client.get("/api/v1/search?q=ngân+sách").get_json()["results"][0]
    get_backend(app).apply([], [f"{hit['type']}:{hit['id']}"])  # drained later than the data commit
    after = client.get(path, headers={"If-None-Match": search.headers["ETag"]})
    assert after.status_code == 200 and after.headers["ETag"] != search.headers["ETag"]


def test_a_search_cut_short_by_its_time_limit_gets_no_validator(app):
    cut = SimpleNamespace(outcome=SimpleNamespace(result=SearchResult(timed_out=True)))
    whole = SimpleNamespace(outcome=SimpleNamespace(result=SearchResult()))
    for page, kept in ((cut, False), (whole, True)):
        with app.test_request_context("/search?q=x"):
            g.page_etag = "tag"
            http_cache.unless_complete(page)
            assert ("page_etag" in g) is kept


def test_a_withdrawn_record_is_not_served_from_an_old_tag(client, app):
    record = db.session.scalar(select(Resolution).where(Resolution.status == "published"))
    path = f"/resolutions/{record.slug}"
    tag = client.get(path).headers["ETag"]
    from portal.services.publishing import withdraw

    withdraw(record, None, "Nhập nhầm")
    resp = client.get(path, headers={"If-None-Match": tag})
    assert resp.status_code == 200 and "Nhập nhầm" in resp.get_data(as_text=True)
