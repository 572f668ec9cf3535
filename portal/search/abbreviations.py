"""Abbreviations expanded both ways (``HĐND`` ↔ ``Hội đồng nhân dân``).

The list lives in ``abbreviations.txt`` beside this module.  Matching is on folded word
sequences, so ``hdnd``, ``HĐND`` and ``HDND`` are one abbreviation and ``hoi dong nhan
dan`` matches the full form.  Index time: :func:`expand_abbreviations`.  Query time:
:func:`portal.search.analysis.analyze_query` adds the other form as an alternative.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from portal.search.normalize import fold
from portal.search.numbers import NUMBER_PATTERN

ABBREVIATIONS_FILE = Path(__file__).with_name("abbreviations.txt")
# Words as the tokenizer cuts them: digits apart from letters (``0HĐND`` is ``0`` ``hdnd``).
_WORD_RE = re.compile(rf"{NUMBER_PATTERN}|[^\W\d_]+")

Words = tuple[str, ...]


def folded_words(text: str) -> Words:
    """Return the folded words (syllables) of text."""
    return tuple(_WORD_RE.findall(fold(text)))


def parse_abbreviations(lines: Sequence[str]) -> list[tuple[str, str]]:
    """Return the (abbreviation, full form) pairs of ``ABBR = full form`` lines."""
    pairs = []
    for line in lines:
        line = line.split("#", 1)[0]
        short, sep, full = line.partition("=")
        if sep and folded_words(short) and folded_words(full):
            pairs.append((short.strip(), " ".join(full.split())))
    return pairs


@functools.lru_cache(maxsize=1)
def abbreviation_table() -> dict[Words, tuple[str, ...]]:
    """Return folded word sequence → the forms it expands to (both directions)."""
    text = ABBREVIATIONS_FILE.read_text(encoding="utf-8")
    table: dict[Words, dict[str, None]] = {}
    for short, full in parse_abbreviations(text.splitlines()):
        short_words = folded_words(short)
        for key in {short_words, ("".join(short_words),)}:
            table.setdefault(key, {})[full] = None
        table.setdefault(folded_words(full), {})[short] = None
    return {key: tuple(forms) for key, forms in table.items()}


@functools.lru_cache(maxsize=1)
def _lengths_by_first() -> dict[str, tuple[int, ...]]:
    """Return first word → the lengths of table keys starting with it, longest first."""
    lengths: dict[str, set[int]] = {}
    for key in abbreviation_table():
        lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def find_abbreviations(words: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Return every (start, end, forms) where words[start:end] is a table key."""
    table, lengths = abbreviation_table(), _lengths_by_first()
    found = []
    for start, word in enumerate(words):
        for length in lengths.get(word, ()):
            key = tuple(words[start : start + length])
            if key in table:
                found.append((start, start + length, table[key]))
    return found


def longest_abbreviations(
    words: Sequence[str],
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Return the non-overlapping matches, longest first at each position, left to right."""
    chosen: list[tuple[int, int, tuple[str, ...]]] = []
    for match in find_abbreviations(words):
        if not chosen or match[0] >= chosen[-1][1]:
            chosen.append(match)
    return chosen


def abbreviation_expansions(text: str) -> list[str]:
    """Return the other forms of every abbreviation and full form found in text."""
    forms = (form for _, _, found in find_abbreviations(folded_words(text)) for form in found)
    return list(dict.fromkeys(forms))


def expand_abbreviations(text: str) -> str:
    """Return text with the other form of each abbreviation and full form appended.

    For indexing: ``"Kỳ họp HĐND"`` becomes ``"Kỳ họp HĐND\\nHội đồng nhân dân"`` and
    ``"Ủy ban nhân dân tỉnh"`` gains ``"\\nUBND"``, so either form finds the document.
    The original text is kept unchanged as a prefix: offsets below ``len(text)`` still
    point into it, and a highlighter must ignore tokens that start at or after it.  Each
    addition is on its own line, so no bigram joins it to its neighbour.
    """
    extra = abbreviation_expansions(text)
    return "\n".join([text, *extra]) if extra else text


# Place prefixes before a capitalised name: "P. Đông Kinh", "X.Quảng Lạc", "Q. Ba Đình".
PLACE_PREFIXES = {"P": "phường", "X": "xã", "Q": "quận", "H": "huyện", "TT": "thị trấn"}
_PREFIXES = ("P.", "X.", "Q.", "H.", "TT.")  # what every match of _PLACE_RE contains
_PLACE_RE = re.compile(r"(?<![\w.])(TT|[PXQH])\.\s*(\w+(?:[ \t]+\w+){0,2})")


def _named(match: re.Match[str]) -> str | None:
    """Return "phường Đông Kinh" for a prefix and the capitalised words after it, or None."""
    words = []
    for word in match.group(2).split():
        if not word[:1].isupper():
            break
        words.append(word)
    return f"{PLACE_PREFIXES[match.group(1)]} {' '.join(words)}" if words else None


def place_expansions(text: str) -> list[str]:
    """Return the place names written with a prefix in text, the prefix in full."""
    if not any(prefix in text for prefix in _PREFIXES):  # a plain substring test is much cheaper
        return []
    return list(dict.fromkeys(n for m in _PLACE_RE.finditer(text) if (n := _named(m))))


def expand_places(query: str) -> str:
    """Return a query with its place prefixes written in full ("P. Đông Kinh" → "phường
    Đông Kinh")."""
    return _PLACE_RE.sub(lambda m: _named(m) or m.group(), query)
