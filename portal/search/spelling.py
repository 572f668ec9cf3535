""" "Did you mean": the closest known folded word, for engines without a spelling corrector.

Whoosh has its own corrector; the tantivy and PostgreSQL backends keep a vocabulary of the
folded words they index (words only: nothing with a digit) and ask :func:`closest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

MAX_DISTANCE = 2
MAX_CANDIDATES = 5


def is_vocabulary_word(word: str) -> bool:
    """Tell whether a folded token belongs in a suggestion vocabulary (letters only)."""
    return word.isalpha()


def distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Return the Levenshtein distance of a and b, or limit + 1 when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (char != other),
                )
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def closest(
    word: str, vocabulary: Iterable[str], frequency: Callable[[str], int]
) -> str | None:
    """Return the vocabulary word nearest to word (then the most frequent, then A–Z).

    Whoosh's corrector ranks every word within two edits by frequency alone; nearest first
    is closer to what a typist meant and gives the same answer on the contract's cases.
    """
    best, found = MAX_DISTANCE + 1, []
    for candidate in vocabulary:
        if candidate == word:
            continue
        dist = distance(word, candidate, min(best, MAX_DISTANCE))
        if dist < best:
            best, found = dist, [candidate]
        elif dist == best and dist <= MAX_DISTANCE:
            found.append(candidate)
    if not found:
        return None
    ranked = sorted(found)[: MAX_CANDIDATES * 4]
    return min(ranked, key=lambda w: (-frequency(w), w))
