"""The /search page, its live fragment, the JSON API, the Atom feed and /readyz."""

from __future__ import annotations

import shutil

import feedparser
import pytest

from portal.search.registry import get_backend


@pytest.fixture
def web(indexed_app):
    return indexed_app.test_client()


def test_search_page_shows_results_with_snippets_and_facets(web):
    resp = web.get("/search?q=ngan+sach")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert 'aria-live="polite"' in html and 'id="search-results"' in html
    assert "<mark>ngân</mark> <mark>sách</mark>" in html
    assert "Kỳ họp thứ Mười một HĐND thành phố khóa XX" in html
    assert "Lọc kết quả" in html and "Kỳ họp" in html
    assert 'hx-trigger="keyup changed delay:300ms, search"' in html
    assert "htmx-2.0.11.min.js" in html


def test_every_page_has_the_search_box(web):
    html = web.get("/").get_data(as_text=True)
    assert 'action="/search"' in html and 'role="search"' in html


def test_htmx_request_gets_only_the_fragment(web):
    resp = web.get("/search?q=nghi+quyet", headers={"HX-Request": "true"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "HX-Request" in resp.headers["Vary"]
    assert html.lstrip().startswith('<section id="search-results"') and "<html" not in html
    restore = web.get(
        "/search?q=nghi+quyet",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.get_data(as_text=True)


def test_facet_filter_sort_and_pagination_links(web):
    html = web.get("/search?q=th%C3%A0nh+ph%E1%BB%91&type=organization").get_data(as_text=True)
    assert "Bỏ lọc loại" in html and "sort=date" in html
    assert "page=2" in html  # more than ten organizations match
    dated = web.get("/search?q=th%C3%A0nh+ph%E1%BB%91&sort=date")
    assert dated.status_code == 200 and "mới nhất</strong>" in dated.get_data(as_text=True)


def test_suggestion_and_telex(web):
    assert "Có phải bạn muốn tìm" in web.get("/search?q=ngan+sachh").get_data(as_text=True)
    html = web.get("/search?q=nghij+quyeets").get_data(as_text=True)
    assert "Đã tìm theo “<strong>nghị quyết</strong>”" in html


def test_results_link_to_public_pages(web):
    body = web.get("/api/v1/search?q=1107").get_json()
    assert body["results"][0]["url"] == "/documents/thong-bao-1107-tb-hdnd"
    assert web.get(body["results"][0]["url"]).status_code == 200


def test_api_answers_the_spec_shape(web):
    body = web.get("/api/v1/search?q=ng%C3%A2n%20s%C3%A1ch&type=session").get_json()
    assert set(body) >= {
        "query",
        "total",
        "page",
        "per_page",
        "results",
        "facets",
        "suggestion",
    }
    assert body["total"] == 2 and body["page"] == 1 and body["per_page"] == 10
    first = body["results"][0]
    assert set(first) == {"type", "id", "title", "url", "snippet", "date", "score", "council"}
    assert first["type"] == "session" and "<mark>" in first["snippet"]
    assert body["facets"]["type"] == {"session": 2}


@pytest.mark.parametrize(
    "args",
    ["page=0", "page=abc", "page=99999999", "sort=popular", "year=20x0", "type=bogus"],
)
def test_bad_parameters_answer_400_with_a_message(web, args):
    page = web.get(f"/search?q=ngan&{args}")
    assert page.status_code == 400 and "error-box" in page.get_data(as_text=True)
    api = web.get(f"/api/v1/search?q=ngan&{args}")
    assert api.status_code == 400 and api.get_json()["error"]["message"]


MALFORMED = ['"', "AND OR", "*", "-", "x" * 10_240, "%00%01%02", "%E2%80%8B", "%ff%fe",
             "<script>alert(1)</script>", "((()))", '"unterminated phrase', "OR OR OR", '-""',
             "1107/", "/TB-HĐND", "%22" * 3000]  # fmt: skip


def test_malformed_queries_never_500(web):
    for q in MALFORMED:
        for path in ("/search", "/api/v1/search", "/search.atom"):
            resp = web.get(f"{path}?q={q}", headers={"HX-Request": "true"} if "x" in q else {})
            assert resp.status_code in (200, 400), (path, q[:20], resp.status_code)
        html = web.get(f"/search?q={q}").get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html


def test_atom_feed_follows_a_search(web):
    resp = web.get("/search.atom?q=ti%E1%BA%BFp+x%C3%BAc+c%E1%BB%AD+tri")
    assert resp.status_code == 200 and resp.mimetype == "application/atom+xml"
    feed = feedparser.parse(resp.get_data())
    assert feed.entries and "tiếp xúc cử tri" in feed.feed.title
    assert any("Tiếp xúc cử tri" in entry.title for entry in feed.entries)
    assert web.get("/search.atom").status_code == 400
    html = web.get("/search?q=ti%E1%BA%BFp+x%C3%BAc").get_data(as_text=True)
    assert 'type="application/atom+xml"' in html


def test_missing_index_degrades_to_a_message_and_readyz_says_why(indexed_app, web):
    assert web.get("/readyz").get_json()["checks"]["search"] == "ok"
    get_backend().close()
    shutil.rmtree(indexed_app.config["SEARCH_INDEX_DIR"])
    resp = web.get("/search?q=ngan+sach")
    assert resp.status_code == 503 and "Chưa có chỉ mục tìm kiếm" in resp.get_data(as_text=True)
    assert web.get("/").status_code == 200
    ready = web.get("/readyz")
    assert ready.status_code == 503 and "Chưa có chỉ mục" in ready.get_json()["checks"]["search"]
