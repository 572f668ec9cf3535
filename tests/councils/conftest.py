"""The portal of several councils (PORTAL_COUNCIL unset): the starter data (the province council and the
archived city council that owns every real record) plus one current ward council made of fixture
records. The ward council and its records are test fixtures, marked sample, named as test data and
never attached to a real council."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from portal import create_app
from portal.extensions import db as _db
from portal.models import Document, Organization, Petition, Resolution, Session, Term, VoterMeetingRound
from portal.models.base import utcnow
from tests.conftest import make_config

PROVINCE, CITY, WARD = "hdnd-tinh-lang-son", "hdnd-tp-lang-son", "hdnd-phuong-mau-thu-nghiem"
MULTI = {"PORTAL_COUNCIL": None}


def published(record, **values):
    for name, value in values.items():
        setattr(record, name, value)
    record.status, record.published_at, record.is_sample = "published", utcnow(), True
    return record


def add_ward_council() -> dict[str, object]:
    """A current ward council (fixture data) with one record of the main types."""
    province = _db.session.scalar(select(Organization).where(Organization.slug == PROVINCE))
    ward = published(
        Organization(),
        kind="council",
        slug=WARD,
        name="Hội đồng nhân dân phường Mẫu Thử (dữ liệu thử nghiệm)",
        short_name="HĐND phường Mẫu Thử",
        parent=province,
        founded_on=date(2025, 7, 1),
    )
    _db.session.add(ward)
    _db.session.flush()
    ward.council_id = ward.id
    term = Term(
        slug="mau-khoa-thu-nghiem", council_id=ward.id, name="khóa mẫu", start_year=2021, end_year=2026
    )
    session = published(
        Session(),
        council_id=ward.id,
        term=term,
        number=1,
        ordinal_name="thứ Nhất",
        name="Kỳ họp thứ Nhất (dữ liệu thử nghiệm)",
        kind="regular",
        format="in_person",
        start_date=date(2025, 8, 20),
        end_date=date(2025, 8, 20),
        slug="mau-ky-hop-thu-nhat-phuong",
    )
    resolution = published(
        Resolution(),
        council_id=ward.id,
        session=session,
        number="1/NQ-HĐND",
        title="Nghị quyết mẫu về chợ dân sinh (dữ liệu thử nghiệm)",
        adopted_on=date(2025, 8, 20),
        validity="in_force",
        slug="mau-nghi-quyet-cho-dan-sinh",
    )
    document = published(
        Document(),
        council_id=ward.id,
        kind="report",
        number="9/BC-HĐND",
        title="Báo cáo mẫu của phường (dữ liệu thử nghiệm)",
        issued_on=date(2025, 8, 1),
        slug="mau-bao-cao-phuong",
    )
    meeting = published(
        VoterMeetingRound(),
        council_id=ward.id,
        relation="before",
        session=session,
        name="Tiếp xúc cử tri mẫu trước kỳ họp (dữ liệu thử nghiệm)",
        slug="mau-tiep-xuc-cu-tri-phuong",
    )
    petition = published(
        Petition(),
        round=meeting,
        text="Kiến nghị mẫu về đèn đường (dữ liệu thử nghiệm)",
        slug="mau-kien-nghi-den-duong",
    )
    _db.session.add_all([term, session, resolution, document, meeting, petition])
    _db.session.commit()
    return {"ward": ward.id, "session": session.slug, "resolution": resolution.slug, "petition": petition.id}


@pytest.fixture(scope="session")
def councils_db(tmp_path_factory, template_dbs) -> tuple[Path, dict]:
    directory = tmp_path_factory.mktemp("councils")
    db_file = directory / "councils.db"
    shutil.copy(template_dbs["seeded"], db_file)
    app = create_app(make_config(directory, db_file, **MULTI))
    with app.app_context():
        made = add_ward_council()
        _db.session.remove()
        _db.engine.dispose()
    return db_file, made


@pytest.fixture
def app(tmp_path, councils_db):
    """The portal of three councils on a real SQLite file."""
    db_file = tmp_path / "portal.db"
    shutil.copy(councils_db[0], db_file)
    app = create_app(make_config(tmp_path, db_file, **MULTI))
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def ward(councils_db) -> dict:
    return councils_db[1]


@pytest.fixture
def client(app):
    return app.test_client()
