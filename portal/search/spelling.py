""" "Did you mean": the closest known folded word, for engines without a spelling corrector.

Every backend keeps a vocabulary of the folded words it indexes (words only: nothing with a
digit) and asks :func:`closest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MAX_DISTANCE = 2
MAX_CANDIDATES = 5


def is_vocabulary_word(word: str) -> bool:
    """Tell whether a folded token belongs in a suggestion vocabulary (letters only)."""
    return word.isalpha()


def closest(word: str, vocabulary: Iterable[str], frequency: Callable[[str], int]) -> str | None:
    """Return the vocabulary word nearest to word (then the most frequent, then A–Z).

    Whoosh's corrector ranks every word within two edits by frequency alone; nearest first
    is closer to what a typist meant and gives the same answer on the contract's cases.
    Distances come from rapidfuzz (C++): a pure-Python scan cost 100-250 ms a suggestion
    over a 10k-document index, and "did you mean" runs on every query with few results.
    """
    matches = process.extract(word, vocabulary, scorer=Levenshtein.distance,
                              score_cutoff=MAX_DISTANCE, limit=None)  # fmt: skip
    found = [(candidate, dist) for candidate, dist, _ in matches if candidate != word]
    if not found:
        return None
    best = min(dist for _, dist in found)
    ranked = sorted(c for c, dist in found if dist == best)[: MAX_CANDIDATES * 4]
    return min(ranked, key=lambda w: (-frequency(w), w))
