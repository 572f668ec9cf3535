"""Numpy views of one Whoosh index version: the matching, scoring and counting of the backend.

Whoosh answers a scored query by walking a tree of Python matcher objects, one call per
posting per clause.  On the benchmark corpus (documents of ~3,900 characters, where a common
syllable matches 87% of them) that made a two-word query cost 110-170 ms at 10k documents
(bench/results/search.json, profile in bench/results/whoosh-profile.txt).  Here each posting
list is read once per index version from the blocks Whoosh stores (ids and weights are
already arrays there) and kept as numpy arrays; the boolean algebra, the BM25F scores, the
facet counts and the top-N selection are then array operations.

Scores are Whoosh's own: :func:`whoosh.scoring.bm25` with its defaults (B 0.75, K1 1.2), its
idf (``log(N / (df + 1)) + 1``), average field lengths and the 0-255 length encoding of the
index; unscorable fields (keywords) score their term frequency; a query's score is the sum of
its matching terms times their boosts, as Whoosh's And/Or/AndMaybe add their children's.
"""

from __future__ import annotations

from collections import OrderedDict
from math import log

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.util.numeric import byte_to_length

from portal.search.spelling import is_vocabulary_word

B, K1 = 0.75, 1.2
# Postings kept per process: at most this many (docnum, weight) pairs, about 8 bytes each.
POSTINGS_CACHE_ITEMS = 8_000_000
_BYTE_LENGTHS = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)
_EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))


def _leaf_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Return (docnums, weights) of one segment's posting list."""
    if isinstance(matcher, FilterMatcher):  # deletions: the live mask removes them
        matcher = matcher.child
    ids, weights = [], []
    if isinstance(matcher, W3LeafMatcher):
        # Block by block: each block is a pickled tuple (id deltas, weights, values).
        while not matcher._atend:
            if matcher._data is None:
                matcher._read_data()
            deltas, blockweights = matcher._data[0], matcher._data[1]
            block = np.cumsum(np.asarray(deltas, dtype=np.int64))
            ids.append(block)
            if blockweights is None or isinstance(blockweights, float):
                weights.append(np.full(len(block), blockweights or 1.0, np.float32))
            else:
                weights.append(np.asarray(blockweights, dtype=np.float32))
            matcher._next_block()
        if not ids:
            return _EMPTY
        return np.concatenate(ids), np.concatenate(weights)
    while matcher.is_active():  # inlined short lists and other matchers
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32)


class _SegmentCache:
    """What never changes in a segment (its documents' facet values, field lengths and
    words), kept per process across index versions: after a commit only the new segment
    is read, not the whole index.  Deletions are applied by each version's live mask."""

    SIZE = 1024

    def __init__(self) -> None:
        self._items: OrderedDict[tuple, object] = OrderedDict()

    def get(self, key: tuple, compute):
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = compute()
            if len(self._items) > self.SIZE:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return found


_SEGMENTS = _SegmentCache()


def _segment_facet(leaf, field: str) -> tuple[np.ndarray, list[str]]:
    """Return (code per docnum of the segment, -1 when none; its values, sorted)."""
    codes = np.full(leaf.doc_count_all(), -1, dtype=np.int32)
    values = []
    for raw in leaf.lexicon(field):
        value = raw.decode("utf-8")
        ids, _ = _leaf_arrays(leaf.postings(field, value))
        codes[ids] = len(values)
        values.append(value)
    return codes, values


def _segment_lengths(leaf, field: str) -> np.ndarray:
    """Return the field length of every document of the segment (0 when absent)."""
    count = leaf.doc_count_all()
    lengths = np.zeros(count, dtype=np.float32)
    column = leaf._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is not None:
        raw = column._dbfile.get(column._basepos, column._count)
        codes = np.frombuffer(raw, dtype=np.uint8)[:count]
        lengths[: len(codes)] = _BYTE_LENGTHS[codes]
    return lengths


def _segment_words(leaf) -> frozenset[str]:
    """Return the segment's folded words that suggestions may offer."""
    return frozenset(
        word for raw in leaf.lexicon("folded") if is_vocabulary_word(word := raw.decode("utf-8"))
    )


class IndexArrays:
    """Posting lists, field lengths, facet codes and date order of one searcher, as arrays.

    Built lazily and kept until the searcher is replaced (that is, per index version);
    the per-segment parts come from a cache keyed by ``scope`` (the index directory) and
    segment, so a new version only reads its new segments."""

    def __init__(self, searcher, scope: str = "") -> None:
        self.searcher = searcher
        self.scope = scope
        reader = searcher.reader()
        self.leaves = [(leaf, int(base)) for leaf, base in reader.leaf_readers()]
        self.size = reader.doc_count_all()
        self.doc_count = searcher.doc_count_all()
        self.live = np.ones(self.size, dtype=bool)
        for leaf, base in self.leaves:
            if leaf.has_deletions():
                deleted = np.fromiter(leaf.deleted_docs_set, dtype=np.int64)
                self.live[deleted + base] = False
        self._postings: OrderedDict[tuple[str, str], tuple] = OrderedDict()
        self._cached_items = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._avg: dict[str, float] = {}
        self._facets: dict[str, tuple[np.ndarray, list[str]]] = {}
        self._vocabulary: list[str] | None = None

    def _per_segment(self, kind: str, field: str, compute) -> list:
        """Return compute(leaf, field) for every segment, from the cache where possible."""
        return [
            _SEGMENTS.get(
                (self.scope, leaf.segment().segment_id(), kind, field), lambda leaf=leaf: compute(leaf, field)
            )  # fmt: skip
            for leaf, _ in self.leaves
        ]

    # -- postings --------------------------------------------------------------------

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Return (live docnums, weights) of a term, in docnum order (cached)."""
        key = (field, text)
        found = self._postings.get(key)
        if found is not None:
            self._postings.move_to_end(key)
            return found
        ids, weights = [], []
        for leaf, base in self.leaves:
            try:
                matcher = leaf.postings(field, text)
            except Exception:  # noqa: BLE001 - whoosh raises TermNotFound (or KeyError)
                continue
            leaf_ids, leaf_weights = _leaf_arrays(matcher)
            ids.append(leaf_ids + base)
            weights.append(leaf_weights)
        if ids:
            all_ids, all_weights = np.concatenate(ids), np.concatenate(weights)
            keep = self.live[all_ids]
            found = (all_ids[keep].astype(np.int32), all_weights[keep])
        else:
            found = _EMPTY
        self._postings[key] = found
        self._cached_items += len(found[0])
        while self._cached_items > POSTINGS_CACHE_ITEMS and len(self._postings) > 1:
            _, (dropped, _) = self._postings.popitem(last=False)
            self._cached_items -= len(dropped)
        return found

    def docs(self, field: str, text: str) -> np.ndarray:
        """Return the live docnums holding a term."""
        return self.postings(field, text)[0]

    def mask(self, ids: np.ndarray) -> np.ndarray:
        """Return a boolean mask over every docnum, true at ids."""
        out = np.zeros(self.size, dtype=bool)
        out[ids] = True
        return out

    # -- scores ----------------------------------------------------------------------

    def _field_lengths(self, field: str) -> np.ndarray:
        if field not in self._lengths:
            parts = self._per_segment("lengths", field, _segment_lengths)
            self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0, np.float32)
            self._avg[field] = self.searcher.avg_field_length(field) or 1.0
        return self._lengths[field]

    def add_score(self, scores: np.ndarray, field: str, text: str, boost: float) -> None:
        """Add boost x the BM25F score of a term to every document holding it."""
        ids, weights = self.postings(field, text)
        if not len(ids):
            return
        if not self.searcher.schema[field].scorable:
            scores[ids] += boost * weights
            return
        lengths = self._field_lengths(field)[ids]
        lengths[lengths == 0] = 1.0
        idf = log(self.doc_count / (self.searcher.doc_frequency(field, text) + 1)) + 1
        norm = K1 * ((1 - B) + B * lengths / self._avg[field])
        scores[ids] += boost * idf * (weights * (K1 + 1)) / (weights + norm)

    # -- facets and order ------------------------------------------------------------

    def facet(self, field: str) -> tuple[np.ndarray, list[str]]:
        """Return (code per docnum, -1 when none or deleted; the values in code order, which
        is sorted order) of a facet field."""
        if field not in self._facets:
            parts = self._per_segment("facet", field, _segment_facet)
            values = sorted({value for _, found in parts for value in found})
            index = {value: code for code, value in enumerate(values)}
            codes = np.full(self.size, -1, dtype=np.int32)
            for (leaf_codes, found), (_, base) in zip(parts, self.leaves, strict=True):
                if found:
                    mapping = np.array([index[value] for value in found], dtype=np.int32)
                    codes[base : base + len(leaf_codes)] = np.where(leaf_codes >= 0, mapping[leaf_codes], -1)
            codes[~self.live] = -1
            self._facets[field] = (codes, values)
        return self._facets[field]

    def facet_docs(self, field: str, value: str) -> np.ndarray | None:
        """Return the mask of documents with a facet value (None if no document has it)."""
        codes, values = self.facet(field)
        try:
            return codes == values.index(value)
        except ValueError:
            return None

    def vocabulary(self) -> list[str]:
        """Return the indexed folded words that suggestions may offer."""
        if self._vocabulary is None:
            words = self._per_segment("words", "folded", lambda leaf, _: _segment_words(leaf))
            self._vocabulary = sorted(frozenset().union(*words))
        return self._vocabulary

    def date_rank(self) -> np.ndarray:
        """Return each docnum's rank by its sort date (the lexicon of the sortable field)."""
        return self.facet("sort_date")[0]

    def top(self, matched: np.ndarray, scores: np.ndarray | None, limit: int) -> list[tuple[int, float]]:
        """Return the first limit (docnum, score) of the matched docnums, best first.

        By score when scores are given, else by date, newest first."""
        candidates = np.flatnonzero(matched)
        if not len(candidates) or limit <= 0:
            return []
        key = scores[candidates] if scores is not None else self.date_rank()[candidates]
        if len(candidates) > limit:
            part = np.argpartition(-key, limit - 1)[:limit]
            # keep every candidate tied with the last one, so ties break the same way
            edge = key[part].min()
            part = np.flatnonzero(key >= edge)
            candidates, key = candidates[part], key[part]
        # Ties: the lower docnum first by score (as Whoosh), the later indexed first by date.
        tiebreak = candidates if scores is not None else -candidates
        order = np.lexsort((tiebreak, -key))[:limit]
        values = scores[candidates[order]] if scores is not None else np.zeros(len(order))
        return [(int(d), float(s)) for d, s in zip(candidates[order], values, strict=True)]
