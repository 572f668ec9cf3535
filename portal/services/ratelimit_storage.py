"""A Flask-Limiter storage in the portal's database, so login counters hold across gunicorn workers.

Registered under the `portal-sql://` scheme. Each call runs on its own short connection
(`engine.begin()`), never inside the request's ORM transaction, so a rolled-back form does not
roll back its own failed-attempt count.
"""

from __future__ import annotations

import time

from limits.storage import Storage
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from portal.extensions import db
from portal.models import RateLimitCounter

TABLE = RateLimitCounter.__table__


class PortalSqlStorage(Storage):
    """Fixed-window counters in the `rate_limit_counters` table."""

    STORAGE_SCHEME = ["portal-sql"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options) -> None:
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Add amount to the live counter of key, starting a new window when it has expired."""
        try:
            return self._incr_once(key, expiry, amount)
        except IntegrityError:
            # Another worker started the same window between our update and insert: count again.
            return self._incr_once(key, expiry, amount)

    @staticmethod
    def _incr_once(key: str, expiry: int, amount: int) -> int:
        now = time.time()
        with db.engine.begin() as conn:
            bumped = conn.execute(
                update(TABLE)
                .where(TABLE.c.key == key, TABLE.c.expires_at > now)
                .values(count=TABLE.c.count + amount)
            )
            if bumped.rowcount == 0:
                conn.execute(delete(TABLE).where(TABLE.c.key == key))
                conn.execute(insert(TABLE).values(key=key, count=amount, expires_at=now + expiry))
            return conn.execute(select(TABLE.c.count).where(TABLE.c.key == key)).scalar_one()

    def get(self, key: str) -> int:
        with db.engine.connect() as conn:
            value = conn.execute(
                select(TABLE.c.count).where(TABLE.c.key == key, TABLE.c.expires_at > time.time())
            ).scalar()
        return value or 0

    def get_expiry(self, key: str) -> float:
        with db.engine.connect() as conn:
            value = conn.execute(select(TABLE.c.expires_at).where(TABLE.c.key == key)).scalar()
        return value or time.time()

    def check(self) -> bool:
        try:
            with db.engine.connect() as conn:
                conn.execute(select(TABLE.c.key).limit(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with db.engine.begin() as conn:
            return conn.execute(delete(TABLE)).rowcount

    def clear(self, key: str) -> None:
        with db.engine.begin() as conn:
            conn.execute(delete(TABLE).where(TABLE.c.key == key))
