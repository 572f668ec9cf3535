"""The Whoosh backend: one index per generation directory, a warm searcher per process.

Layout of ``SEARCH_INDEX_DIR``: ``CURRENT`` names the live generation directory
(``gen-<time>``); a rebuild writes a new generation and replaces ``CURRENT`` atomically, so
readers never see a half-built index.  Writers are serialised by the indexer's lock (see
:mod:`portal.search.indexer`); this module never takes a writer during a request.

Per process: one warm searcher, refreshed at most once a second; filter and facet sets
cached per searcher (that is, per index version); snippets from the character offsets
stored in the postings, read only for the hits shown.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.query import Query, Term
from whoosh.searching import TimeLimit

from portal.search.analysis import Alternative, ParsedQuery
from portal.search.base import (
    FACETS,
    PER_PAGE,
    IndexUnavailable,
    SearchBackend,
    SearchHit,
    SearchResult,
)
from portal.search.snippets import make_snippet
from portal.search.whoosh_backend.queries import FilteredUntil, build_query
from portal.search.whoosh_backend.schema import document_fields, make_schema

REFRESH_SECONDS = 1.0
TERM_CACHE_SIZE = 4096
ADJACENT_MIN_HITS = 10


class WhooshBackend(SearchBackend):
    """Whoosh index in generation directories under one root, with a warm searcher."""

    name = "whoosh"

    def __init__(self, root: str | os.PathLike, time_limit: float = 3.0) -> None:
        self.root = Path(root)
        self.time_limit = time_limit
        self._lock = threading.RLock()
        self._ix = None
        self._generation: str | None = None
        self._searcher = None
        self._searcher_generation = -1
        self._checked_at = 0.0
        self._sets: dict[str, dict[str, frozenset[int]]] = {}

    def _current_name(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text(encoding="ascii").strip() or None
        except OSError:
            return None

    def _open(self):
        """Return the live index; IndexUnavailable when there is none or it will not open."""
        name = self._current_name()
        if name is None:
            raise IndexUnavailable(
                "Chưa có chỉ mục tìm kiếm (chạy flask search rebuild)."
            )
        if self._ix is None or name != self._generation:
            try:
                ix = whoosh_index.open_dir(str(self.root / name))
            except Exception as exc:  # noqa: BLE001 - any failure means the index will not open
                raise IndexUnavailable(
                    f"Không mở được chỉ mục tìm kiếm ({exc.__class__.__name__})."
                ) from exc
            self._drop_searcher()
            self._ix, self._generation = ix, name
        return self._ix

    def _drop_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        self._searcher, self._sets = None, {}

    def searcher(self):
        """Return the warm searcher, refreshed when a second has passed since the last check."""
        with self._lock:
            now = time.monotonic()
            if self._searcher is None or now - self._checked_at >= REFRESH_SECONDS:
                ix = self._open()
                # Not Searcher.refresh(): in whoosh-reloaded 2.7.5 its reader reuse adds the
                # old reader's segments back, so merged-away segments (and replaced
                # documents) reappear.  Reopen when the generation changed instead.
                if (
                    self._searcher is None
                    or ix.latest_generation() != self._searcher_generation
                ):
                    self._drop_searcher()
                    self._searcher = ix.searcher()
                    self._searcher_generation = self._searcher.reader().generation()
                self._checked_at = now
            return self._searcher

    def invalidate(self) -> None:
        """Make the next search look for a new index version (after a local commit)."""
        self._checked_at = 0.0

    def _value_sets(self, field: str) -> dict[str, frozenset[int]]:
        """Return value → matching live docnums of one facet field (cached per version)."""
        if field not in self._sets:
            searcher = self._searcher
            values = {}
            for raw in searcher.reader().lexicon(field):
                value = raw.decode("utf-8")
                docs = frozenset(searcher.docs_for_query(Term(field, value)))
                if docs:
                    values[value] = docs
            self._sets[field] = values
        return self._sets[field]

    def _filter(self, filters: Mapping[str, str]) -> frozenset[int] | None:
        chosen = None
        for name, value in filters.items():
            if name in FACETS and value:
                docs = self._value_sets(f"f_{name}").get(str(value), frozenset())
                chosen = docs if chosen is None else chosen & docs
        return chosen

    def _facets(self, matched: set[int]) -> dict[str, dict[str, int]]:
        counts = {}
        for name in FACETS:
            values = self._value_sets(f"f_{name}")
            found = {v: len(matched & docs) for v, docs in values.items()}
            counts[name] = dict(
                sorted(((v, c) for v, c in found.items() if c), key=lambda vc: -vc[1])
            )
        return counts

    def _collect(self, searcher, query: Query, allowed, sort: str, limit: int):
        """Run a scored top-N search under the time limit; return (results, timed_out)."""
        base = searcher.collector(
            limit=limit,
            sortedby="sort_date" if sort == "date" else None,
            reverse=sort == "date",
        )
        # Matcher replacement prunes with wrong quality bounds in whoosh-reloaded 2.7.5 and
        # drops top documents (found by the pagination contract test): switch it off.
        base.replace = 0
        collector = FilteredUntil(base, allowed, time.monotonic() + self.time_limit)
        try:
            searcher.search_with_collector(query, collector)
        except TimeLimit:
            return collector.results(), True
        return collector.results(), False

    def _term_docs(self, field: str, text: str) -> frozenset[int]:
        """Return the live docnums holding a term (cached per index version)."""
        cache = self._sets.setdefault("terms", {})
        key = f"{field}\x00{text}"
        if key not in cache:
            if len(cache) > TERM_CACHE_SIZE:
                cache.clear()
            try:
                docs = frozenset(self._searcher.postings(field, text).all_ids())
            except Exception:  # noqa: BLE001 - whoosh raises TermNotFound for unknown terms
                docs = frozenset()
            cache[key] = docs
        return cache[key]

    def _alternative_docs(self, alt: Alternative) -> frozenset[int]:
        words = alt.folded
        if len(words) == 1:
            return self._term_docs("folded", words[0])
        sets = [self._term_docs("bigram", f"{a}_{b}") for a, b in zip(words, words[1:])]
        return frozenset.intersection(*sets)

    def _matched(self, parsed: ParsedQuery, adjacent: bool, allowed) -> set[int]:
        """Return every matching docnum by set algebra on cached term doc sets (no scoring):
        the same boolean query as :func:`build_query`, for the total and the facets."""
        required = [
            frozenset().union(*(self._alternative_docs(a) for a in clause))
            for clause in parsed.must
        ]
        if adjacent:
            required += [self._term_docs("bigram", b) for b in parsed.bigrams]
        if allowed is not None:
            required.append(allowed)
        matched = set(min(required, key=len)).intersection(*required)
        for clause in parsed.excluded:
            for alt in clause:
                matched -= self._alternative_docs(alt)
        return matched

    def search(self, query, filters=None, sort="relevance", page=1, per_page=PER_PAGE):
        if query.is_empty:
            return SearchResult(page=page, per_page=per_page)
        with self._lock:
            searcher = self.searcher()
            allowed = self._filter(filters or {})
            if allowed is not None and not allowed:
                return SearchResult(
                    page=page, per_page=per_page, facets=self._facets(set())
                )
            limit = page * per_page
            adjacent = bool(query.bigrams)
            matched = self._matched(query, adjacent, allowed) if adjacent else set()
            if len(matched) < ADJACENT_MIN_HITS:
                adjacent = False
                matched = self._matched(query, False, allowed)
            results, timed_out = self._collect(
                searcher, build_query(query, adjacent), allowed, sort, limit
            )
            top = list(results.items())[(page - 1) * per_page : limit]
            hits = self._hits(searcher, top, query, scored=sort != "date")
            return SearchResult(
                total=len(matched),
                hits=hits,
                facets=self._facets(matched),
                page=page,
                per_page=per_page,
                adjacent=adjacent,
                timed_out=timed_out,
            )

    def _spans(
        self, searcher, docnums: list[int], terms: Iterable[str]
    ) -> dict[int, list]:
        """Return docnum → (start, end) offsets of the given folded terms, from the postings."""
        spans: dict[int, list] = {d: [] for d in docnums}
        ordered = sorted(docnums)
        for term in terms:
            try:
                matcher = searcher.postings("folded", term)
            except Exception:  # noqa: BLE001 - a term the index does not hold
                continue
            for docnum in ordered:
                if not matcher.is_active():
                    break
                if matcher.id() < docnum:
                    matcher.skip_to(docnum)
                if matcher.is_active() and matcher.id() == docnum:
                    spans[docnum] += [
                        (s, e) for _, s, e in matcher.value_as("characters")
                    ]
        return spans

    def _hits(
        self, searcher, top: list, query: ParsedQuery, scored: bool
    ) -> list[SearchHit]:
        terms = set(query.highlight_terms) | {t for t in query.docno_terms if "/" in t}
        spans = self._spans(searcher, [d for d, _ in top], terms)
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
                    snippet=str(make_snippet(stored["text"], spans[docnum])),
                    score=round(float(score), 4) if scored else 0.0,
                )
            )
        return hits

    def knows(self, word):
        with self._lock:
            return self.searcher().doc_frequency("folded", word) > 0

    def suggest(self, word):
        with self._lock:
            found = (
                self.searcher().corrector("folded").suggest(word, limit=1, maxdist=2)
            )
        return found[0] if found else None

    def index(self, docs):
        docs = list(docs)
        if docs:
            self._write(
                lambda writer: [
                    writer.update_document(**document_fields(d)) for d in docs
                ]
            )
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
        writer = ix.writer(timeout=30.0)
        try:
            work(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.invalidate()

    def _new_generation(self, fill) -> str:
        """Build a generation directory with fill(index), then point CURRENT at it."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{time.time_ns()}"
        (self.root / name).mkdir()
        ix = whoosh_index.create_in(str(self.root / name), make_schema())
        fill(ix)
        pointer = self.root / f"CURRENT.{os.getpid()}.tmp"
        pointer.write_text(name, encoding="ascii")
        os.replace(pointer, self.root / "CURRENT")
        return name

    def rebuild(self, docs):
        count = 0

        def fill(ix) -> None:
            nonlocal count
            writer = ix.writer(limitmb=256)
            for doc in docs:
                writer.add_document(**document_fields(doc))
                count += 1
            writer.commit()

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
                raise IndexUnavailable(
                    f"Chỉ mục tìm kiếm bị lỗi ({exc.__class__.__name__})."
                ) from exc

    def close(self):
        with self._lock:
            self._drop_searcher()
            self._ix, self._generation = None, None
