"""The PostgreSQL backend (``SEARCH_BACKEND=postgres``): search in the app's own database.

Several web hosts share it with nothing else to run.  Writers on every host are serialised
by a PostgreSQL advisory lock (:meth:`exclusive`, used by the indexer instead of its lock
file), held by a session that ends, and so releases it, if its process dies.  A rebuild
loads ``search_documents_next`` with COPY, builds its indexes, then swaps it in by renaming
in one transaction; readers see the old table until that commit.

Ranking (chosen at rebuild time, recorded in ``search_meta``; see :mod:`.queries`):
``"window"`` (default) ranks a bounded window of the newest matches; ``"rum"`` builds a RUM
index (Debian ``postgresql-15-rum``) and ranks the first matches in its own order.  RUM
orders by relevance over every match, but computing that order costs time in proportion to
the matches: at 100k documents it measured 3-6 times slower than the window for common
syllables (bench/results/search_backends.json), so it is opt-in (``SEARCH_PG_RANKING``).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from portal.search import spelling
from portal.search.base import FACETS, PER_PAGE, IndexUnavailable, SearchBackend, SearchHit, SearchResult
from portal.search.postgres_backend import build, queries
from portal.search.postgres_backend.schema import (
    COLUMNS,
    META,
    TABLE,
    WORDS,
    quote,
    row,
)
from portal.search.snippets import highlight_terms, snippet

log = logging.getLogger(__name__)

ADVISORY_LOCK = 0x5EA2C4  # one number for "the search index writer" in this database
REFRESH_SECONDS = 1.0
ADJACENT_MIN_HITS = 10
DEFAULT_WINDOW = 200
COPY_BATCH = 1000
FREQUENCY_CAP = 10_000
MISSING = "Chưa có chỉ mục tìm kiếm (chạy flask search rebuild)."


def engine_url(url: str) -> str:
    """Return a SQLAlchemy URL using psycopg 3 (the driver the portal installs)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not url.startswith("postgresql+"):
        raise ValueError("SEARCH_BACKEND=postgres cần DATABASE_URL là PostgreSQL.")
    return url


class PostgresBackend(SearchBackend):
    """Search tables in PostgreSQL; ranking by RUM or by a bounded window."""

    name = "postgres"
    needs_database = True

    def __init__(self, root, time_limit: float = 3.0, database_url: str | None = None,
                 ranking: str = "window", window: int = DEFAULT_WINDOW) -> None:  # fmt: skip
        if not database_url:
            raise ValueError("SEARCH_BACKEND=postgres cần DATABASE_URL là PostgreSQL.")
        self.url = engine_url(database_url)
        self.time_limit = time_limit
        if ranking not in ("window", "rum", "auto"):
            raise ValueError(f"SEARCH_PG_RANKING không hợp lệ: {ranking!r} (window, rum, auto)")
        self.ranking = ranking  # "auto": RUM when the extension can be created
        self.window = window
        self._engine: Engine | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._mode: tuple[float, str] | None = None

    # -- connections ---------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """Return this process's engine (a new one after a fork)."""
        with self._lock:
            if self._engine is None or self._pid != os.getpid():
                self._engine = create_engine(self.url, pool_pre_ping=True, pool_size=5)
                self._pid = os.getpid()
            return self._engine

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read-only transaction under the time limit; IndexUnavailable on a missing table."""
        try:
            with self.engine.connect() as conn:
                ms = max(1, int(self.time_limit * 1000))
                conn.execute(text(f"SET LOCAL statement_timeout = {ms}"))
                # Reading every match's tsvector (a sequential scan) costs far more than
                # the planner thinks: the vectors live in TOAST.  The index answers @@.
                conn.execute(text("SET LOCAL enable_seqscan = off"))
                yield conn
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", "") == "42P01":  # undefined_table
                raise IndexUnavailable(MISSING) from exc
            raise
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", "") == "57014":  # query_canceled: time limit
                raise TimeoutError from exc
            raise IndexUnavailable(
                f"Không kết nối được cơ sở dữ liệu tìm kiếm ({exc.orig.__class__.__name__})."
            ) from exc

    @contextmanager
    def exclusive(self) -> Iterator[bool]:
        """Hold the writer lock every host shares (a session-level advisory lock)."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK})
            try:
                yield True
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK})

    def _uses_rum(self, conn: Connection) -> bool:
        """Return whether the live table is ranked by RUM (read at most once a second)."""
        now = time.monotonic()
        if self._mode is None or now - self._mode[0] >= REFRESH_SECONDS:
            mode = conn.scalar(text(f"SELECT value FROM {META} WHERE name = 'ranking'"))
            self._mode = (now, mode or "window")
        return self._mode[1] == "rum"

    # -- searching -----------------------------------------------------------------------

    def search(self, query, filters=None, sort="relevance", page=1, per_page=PER_PAGE):
        if query.is_empty:
            return SearchResult(page=page, per_page=per_page)
        filters = filters or {}
        try:
            with self._read() as conn:
                return self._search(conn, query, filters, sort, page, per_page)
        except TimeoutError:
            return SearchResult(page=page, per_page=per_page, timed_out=True,
                                facets={name: {} for name in FACETS})  # fmt: skip

    def _search(self, conn, query, filters, sort, page, per_page) -> SearchResult:
        adjacent = bool(query.bigrams)
        if adjacent:
            condition = queries.where(query, True, filters)
            total, facets = self._totals(conn, condition)
            adjacent = total >= ADJACENT_MIN_HITS
        if not adjacent:
            condition = queries.where(query, False, filters)
            total, facets = self._totals(conn, condition)
        offset = (page - 1) * per_page
        ranked: list = []
        if total and offset < total:
            ranked = self._page(conn, query, condition, adjacent, sort, per_page, offset)
        hits = self._hits(conn, ranked, highlight_terms(query))
        return SearchResult(total=total, hits=hits, facets=facets, page=page,
                            per_page=per_page, adjacent=adjacent)  # fmt: skip

    def _totals(self, conn, condition) -> tuple[int, dict[str, dict[str, int]]]:
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total = 0
        every = (1 << len(FACETS)) - 1
        rows = conn.execute(text(queries.totals_sql(condition)), condition.params)
        for found in rows:
            if found.grouped == every:
                total = found.n
                continue
            for index, name in enumerate(FACETS):
                value = found[index]
                if found.grouped == every ^ (1 << (len(FACETS) - 1 - index)) and value:
                    facets[name][value] = found.n
        for name, values in facets.items():
            facets[name] = dict(sorted(sorted(values.items()), key=lambda vc: -vc[1]))
        return total, facets

    def _page(self, conn, query, condition, adjacent, sort, per_page, offset) -> list:
        """Return one page: ranked inside the window, then the window's own order."""
        params = {**condition.params, "limit": per_page, "offset": offset}
        if sort == "date":
            return conn.execute(text(queries.dated_sql(condition)), params).all()
        own = list(query.docno_terms)
        rum = self._uses_rum(conn)
        near = not adjacent and bool(query.bigrams)
        params.update(rank=queries.rank_query(query, adjacent) or quote("-"), own=own,
                      window=self.window, adjacent=queries.near_query(query))  # fmt: skip
        ranked = []
        if offset < self.window:
            sql = queries.ranked_sql(condition, rum, bool(own), near)
            ranked = conn.execute(text(sql), params).all()
        if len(ranked) < per_page:
            shown = {r.key for r in ranked}
            params.update(limit=per_page - len(ranked), offset=max(offset, self.window))
            tail = conn.execute(text(queries.tail_sql(condition, rum, bool(own))), params)
            ranked += [r for r in tail if r.key not in shown]
        return ranked

    def _hits(self, conn, ranked: list, terms) -> list[SearchHit]:
        if not ranked:
            return []
        stored = {
            found.key: found
            for found in conn.execute(
                text(
                    f"SELECT key, type, rid, slug, title, body, date FROM {TABLE} WHERE key = ANY(:keys)"
                ),  # fmt: skip
                {"keys": [r.key for r in ranked]},
            )
        }
        return [
            SearchHit(
                key=r.key,
                type=stored[r.key].type,
                id=stored[r.key].rid,
                slug=stored[r.key].slug,
                title=stored[r.key].title,
                date=stored[r.key].date,
                snippet=snippet(stored[r.key].body, terms),
                score=round(float(r.score), 4),
            )  # fmt: skip
            for r in ranked
            if r.key in stored
        ]

    def knows(self, word):
        with self._read() as conn:
            return bool(
                conn.scalar(
                    text(f"SELECT EXISTS (SELECT 1 FROM {TABLE} WHERE terms @@ CAST(:q AS tsquery))"),
                    {"q": quote(word)},
                )
            )

    def pair_count(self, first, second):
        return int(self.knows(f"{first}_{second}"))  # bigram lexemes are plain "a_b"

    def suggest(self, word):
        with self._read() as conn:
            words = conn.scalars(
                text(f"SELECT word FROM {WORDS} WHERE length(word) BETWEEN :low AND :high"),
                {
                    "low": len(word) - spelling.MAX_DISTANCE,
                    "high": len(word) + spelling.MAX_DISTANCE,
                },
            ).all()

            def frequency(candidate: str) -> int:
                return conn.scalar(
                    text(
                        f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE terms @@"
                        f" CAST(:q AS tsquery) LIMIT {FREQUENCY_CAP}) found"
                    ),  # fmt: skip
                    {"q": quote(candidate)},
                )

            return spelling.closest(word, words, frequency)

    # -- writing -------------------------------------------------------------------------

    def _upsert(self, conn: Connection, docs: list) -> None:
        rows, words = [], set()
        for doc in docs:
            values, found = row(doc)
            rows.append(dict(zip(COLUMNS, values, strict=False)))
            words |= found
        names = ", ".join(COLUMNS)
        marks = ", ".join("CAST(:terms AS tsvector)" if c == "terms" else f":{c}" for c in COLUMNS)
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS if c != "key")
        conn.execute(
            text(
                f"INSERT INTO {TABLE} ({names}) VALUES ({marks}) ON CONFLICT (key) DO UPDATE SET {updates}"
            ),  # fmt: skip
            rows,
        )
        if words:
            conn.execute(
                text(
                    f"INSERT INTO {WORDS} (word) SELECT unnest(CAST(:w AS text[])) ON CONFLICT DO NOTHING"
                ),  # fmt: skip
                {"w": sorted(words)},
            )

    def _write(self, docs: list, deleted: list[str]) -> None:
        try:
            with self.engine.begin() as conn:
                if deleted:
                    conn.execute(text(f"DELETE FROM {TABLE} WHERE key = ANY(:keys)"),
                                 {"keys": deleted})  # fmt: skip
                if docs:
                    self._upsert(conn, docs)
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", "") == "42P01":
                raise IndexUnavailable(MISSING) from exc
            raise

    def index(self, docs):
        docs = list(docs)
        if docs:
            self._write(docs, [])
        return len(docs)

    def delete(self, keys):
        keys = list(keys)
        if keys:
            self._write([], keys)
        return len(keys)

    def apply(self, docs, deleted):
        if docs or deleted:
            self._write(list(docs), list(deleted))

    def rebuild(self, docs: Iterable):
        count = build.rebuild(self.engine, docs, self.ranking)
        self._mode = None
        return count

    # -- checking ------------------------------------------------------------------------

    def keys(self):
        with self._read() as conn:
            return dict(conn.execute(text(f"SELECT key, version FROM {TABLE}")).all())

    def count(self):
        with self._read() as conn:
            return conn.scalar(text(f"SELECT count(*) FROM {TABLE}"))

    def verify(self):
        self._mode = None
        try:
            with self._read() as conn:
                conn.scalar(text(f"SELECT key FROM {TABLE} LIMIT 1"))
                conn.scalar(text(f"SELECT count(*) FROM {WORDS} WHERE word = 'hdnd'"))
                self._uses_rum(conn)
        except IndexUnavailable:
            raise
        except (DBAPIError, TimeoutError) as exc:
            raise IndexUnavailable(f"Chỉ mục tìm kiếm bị lỗi ({exc.__class__.__name__}).") from exc

    def close(self):
        with self._lock:
            if self._engine is not None and self._pid == os.getpid():
                self._engine.dispose()
            self._engine = None
