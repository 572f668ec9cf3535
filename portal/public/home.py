"""Home page, health and readiness probes."""

from __future__ import annotations

from flask import current_app, jsonify, render_template
from sqlalchemy import func, select, text

from portal.extensions import db
from portal.models import (
    BudgetFigure,
    LetterStats,
    PetitionOutcome,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.public import bp
from portal.search.status import search_status
from portal.services import queries


def _home_figures() -> dict:
    sessions = db.session.scalars(queries.published(Session).order_by(Session.number.desc())).all()
    rounds = db.session.scalars(queries.published(VoterMeetingRound)
                                .order_by(VoterMeetingRound.session_id, VoterMeetingRound.id)).all()
    return {
        "sessions": sessions,
        "resolutions": db.session.scalars(queries.published(Resolution)
                                          .order_by(Resolution.adopted_on.desc()).limit(5)).all(),
        "resolutions_counted": sum(s.resolutions_count or 0 for s in sessions),
        "rounds": rounds,
        "outcomes": db.session.scalars(queries.published(PetitionOutcome)).all(),
        "letters": db.session.scalars(queries.published(LetterStats)
                                      .where(LetterStats.scope == "city", LetterStats.received > 100)).all(),
        "budget": db.session.scalars(queries.published(BudgetFigure).where(BudgetFigure.period == "11_months")
                                     .order_by(BudgetFigure.id)).all(),
        "supervisions": db.session.scalar(select(func.count()).select_from(
            queries.published(Supervision).subquery())),
    }


@bp.get("/")
def home():
    return render_template("public/home/index.html", **_home_figures())


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


def _database_status() -> str:
    """Return "ok" if the database can be written now (a no-op UPDATE, rolled back), else why not."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        current_app.logger.warning("readyz database check failed: %s", exc)
        db.session.rollback()
        return "Không kết nối được cơ sở dữ liệu"
    try:
        if db.engine.dialect.name == "postgresql":  # a standby or a stuck migration: fail fast
            db.session.execute(text("SET LOCAL lock_timeout = '2s'"))
        # Takes SQLite's write lock (waiting the busy timeout) and the row lock on PostgreSQL; a
        # read-only standby refuses it.
        db.session.execute(text("UPDATE alembic_version SET version_num = version_num"))
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        current_app.logger.warning("readyz database write check failed: %s", exc)
        return "Cơ sở dữ liệu không ghi được (đang bị khoá hoặc chỉ đọc)"
    finally:
        db.session.rollback()
    return "ok"


@bp.get("/readyz")
def readyz():
    checks = {"database": _database_status(), "search": search_status()}
    ready = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
