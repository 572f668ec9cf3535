"""Fixtures for the council office: one user per role, signed-in clients, sample records."""

from __future__ import annotations

from datetime import date

import pyotp
import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import Document, Organization, Petition, User, VoterMeetingRound
from portal.services import accounts
from portal.services.publishing import save
from tests.admin.races import postgres_app
from tests.admin.support import PASSWORD, FreshContextClient, login

ROLES = ("editor", "publisher", "admin")


@pytest.fixture(autouse=True)
def fresh_context_per_request(app):
    app.test_client_class = FreshContextClient
    yield


@pytest.fixture
def users(app) -> dict[str, User]:
    """editor (no second factor), publisher and admin (TOTP enrolled), publisher without TOTP."""
    made = {}
    for role in ROLES:
        user = accounts.create_user(f"{role}@hdnd.example", role, PASSWORD, f"Cán bộ {role}")
        if role != "editor":
            user.totp_secret = pyotp.random_base32()
        made[role] = user
    made["publisher_no_totp"] = accounts.create_user("moi@hdnd.example", "publisher", PASSWORD, "Người mới")
    _db.session.commit()
    return made


def _client_for(app, user: User):
    client = app.test_client()
    resp = login(client, user.email, secret=user.totp_secret)
    assert resp.status_code == 302 and "/admin/login" not in resp.headers["Location"], resp.headers
    return client


@pytest.fixture
def editor_client(app, users):
    return _client_for(app, users["editor"])


@pytest.fixture
def publisher_client(app, users):
    return _client_for(app, users["publisher"])


@pytest.fixture
def admin_client(app, users):
    return _client_for(app, users["admin"])


def make_ward_council() -> Organization:
    """A second council (a ward's, under the province council), with no records yet."""
    province = _db.session.scalar(
        select(Organization).where(Organization.kind == "council", Organization.parent_id.is_(None))
    )
    council = Organization(
        kind="council",
        name="Hội đồng nhân dân phường Thử Nghiệm",
        short_name="HĐND phường Thử Nghiệm",
        slug="hdnd-phuong-thu-nghiem",
        parent=province,
        status="published",
        is_sample=True,
    )
    _db.session.add(council)
    _db.session.commit()
    return council


@pytest.fixture
def ward_council(app) -> Organization:
    return make_ward_council()


def seeded_city_council() -> Organization:
    return _db.session.scalar(
        select(Organization).where(Organization.kind == "council", Organization.parent_id.is_not(None))
    )


@pytest.fixture
def city_council(app) -> Organization:
    """The seeded city council (2016-2021), whose records the starter data holds."""
    return seeded_city_council()


def council_clerk(email: str, council: Organization, role: str) -> User:
    user = accounts.create_user(
        email, role, PASSWORD, f"Cán bộ {council.short_name}", councils={council.id: role}
    )
    if role != "editor":
        user.totp_secret = pyotp.random_base32()
    _db.session.commit()
    return user


@pytest.fixture
def ward_admin(app, ward_council) -> User:
    """An administrator of the ward council only."""
    return council_clerk("quantri.phuong@hdnd.example", ward_council, "admin")


@pytest.fixture
def ward_admin_client(app, ward_admin):
    return _client_for(app, ward_admin)


@pytest.fixture
def anonymous_client(app):
    from tests.admin.support import refresh_csrf

    client = app.test_client()
    refresh_csrf(client)
    return client


@pytest.fixture
def report(app) -> Document:
    """The published 2020 report from the starter data."""
    return _db.session.scalar(select(Document).where(Document.slug == "bao-cao-ket-qua-hoat-dong-nam-2020"))


@pytest.fixture
def petition(app) -> Petition:
    """A draft petition in the first seeded round (the seed holds no individual petitions)."""
    round_ = _db.session.scalar(select(VoterMeetingRound).order_by(VoterMeetingRound.id))
    petition = Petition(
        round=round_,
        text="Đề nghị sửa chữa mặt đường thử nghiệm.",
        level="city",
        petition_status="in_progress",
        voter_accepted="unknown",
        slug="kien-nghi-thu",
        status="draft",
        due_by=date(2021, 6, 30),
    )
    save(petition, None, "Tạo để kiểm thử")
    return petition


@pytest.fixture(params=["sqlite", "postgresql"])
def race_app(request, tmp_path):
    """The seeded portal on SQLite (the shared `app` fixture), then on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("app")
    else:
        yield from postgres_app(tmp_path, request.getfixturevalue("pg_server"))
