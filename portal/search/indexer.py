"""Keep the index true: drain the outbox after commit, one writer at a time, in batches.

Every process that serves requests runs one background thread (started on its first
request or commit) which drains the outbox when woken by a commit and polls it every
second for changes made elsewhere (importers, other hosts, a process that died).  Writers
are serialised by ``fcntl.flock`` on a lock file in the index directory, which the kernel
releases when its process dies, so a killed indexer never blocks the next one.  A drained
batch is written to the index first and only then deleted from the outbox: a process killed
in between leaves rows that the next drain writes again (writes are idempotent).
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy import delete, func, select

from portal.extensions import db
from portal.models import SearchOutbox
from portal.search.base import IndexUnavailable, SearchBackend, SearchDocument
from portal.search.documents import documents_for, iter_documents
from portal.search.registry import get_backend

log = logging.getLogger(__name__)

LOCK_FILE = "indexer.lock"
BATCH_SIZE = 500
GATHER_SECONDS = 0.05


@contextmanager
def writer_lock(index_dir: str | os.PathLike, blocking: bool = True) -> Iterator[bool]:
    """Hold the single-writer lock of an index directory; yield False if not blocking and busy."""
    root = Path(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)


def _index_dir() -> str:
    return current_app.config["SEARCH_INDEX_DIR"]


def _writer_lock(backend: SearchBackend):
    """Return the backend's shared writer lock, or the lock file of the index directory."""
    return backend.exclusive() or writer_lock(_index_dir())


def _rebuild_locked(backend: SearchBackend, documents: Iterable[SearchDocument] | None = None) -> int:
    """Rebuild from the database and forget the outbox rows the rebuild already covers."""
    high = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    db.session.rollback()
    count = backend.rebuild(iter_documents() if documents is None else documents)
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= high))
    db.session.commit()
    return count


def rebuild(backend: SearchBackend | None = None, documents: Iterable[SearchDocument] | None = None) -> int:
    """Build a new index from every published record and swap it in; return the count.

    ``documents`` replaces the read of every record: `flask demo synthetic` passes the records there
    before it ran followed by each batch it writes, so that the index holds every published record."""
    backend = backend or get_backend()
    with _writer_lock(backend):
        return _rebuild_locked(backend, documents)


def migrate(backend: SearchBackend) -> tuple[int, Drift]:
    """Build another backend's index from the database while the live one keeps serving.

    The outbox is left alone (the live backend still drains it); changes committed during
    the build are then caught up from the drift between the database and the new index.
    Returns the number built and what the catch-up wrote."""
    with _writer_lock(backend):
        count = backend.rebuild(iter_documents())
        db.session.rollback()
        drift = check(backend)
        docs, deleted = documents_for([*drift.missing, *drift.stale])
        db.session.rollback()
        backend.apply(docs, [*deleted, *drift.extra])
    return count, drift


def _ensure_index(backend: SearchBackend) -> None:
    """Rebuild an index that is missing or will not open (derived data, never fatal)."""
    try:
        backend.verify()
    except IndexUnavailable as exc:
        log.warning("search index unusable, rebuilding: %s", exc)
        _rebuild_locked(backend)


def _drain_batch(backend: SearchBackend, batch: int) -> int:
    rows = db.session.execute(
        select(SearchOutbox.id, SearchOutbox.record_type, SearchOutbox.record_id)
        .order_by(SearchOutbox.id)
        .limit(batch)
    ).all()
    if not rows:
        return 0
    keys = list(dict.fromkeys(f"{row.record_type}:{row.record_id}" for row in rows))
    docs, deleted = documents_for(keys)
    db.session.rollback()
    backend.apply(docs, deleted)
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row.id for row in rows])))
    db.session.commit()
    return len(rows)


def drain(backend: SearchBackend | None = None, batch: int = BATCH_SIZE) -> int:
    """Write every pending outbox row into the index under the writer lock; return the count."""
    backend = backend or get_backend()
    total = 0
    with _writer_lock(backend):
        _ensure_index(backend)
        while done := _drain_batch(backend, batch):
            total += done
    return total


def pending() -> int:
    """Return the number of outbox rows not yet drained."""
    return db.session.scalar(select(func.count()).select_from(SearchOutbox)) or 0


@dataclass
class Drift:
    """What ``search check`` found: keys missing, extra or stale in the index."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    pending: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


def check(backend: SearchBackend | None = None) -> Drift:
    """Compare every stored key and version with what the database says should be indexed."""
    backend = backend or get_backend()
    expected = {doc.key: doc.version for doc in iter_documents()}
    actual = backend.keys()
    return Drift(
        missing=sorted(expected.keys() - actual.keys()),
        extra=sorted(actual.keys() - expected.keys()),
        stale=sorted(k for k in expected.keys() & actual.keys() if expected[k] != actual[k]),
        pending=pending(),
    )


class Indexer:
    """The per-process background drainer; a commit wakes it, a poll catches the rest."""

    def __init__(self, app: Flask, poll_seconds: float = 1.0) -> None:
        self.app = app
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid: int | None = None
        self._start_lock = threading.Lock()
        self.drained_at = 0.0

    def ensure_started(self) -> None:
        """Start the thread in this process if it is not running (also after a fork)."""
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        with self._start_lock:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._stop.clear()
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self.run, name="search-indexer", daemon=True)
                self._thread.start()

    def wake(self) -> None:
        """Ask for a drain now (called after a commit that wrote outbox rows)."""
        self.ensure_started()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread after its current batch."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._pid == os.getpid():
            self._thread.join(timeout)
        self._thread = None

    def run(self) -> None:
        """Drain when woken or when the poll finds rows; log failures and keep going."""
        while not self._stop.is_set():
            woken = self._wake.wait(self.poll_seconds)
            self._wake.clear()
            if self._stop.is_set():
                break
            if woken:
                time.sleep(GATHER_SECONDS)
            self.step(force=woken)

    def step(self, force: bool = False) -> int:
        """Drain once in a fresh app context (and so a fresh database session)."""
        with self.app.app_context():
            try:
                if force or pending():
                    count = drain()
                    self.drained_at = time.time()
                    return count
            except Exception:  # noqa: BLE001 - the thread must survive and retry at the next poll
                log.exception("search indexer: drain failed; the outbox keeps the rows")
            finally:
                db.session.remove()
        return 0


def indexer_for(app: Flask) -> Indexer | None:
    """Return the app's background indexer (None when ``SEARCH_INDEXER`` is not ``thread``)."""
    return app.extensions.get("search_indexer")


def register(app: Flask) -> None:
    """Create the app's indexer (the thread starts on the first request or commit)."""
    if app.config.get("SEARCH_INDEXER", "thread") != "thread":
        return
    indexer = Indexer(app, float(app.config.get("SEARCH_POLL_SECONDS", 1.0)))
    app.extensions["search_indexer"] = indexer
    app.before_request(indexer.ensure_started)
