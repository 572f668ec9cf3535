"""Helpers for driving the council office like a browser: CSRF tokens from pages, real logins."""

from __future__ import annotations

import re
import time

import pyotp
from flask.testing import FlaskClient

PASSWORD = "mật-khẩu-thử-nghiệm-đủ-dài"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')
HX_RE = re.compile(r'"X-CSRFToken": "([^"]+)"')
IDEM_RE = re.compile(r'name="idempotency_token" type="hidden" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = TOKEN_RE.search(html) or HX_RE.search(html)
    assert match, "no CSRF token on the page"
    return next(g for g in match.groups() if g)


def idempotency_from(html: str) -> str:
    match = IDEM_RE.search(html)
    assert match, "no idempotency token on the page"
    return match.group(1)


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.at(time.time() + steps_ahead * totp.interval)


def login(
    client,
    email: str,
    password: str = PASSWORD,
    secret: str | None = None,
    steps_ahead: int = 0,
    next_url: str | None = None,
):
    """Sign in through the real forms; afterwards every POST carries the session's CSRF header."""
    page = client.get("/admin/login" + (f"?next={next_url}" if next_url else ""))
    token = csrf_from(page.get_data(as_text=True))
    data = {"email": email, "password": password, "csrf_token": token}
    if next_url:
        data["next"] = next_url
    resp = client.post("/admin/login", data=data)
    if secret and resp.status_code == 302 and resp.headers["Location"].endswith("/admin/login/totp"):
        page = client.get("/admin/login/totp")
        token = csrf_from(page.get_data(as_text=True))
        resp = client.post(
            "/admin/login/totp", data={"code": totp_code(secret, steps_ahead), "csrf_token": token}
        )
    refresh_csrf(client)
    return resp


def refresh_csrf(client) -> str:
    """Read the current session's CSRF token from a page and send it as a header from now on."""
    html = client.get("/admin/login").get_data(as_text=True)
    if "csrf_token" not in html and "X-CSRFToken" not in html:
        html = client.get("/admin/", follow_redirects=True).get_data(as_text=True)
    token = csrf_from(html)
    client.environ_base["HTTP_X_CSRFTOKEN"] = token
    return token


class FreshContextClient(FlaskClient):
    """A test client whose every request gets its own application context.

    The shared `app` fixture keeps one app context open for the whole test, and Flask reuses it for
    test requests, so `g` would survive from one request to the next: Flask-Login's cached user and
    Flask-WTF's cached CSRF token would leak between requests and between clients, and a replayed
    cookie or a CSRF check would be tested against the wrong state. Production has one context per
    request; so do these tests.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)
