"""Home page, health and readiness probes."""

from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, jsonify, render_template
from sqlalchemy import func, select, text
from sqlalchemy.orm import selectinload

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
from portal.services.data_version import per_version

SOURCE = ("source_document", "source_section")
FIELDS = {
    "sessions": ("slug", "name", "start_date", "end_date", "kind", "format", "resolutions_count", *SOURCE),
    "resolutions": ("slug", "title", "adopted_on"),
    "rounds": ("slug", "name", "voters_attending", "voters_speaking", "items_raised", "items_aggregated", *SOURCE),
    "outcomes": ("label", "resolved", "in_progress", "scheduled", "total", *SOURCE),
    "letters": ("label", "resolved", "received", "reported_rate_pct", "previous_year_rate_pct", *SOURCE),
    "budget": ("label", "amount_million_vnd", "pct_of_province_estimate", *SOURCE),
}
# The latest sessions and rounds only: the home page stays the same size however many there are.
HOME_SESSIONS = 6
HOME_ROUNDS = 8


def _plain(record, fields: tuple[str, ...]) -> SimpleNamespace:
    """The attributes the home page shows, detached from the session so the cache can share them."""
    values = {name: getattr(record, name) for name in fields}
    document = values.get("source_document")
    if document is not None:
        values["source_document"] = SimpleNamespace(slug=document.slug, number=document.number)
    return SimpleNamespace(**values)


def _records() -> dict[str, list]:
    with_source = selectinload(Session.source_document)
    return {
        "sessions": db.session.scalars(queries.published(Session).options(with_source)
                                       .order_by(Session.number.desc()).limit(HOME_SESSIONS)).all(),
        "resolutions": db.session.scalars(queries.published(Resolution)
                                          .order_by(Resolution.adopted_on.desc()).limit(5)).all(),
        "rounds": db.session.scalars(queries.published(VoterMeetingRound)
                                     .options(selectinload(VoterMeetingRound.source_document))
                                     .order_by(VoterMeetingRound.session_id.desc(), VoterMeetingRound.id.desc())
                                     .limit(HOME_ROUNDS)).all()[::-1],
        "outcomes": db.session.scalars(queries.published(PetitionOutcome)
                                       .options(selectinload(PetitionOutcome.source_document))).all(),
        "letters": db.session.scalars(queries.published(LetterStats)
                                      .options(selectinload(LetterStats.source_document))
                                      .where(LetterStats.scope == "city", LetterStats.received > 100)).all(),
        "budget": db.session.scalars(queries.published(BudgetFigure)
                                     .options(selectinload(BudgetFigure.source_document))
                                     .where(BudgetFigure.period == "11_months").order_by(BudgetFigure.id)).all(),
    }


@per_version("home_figures")
def _home_figures() -> dict:
    figures = {name: [_plain(r, FIELDS[name]) for r in rows] for name, rows in _records().items()}
    figures["resolutions_counted"] = db.session.scalar(
        select(func.coalesce(func.sum(Session.resolutions_count), 0)).where(Session.id.in_(
            queries.published(Session).with_only_columns(Session.id))))
    figures["supervisions"] = db.session.scalar(select(func.count()).select_from(
        queries.published(Supervision).subquery()))
    return figures


@bp.get("/")
def home():
    return render_template("public/home/index.html", **_home_figures())


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        current_app.logger.warning("readyz database check failed: %s", exc)
        checks["database"] = "Không kết nối được cơ sở dữ liệu"
    checks["search"] = search_status()
    ready = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
