"""A tantivy rebuild's analysis in worker processes, one per core, while this process reads the
database and tantivy indexes in its own threads (``TantivyBackend.rebuild``)."""

from __future__ import annotations

import collections
import contextlib
import fcntl
import itertools
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from portal.search.tantivy_backend.schema import analyse

PARALLEL_MIN_DOCS = 2_000
# While a rebuild's workers run, this process's thread that reads their results gets the GIL back this soon
# (Python's default is 5 ms): it reads a result in pipe-sized pieces and waited for the GIL after each one
# while the caller's thread (reading the database, or `demo synthetic` writing it) held it, so the workers
# sat blocked on a full pipe.  py-spy of `demo synthetic --count 30000`: the two workers waited 21 s of
# 125 s (14 s in Connection._send); with this and the 1 MB pipe below, 3.4 s.
RESULTS_SWITCH_SECONDS = 0.0005
RESULTS_PIPE_BYTES = 1 << 20  # Linux's default pipe-max-size


_seen_words: set[str] = set()  # per worker process: the folded words already sent


WORKER_NICENESS = 5  # the process feeding the workers (reading, writing the index) goes first


def _start_worker() -> None:
    """Start a worker with no words sent yet, below the process that feeds it: that process is the
    pipeline's critical path (it reads the database, and `demo synthetic` writes it too), and a worker
    waiting for the next batch is wasted while one that yields the CPU to it is not."""
    _seen_words.clear()
    os.nice(WORKER_NICENESS)


def _analyse_in_worker(doc) -> tuple:
    """Return a document's :func:`analyse` output with only the words this worker has not
    sent before (the vocabulary saturates, so little comes back over the pipe)."""
    analysed, words = analyse(doc)
    fresh = words - _seen_words
    _seen_words.update(fresh)
    return analysed, fresh


@contextmanager
def analysed_in_parallel(docs: Iterable) -> Iterator[Iterator]:
    """Yield (:func:`fields`, new folded words) of each document, computed by one worker
    process per core (the analysis is Python; tantivy indexes in its own threads
    meanwhile).  Small rebuilds and single-core machines analyse in this process."""
    docs = iter(docs)
    first = list(itertools.islice(docs, PARALLEL_MIN_DOCS))
    cores = os.cpu_count() or 1
    if len(first) < PARALLEL_MIN_DOCS or cores < 2:
        yield map(analyse, itertools.chain(first, docs))
        return
    context = multiprocessing.get_context("fork")
    switch = sys.getswitchinterval()
    sys.setswitchinterval(RESULTS_SWITCH_SECONDS)
    try:
        with context.Pool(cores, initializer=_start_worker) as pool:
            _widen_results_pipe(pool)
            yield _pipelined(pool, first, docs)
    finally:
        sys.setswitchinterval(switch)


def _widen_results_pipe(pool) -> None:
    """Let the workers' results queue up to 1 MB in the pipe (Linux's default is 64 KB, a few
    documents' results) so a worker blocks less while this process's reader waits for the GIL.
    Reaches into the pool's queue (CPython's ``multiprocessing.pool``); where that or the pipe size
    cannot be set, the pipe stays as it is."""
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(pool._outqueue._writer.fileno(), fcntl.F_SETPIPE_SZ, RESULTS_PIPE_BYTES)


def _pipelined(pool, first: list, docs: Iterator) -> Iterator[tuple]:
    """Analyse batches in the pool while the caller reads the next batch.

    The documents are read here, in the caller's thread: they come from a database session
    bound to the caller's application context, which the pool's feeder thread does not have
    (handing ``pool.imap`` the generator itself failed with "Working outside of application
    context").  At most two batches are in flight, so memory stays bounded."""
    in_flight: collections.deque = collections.deque()
    batch = first
    while batch:
        in_flight.append(pool.imap(_analyse_in_worker, batch, chunksize=64))
        batch = list(itertools.islice(docs, PARALLEL_MIN_DOCS))
        if len(in_flight) > 1 or not batch:
            yield from in_flight.popleft()
    while in_flight:
        yield from in_flight.popleft()
