"""The search backend interface every engine implements, and the values it exchanges.

A backend stores :class:`SearchDocument` objects (built by :mod:`portal.search.documents`)
and answers :class:`ParsedQuery` objects (from :mod:`portal.search.analysis`) with a
:class:`SearchResult`.  Everything a backend must do is checked by one contract suite
(``tests/search/test_contract.py``), so a new engine only adds a module.
"""

from __future__ import annotations

import abc
import functools
from collections.abc import Hashable, Iterable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from portal.search.analysis import Alternative, ParsedQuery
from portal.search.answers import AnswerCache

FACETS = ("type", "year", "session", "body", "status", "area", "council")
SORTS = ("relevance", "date")
PER_PAGE = 10


class IndexUnavailable(RuntimeError):  # noqa: N818 - a state of the index, not a misuse
    """The index cannot be opened or read; the message says what is wrong."""


@dataclass(frozen=True)
class SearchDocument:
    """One public record as the index sees it.

    ``key`` is ``"<type>:<id>"``; ``text`` is the searchable original text (title first,
    so snippets may show it); ``number`` is the record's own document number, if any;
    ``facets`` maps facet names of :data:`FACETS` to their values (strings, absent when
    unknown); ``version`` changes whenever anything indexed changes (``search check``
    compares it with the database).
    """

    key: str
    type: str
    id: int
    slug: str
    title: str
    text: str
    date: str = ""
    number: str = ""
    facets: Mapping[str, str] = field(default_factory=dict)
    version: str = ""


@dataclass(frozen=True)
class SearchHit:
    """One result: the stored fields and a snippet (escaped HTML with ``<mark>``)."""

    key: str
    type: str
    id: int
    slug: str
    title: str
    date: str
    snippet: str
    score: float


@dataclass
class SearchResult:
    """One page of results, the total, facet counts over every match, and timing flags."""

    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    per_page: int = PER_PAGE
    adjacent: bool = False
    timed_out: bool = False


class SearchBackend(abc.ABC):
    """What every search engine offers the portal."""

    name = ""

    @abc.abstractmethod
    def index(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents in one commit; return how many were written."""

    @abc.abstractmethod
    def delete(self, keys: Iterable[str]) -> int:
        """Remove documents by key in one commit (unknown keys are ignored)."""

    def apply(self, docs: list[SearchDocument], deleted: list[str]) -> None:
        """Write a drained batch: replacements and deletions (one commit where possible)."""
        if docs:
            self.index(docs)
        if deleted:
            self.delete(deleted)

    @abc.abstractmethod
    def search(
        self,
        query: ParsedQuery,
        filters: Mapping[str, str] | None = None,
        sort: str = "relevance",
        page: int = 1,
        per_page: int = PER_PAGE,
    ) -> SearchResult:
        """Answer a parsed query: hits of one page, total and facet counts of every match."""

    def version(self) -> Hashable | None:
        """Return a token that changes whenever what a search finds may have changed (read no later than
        the searcher it describes), or None when answers must not be kept (see ``answers``)."""
        return None

    @functools.cached_property
    def answers(self) -> AnswerCache:
        """This process's answers of this backend, kept per ``version()`` (portal/search/answers.py)."""
        return AnswerCache()

    @abc.abstractmethod
    def suggest(self, word: str) -> str | None:
        """Return the closest indexed folded word to a word the index does not know."""

    @abc.abstractmethod
    def knows(self, word: str) -> bool:
        """Tell whether a folded word occurs in the index."""

    def word_count(self, word: str) -> int:
        """Return how many documents hold a folded word (engines that can count override)."""
        return int(self.knows(word))

    def pair_count(self, first: str, second: str) -> int:
        """Return how many documents hold two folded words side by side (the syllable bigram
        model of "did you mean"); by default through a search of the pair."""
        pair = ParsedQuery(text=f"{first} {second}", must=((Alternative((first, second), (), "phrase"),),))
        return self.search(pair, per_page=1).total

    @abc.abstractmethod
    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Build a fresh index from docs beside the live one and swap it in atomically."""

    @abc.abstractmethod
    def keys(self) -> dict[str, str]:
        """Return every stored key with its version (read from the stored documents)."""

    @abc.abstractmethod
    def verify(self) -> None:
        """Raise :class:`IndexUnavailable` unless the index opens and answers a query."""

    @abc.abstractmethod
    def count(self) -> int:
        """Return the number of documents in the index."""

    def exclusive(self) -> AbstractContextManager[bool] | None:
        """Return the writer lock every host writing this index shares, or None when the
        index lives on this host's disk and the indexer's lock file is enough."""
        return None

    def close(self) -> None:  # noqa: B027 - optional: only backends holding files override it
        """Release searchers and files held by this process."""
