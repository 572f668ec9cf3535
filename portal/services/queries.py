"""Reads shared by pages, API, feeds, search and charts; the published-only rule lives here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select, union_all

from portal.extensions import db
from portal.models import PUBLIC_MODELS
from portal.models.base import PublicRecord
from portal.services.data_version import per_version


def published(model: type[PublicRecord]) -> Select:
    """Select the records of a type that the public may see."""
    return select(model).where(model.status == "published")


def published_rows(model: type[PublicRecord], *columns) -> Select:
    """Select columns of the published records of a type (plain rows, no ORM objects)."""
    return select(*columns).where(model.status == "published")


def visible(model: type[PublicRecord]) -> Select:
    """Select published and withdrawn records (withdrawn ones show as tombstones)."""
    return select(model).where(model.status.in_(("published", "withdrawn")))


def get_visible(model: type[PublicRecord], slug: str) -> PublicRecord | None:
    """Find a record by slug unless it is a draft."""
    return db.session.scalar(visible(model).where(model.slug == slug))


@per_version("last_updated")
def last_updated() -> datetime | None:
    """The latest change to any published record, for the 'cập nhật lần cuối' line."""
    newest = union_all(*(select(func.max(model.updated_at).label("at")).where(model.status != "draft")
                         for model in PUBLIC_MODELS.values())).subquery()
    return db.session.scalar(select(func.max(newest.c.at)))


def current_rows(rows) -> list:
    """The child rows the public reads as current (a supervision's recommendations, their follow-up):
    withdrawn ones are left out of counts, search and the API, and shown only as withdrawn notices."""
    return [row for row in rows if row.withdrawn_at is None]
