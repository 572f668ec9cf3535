"""CSRF on every form (enabled in tests, as in production) and security headers on every response."""

from __future__ import annotations

import pytest

from tests.admin.test_permissions import MATRIX, admin_rules, build_url, sample_args  # noqa: F401

POSTS = sorted(endpoint for endpoint, method in MATRIX if method == "POST")


def test_csrf_is_not_switched_off_in_tests(app):
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    assert app.config.get("WTF_CSRF_CHECK_DEFAULT", True) is True


@pytest.mark.parametrize("token", [None, "wrong-token", "Ijk4ZWMz.awi7eQ.I_VXsKVh0vN-hJDXajUJaXHrbrg"])
def test_every_form_refuses_a_missing_or_wrong_token(app, admin_client, sample_args, token):  # noqa: F811
    admin_client.environ_base.pop("HTTP_X_CSRFTOKEN")
    checked = []
    for rule, method in admin_rules(app):
        if method != "POST":
            continue
        url = build_url(app, rule, sample_args)
        data = {"csrf_token": token} if token else {}
        resp = admin_client.post(url, data=data)
        assert resp.status_code == 400, (url, resp.status_code)
        assert "mã bảo vệ CSRF" in resp.get_data(as_text=True)
        checked.append(rule.endpoint)
    assert sorted(checked) == POSTS
    # and the refusals changed nothing: the session is still signed in
    assert admin_client.get("/admin/").status_code == 200


def test_login_form_needs_csrf_too(client, users):
    resp = client.post("/admin/login", data={"email": "editor@hdnd.example", "password": "x" * 20})
    assert resp.status_code == 400


def test_a_token_from_another_session_is_refused(app, users, editor_client, admin_client):
    stolen = editor_client.environ_base["HTTP_X_CSRFTOKEN"]
    admin_client.environ_base["HTTP_X_CSRFTOKEN"] = stolen
    assert admin_client.post("/admin/documents/new", data={}).status_code == 400


def test_htmx_requests_carry_the_token_in_hx_headers(editor_client):
    html = editor_client.get("/admin/").get_data(as_text=True)
    assert 'hx-headers=\'{"X-CSRFToken": ' in html


@pytest.mark.parametrize(
    "path",
    ["/", "/admin/login", "/admin/", "/documents/bao-cao-ket-qua-hoat-dong-nam-2020", "/khong-co-trang-nay"],
)
def test_security_headers_on_every_response(client, path):
    resp = client.get(path)
    csp = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Referrer-Policy"]
    assert "Strict-Transport-Security" not in resp.headers  # only in production


def test_production_adds_hsts_and_secure_cookies(tmp_path, monkeypatch, template_dbs):
    import shutil

    from config import config_for
    from portal import create_app

    db_file = tmp_path / "prod.db"
    shutil.copy(template_dbs["seeded"], db_file)
    monkeypatch.setenv("SECRET_KEY", "production-secret-for-test")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db_file}")
    monkeypatch.setenv("SERVER_NAME", "localhost")  # production requires the site's host
    # The production configuration, with its search index and indexer kept out of the checkout.
    app = create_app(
        type(
            "ProductionUnderTest",
            (config_for("production"),),
            {"SEARCH_INDEX_DIR": str(tmp_path / "search_index"), "SEARCH_INDEXER": "off"},
        )
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["RATELIMIT_STORAGE_URI"] in ("portal-sql://",) or app.config[
        "RATELIMIT_STORAGE_URI"
    ].startswith("redis")
    with app.app_context():
        resp = app.test_client().get("/admin/login", base_url="https://localhost")
        assert resp.headers["Strict-Transport-Security"].startswith("max-age=")
        assert "Secure" in resp.headers["Set-Cookie"]
        from portal.extensions import db

        db.session.remove()
        db.engine.dispose()


def test_admin_pages_are_never_cached(editor_client):
    assert editor_client.get("/admin/documents/").headers["Cache-Control"] == "no-store"
