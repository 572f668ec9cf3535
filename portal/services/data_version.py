"""The data version, and site-wide figures cached per version.

Any write to a table the public site shows bumps the one-row ``data_version`` counter in the
same transaction (an engine listener, so ORM flushes, ORM bulk statements and Core inserts all
count; a rollback undoes the bump with the change). Each process keeps figures computed from
the data keyed by that counter, read from the database once per request, so every gunicorn
worker and every host sees a change on its next request without any message between them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple, TypeVar

from flask import Flask, current_app, g, has_app_context, has_request_context
from sqlalchemy import event, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql.dml import UpdateBase

from portal.models import Base, DataVersion
from portal.models.base import utcnow

T = TypeVar("T")
TABLE = DataVersion.__table__
# Tables no public page, feed or API response reads: writing them leaves the public data as it was.
PRIVATE_TABLES = frozenset(
    {
        "data_version",
        "users",
        "user_councils",
        "revisions",
        "audit_events",
        "import_runs",
        "search_outbox",
        "idempotency_keys",
        "rate_limit_counters",
        "alembic_version",
    }
)
_BUMPED = "portal_data_version_bumped"


class Version(NamedTuple):
    number: int
    changed_at: datetime | None

    @property
    def token(self) -> str:
        """The version as text for validators: the counter and when it last moved."""
        stamp = self.changed_at.isoformat() if self.changed_at else "-"
        return f"{self.number}@{stamp}"


@functools.cache
def public_tables() -> frozenset[str]:
    return frozenset(Base.metadata.tables) - PRIVATE_TABLES


def bump_data_version(target) -> None:
    """Mark the public data as changed, inside the transaction of a Connection or ORM Session."""
    conn = target if isinstance(target, Connection) else target.connection()
    values = {"version": TABLE.c.version + 1, "changed_at": utcnow()}
    if conn.execute(update(TABLE).where(TABLE.c.id == 1).values(**values)).rowcount == 0:
        conn.execute(insert(TABLE).values(id=1, version=1, changed_at=utcnow()))
    conn.info[_BUMPED] = conn.get_transaction()


def _bump_before_public_write(
    conn: Connection, clauseelement, multiparams, params, execution_options
) -> None:
    # Once per transaction, before its first write to a public table: the row lock on PostgreSQL is
    # then always the first lock such a transaction takes, so writers queue instead of deadlocking.
    if not isinstance(clauseelement, UpdateBase):
        return
    table = getattr(clauseelement, "table", None)
    if getattr(table, "name", None) not in public_tables():
        return
    transaction = conn.get_transaction()
    if transaction is not None and conn.info.get(_BUMPED) is transaction:
        return
    bump_data_version(conn)


def _transaction_ended(conn: Connection, *args) -> None:
    if conn.info.pop(_BUMPED, None) is not None and has_request_context():
        g.pop("data_version", None)  # this request changed the data: read the new version


def _savepoint_rolled_back(conn: Connection, name, context) -> None:
    conn.info.pop(_BUMPED, None)  # the bump may have been undone with the savepoint; bump again


def install() -> None:
    """Listen for writes to public tables on every engine, once per process."""
    if event.contains(Engine, "before_execute", _bump_before_public_write):
        return
    event.listen(Engine, "before_execute", _bump_before_public_write)
    event.listen(Engine, "commit", _transaction_ended)
    event.listen(Engine, "rollback", _transaction_ended)
    event.listen(Engine, "rollback_savepoint", _savepoint_rolled_back)


def read_version() -> Version:
    """The current data version, straight from the database (one primary-key read)."""
    from portal.extensions import db

    row = db.session.execute(select(TABLE.c.version, TABLE.c.changed_at).where(TABLE.c.id == 1)).first()
    return Version(row.version, row.changed_at) if row else Version(0, None)


def current_version() -> Version:
    """The data version this request works with: read once per request, then kept in ``g``."""
    if not has_request_context():
        return read_version()
    if "data_version" not in g:
        g.data_version = read_version()
    return g.data_version


class FigureCache:
    """Values computed from the public data, each kept until the data version moves on."""

    def __init__(self) -> None:
        self._values: dict[tuple, tuple[Version, object]] = {}

    def get(self, key: tuple, compute: Callable[[], T]) -> T:
        version = current_version()  # read before computing, so a value is never older than its key
        found = self._values.get(key)
        if found is not None and found[0] == version:
            return found[1]
        value = compute()
        self._values[key] = (version, value)
        return value

    def clear(self) -> None:
        self._values.clear()


def figure_cache(app: Flask) -> FigureCache:
    return app.extensions["site_figures"]


def per_version(
    name: str, by_language: bool = False, by_council: bool = True
) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a function of the public data per data version (and per language where it translates).

    Its arguments are part of the key, and so is the council whose section the request reads (the
    visibility rule limits every query to it); its value must be plain data (no ORM objects), shared
    by every request of the process until the data changes.
    """

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def cached(*args):
            if not has_app_context() or "site_figures" not in current_app.extensions:
                return fn(*args)
            council = g.get("council") if by_council else None
            key = (name, args, _language() if by_language else None, council.id if council else None)
            return figure_cache(current_app).get(key, lambda: fn(*args))

        return cached

    return decorate


def _language() -> str:
    from portal import page_language

    if not has_request_context():
        return current_app.config.get("BABEL_DEFAULT_LOCALE", "vi")
    return page_language()


def teardown(exc: BaseException | None = None) -> None:
    # Tests share one app context between requests, so the per-request copy is dropped explicitly.
    g.pop("data_version", None)


def register(app: Flask) -> None:
    """Give the app its figure cache and forget the version read at the end of each request."""
    install()
    app.extensions["site_figures"] = FigureCache()
    app.teardown_request(teardown)
