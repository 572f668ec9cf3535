"""The migration and the starter data on a real PostgreSQL server started on loopback."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

from config import TestConfig
from portal import create_app
from portal.extensions import db
from portal.importers.seed import load_seed
from portal.models import Base, Session, VoterMeetingRound


def test_migration_and_seed_on_postgresql(pg_server, tmp_path):
    url = pg_server.create_database("portal_migration")
    cfg = type(
        "PgConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(tmp_path / "idx")}
    )
    app = create_app(cfg)
    with app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert load_seed().created["sessions"] == 4
        assert load_seed().changed == 0
        attending = db.session.scalar(select(func.sum(VoterMeetingRound.voters_attending)))
        assert attending == 766 + 877 + 356 + 855
        assert db.session.scalar(select(Session.duration_days).where(Session.number == 12)) == 0.5
        db.session.remove()
        downgrade(revision="base")
        assert "sessions" not in inspect(db.engine).get_table_names()
        db.engine.dispose()
