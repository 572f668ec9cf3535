"""Accounts: login, second factor, logout that really ends the session, password change, expiry."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import AuditEvent, User
from tests.admin.support import PASSWORD, csrf_from, login, refresh_csrf, totp_code


def test_login_page_is_vietnamese_form_with_csrf(client):
    resp = client.get("/admin/login")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert 'name="email"' in html and 'name="password"' in html and 'name="csrf_token"' in html
    assert "Đăng nhập" in html
    assert resp.headers["Cache-Control"] == "no-store"


def test_wrong_password_is_refused_and_audited(app, client, users):
    resp = login(client, "editor@hdnd.example", "sai-mật-khẩu-hoàn-toàn")
    assert resp.status_code == 422
    assert "Email hoặc mật khẩu không đúng" in resp.get_data(as_text=True)
    assert client.get("/admin/").status_code == 302
    event = app.extensions["sqlalchemy"].session.scalar(
        select(AuditEvent).where(AuditEvent.action == "login_failed")
    )
    assert event.target == "user:editor@hdnd.example" and event.ip == "127.0.0.1"


def test_unknown_email_gets_the_same_answer(client, users):
    resp = login(client, "khong-co@hdnd.example", PASSWORD)
    assert resp.status_code == 422
    assert "Email hoặc mật khẩu không đúng" in resp.get_data(as_text=True)


def test_editor_logs_in_with_password_and_login_is_audited(app, editor_client):
    assert editor_client.get("/admin/").status_code == 200
    actions = app.extensions["sqlalchemy"].session.scalars(select(AuditEvent.action)).all()
    assert "login" in actions


def test_publisher_needs_the_totp_code(app, client, users):
    resp = login(client, "publisher@hdnd.example", PASSWORD)  # no code sent
    assert resp.headers["Location"].endswith("/admin/login/totp")
    assert client.get("/admin/").status_code == 302  # not signed in until the code is given
    token = csrf_from(client.get("/admin/login/totp").get_data(as_text=True))
    bad = client.post("/admin/login/totp", data={"code": "000000", "csrf_token": token})
    assert bad.status_code == 422
    good = client.post(
        "/admin/login/totp", data={"code": totp_code(users["publisher"].totp_secret), "csrf_token": token}
    )
    assert good.status_code == 302 and good.headers["Location"].endswith("/admin/")
    assert client.get("/admin/").status_code == 200


def test_a_totp_code_cannot_be_replayed(app, users):
    secret = users["publisher"].totp_secret
    first, second = app.test_client(), app.test_client()
    assert login(first, "publisher@hdnd.example", secret=secret).headers["Location"].endswith("/admin/")
    replay = login(second, "publisher@hdnd.example", secret=secret)
    assert replay.status_code == 422
    assert "đã được dùng" in replay.get_data(as_text=True)


def test_publisher_without_second_factor_must_enrol_before_anything(app, client, users):
    resp = login(client, "moi@hdnd.example")
    assert resp.status_code == 302
    page = client.get("/admin/")
    assert page.status_code == 302 and page.headers["Location"].endswith("/admin/account/totp")
    enrol = client.get("/admin/account/totp")
    html = enrol.get_data(as_text=True)
    assert enrol.status_code == 200 and "data:image/svg+xml;base64," in html
    secret = html.split('<code class="secret">')[1].split("<")[0]
    token = csrf_from(html)
    done = client.post("/admin/account/totp", data={"code": totp_code(secret), "csrf_token": token})
    assert done.status_code == 302
    assert client.get("/admin/").status_code == 200
    _db.session.expire_all()
    assert _db.session.get(User, users["publisher_no_totp"].id).totp_secret == secret  # kept for next login


def test_logout_is_post_only_and_a_replayed_cookie_gets_the_login_page(app, editor_client):
    assert editor_client.get("/admin/logout").status_code == 405
    cookie = editor_client.get_cookie("session").value
    resp = editor_client.post("/admin/logout")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/login")
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    replay = thief.get("/admin/")
    assert replay.status_code == 302 and "/admin/login" in replay.headers["Location"]
    assert "Đăng nhập" in thief.get("/admin/", follow_redirects=True).get_data(as_text=True)


def test_password_change_ends_every_other_session(app, users):
    laptop, phone = app.test_client(), app.test_client()
    login(laptop, "editor@hdnd.example")
    login(phone, "editor@hdnd.example")
    resp = laptop.post(
        "/admin/account/password",
        data={"current": PASSWORD, "new": "một-mật-khẩu-mới-dài", "confirm": "một-mật-khẩu-mới-dài"},
    )
    assert resp.status_code == 302
    assert laptop.get("/admin/").status_code == 200  # this session goes on
    assert phone.get("/admin/").status_code == 302  # the other one is over
    assert login(app.test_client(), "editor@hdnd.example", "một-mật-khẩu-mới-dài").status_code == 302


def test_idle_session_expires(app, editor_client):
    with editor_client.session_transaction() as sess:
        sess["seen"] = time.time() - 31 * 60
    resp = editor_client.get("/admin/")
    assert resp.status_code == 302 and "/admin/login" in resp.headers["Location"]


def test_session_cookie_is_httponly_and_lax(app, users):
    client = app.test_client()
    resp = login(client, "editor@hdnd.example")
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    "payload",
    [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "http:evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "///evil.example",
        " //evil.example",
        "%2F%2Fevil.example",
        "https:/evil.example",
    ],
)
def test_open_redirect_payloads_stay_on_site(app, users, payload):
    client = app.test_client()
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    resp = client.post(
        "/admin/login",
        data={"email": "editor@hdnd.example", "password": PASSWORD, "csrf_token": token, "next": payload},
    )
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert location == "/admin/", location


def test_next_inside_the_site_is_followed(app, users):
    client = app.test_client()
    token = csrf_from(client.get("/admin/login?next=/admin/documents/").get_data(as_text=True))
    resp = client.post(
        "/admin/login",
        data={
            "email": "editor@hdnd.example",
            "password": PASSWORD,
            "csrf_token": token,
            "next": "/admin/documents/",
        },
    )
    assert resp.headers["Location"] == "/admin/documents/"


def test_anonymous_visit_remembers_where_it_was_going(client):
    resp = client.get("/admin/documents/?status=draft")
    assert resp.status_code == 302
    assert "/admin/login?next=/admin/documents/?status%3Ddraft" in resp.headers["Location"]


def test_cli_creates_a_user_from_the_environment(app, runner, monkeypatch):
    monkeypatch.setenv("PORTAL_PASSWORD", "mật-khẩu-từ-biến-môi-trường")
    result = runner.invoke(args=["users", "create", "thu.ky@hdnd.example", "--role", "editor"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo tài khoản thu.ky@hdnd.example" in result.output
    client = app.test_client()
    assert login(client, "thu.ky@hdnd.example", "mật-khẩu-từ-biến-môi-trường").status_code == 302
    refresh_csrf(client)
    assert client.get("/admin/").status_code == 200


def test_cli_refuses_a_short_password(runner, monkeypatch):
    monkeypatch.setenv("PORTAL_PASSWORD", "ngắn")
    result = runner.invoke(args=["users", "create", "a@hdnd.example", "--role", "admin"])
    assert result.exit_code != 0 and "ít nhất 12 ký tự" in result.output


def test_cli_prompts_when_no_password_in_environment(app, runner, monkeypatch):
    monkeypatch.delenv("PORTAL_PASSWORD", raising=False)
    secret = "mật-khẩu-gõ-tay-đủ-dài"
    result = runner.invoke(
        args=["users", "create", "b@hdnd.example", "--role", "publisher"], input=f"{secret}\n{secret}\n"
    )
    assert result.exit_code == 0, result.output
    assert "xác thực hai lớp" in result.output
