"""A fresh TOTP code posted by several sessions at the same moment lets in exactly one of them
(SQLite and PostgreSQL)."""

from __future__ import annotations

from portal.extensions import db as _db
from tests.admin.races import at_once, publishers
from tests.admin.support import PASSWORD, csrf_from, totp_code


def test_the_same_code_posted_by_three_sessions_at_once_is_accepted_once(race_app):
    user = publishers(race_app, 1)[0]
    submits = []
    for _ in range(3):
        client = race_app.test_client()
        page = client.get("/admin/login").get_data(as_text=True)
        resp = client.post(
            "/admin/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_from(page)}
        )
        assert resp.headers["Location"].endswith("/admin/login/totp")
        token = csrf_from(client.get("/admin/login/totp").get_data(as_text=True))
        submits.append(
            lambda client=client, token=token: client.post(
                "/admin/login/totp", data={"code": code, "csrf_token": token}
            )
        )
    code = totp_code(user.totp_secret)
    results = at_once(*submits)
    assert all(not isinstance(r, Exception) for r in results), results
    assert sorted(r.status_code for r in results) == [302, 422, 422]
    refused = [r for r in results if r.status_code == 422]
    assert all("Mã xác thực không đúng hoặc đã được dùng." in r.get_data(as_text=True) for r in refused)
    _db.session.expire_all()
    assert user.totp_last_step is not None
