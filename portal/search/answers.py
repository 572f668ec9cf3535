"""Search answers kept per index version, in each process (what Elasticsearch's shard request cache does).

A broad query ("ngân sách" matches 58,000 of 100,000 records) costs most of its time counting the facets of
every match; the same query asked again, or its next page, or the same words with a facet chosen, would count
them again from an index that has not changed. So the whole answer of ``query.execute`` (hits of the page,
total, facet counts, corrections) is kept under a key made of the question and the backend's ``version()``, a
token that changes whenever the searchable content may have changed. The reader of each backend is refreshed
at most once a second, so a cached answer is never older than the searcher that would compute it afresh.

What the public may see is still decided on every request: the published-only re-check of the page's hits
runs against the database after the answer is taken from here, so a record withdrawn a moment ago is never
shown from the cache.

The cache is bounded twice: by answers and by the facet values they hold (a broad query's facets list two
thousand sessions), so a worker's memory stays within a few megabytes whatever is asked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

MAX_ANSWERS = 512
MAX_FACET_VALUES = 100_000


class AnswerCache:
    """A least-recently-used map of answers, bounded by their number and by the facet values they hold."""

    def __init__(self, max_answers: int = MAX_ANSWERS, max_values: int = MAX_FACET_VALUES) -> None:
        self.max_answers, self.max_values = max_answers, max_values
        self._answers: OrderedDict[Hashable, tuple[object, int]] = OrderedDict()
        self._values = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], T], weight: Callable[[T], int | None]) -> T:
        """Return the answer kept under key, or compute, keep (when it fits) and return it; an answer
        whose weight is None (one cut short by a time limit) is returned and not kept."""
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
                self.hits += 1
                return found[0]  # type: ignore[return-value]
            self.misses += 1
        answer = compute()  # outside the lock: two threads may compute the same answer once each
        values = weight(answer)
        if values is None or self.max_answers <= 0 or 1 + values > self.max_values:
            return answer
        size = 1 + values
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._values -= old[1]
            self._answers[key] = (answer, size)
            self._values += size
            while len(self._answers) > self.max_answers or self._values > self.max_values:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._values -= dropped
        return answer

    def __len__(self) -> int:
        return len(self._answers)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._values = 0
