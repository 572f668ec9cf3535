"""A database locked past the busy timeout: writes answer 503 with Retry-After and the Vietnamese
page, the session is rolled back cleanly, and /readyz says 503 until the lock is gone."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from portal.extensions import db as _db
from portal.search import indexer
from portal.services import accounts
from tests.admin.support import PASSWORD, csrf_from
from tests.conftest import _app

BUSY_MESSAGE = "Cơ sở dữ liệu đang bận hoặc tạm ngừng. Vui lòng thử lại sau ít phút."


@pytest.fixture
def lockable_app(tmp_path, template_dbs):
    """The production-like app (login counters in the database) with a short busy timeout."""
    for app in _app(
        tmp_path, template_dbs["seeded"], SQLITE_BUSY_TIMEOUT_MS=300, RATELIMIT_STORAGE_URI="portal-sql://"
    ):
        accounts.create_user("bientap@hdnd.example", "editor", PASSWORD, "Biên tập")
        _db.session.commit()
        indexer.rebuild()
        yield app


@contextmanager
def held_exclusive(app):
    """Another process holding the SQLite file with BEGIN EXCLUSIVE (reads still work under WAL)."""
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def login_post(client, password: str):
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    return client.post(
        "/admin/login", data={"email": "bientap@hdnd.example", "password": password, "csrf_token": token}
    )


@pytest.mark.parametrize("password", [PASSWORD, "mật khẩu sai hoàn toàn"], ids=["right", "wrong"])
def test_a_login_while_the_database_is_locked_gets_503_then_works(lockable_app, password):
    client = lockable_app.test_client()
    with held_exclusive(lockable_app):
        assert client.get("/").status_code == 200  # reads stay up
        resp = login_post(client, password)
        html = resp.get_data(as_text=True)
        assert resp.status_code == 503, html[:500]
        assert int(resp.headers["Retry-After"]) > 0  # ours (30 s) or the login limiter's window
        assert BUSY_MESSAGE in html and '<html lang="vi">' in html
    assert login_post(client, PASSWORD).status_code == 302  # the same worker's session is usable again


def test_readyz_says_503_while_the_database_cannot_be_written(lockable_app):
    client = lockable_app.test_client()
    assert client.get("/readyz").status_code == 200
    with held_exclusive(lockable_app):
        resp = client.get("/readyz")
        assert resp.status_code == 503
        assert resp.get_json()["checks"] == {
            "database": "Cơ sở dữ liệu không ghi được (đang bị khóa hoặc chỉ đọc)",
            "search": "ok",
        }
    resp = client.get("/readyz")
    assert resp.status_code == 200 and resp.get_json()["checks"]["database"] == "ok"


def test_an_api_request_hitting_a_locked_database_gets_json_503(lockable_app):
    from flask import Blueprint

    from portal.models import AuditEvent

    probe = Blueprint("probe", __name__)

    @probe.get("/api/v1/__write")
    def write():
        _db.session.add(AuditEvent(action="probe", target="probe"))
        _db.session.commit()
        return {"ok": True}

    lockable_app.register_blueprint(probe)
    with held_exclusive(lockable_app):
        resp = lockable_app.test_client().get("/api/v1/__write")
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "30"
    assert resp.get_json()["error"] == {"code": 503, "message": BUSY_MESSAGE}


def test_readyz_on_postgresql_says_503_while_it_cannot_write(tmp_path, pg_server):
    """PostgreSQL: another session holding the version table's lock past the 2 s lock timeout makes
    /readyz answer 503; released, it answers 200 again."""
    import psycopg

    from tests.admin.races import postgres_app

    for app in postgres_app(tmp_path, pg_server):
        indexer.rebuild()
        client = app.test_client()
        assert client.get("/readyz").status_code == 200
        url = app.config["SQLALCHEMY_DATABASE_URI"].replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url) as other:
            other.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")  # in its transaction
            resp = client.get("/readyz")
            assert resp.status_code == 503
            assert resp.get_json()["checks"]["database"] == (
                "Cơ sở dữ liệu không ghi được (đang bị khóa hoặc chỉ đọc)"
            )
            other.rollback()
        resp = client.get("/readyz")
        assert resp.status_code == 200 and resp.get_json()["checks"]["database"] == "ok"
