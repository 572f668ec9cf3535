"""Regional spelling confusions corrected from what the index holds (a syllable bigram model).

Readers write what they hear: s/x (``sử lý``), tr/ch (``chường học``), d/gi/r/z (``zải
quyết``), ph/f (``fòng chống``), l/n (``nợn``), final n/ng and c/t (``sảng xuất``), hỏi/ngã
(``quãng cáo``).  :func:`confusion_variants` gives the spellings one such swap away, keeping
the reader's other diacritics and capitals; :func:`correct` keeps a variant only where the
index holds it beside its typed neighbours (``xu_ly`` is an indexed pair, ``su_ly`` is not),
so a suggestion is always an indexed word sequence, and a well-formed query that is simply
absent ("cháy rừng", "Kon Tum") gets none.
"""

from __future__ import annotations

import unicodedata

from portal.search.analysis import tokenize
from portal.search.base import SearchBackend
from portal.search.normalize import repair

# Onsets heard alike, the likelier reading first (a tie goes to the first).
_ONSETS = {
    "s": ("x",), "x": ("s",), "tr": ("ch",), "ch": ("tr",), "z": ("gi", "d", "r"),
    "d": ("gi", "r", "v"), "gi": ("d", "r"), "r": ("d", "gi"), "v": ("d",), "f": ("ph",),
    "l": ("n",), "n": ("l",),
}  # fmt: skip
_CODAS = {"ng": ("n",), "n": ("ng", "nh"), "c": ("t", "ch"), "t": ("c",), "ch": ("c", "t"),
          "nh": ("n", "ng")}  # fmt: skip
_HOI, _NGA = "\u0309", "\u0303"


def _case_like(original: str, word: str) -> str:
    """Give word the capitals of original (all capitals or a capital first letter)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def confusion_variants(word: str) -> list[str]:
    """Return the spellings of a syllable one regional confusion away, diacritics kept."""
    lower = repair(word).lower()
    found: list[str] = []
    for onset in sorted(_ONSETS, key=len, reverse=True):
        if lower.startswith(onset) and not (onset == "n" and lower[1:2] in ("g", "h")):
            found += [swap + lower[len(onset) :] for swap in _ONSETS[onset]]
            break
    for coda in sorted(_CODAS, key=len, reverse=True):
        if lower.endswith(coda) and len(lower) > len(coda):
            found += [lower[: -len(coda)] + swap for swap in _CODAS[coda]]
            break
    marks = unicodedata.normalize("NFD", lower)
    if _HOI in marks or _NGA in marks:
        swapped = marks.replace(_HOI, "\0").replace(_NGA, _HOI).replace("\0", _NGA)
        found.append(unicodedata.normalize("NFC", swapped))
    return [_case_like(word, v) for v in dict.fromkeys(found) if v != lower]


def _pairs(backend: SearchBackend, words: list[str], at: int, form: str) -> tuple[int, int]:
    """Return (neighbours it stands beside in the index, how many documents) for word
    ``form`` at position ``at`` among the folded words."""
    beside = total = 0
    if at > 0:
        count = backend.pair_count(words[at - 1], form)
        beside, total = beside + (count > 0), total + count
    if at + 1 < len(words):
        count = backend.pair_count(form, words[at + 1])
        beside, total = beside + (count > 0), total + count
    return beside, total


def correct(backend: SearchBackend, text: str) -> str | None:
    """Return text with confused syllables respelt as the index holds them, or None.

    A word is respelt when a variant stands beside more of its neighbours in the index than
    the typed word does (at least one); a query of one word only when the typed word is
    not indexed at all and the variant is (the most frequent variant wins)."""
    tokens = [t for t in tokenize(text) if t.kind == "word" and t.folded.isalpha()]
    words = [t.folded for t in tokens]
    joined = _joins(backend, tokens, words)
    if joined:
        return _respelt(text, joined)
    changes: list[tuple[int, int, str]] = []
    for at, token in enumerate(tokens):
        variants = [v for v in confusion_variants(token.text) if v]
        if not variants:
            continue
        known = backend.knows(token.folded)
        if len(words) == 1 and known:
            continue
        typed = _pairs(backend, words, at, token.folded) if known else (0, 0)
        best, best_score = None, (-1, -1)
        for variant in variants:
            folded = tokenize(variant)[0].folded
            if folded == token.folded or not backend.knows(folded):
                continue
            if len(words) == 1:
                score = (0, backend.word_count(folded))
            else:
                score = _pairs(backend, words, at, folded)
                if score[0] <= typed[0]:
                    continue
            if score > best_score:
                best, best_score = variant, score
        if best is not None:
            changes.append((token.start, token.end, best))
    return _respelt(text, changes) if changes else None


def _joins(backend: SearchBackend, tokens: list, words: list[str]) -> list[tuple[int, int, str]]:
    """Return the syllables typed apart (``ngh ị quyết``, ``gi ám sát``) that the index holds
    joined, beside a typed neighbour, where the two parts never stand side by side."""
    changes: list[tuple[int, int, str]] = []
    at = 0
    while at + 1 < len(tokens):
        first, second = tokens[at], tokens[at + 1]
        folded = first.folded + second.folded
        rest = [*words[:at], folded, *words[at + 2 :]]
        if (
            len(folded) <= 7
            and backend.pair_count(first.folded, second.folded) == 0
            and backend.knows(folded)
            and (len(rest) == 1 or _pairs(backend, rest, at, folded)[0] > 0)
        ):
            changes.append((first.start, second.end, first.text + second.text))
            at += 2
        else:
            at += 1
    return changes


def _respelt(text: str, changes: list[tuple[int, int, str]]) -> str:
    """Return text with each (start, end) span replaced by its new spelling."""
    parts, cursor = [], 0
    for start, end, variant in changes:
        parts += [text[cursor:start], variant]
        cursor = end
    return "".join([*parts, text[cursor:]])
