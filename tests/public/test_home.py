"""The first public face: home page figures, health probes, error pages."""

from __future__ import annotations

import re

from flask import abort


def test_home_shows_headline_figures_in_vietnamese_format(client):
    html = client.get("/").get_data(as_text=True)
    assert "Hội đồng nhân dân thành phố Lạng Sơn" in html
    for text in (
        "390.463 triệu đồng",
        "93,2%",
        "472.408 triệu đồng",
        "550/564",
        "97,5%",
        "98,5%",
        "766",
        "877",
        "356",
        "855",
        "28/7/2020",
    ):
        assert text in html, text
    assert "<strong>26</strong> đã giải quyết" in html


def test_home_figures_link_to_their_source_document(client):
    html = client.get("/").get_data(as_text=True)
    links = set(re.findall(r'class="source" href="([^"]+)"', html))
    assert "/documents/bao-cao-ket-qua-hoat-dong-nam-2020" in links
    assert "/documents/bao-cao-1020-bc-ubnd" in links
    for href in links:
        assert client.get(href).status_code == 200


def test_layout_is_vietnamese_with_skip_link_and_last_updated(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert 'href="#main"' in html
    assert "Cổng thông tin cập nhật dữ liệu gần nhất ngày" in html and "Cập nhật lần cuối" not in html
    assert "cdn" not in html.lower()


def test_report_document_shows_full_text(client):
    html = client.get("/documents/bao-cao-ket-qua-hoat-dong-nam-2020").get_data(as_text=True)
    assert "CHƯƠNG TRÌNH HOẠT ĐỘNG NĂM 2021" in html
    assert "Phạm Đức Huân" in html
    assert "&lt;sup&gt;" not in html and "<sup>" not in html


def test_unknown_page_is_a_vietnamese_404(client):
    resp = client.get("/khong-co-trang-nay")
    assert resp.status_code == 404
    assert "Không tìm thấy trang" in resp.get_data(as_text=True)


def test_unexpected_error_is_a_vietnamese_500_without_trace(app):
    @app.get("/__boom")
    def boom():
        raise RuntimeError("secret internals")

    resp = app.test_client().get("/__boom")
    body = resp.get_data(as_text=True)
    assert resp.status_code == 500
    assert "Lỗi máy chủ" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_api_errors_are_json(app):
    @app.get("/api/v1/__nope")
    def nope():
        abort(404)

    resp = app.test_client().get("/api/v1/__nope")
    assert resp.status_code == 404
    assert resp.get_json()["error"]["code"] == 404


def test_healthz_and_readyz(client):
    from portal.search import indexer

    assert client.get("/healthz").get_json() == {"status": "ok"}
    missing = client.get("/readyz")
    assert missing.status_code == 503
    assert missing.get_json()["checks"]["database"] == "ok"
    assert missing.get_json()["checks"]["search"] != "ok"
    indexer.rebuild()
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {"database": "ok", "search": "ok"}


def test_readyz_reports_unreachable_database(app, tmp_path):
    from portal import create_app
    from tests.conftest import make_config

    broken = create_app(make_config(tmp_path, tmp_path / "missing" / "nowhere.db"))
    resp = broken.test_client().get("/readyz")
    assert resp.status_code == 503
    assert resp.get_json()["checks"]["database"] != "ok"


def test_security_headers_on_every_page(client):
    resp = client.get("/")
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
