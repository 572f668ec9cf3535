"""The Whoosh backend: one index per generation directory, a warm searcher per process.

Layout of ``SEARCH_INDEX_DIR``: ``CURRENT`` names the live generation directory
(``gen-<time>``); a rebuild writes a new generation and replaces ``CURRENT`` atomically, so
readers never see a half-built index.  Writers are serialised by the indexer's lock (see
:mod:`portal.search.indexer`); this module never takes a writer during a request.

Per process: one warm searcher, refreshed at most once a second (at once after a local
commit); posting lists, field lengths and facet values read once per index version into
numpy arrays (:mod:`.arrays`), on which matching, scoring, facet counts and filters are
array operations; snippets from the character offsets stored in the postings, read only for
the hits shown.  A rebuild of many documents writes with one process per core.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from portal.search import spelling
from portal.search.analysis import ParsedQuery
from portal.search.base import (
    PER_PAGE,
    IndexUnavailable,
    SearchBackend,
    SearchHit,
    SearchResult,
)
from portal.search.generations import GenerationDirs
from portal.search.snippets import highlight_terms, make_snippet
from portal.search.whoosh_backend.arrays import IndexArrays
from portal.search.whoosh_backend.codec import PortalCodec
from portal.search.whoosh_backend.queries import facet_counts, filter_mask, matching, plan, score_all
from portal.search.whoosh_backend.rebuild import (
    SEGMENT_DOCS,
    merge_updates,
    parallel_segments,
    write_segments,
)
from portal.search.whoosh_backend.schema import document_fields, make_schema

REFRESH_SECONDS = 1.0
ADJACENT_MIN_HITS = 10
# A rebuild of at least this many documents writes in parallel, one process per core.
PARALLEL_REBUILD_FROM = 1000
MAX_REBUILD_PROCS = 4


class WhooshBackend(GenerationDirs, SearchBackend):
    """Whoosh index in generation directories under one root, with a warm searcher."""

    name = "whoosh"

    def __init__(
        self,
        root: str | os.PathLike,
        time_limit: float = 3.0,
        parallel_from: int = PARALLEL_REBUILD_FROM,
        parallel_batch: int = 100,
        segment_docs: int = SEGMENT_DOCS,
    ) -> None:
        self._follow_generations(Path(root))
        self.parallel_from, self.parallel_batch = parallel_from, parallel_batch
        self.segment_docs = segment_docs
        self.time_limit = time_limit
        self._searcher = None
        self._searcher_generation = -1
        self._views: IndexArrays | None = None

    def _open(self):
        """Return the live index; IndexUnavailable when there is none or it will not open."""
        name = self._current_name()
        if name is None:
            raise IndexUnavailable("Chưa có chỉ mục tìm kiếm (chạy flask search rebuild).")
        if self._ix is None or name != self._generation:
            try:
                ix = whoosh_index.open_dir(str(self.root / name))
            except Exception as exc:  # noqa: BLE001 - any failure means the index will not open
                raise IndexUnavailable(f"Không mở được chỉ mục tìm kiếm ({exc.__class__.__name__}).") from exc
            self._drop_searcher()
            self._ix, self._generation = ix, name
        return self._ix

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher, self._views = None, None

    def searcher(self):
        """Return the warm searcher, refreshed when a second has passed since the last check."""
        with self._lock:
            now = time.monotonic()
            if self._searcher is None or now - self._checked_at >= REFRESH_SECONDS:
                ix = self._open()
                # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 its reader reuse adds the
                # old reader's segments back, so merged-away segments (and replaced
                # documents) reappear.  Reopen when the generation changed instead.
                if self._searcher is None or ix.latest_generation() != self._searcher_generation:
                    self._drop_searcher()
                    self._searcher = ix.searcher()
                    self._searcher_generation = self._searcher.reader().generation()
                self._checked_at = now
            return self._searcher

    def version(self):
        """The live generation and the index generation its warm searcher reads."""
        with self._lock:
            self.searcher()
            return (str(self.root), self._generation, self._searcher_generation)

    def invalidate(self) -> None:
        """Make the next search look for a new index version (after a local commit)."""
        self._checked_at = 0.0

    def _arrays(self) -> IndexArrays:
        """Return the numpy views of the warm searcher (built once per index version)."""
        if self._views is None or self._views.searcher is not self._searcher:
            self._views = IndexArrays(self._searcher, scope=str(self.root / (self._generation or "")))
        return self._views

    def search(self, query, filters=None, sort="relevance", page=1, per_page=PER_PAGE):
        if query.is_empty:
            return SearchResult(page=page, per_page=per_page)
        with self._lock:
            searcher = self.searcher()
            arrays = self._arrays()
            deadline = time.monotonic() + self.time_limit
            allowed = filter_mask(arrays, filters or {})
            adjacent = bool(query.bigrams)
            if adjacent:
                chosen = plan(query, adjacent=True)
                matched = matching(arrays, chosen, allowed)
                adjacent = int(matched.sum()) >= ADJACENT_MIN_HITS
            if not adjacent:
                chosen = plan(query, adjacent=False)
                matched = matching(arrays, chosen, allowed)
            # Past the time limit, the page is ordered by date instead of scored.
            timed_out = time.monotonic() > deadline
            scored = sort != "date" and not timed_out
            scores = score_all(arrays, chosen) if scored else None
            top = arrays.top(matched, scores, page * per_page)[(page - 1) * per_page :]
            return SearchResult(
                total=int(matched.sum()),
                hits=self._hits(searcher, top, query, scored=scored),
                facets=facet_counts(arrays, matched),
                page=page,
                per_page=per_page,
                adjacent=adjacent,
                timed_out=timed_out,
            )

    def _spans(self, searcher, docnums: list[int], terms: Iterable[str]) -> dict[int, list]:
        """Return docnum → (start, end) offsets of the given folded terms, from the postings
        of the segments holding those documents (one segment's matcher skips faster than
        Whoosh's matcher over all segments)."""
        spans: dict[int, list] = {d: [] for d in docnums}
        leaves = self._arrays().leaves
        bases = [base for _, base in leaves]
        by_leaf: dict[int, list[int]] = {}
        for docnum in sorted(docnums):
            by_leaf.setdefault(bisect.bisect_right(bases, docnum) - 1, []).append(docnum)
        for index, found in by_leaf.items():
            leaf, base = leaves[index]
            for term in terms:
                try:
                    matcher = leaf.postings("folded", term)
                except Exception:  # noqa: BLE001 - a term this segment does not hold
                    continue
                for docnum in found:
                    local = docnum - base
                    if not matcher.is_active():
                        break
                    if matcher.id() < local:
                        matcher.skip_to(local)
                    if matcher.is_active() and matcher.id() == local:
                        spans[docnum] += [(s, e) for _, s, e in matcher.value_as("characters")]
        return spans

    def _hits(self, searcher, top: list, query: ParsedQuery, scored: bool) -> list[SearchHit]:
        marks = highlight_terms(query)
        spans = self._spans(searcher, [d for d, _ in top], marks.terms)
        hits = []
        for docnum, score in top:
            stored = searcher.stored_fields(docnum)
            hits.append(
                SearchHit(
                    key=stored["key"],
                    type=stored["type"],
                    id=stored["rid"],
                    slug=stored["slug"],
                    title=stored["title"],
                    date=stored.get("date") or "",
                    snippet=str(
                        make_snippet(stored["text"], spans[docnum], phrases=marks.phrases, alone=marks.alone)
                    ),  # fmt: skip
                    score=round(float(score), 4) if scored else 0.0,
                )
            )
        return hits

    def knows(self, word):
        with self._lock:
            return self.searcher().doc_frequency("folded", word) > 0

    def word_count(self, word):
        with self._lock:
            return self.searcher().doc_frequency("folded", word)

    def pair_count(self, first, second):
        with self._lock:
            return self.searcher().doc_frequency("bigram", f"{first}_{second}")

    def suggest(self, word):
        with self._lock:
            searcher = self.searcher()
            words = self._arrays().vocabulary()
            return spelling.closest(word, words, lambda w: searcher.doc_frequency("folded", w))

    def index(self, docs):
        docs = list(docs)
        if docs:
            self._write(lambda writer: [writer.update_document(**document_fields(d)) for d in docs])
        return len(docs)

    def delete(self, keys):
        keys = list(keys)
        if keys:
            self._write(lambda writer: [writer.delete_by_term("key", k) for k in keys])
        return len(keys)

    def apply(self, docs, deleted):
        if docs or deleted:

            def write(writer) -> None:
                for key in deleted:
                    writer.delete_by_term("key", key)
                for doc in docs:
                    writer.update_document(**document_fields(doc))

            self._write(write)

    def _write(self, work) -> None:
        with self._lock:
            ix = self._open()
        writer = ix.writer(timeout=30.0, codec=PortalCodec())
        try:
            work(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=functools.partial(merge_updates, keep_from=self.segment_docs // 2))
        self.invalidate()

    def _new_generation(self, fill) -> str:
        """Build a generation directory with fill(index), then point CURRENT at it."""
        name, path = self._new_generation_dir()
        ix = whoosh_index.create_in(str(path), make_schema())
        fill(ix)
        self._make_current(name)
        return name

    def rebuild(self, docs):
        count = 0

        def fill(ix) -> None:
            nonlocal count
            pending = iter(docs)
            head = list(itertools.islice(pending, self.parallel_from))
            everything = itertools.chain(head, pending)
            procs = min(os.cpu_count() or 1, MAX_REBUILD_PROCS)
            if len(head) < self.parallel_from or procs < 2:
                segments = write_segments(ix, everything, self.segment_docs)
            else:
                # One writer process per core (the analysis runs there too); this one
                # only reads the database and hands documents over.
                segments = parallel_segments(ix, everything, procs, self.parallel_batch,
                                             self.segment_docs)  # fmt: skip
            count = sum(segment.doc_count_all() for segment in segments)
            writer = ix.writer(codec=PortalCodec())
            writer.commit(mergetype=lambda _writer, existing: [*existing, *segments])

        name = self._new_generation(fill)
        self._remove_old_generations(keep={name})
        with self._lock:
            self._checked_at = 0.0
        return count

    def _remove_old_generations(self, keep: set[str]) -> None:
        """Delete generations other than keep (readers elsewhere keep their open files)."""
        for path in self.root.glob("gen-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    def keys(self):
        with self._lock:
            searcher = self.searcher()
            return {f["key"]: f["version"] for _, f in searcher.reader().iter_docs()}

    def count(self):
        with self._lock:
            return self.searcher().doc_count()

    def verify(self):
        with self._lock:
            self._checked_at = 0.0
            try:
                searcher = self.searcher()
                if searcher.doc_count_all():
                    searcher.stored_fields(0)  # reads the stored-fields file
                searcher.doc_frequency("folded", "hdnd")  # reads the term dictionary
            except IndexUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure means the index is unusable
                self._drop_searcher()
                self._ix = None
                raise IndexUnavailable(f"Chỉ mục tìm kiếm bị lỗi ({exc.__class__.__name__}).") from exc

    def close(self):
        with self._lock:
            self._drop_searcher()
            self._ix, self._generation = None, None
