"""Words typed together ("nghịquyết", "kỳhọp", "ngansach") cut into Vietnamese syllables.

A folded string is a syllable when it is onset + vowel nucleus + coda as :mod:`telex`
checks them (its tables folded: ``iê`` and ``ia`` are both ``ie``...).  A token that is no
syllable is cut into the fewest syllables that spell it, trying every cut.
"""

from __future__ import annotations

import functools

from portal.search.normalize import fold
from portal.search.telex import _CODA_ONLY, _EITHER, _ONSETS, _OPEN_ONLY, split_syllable

MAX_SYLLABLES = 4
_FOLDED_ONSETS = tuple(dict.fromkeys(fold(onset) for onset in _ONSETS))
_WITH_CODA = frozenset(fold(n) for n in _EITHER | _CODA_ONLY)
_WITHOUT_CODA = frozenset(fold(n) for n in _EITHER | _OPEN_ONLY)
_VOWELS = frozenset("aeiouy")


def _folded_valid(onset: str, nucleus: str, coda: str) -> bool:
    """The rules of :func:`telex._valid` on folded letters (no vowel marks to tell ``ê`` from ``e``)."""
    if not set(nucleus) <= _VOWELS or nucleus not in (_WITH_CODA if coda else _WITHOUT_CODA):
        return False
    front = nucleus[0] in "eiy"
    if onset in ("k", "gh", "ngh") and not front:
        return False
    if (onset in ("c", "ng") and front) or (onset == "g" and nucleus[0] == "e"):
        return False
    return not (onset == "qu" and nucleus[0] in "uo")


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Tell whether a folded word can be one Vietnamese syllable."""
    return split_syllable(word, _FOLDED_ONSETS, _folded_valid) is not None


@functools.lru_cache(maxsize=4096)
def segmentations(word: str) -> tuple[tuple[str, ...], ...]:
    """Return the cuts of a folded word into the fewest syllables (2 to MAX_SYLLABLES),
    or () when it is a syllable itself, too short, or cannot be cut."""
    if len(word) < 4 or not word.isalpha() or not word.isascii() or is_syllable(word):
        return ()
    for count in range(2, MAX_SYLLABLES + 1):
        found = _cuts(word, count)
        if found:
            return found
    return ()


def _cuts(word: str, count: int) -> tuple[tuple[str, ...], ...]:
    """Return every way to cut word into exactly count syllables."""
    if count == 1:
        return ((word,),) if is_syllable(word) else ()
    found = []
    for end in range(1, min(len(word), 8)):
        head = word[:end]
        if is_syllable(head):
            found += [(head, *tail) for tail in _cuts(word[end:], count - 1)]
    return tuple(found)


def split_typed(surface: str, folded: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return the cuts of a typed token as (folded syllables, tone keys) pairs; the tone
    keys come from the typed letters when they line up with the folded ones (NFC)."""
    from portal.search.normalize import repair_word, word_forms

    typed = repair_word(surface)
    found = []
    for cut in segmentations(folded)[:3]:
        if len(typed) != len(folded):
            found.append((cut, cut))
            continue
        keys, at = [], 0
        for piece in cut:
            keys.append(word_forms(typed[at : at + len(piece)])[1])
            at += len(piece)
        found.append((cut, tuple(keys)))
    return found
