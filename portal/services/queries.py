"""Reads shared by pages, API, feeds, search and charts; the published-only rule lives here.

What the public may see is decided by the functions of this module and nowhere else
(tests/test_visibility_rule.py fails on a status comparison in another module):
- published: the records the public reads as content (lists, details, API, search, charts, sitemap);
- shown: published or withdrawn - a withdrawn record keeps its address and shows as a notice
  saying when and why, never its content; drafts are never shown.
Sample records (is_sample) are public and marked as sample wherever shown; a caller that must leave
them out says so (samples=False).
Inside a council's section (services/councils.py: the request's council) every rule is also limited
to that council's records; a caller that reads across councils says so (council=None).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, false, func, select, true, union_all

from portal.extensions import db
from portal.models import Organization
from portal.models.base import PublicRecord
from portal.records import PUBLIC_MODELS
from portal.services import councils
from portal.services.data_version import per_version

PUBLISHED = "published"
SHOWN = ("published", "withdrawn")
CURRENT = object()  # the council whose section the request reads (none: the whole portal)


def in_council(model: type[PublicRecord], council=CURRENT) -> ColumnElement[bool]:
    """The SQL condition that a record belongs to a council (by default the request's; None: any)."""
    council_id = councils.current_id() if council is CURRENT else getattr(council, "id", council)
    if council_id is None:
        return true()
    condition = model.council_id == council_id
    if model is Organization:  # councils are named and linked from every council's pages
        condition = condition | (Organization.kind == "council")
    return condition


def is_published(model: type[PublicRecord], samples: bool = True, council=CURRENT) -> ColumnElement[bool]:
    """The SQL condition that a record of a type is public content (for joins and plain-row selects)."""
    condition = (model.status == PUBLISHED) & in_council(model, council)
    return condition if samples else condition & (model.is_sample == false())


def is_shown(model: type[PublicRecord], council=CURRENT) -> ColumnElement[bool]:
    """The SQL condition that a record of a type has a public page (published or withdrawn)."""
    return model.status.in_(SHOWN) & in_council(model, council)


def public(record: PublicRecord | None) -> bool:
    """Whether a loaded record is public content (a related record a page or the API may show)."""
    return record is not None and record.status == PUBLISHED


def shown(record: PublicRecord | None) -> bool:
    """Whether a loaded record may be named or linked: published, or withdrawn (shown as a notice)."""
    return record is not None and record.status in SHOWN


def withdrawn(record: PublicRecord | None) -> bool:
    """Whether a loaded record is shown as a withdrawal notice instead of its content."""
    return shown(record) and not public(record)


def published(model: type[PublicRecord], samples: bool = True, council=CURRENT) -> Select:
    """Select the records of a type that the public may see."""
    return select(model).where(is_published(model, samples, council))


def published_rows(model: type[PublicRecord], *columns) -> Select:
    """Select columns of the published records of a type (plain rows, no ORM objects)."""
    return select(*columns).where(is_published(model))


def visible(model: type[PublicRecord], council=CURRENT) -> Select:
    """Select published and withdrawn records (withdrawn ones show as tombstones)."""
    return select(model).where(is_shown(model, council))


def withdrawn_records(model: type[PublicRecord]) -> Select:
    """Select the withdrawn records of a type (the tombstones feeds announce)."""
    return visible(model).where(model.status != PUBLISHED)


def get_visible(model: type[PublicRecord], slug: str) -> PublicRecord | None:
    """Find a record by slug unless it is a draft."""
    return db.session.scalar(visible(model).where(model.slug == slug))


def newest_change(model: type[PublicRecord]) -> datetime | None:
    """When a published record of a type last changed."""
    return db.session.scalar(select(func.max(model.updated_at)).where(is_published(model)))


@per_version("last_updated")
def last_updated() -> datetime | None:
    """The latest change to any published record, for the 'cập nhật lần cuối' line."""
    # != "draft" rather than is_shown: the same rows, and the plan reads ix_<table>_updated_at backwards.
    newest = union_all(
        *(
            select(func.max(model.updated_at).label("at")).where(model.status != "draft", in_council(model))
            for model in PUBLIC_MODELS.values()
        )
    ).subquery()
    return db.session.scalar(select(func.max(newest.c.at)))


def current_rows(rows) -> list:
    """The child rows the public reads as current (a supervision's recommendations, their follow-up):
    withdrawn ones are left out of counts, search and the API, and shown only as withdrawn notices."""
    return [row for row in rows if row.withdrawn_at is None]
