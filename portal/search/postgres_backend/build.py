"""Rebuild the search tables beside the live ones and swap them in (one transaction).

The new table is loaded with COPY before its indexes are built (faster than indexing row by
row), vacuumed so counts can skip the heap, and renamed over the live one; readers see the
old table until the swap commits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from portal.search.postgres_backend.schema import (
    COLUMNS,
    META,
    TABLE,
    WORDS,
    index_sql,
    row,
    table_sql,
)

log = logging.getLogger(__name__)


def rebuild(engine: Engine, docs: Iterable, ranking: str) -> int:
    """Build and swap in new tables; ranking "window", "rum" or "auto" (RUM when the
    extension can be created); return the count."""
    suffix = f"g{time.time_ns()}"
    table, words = f"{TABLE}_next", f"{WORDS}_next"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        rum = _prepare_rum(conn, ranking)
        conn.execute(text(f"DROP TABLE IF EXISTS {table}, {words}"))
        for statement in table_sql(table, words):
            conn.execute(text(statement))
        count = _copy(conn, table, words, docs)
        for statement in index_sql(table, suffix, rum):
            conn.execute(text(statement))
        conn.execute(text(f"VACUUM ANALYZE {table}"))
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {META} (name text PRIMARY KEY, value text)"))
    with engine.begin() as conn:
        conn.execute(text(f"DROP TABLE IF EXISTS {TABLE}, {WORDS}"))
        conn.execute(text(f"ALTER TABLE {table} RENAME TO {TABLE}"))
        conn.execute(text(f"ALTER TABLE {words} RENAME TO {WORDS}"))
        conn.execute(
            text(
                f"INSERT INTO {META} VALUES ('ranking', :mode)"
                " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value"
            ),  # fmt: skip
            {"mode": "rum" if rum else "window"},
        )
    return count


def _prepare_rum(conn: Connection, ranking: str) -> bool:
    """Return whether to build a RUM index (creating the extension when allowed)."""
    if ranking == "window":
        return False
    try:
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS rum"))
        return True
    except DBAPIError as exc:
        if ranking == "rum":
            raise
        log.warning("RUM unavailable, ranking by a bounded window: %s", exc.orig)
        return False


def _copy(conn: Connection, table: str, words: str, docs: Iterable) -> int:
    """Bulk-load documents and their vocabulary with COPY; return the count."""
    raw = conn.connection.driver_connection
    count, vocabulary = 0, set()
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for doc in docs:
                values, found = row(doc)
                copy.write_row(values)
                vocabulary |= found
                count += 1
        with cursor.copy(f"COPY {words} (word) FROM STDIN") as copy:
            for word in sorted(vocabulary):
                copy.write_row((word,))
    return count
