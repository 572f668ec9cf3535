"""Building a Whoosh index fast: segments of bounded size, written by one process per core.

Whoosh's writer keeps a segment's postings in memory up to ``limitmb`` and beyond that
spills sorted runs to disk and merges them back in Python, which cost more than the
indexing itself (10k documents: 230 docs/s with spilling, 390 without, 2 cores).  So
each writer process cuts a new segment every ``segment_docs`` documents (about 1,100
postings a document: ~450 MB of pool for 2,500 documents, under the limit given here),
and the parent lists every process's segments in one new TOC.  Updates afterwards merge
only the small segments they create (:func:`merge_updates`), never the rebuild's.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
from collections.abc import Iterable, Iterator

from whoosh.writing import MERGE_SMALL

from portal.search.base import SearchDocument
from portal.search.whoosh_backend.codec import BulkSegmentWriter, PortalCodec
from portal.search.whoosh_backend.schema import document_fields

SEGMENT_DOCS = 2500
SEGMENT_LIMIT_MB = 1024
WAIT_SECONDS = 1.0


def write_segments(ix, docs: Iterable[SearchDocument], segment_docs: int = SEGMENT_DOCS) -> list:
    """Write docs into new segments of at most segment_docs documents; return the segments
    (not yet in the index's TOC)."""
    segments, writer = [], None
    for doc in docs:
        if writer is None:
            writer = BulkSegmentWriter(ix, _lk=False, codec=PortalCodec(),
                                       limitmb=SEGMENT_LIMIT_MB)  # fmt: skip
        writer.add_document(**document_fields(doc))
        if writer.doc_count() >= segment_docs:
            segments.append(writer._finalize_segment())
            writer = None
    if writer is not None:
        segments.append(writer._finalize_segment())
    return segments


def _worker(storage, indexname: str, jobs, results, segment_docs: int) -> None:
    """Write the batches of the job queue (None ends it); put ("ok", segments) or ("error", …)."""
    try:
        ix = storage.open_index(indexname)
        docs = (doc for batch in iter(jobs.get, None) for doc in batch)
        results.put(("ok", write_segments(ix, docs, segment_docs)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        results.put(("error", f"{exc.__class__.__name__}: {exc}"))


def _check(workers) -> None:
    failed = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
    if failed:
        raise RuntimeError(f"Tiến trình ghi chỉ mục dừng bất thường (mã {failed[0]}).")


def _put(jobs, item, workers) -> None:
    while True:
        try:
            jobs.put(item, timeout=WAIT_SECONDS)
            return
        except queue.Full:
            _check(workers)


def _get(results, workers):
    while True:
        try:
            return results.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            _check(workers)


def _batches(docs: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    docs = iter(docs)
    while batch := list(itertools.islice(docs, size)):
        yield batch


def parallel_segments(ix, docs: Iterable[SearchDocument], procs: int, batch: int = 100,
                      segment_docs: int = SEGMENT_DOCS) -> list:  # fmt: skip
    """Write docs with procs forked writer processes (this one reads and hands over
    batches); return every segment written."""
    context = multiprocessing.get_context("fork")
    jobs, results = context.Queue(procs * 4), context.Queue()
    workers = [
        context.Process(
            target=_worker, daemon=True, args=(ix.storage, ix.indexname, jobs, results, segment_docs)
        )  # fmt: skip
        for _ in range(procs)
    ]
    for worker in workers:
        worker.start()
    try:
        for part in _batches(docs, batch):
            _put(jobs, part, workers)
        for _ in workers:
            _put(jobs, None, workers)
        segments = []
        for _ in workers:
            status, found = _get(results, workers)
            if status != "ok":
                raise RuntimeError(f"Tiến trình ghi chỉ mục báo lỗi: {found}")
            segments += found
        for worker in workers:
            worker.join()
        return segments
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join()
        jobs.close()
        results.close()


def merge_updates(writer, segments: list, keep_from: int = SEGMENT_DOCS // 2) -> list:
    """Merge policy of update commits: Whoosh's MERGE_SMALL among the segments of fewer than
    keep_from documents (those updates made); a rebuild's segments stay as they are
    (Whoosh's policy would merge tens of thousands of their documents into one publish)."""
    large = [s for s in segments if s.doc_count_all() >= keep_from]
    small = [s for s in segments if s.doc_count_all() < keep_from]
    return large + MERGE_SMALL(writer, small)
