"""The tantivy backend: generation directories under ``SEARCH_INDEX_DIR/tantivy``.

Same discipline as the Whoosh backend: ``CURRENT`` names the live generation; a rebuild
writes a new one and swaps the pointer atomically; writers are serialised by the indexer's
lock on ``SEARCH_INDEX_DIR`` (tantivy's own lock file also refuses a second writer, so a
writer that finds it busy waits).  Each process keeps one index reader, reloaded at most
once a second and at once after its own commits.  ``words.txt`` beside each generation holds
the folded vocabulary for "did you mean" (tantivy-py does not expose its term dictionary).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import tantivy
from tantivy import Order, Query

from portal.search import spelling
from portal.search.base import (
    FACETS,
    PER_PAGE,
    IndexUnavailable,
    SearchBackend,
    SearchHit,
    SearchResult,
)
from portal.search.generations import GenerationDirs
from portal.search.snippets import highlight_terms, snippet
from portal.search.tantivy_backend.parallel import analysed_in_parallel
from portal.search.tantivy_backend.queries import Builder
from portal.search.tantivy_backend.schema import (
    analyse,
    make_schema,
    register_tokenizers,
    shown_fields,
    stores_bytes,
    to_document,
)

SUBDIR = "tantivy"
REFRESH_SECONDS = 1.0
ADJACENT_MIN_HITS = 10
WRITER_HEAP = 64_000_000
REBUILD_HEAP = 256_000_000
WRITER_WAIT_SECONDS = 30.0
MAX_FACET_VALUES = 10_000
KEYS_BATCH = 10_000
FACET_THREADS = 4  # counts in flight at once per process; a search waits for its own
# Possible matches from which the facets are counted beside the page (SEARCH_TANTIVY_FACETS_IN_THREAD_FROM).
FACETS_IN_THREAD_MIN = 2_000


def _meta_token(path: Path) -> str | None:
    """A digest of a generation's meta.json: tantivy rewrites it on every commit (its opstamp grows)."""
    try:
        return hashlib.blake2b((path / "meta.json").read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


class TantivyBackend(GenerationDirs, SearchBackend):
    """tantivy index in generation directories, with a reader per process."""

    name = "tantivy"

    def __init__(
        self,
        root: str | os.PathLike,
        time_limit: float = 3.0,
        facets_in_thread_from: int = FACETS_IN_THREAD_MIN,
    ) -> None:
        self._follow_generations(Path(root) / SUBDIR)
        self.time_limit = time_limit  # tantivy answers well inside any sensible limit
        self.facets_in_thread_from = facets_in_thread_from
        self.schema = make_schema()
        self.builder = Builder(self.schema)
        self._words: set[str] = set()
        self._words_size = -1
        self._shown_as_bytes = False
        self._version: tuple | None = None

    # -- opening and reading -------------------------------------------------------------

    def _open_index(self, path: Path) -> tantivy.Index:
        ix = tantivy.Index.open(str(path))
        register_tokenizers(ix)
        ix.config_reader(reload_policy="manual")
        return ix

    def _index(self) -> tantivy.Index:
        """Return the live index, reloaded when a second has passed since the last check."""
        now = time.monotonic()
        if self._ix is not None and now - self._checked_at < REFRESH_SECONDS:
            return self._ix
        name = self._current_name()
        if name is None:
            raise IndexUnavailable("Chưa có chỉ mục tìm kiếm (chạy flask search rebuild).")
        # Read before the reader reloads, so the searcher holds at least what the token says: every
        # commit rewrites meta.json, so an unchanged token means an unchanged index.
        token = _meta_token(self.root / name)
        if self._ix is None or name != self._generation:
            try:
                ix = self._open_index(self.root / name)
            except Exception as exc:  # noqa: BLE001 - any failure means the index will not open
                raise IndexUnavailable(f"Không mở được chỉ mục tìm kiếm ({exc.__class__.__name__}).") from exc
            self._ix, self._generation, self._words_size = ix, name, -1
            self._shown_as_bytes = stores_bytes(self.root / name)
        else:
            self._ix.reload()
        self._checked_at = now
        self._version = (str(self.root), name, token) if token else None
        return self._ix

    def version(self):
        """The live generation and the state of its last commit (meta.json), as of the last reload."""
        with self._lock:
            self._index()
            return self._version

    def searcher(self) -> tantivy.Searcher:
        with self._lock:
            return self._index().searcher()

    def invalidate(self) -> None:
        self._checked_at = 0.0

    # -- searching -----------------------------------------------------------------------

    def search(self, query, filters=None, sort="relevance", page=1, per_page=PER_PAGE):
        if query.is_empty:
            return SearchResult(page=page, per_page=per_page)
        searcher = self.searcher()
        filters = filters or {}
        offset = (page - 1) * per_page
        order = {"order_by_field": "sort_date", "order": Order.Desc} if sort == "date" else {}
        # The facet counts (an aggregation pass over every match: most of a search's time when
        # tens of thousands match) are counted in another thread while this one finds the page and
        # its snippets (tantivy lets go of the GIL), when the rarest required word says there can
        # be that many matches; a handful are counted here, after the page, where a thread's
        # handover would cost more than the counting.
        threaded = self._at_most(searcher, query) >= self.facets_in_thread_from
        for adjacent in (True, False) if query.bigrams else (False,):
            built = self.builder.build(query, adjacent, filters)
            facets = _facet_threads().submit(self._facets, searcher, built) if threaded else None
            found = searcher.search(built, per_page, count=True, offset=offset, **order)
            if not adjacent or found.count >= ADJACENT_MIN_HITS:
                break
            if facets is not None:
                facets.cancel()  # the loose query's counts replace them (a no-op once they are being counted)
        terms = highlight_terms(query)
        hits = [
            self._hit(searcher, address, score if sort != "date" else 0.0, terms)
            for score, address in found.hits
        ]
        if facets is not None:
            counts = facets.result()
        else:
            counts = self._facets(searcher, built) if found.count else _no_facets()
        return SearchResult(
            total=found.count,
            hits=hits,
            facets=counts,
            page=page,
            per_page=per_page,
            adjacent=adjacent,
        )

    def _at_most(self, searcher, query) -> int:
        """Return a bound on the matches: the documents holding the rarest required clause."""
        bound = searcher.num_docs
        for clause in query.must:
            bound = min(bound, sum(self._holding(searcher, alt) for alt in clause))
        return bound

    def _holding(self, searcher, alt) -> int:
        """Return how many documents may hold one alternative (its rarest term)."""
        if alt.source == "date":
            return searcher.doc_freq("own_number", alt.folded[0])
        if len(alt.folded) == 1:
            return searcher.doc_freq("folded", alt.folded[0])
        pairs = zip(alt.folded, alt.folded[1:], strict=False)
        return min(searcher.doc_freq("bigram", f"{a}_{b}") for a, b in pairs)

    def _hit(self, searcher, address, score, terms) -> SearchHit:
        stored = searcher.doc(address)
        shown = shown_fields(stored)
        return SearchHit(
            key=stored["key"][0],
            type=shown["type"],
            id=shown["id"],
            slug=shown["slug"],
            title=shown["title"],
            date=shown["date"] or "",
            snippet=snippet(shown["text"], terms),
            score=round(float(score), 4),
        )

    def _facets(self, searcher, built: Query) -> dict[str, dict[str, int]]:
        """Return facet value counts over every match (one aggregation pass)."""
        request = {name: {"terms": {"field": f"f_{name}", "size": MAX_FACET_VALUES}} for name in FACETS}
        answer = searcher.aggregate(built, request)
        counts = {}
        for name in FACETS:
            buckets = answer.get(name, {}).get("buckets", [])
            pairs = sorted((b["key"], b["doc_count"]) for b in buckets if b["doc_count"])
            counts[name] = dict(sorted(pairs, key=lambda vc: -vc[1]))
        return counts

    def knows(self, word):
        return self.searcher().doc_freq("folded", word) > 0

    def word_count(self, word):
        return self.searcher().doc_freq("folded", word)

    def pair_count(self, first, second):
        return self.searcher().doc_freq("bigram", f"{first}_{second}")

    def suggest(self, word):
        searcher = self.searcher()
        with self._lock:
            words = self._vocabulary()
        return spelling.closest(word, words, lambda w: searcher.doc_freq("folded", w))

    def _vocabulary(self) -> set[str]:
        """Return the folded words of the live generation (re-read when the file grew)."""
        path = self.root / (self._generation or "") / "words.txt"
        try:
            size = path.stat().st_size
        except OSError:
            return set()
        if size != self._words_size:
            self._words = set(path.read_text(encoding="utf-8").split())
            self._words_size = size
        return self._words

    # -- writing -------------------------------------------------------------------------

    def _writer(self, ix: tantivy.Index, heap: int) -> tantivy.IndexWriter:
        """Return the index writer, waiting while another process holds tantivy's lock."""
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        while True:
            try:
                return ix.writer(heap_size=heap, num_threads=1)
            except ValueError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _commit(self, work) -> None:
        """Open a writer on the live generation, run work(writer), commit and merge."""
        with self._lock:
            self._checked_at = 0.0
            ix = self._index()
            generation, as_bytes = self._generation, self._shown_as_bytes
        writer = self._writer(ix, WRITER_HEAP)
        try:
            new_words = work(writer, as_bytes)
        except BaseException:
            writer.rollback()
            raise
        writer.commit()
        writer.wait_merging_threads()
        self._add_words(self.root / generation, new_words)
        self.invalidate()

    def _add_words(self, directory: Path, words: set[str]) -> None:
        with self._lock:
            known = self._vocabulary() if directory.name == self._generation else set()
            fresh = sorted(w for w in words - known if spelling.is_vocabulary_word(w))
            if fresh:
                with open(directory / "words.txt", "a", encoding="utf-8") as out:
                    out.write("\n".join(fresh) + "\n")

    def _add(self, writer, docs, as_bytes: bool) -> set[str]:
        words: set[str] = set()
        for doc in docs:
            analysed, found = analyse(doc)
            writer.delete_documents("key", doc.key)
            writer.add_document(to_document(analysed, as_bytes))
            words |= found
        return words

    def index(self, docs):
        docs = list(docs)
        if docs:
            self._commit(lambda writer, as_bytes: self._add(writer, docs, as_bytes))
        return len(docs)

    def delete(self, keys):
        keys = list(keys)
        if keys:

            def work(writer, as_bytes) -> set[str]:
                for key in keys:
                    writer.delete_documents("key", key)
                return set()

            self._commit(work)
        return len(keys)

    def apply(self, docs, deleted):
        if docs or deleted:

            def work(writer, as_bytes) -> set[str]:
                for key in deleted:
                    writer.delete_documents("key", key)
                return self._add(writer, docs, as_bytes)

            self._commit(work)

    def rebuild(self, docs):
        name, path = self._new_generation_dir()
        ix = tantivy.Index(self.schema, path=str(path))
        register_tokenizers(ix)
        writer = ix.writer(heap_size=REBUILD_HEAP, num_threads=1)
        count, words = 0, set()
        with analysed_in_parallel(docs) as analysed:
            for one, fresh in analysed:
                writer.add_document(to_document(one))
                words |= fresh
                count += 1
        writer.commit()
        writer.wait_merging_threads()
        self._add_words(path, words)
        self._make_current(name)
        for old in self.root.glob("gen-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)
        self.invalidate()
        return count

    # -- checking ------------------------------------------------------------------------

    def keys(self):
        searcher = self.searcher()
        out: dict[str, str] = {}
        total = searcher.num_docs
        for offset in range(0, total, KEYS_BATCH):
            found = searcher.search(Query.all_query(), KEYS_BATCH, count=False, offset=offset)
            for _, address in found.hits:
                stored = searcher.doc(address)
                out[stored["key"][0]] = stored["version"][0]
        return out

    def count(self):
        return self.searcher().num_docs

    def verify(self):
        with self._lock:
            self._checked_at = 0.0
            try:
                searcher = self._index().searcher()
                if searcher.num_docs:
                    found = searcher.search(Query.all_query(), 1)
                    searcher.doc(found.hits[0][1])  # reads the document store
                searcher.doc_freq("folded", "hdnd")  # reads the term dictionary
            except IndexUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure means the index is unusable
                self._ix = None
                raise IndexUnavailable(f"Chỉ mục tìm kiếm bị lỗi ({exc.__class__.__name__}).") from exc

    def close(self):
        with self._lock:
            self._ix, self._generation = None, None


_threads: tuple[int, ThreadPoolExecutor] | None = None


def _facet_threads() -> ThreadPoolExecutor:
    """Return this process's facet-counting threads (made again in a forked child, which
    inherits the pool but not its threads)."""
    global _threads
    if _threads is None or _threads[0] != os.getpid():
        _threads = (os.getpid(), ThreadPoolExecutor(FACET_THREADS, thread_name_prefix="tantivy-facets"))
    return _threads[1]


def _no_facets() -> dict[str, dict[str, int]]:
    return {name: {} for name in FACETS}
