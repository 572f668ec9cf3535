"""Login throttling: per address and per account, 429 in Vietnamese, before the password hash."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from config import TestConfig
from portal import create_app
from portal.extensions import db as _db
from portal.models import RateLimitCounter
from portal.services import accounts
from tests.admin.support import FreshContextClient, csrf_from


def attempt(client, email: str, password: str = "sai-mật-khẩu-lần-nữa"):
    token = csrf_from(client.get("/admin/login").get_data(as_text=True))
    return client.post("/admin/login", data={"email": email, "password": password, "csrf_token": token})


@pytest.fixture
def counted_hashes(monkeypatch):
    calls = []
    real = accounts.verify_password

    def spy(user, password):
        calls.append(password)
        return real(user, password)

    monkeypatch.setattr(accounts, "verify_password", spy)
    return calls


def test_sixth_failure_on_one_account_is_429_in_vietnamese(users, client, counted_hashes):
    for _ in range(5):
        assert attempt(client, "editor@hdnd.example").status_code == 422
    blocked = attempt(client, "editor@hdnd.example")
    assert blocked.status_code == 429
    assert "thử quá nhiều lần" in blocked.get_data(as_text=True)
    assert "Retry-After" in blocked.headers
    # the throttled attempt never reached the password hash, even with the right password
    assert attempt(client, "editor@hdnd.example", "mật-khẩu-thử-nghiệm-đủ-dài").status_code == 429
    assert len(counted_hashes) == 5


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_a_stranger_cannot_lock_the_clerk_out(app, users):
    """The attack: five wrong passwords for the clerk's address from elsewhere used to make the
    right password answer 429 for 15 minutes from anywhere."""
    attacker = from_address(app, "203.0.113.7")
    for _ in range(5):
        assert attempt(attacker, "editor@hdnd.example").status_code == 422
    assert attempt(attacker, "editor@hdnd.example").status_code == 429
    clerk = from_address(app, "10.0.0.5")
    assert attempt(clerk, "editor@hdnd.example", "mật-khẩu-thử-nghiệm-đủ-dài").status_code == 302


def test_guessing_spread_over_many_addresses_meets_the_account_ceiling(app, users):
    for n in range(20):  # four addresses, five failures each: none passes its own pair limit
        assert attempt(from_address(app, f"10.0.{n // 5}.1"), "Editor@HDND.example").status_code == 422
    assert attempt(from_address(app, "10.0.9.9"), "editor@hdnd.example").status_code == 429


def test_locked_out_attempts_are_in_the_audit_log(app, users):
    from portal.models import AuditEvent

    attacker = from_address(app, "203.0.113.7")
    for _ in range(7):
        attempt(attacker, "editor@hdnd.example")
    _db.session.expire_all()
    events = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "login_throttled")).all()
    assert len(events) == 2
    assert {e.target for e in events} == {"user:editor@hdnd.example"} and {e.ip for e in events} == {
        "203.0.113.7"
    }
    assert events[0].detail == {"limit": "5 per 15 minute"}


def test_per_address_limit_holds_across_accounts(app, users):
    client = app.test_client()
    for n in range(20):
        assert attempt(client, f"nguoi{n}@hdnd.example").status_code == 422
    assert attempt(client, "ai-do-khac@hdnd.example").status_code == 429
    other = app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    assert attempt(other, "ai-do-khac-nua@hdnd.example").status_code == 422


def test_successful_logins_do_not_use_up_the_allowance(app, users):
    for _ in range(8):
        client = app.test_client()
        resp = attempt(client, "editor@hdnd.example", "mật-khẩu-thử-nghiệm-đủ-dài")
        assert resp.status_code == 302


def test_client_address_behind_a_proxy_comes_from_x_forwarded_for(tmp_path, template_dbs, users):
    import shutil

    from tests.conftest import make_config

    db_file = tmp_path / "proxy.db"
    shutil.copy(tmp_path / "portal.db", db_file)
    proxied = create_app(make_config(tmp_path, db_file, PROXY_FIX_HOPS=1))
    proxied.test_client_class = FreshContextClient
    with proxied.app_context():
        for n in range(20):
            client = proxied.test_client()
            client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
            assert attempt(client, f"x{n}@hdnd.example").status_code == 422
        client = proxied.test_client()
        client.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.7"
        assert attempt(client, "y@hdnd.example").status_code == 429
        neighbour = proxied.test_client()
        neighbour.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.8"
        assert attempt(neighbour, "z@hdnd.example").status_code == 422
        _db.session.remove()
        _db.engine.dispose()


def test_database_storage_counts_across_app_instances(tmp_path, app, users):
    """Two app objects on one database stand in for two gunicorn workers."""
    from tests.conftest import make_config

    db_file = tmp_path / "portal.db"
    worker_config = make_config(tmp_path, db_file, RATELIMIT_STORAGE_URI="portal-sql://")
    assert TestConfig.RATELIMIT_STORAGE_URI == "memory://"
    worker_a = create_app(worker_config)
    worker_a.test_client_class = FreshContextClient
    for _ in range(3):
        with worker_a.app_context():
            assert attempt(worker_a.test_client(), "editor@hdnd.example").status_code == 422
    worker_b = create_app(worker_config)
    worker_b.test_client_class = FreshContextClient
    with worker_b.app_context():
        for _ in range(2):
            assert attempt(worker_b.test_client(), "editor@hdnd.example").status_code == 422
        assert attempt(worker_b.test_client(), "editor@hdnd.example").status_code == 429
        counts = _db.session.scalars(select(RateLimitCounter.count)).all()
        assert max(counts) == 5
        _db.session.remove()
