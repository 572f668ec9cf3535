"""Migration e13a00000001: an ended organisation's one successor becomes a row of its successors (several
may take over a district council's work), and back, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from config import TestConfig
from portal import create_app
from portal.extensions import db

ORGS = (
    "INSERT INTO organizations (id, council_id, kind, name, slug, status, is_sample, created_at, updated_at, "
    "successor_id) VALUES (:id, :id, 'council', :name, :slug, 'published', true, now, now, :successor)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrate.db'}"
    return request.getfixturevalue("pg_server").create_database("portal_successors")


def test_one_successor_becomes_a_row_of_several_and_back(database_url, tmp_path):
    cfg = type("MigrationConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": str(tmp_path / "idx"),
    })  # fmt: skip
    app = create_app(cfg)
    with app.app_context():
        upgrade(revision="d13a00000001")
        now = "CURRENT_TIMESTAMP"
        with db.engine.begin() as conn:
            for row in (
                {"id": 901, "name": "HĐND xã Mới (thử)", "slug": "moi", "successor": None},
                {"id": 902, "name": "HĐND huyện Cũ (thử)", "slug": "cu", "successor": 901},
            ):
                conn.execute(text(ORGS.replace("now", now)), row)
            # A row elsewhere that refers to the organisations (SQLite rebuilds their table: it must not trip
            # the foreign keys).
            conn.execute(text(
                "INSERT INTO terms (slug, council_id, name, start_year, end_year) VALUES ('k', 902, 'khóa', 2021, 2026)"
            ))  # fmt: skip
        upgrade()
        with db.engine.connect() as conn:
            rows = conn.execute(
                text("SELECT organization_id, successor_id FROM organization_successors")
            ).all()
            assert [tuple(r) for r in rows] == [(902, 901)]
            columns = conn.execute(text("SELECT * FROM organizations WHERE id = 902")).keys()
            assert "successor_id" not in columns
        downgrade(revision="d13a00000001")
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT successor_id FROM organizations WHERE id = 902")).scalar() == 901
        db.session.remove()
        db.engine.dispose()
