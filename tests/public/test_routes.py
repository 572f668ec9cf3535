"""Every public page answers for every starter record; lists work as pages and as htmx fragments."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Session
from portal.public_urls import record_path
from portal.records import PUBLIC_MODELS
from portal.services.publishing import withdraw
from tests.support.petitions import by_key

LISTS = ["/sessions", "/resolutions", "/supervision", "/petitions", "/voter-meetings", "/documents"]
PAGES = [*LISTS, "/", "/reception", "/people", "/programme/2021", "/glossary", "/petitions?view=agency"]
DETAILS = [
    "/sessions/",
    "/resolutions/",
    "/supervision/",
    "/voter-meetings/",
    "/documents/",
    "/organizations/",
]
MAX_PAGE_BYTES = 60 * 1024


def starter_urls(app) -> list[str]:
    urls = set()
    with app.test_request_context():
        for model in PUBLIC_MODELS.values():
            for record in db.session.scalars(select(model).where(model.status == "published")):
                url = record_path(record)
                if url:
                    urls.add(url.split("#")[0])
    return sorted(urls)


def test_every_starter_record_has_a_page_that_answers(app, client):
    urls = starter_urls(app)
    assert len(urls) > 60
    for url in urls:
        resp = client.get(url, follow_redirects=True)  # a person's address leads to their page of /people
        assert resp.status_code == 200, url
        assert len(resp.data) <= MAX_PAGE_BYTES, (url, len(resp.data))


@pytest.mark.parametrize("path", PAGES)
def test_every_section_page_answers_in_vietnamese_within_budget(client, path):
    resp = client.get(path)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert 'rel="canonical"' in html and 'property="og:title"' in html
    assert len(resp.data) <= MAX_PAGE_BYTES


@pytest.mark.parametrize("path", LISTS)
def test_list_answers_full_page_or_fragment_from_one_url(client, htmx_client, path):
    page = client.get(path)
    fragment = htmx_client.get(path)
    assert page.status_code == fragment.status_code == 200
    assert "HX-Request" in page.headers["Vary"] and "HX-Request" in fragment.headers["Vary"]
    page_html, fragment_html = page.get_data(as_text=True), fragment.get_data(as_text=True)
    assert "<html" in page_html and 'id="results"' in page_html
    assert fragment_html.lstrip().startswith('<div id="results"')
    assert "<html" not in fragment_html


def test_history_restore_gets_the_full_page(htmx_client):
    resp = htmx_client.get("/sessions?kind=regular", headers={"HX-History-Restore-Request": "true"})
    assert "<html" in resp.get_data(as_text=True)


def test_filter_narrows_the_list(client):
    html = client.get("/sessions?kind=extraordinary").get_data(as_text=True)
    assert "Kỳ họp thứ Mười hai" in html and "Kỳ họp thứ Mười ba" not in html
    html = client.get("/supervision?kind=inspection&body=thuong-truc-hdnd-thanh-pho-lang-son").get_data(
        as_text=True
    )
    assert "4 cuộc giám sát, kiểm tra" in html


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=99999",
        "kind=%3Cscript%3E",
        "session=khong-co",
        "page=0",
        "page=-1",
        "page=abc",
        "year=2020%00",
        "kind=" + "x" * 5000,
        "status=' OR 1=1 --",
        "view=zzz",
    ],
)
def test_hostile_filter_values_get_a_clear_400_never_500(client, htmx_client, query):
    path = "/petitions?" + query if query.startswith(("status", "view")) else "/sessions?" + query
    if query.startswith("session="):
        path = "/resolutions?" + query
    for c in (client, htmx_client):
        resp = c.get(path)
        assert resp.status_code == 400, path
        html = resp.get_data(as_text=True)
        assert "Không lọc được danh sách" in html
        assert "<script>" not in html


@pytest.mark.parametrize("path", ["/sessions?foo=bar", "/documents?year=1999", "/resolutions?topic=%25%25"])
def test_harmless_odd_queries_answer_200(client, path):
    assert client.get(path).status_code == 200


def test_out_of_range_page_is_empty_with_a_link_back(client):
    resp = client.get("/sessions?page=50")
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "Trang 50 không có kết quả" in html
    assert 'href="/sessions"' in html


@pytest.mark.parametrize("prefix", DETAILS)
def test_unknown_slugs_are_404_pages(client, prefix):
    resp = client.get(prefix + "khong-ton-tai")
    assert resp.status_code == 404
    assert "Không tìm thấy trang" in resp.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/petitions/999999", "/programme/1990", "/petitions/abc"])
def test_unknown_numbers_are_404(client, path):
    assert client.get(path).status_code == 404


def test_drafts_are_never_reachable(app, client):
    session = by_key(Session, "session-14")
    session.status = "draft"
    db.session.commit()
    assert client.get("/sessions/" + session.slug).status_code == 404
    assert "Kỳ họp thứ Mười bốn" not in client.get("/sessions").get_data(as_text=True)


def test_withdrawn_records_keep_their_url_with_reason_and_date(app, client):
    session = by_key(Session, "session-12")
    withdraw(session, None, "Trùng với bản ghi khác")
    resp = client.get("/sessions/" + session.slug)
    assert resp.status_code == 200
    html = resp.get_data(as_text=True)
    assert "đã được rút ngày" in html and "Trùng với bản ghi khác" in html
    assert "Kỳ họp thứ Mười hai" not in client.get("/sessions").get_data(as_text=True)


def test_detail_pages_link_their_source_and_related_records(client):
    html = client.get("/sessions/ky-hop-thu-muoi-hai-khoa-xx").get_data(as_text=True)
    assert "/documents/bao-cao-ket-qua-hoat-dong-nam-2020" in html
    assert "Nghị quyết về việc điều chỉnh kế hoạch đầu tư công trung hạn" in html
    assert "Số liệu theo" in html or "Đăng trên cổng ngày" in html
    html = client.get("/voter-meetings/tiep-xuc-cu-tri-sau-ky-hop-thu-muoi-ba").get_data(as_text=True)
    assert "/documents/bao-cao-1020-bc-ubnd" in html and "<strong>26</strong>" in html


def test_programme_redirects_to_the_latest_year(client):
    resp = client.get("/programme")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/programme/2021")
