"""Home page, health and readiness probes."""

from __future__ import annotations

from types import SimpleNamespace

from flask import current_app, jsonify, render_template, request
from sqlalchemy import func, select, text
from sqlalchemy.orm import aliased

from portal.extensions import db
from portal.models import (
    BudgetFigure,
    Document,
    LetterStats,
    PetitionOutcome,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.public import bp
from portal.search.status import search_status
from portal.services import councils, queries
from portal.services.data_version import per_version

SOURCE = ("source_document", "source_section")
FIELDS = {
    "sessions": ("slug", "name", "start_date", "end_date", "kind", "format", "resolutions_count", *SOURCE),
    "resolutions": ("slug", "title", "adopted_on"),
    "rounds": (
        "slug",
        "name",
        "voters_attending",
        "voters_speaking",
        "items_raised",
        "items_aggregated",
        *SOURCE,
    ),
    "outcomes": ("label", "resolved", "in_progress", "scheduled", "total", *SOURCE),
    "letters": (
        "year",
        "label",
        "resolved",
        "received",
        "reported_rate_pct",
        "previous_year_rate_pct",
        *SOURCE,
    ),
    "budget": ("year", "label", "amount_million_vnd", "pct_of_province_estimate", *SOURCE),
}
# The latest sessions and rounds only: the home page stays the same size however many there are.
HOME_SESSIONS = 6
HOME_ROUNDS = 8


def _plain(record, fields: tuple[str, ...], documents: dict) -> SimpleNamespace:
    """The attributes the home page shows, detached from the session so the cache can share them."""
    values = {name: getattr(record, name) for name in fields if name != "source_document"}
    if "source_document" in fields:
        document = documents.get(record.source_document_id)
        values["source_document"] = (
            SimpleNamespace(slug=document.slug, number=document.number) if document is not None else None
        )
    return SimpleNamespace(**values)


def _records() -> dict[str, list]:
    return {
        "sessions": db.session.scalars(
            queries.published(Session).order_by(Session.number.desc()).limit(HOME_SESSIONS)
        ).all(),
        "resolutions": db.session.scalars(
            queries.published(Resolution).order_by(Resolution.adopted_on.desc()).limit(5)
        ).all(),
        "rounds": db.session.scalars(
            queries.published(VoterMeetingRound)
            .order_by(VoterMeetingRound.session_id.desc(), VoterMeetingRound.id.desc())
            .limit(HOME_ROUNDS)
        ).all()[::-1],
        "outcomes": db.session.scalars(queries.published(PetitionOutcome)).all(),
        "letters": db.session.scalars(
            queries.published(LetterStats).where(LetterStats.scope == "city", LetterStats.received > 100)
        ).all(),
        "budget": db.session.scalars(
            queries.published(BudgetFigure)
            .where(BudgetFigure.period == "11_months")
            .order_by(BudgetFigure.id)
        ).all(),
    }


def _source_documents(records: dict[str, list]) -> dict:
    """Every source document the home page cites, in one statement whatever the rows."""
    ids = {
        r.source_document_id
        for rows in records.values()
        for r in rows
        if getattr(r, "source_document_id", None)
    }
    if not ids:
        return {}
    return {d.id: d for d in db.session.scalars(select(Document).where(Document.id.in_(ids)))}


@per_version("home_figures")
def _home_figures() -> dict:
    records = _records()
    documents = _source_documents(records)
    figures = {name: [_plain(r, FIELDS[name], documents) for r in rows] for name, rows in records.items()}
    figures["resolutions_counted"] = db.session.scalar(
        select(func.coalesce(func.sum(Session.resolutions_count), 0)).where(
            Session.id.in_(queries.published(Session).with_only_columns(Session.id))
        )
    )
    figures["supervisions"] = db.session.scalar(
        select(func.count()).select_from(queries.published(Supervision).subquery())
    )
    # The year of this council's own figures (the newest its data gives), not the starter report's.
    years = [r.year for r in (*figures["budget"], *figures["letters"]) if r.year]
    figures["figures_year"] = max(years) if years else None
    return figures


@per_version("portal_latest")
def _portal_latest() -> dict[str, list]:
    """The newest sessions and resolutions of every council (the portal home reads across councils)."""
    sessions = queries.published(Session).order_by(Session.start_date.desc(), Session.id.desc()).limit(5)
    resolutions = queries.published(Resolution).order_by(Resolution.adopted_on.desc(), Resolution.id.desc())
    fields = {"sessions": ("slug", "name", "start_date"), "resolutions": ("slug", "title", "adopted_on")}
    rows = {
        "sessions": db.session.scalars(sessions).all(),
        "resolutions": db.session.scalars(resolutions.limit(5)),
    }
    return {
        name: [
            SimpleNamespace(
                council_id=r.council_id, public_type=r.public_type, **_plain(r, fields[name], {}).__dict__
            )
            for r in records
        ]
        for name, records in rows.items()
    }


def _newest_per_council(model, day) -> dict[int, SimpleNamespace]:
    """Each council's newest published record of a type, in one statement whatever the councils."""
    rank = (
        func.row_number()
        .over(partition_by=model.council_id, order_by=(day.desc().nulls_last(), model.id.desc()))
        .label("rank")
    )
    ranked = queries.published(model, council=None).add_columns(rank).subquery()
    newest = aliased(model, ranked)
    rows = db.session.execute(select(newest, ranked.c.rank).where(ranked.c.rank == 1)).all()
    return {
        r.council_id: SimpleNamespace(
            council_id=r.council_id,
            public_type=r.public_type,
            slug=r.slug,
            title=r.title,
            on=getattr(r, day.key),
        )
        for r, _ in rows
    }


@per_version("council_latest", by_council=False)
def _council_latest() -> dict[str, dict[int, SimpleNamespace]]:
    """The newest session and resolution of every council, for its line on the portal home."""
    return {
        "session": _newest_per_council(Session, Session.start_date),
        "resolution": _newest_per_council(Resolution, Resolution.adopted_on),
    }


def _reorganisations(ended: list[councils.Council]) -> list[tuple[tuple, list[councils.Council]]]:
    """Councils that ended, grouped by the reorganisation that ended them (same date, same basis),
    newest first."""
    groups: dict[tuple, list[councils.Council]] = {}
    for council in sorted(ended, key=lambda c: c.name):
        groups.setdefault((council.dissolved_on, council.basis), []).append(council)
    return sorted(groups.items(), key=lambda item: (item[0][0], item[0][1] or ("", "", 0)), reverse=True)


def _portal_home():
    every = councils.all_councils()  # province first
    query = request.args.get("q", "").strip()[:100]
    shown = councils.matching(query) if query else every
    current = [c for c in shown if not c.ended]
    return render_template(
        "public/home/portal.html",
        query=query,
        provinces=[c for c in current if c.parent_id is None],
        communes=[c for c in current if c.parent_id is not None],
        found_ended=[c for c in shown if c.ended] if query else [],
        reorganisations=_reorganisations([c for c in every if c.ended]),
        latest=_council_latest(),
        **_portal_latest(),
    )


@bp.get("/")
def home():
    if councils.current() is None and not councils.single_slug():
        return _portal_home()
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
        return "Cơ sở dữ liệu không ghi được (đang bị khóa hoặc chỉ đọc)"
    finally:
        db.session.rollback()
    return "ok"


@bp.get("/readyz")
def readyz():
    checks = {"database": _database_status(), "search": search_status()}
    ready = all(v == "ok" for v in checks.values())
    return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503
