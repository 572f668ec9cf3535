"""Long and question-like queries that find nothing with every word required.

"HĐND đã giám sát những gì về dịch Covid" or "Kon Tum 84 ý kiến cử tri": a reader adds
question words and names the records do not repeat.  :func:`relax` drops the words of
question phrasing ("bao nhiêu", "như thế nào", "có … không", "ở đâu": they never count),
then the words the index does not hold, then, one at a time, the word whose absence finds
the most, while at least MINIMUM_SHARE of the words are still required (a minimum
should-match done with the backends' own AND queries, so every engine does the same).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from portal.search.analysis import ParsedQuery
from portal.search.base import SearchBackend, SearchResult
from portal.search.normalize import word_forms

MINIMUM_SHARE = 0.6
MIN_WORDS = 3  # fewer typed words: nothing to relax
FEW = 3  # a relaxed search finding fewer is tried wider too, its records kept first
# Words of question phrasing, matched on tone keys when typed with diacritics.
_QUESTION = ["gì", "đâu", "nào", "sao", "ai", "không", "có", "đã", "được", "bao", "nhiêu", "như",
             "thế", "là", "làm", "những", "hay", "chưa", "rồi", "vậy", "ở", "để", "cho", "của",
             "về", "với", "và", "các", "mấy", "khi", "giờ", "tại", "vì"]  # fmt: skip
_STOP_KEYS = frozenset(word_forms(word)[1] for word in _QUESTION)
_STOP_FOLDED = frozenset(word_forms(word)[0] for word in _QUESTION)


@dataclass(frozen=True)
class Relaxed:
    """The query run instead, its result, and how many of the typed words it requires."""

    parsed: ParsedQuery
    result: SearchResult
    kept: int
    words: int


def _is_stop(clause) -> bool:
    """Tell whether a clause is one word of question phrasing."""
    alt = clause[0]
    if len(clause) > 1 or len(alt.folded) != 1:
        return False
    key = alt.tonekeys[0] if alt.tonekeys else alt.folded[0]
    return key in _STOP_KEYS if key != alt.folded[0] else key in _STOP_FOLDED


def _known(backend: SearchBackend, clause) -> bool:
    """Tell whether any alternative of a clause can match (its words are all indexed)."""
    return any(all(backend.knows(word) for word in alt.folded) for alt in clause)


def relax(backend: SearchBackend, parsed: ParsedQuery, filters: Mapping[str, str],
          sort: str, page: int, per_page: int, found: int = 0) -> Relaxed | None:  # fmt: skip
    """Return the best search with fewer required words that finds more than ``found``
    records (what every word together found), or None (see the module)."""
    words = [clause for clause in parsed.must if not _is_stop(clause)]
    if len(parsed.must) < MIN_WORDS or not words:
        return None
    minimum = max(1, math.ceil(MINIMUM_SHARE * len(words)))
    kept = [clause for clause in words if _known(backend, clause)]
    if found and len(kept) == len(parsed.must):
        return None  # every word counts and is indexed: the few records found are the answer

    def run(clauses) -> SearchResult:
        query = replace(parsed, must=tuple(clauses), runs=(), converted=None)
        return backend.search(query, filters, sort, page, per_page)

    first: Relaxed | None = None  # the most words that found a few: those come first
    while len(kept) >= minimum:
        result = run(kept)
        if result.total > found:
            relaxed = Relaxed(replace(parsed, must=tuple(kept), runs=()), result, len(kept), len(words))
            if result.total >= FEW or first is not None:
                return _after(first, relaxed) if first else relaxed
            first = relaxed
        if len(kept) == minimum:
            break
        # Drop the word whose absence finds the most (the first such word on a tie).
        _, at = max((run(kept[:i] + kept[i + 1 :]).total, -i) for i in range(len(kept)))
        kept = kept[:-at] + kept[-at + 1 :] if at else kept[1:]
    return first


def _after(first: Relaxed, wider: Relaxed) -> Relaxed:
    """Return the wider search with the records of the narrower one (more words) first."""
    keys = {hit.key for hit in first.result.hits}
    hits = [*first.result.hits, *(hit for hit in wider.result.hits if hit.key not in keys)]
    result = replace(wider.result, hits=hits[: wider.result.per_page])
    return replace(wider, result=result, kept=first.kept)
