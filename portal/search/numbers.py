"""Numbers as people write them: one normal form for digits, words and Roman numerals.

* A number token (the tokenizer cuts digits from letters and keeps ``8.338,4`` whole) gets
  one normal form whatever its separators: ``8.338,4``, ``8338,4`` and ``8338.4`` are all
  ``8338.4``; ``05`` is ``5`` (counts and dates are written both ways); a unit written
  against it (``8.338,4ha``) is a word of its own.
* Spelled numbers (``Mười một``, ``hai mươi mốt``, ``thứ Nhất``) and Roman numerals after a
  word that numbers things (``khóa XX``, ``quý III/2019``, ``kỳ họp thứ Mười ba``) are found
  on the words' tone keys (so ``thứ tự`` is not ``thứ tư``) and written again in digits:
  the index appends ``khoa 20``, ``quy 3 2019``, ``thu 13`` and ``hop 13`` (the word before
  ``thứ``), and the query side writes the same digits, so "kỳ họp 13", "kỳ họp thứ XIII" and
  "khóa 20" meet the records that spell them out.
"""

from __future__ import annotations

import functools
import re
from itertools import compress
from typing import NamedTuple

# Words after which a number (spelled, Roman or in digits) names the thing numbered.
CONTEXT = frozenset(
    ["thuw1", "khoa1", "laan2", "ddowt5", "quy1", "phaan2", "chuwowng", "muc5", "ky2",
     "ddieeu2", "thu", "khoa", "lan", "dot", "quy", "phan", "chuong", "muc", "ky", "dieu"]
)  # fmt: skip
ORDINAL = frozenset(["thuw1", "thu"])
# Tone keys of the number words, and the folded forms accepted for words typed without
# diacritics (``nam``/``tu`` are then ambiguous, so they count only after a context word).
_UNITS = {
    "moot5": 1, "hai": 2, "ba": 3, "boon1": 4, "tuw": 4, "nawm": 5, "sau1": 6, "bay3": 7,
    "baay3": 7, "tam1": 8, "chin1": 9,
    "mot": 1, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_LATE_UNITS = {"moot1": 1, "lawm": 5, "nhawm": 5, "lam": 5, **_UNITS}  # after mươi
_FIRST = {"nhaat1": 1, "nhat": 1}  # only right after thứ
_TEN, _TENS = frozenset(["muwowi2", "muoi"]), frozenset(["muwowi", "muoi"])
_HUNDRED, _ZERO = frozenset(["trawm", "tram"]), frozenset(["linh", "le3", "le"])
ANCHORS = CONTEXT | _TEN | _TENS | _HUNDRED
_ROMAN_RE = re.compile(r"x{0,3}(?:ix|iv|v?i{0,3})")
_ROMAN = {"i": 1, "v": 5, "x": 10}
_VN_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_RE = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}")
_DECIMAL_RE = re.compile(r"\d+[.,]\d+")
# A digit run with its thousands and decimal separators (a tokenizer alternative).
NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"


@functools.lru_cache(maxsize=65536)
def normal_number(token: str) -> str:
    """Return the normal form of a number token: ``8.338,4``/``8338,4``/``8338.4`` →
    ``8338.4``, ``1.107`` → ``1107``, ``05`` → ``5``; other digit runs (``3.3.1``) as typed."""
    if token.isdigit():
        return (token.lstrip("0") or "0") if len(token) <= 2 and token.isascii() else token
    if _VN_RE.fullmatch(token):
        whole, _, part = token.replace(".", "").partition(",")
    elif _EN_RE.fullmatch(token):
        whole, _, part = token.replace(",", "").partition(".")
    elif _DECIMAL_RE.fullmatch(token):
        whole, _, part = token.replace(",", ".").partition(".")
    else:
        return token
    whole, part = whole.lstrip("0") or "0", part.rstrip("0")
    return f"{whole}.{part}" if part else whole


def roman_value(word: str) -> int | None:
    """Return the value of a lower-case Roman numeral up to 39 (``xx`` → 20), else None."""
    if not word or not _ROMAN_RE.fullmatch(word):
        return None
    values = [_ROMAN[char] for char in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))  # fmt: skip


def _spelled(words: list[str], at: int, context: bool, ordinal: bool) -> tuple[int, int]:
    """Return (value, words used) of the spelled number starting at ``at`` (0 used: none).

    ``mười ba`` 13, ``hai mươi mốt`` 21, ``một trăm linh năm`` 105; a lone unit (``hai``)
    only after a context word, ``nhất`` only after ``thứ``."""
    size = len(words)

    def word(i: int) -> str:
        return words[i] if i < size else ""

    if ordinal and word(at) in _FIRST:
        return 1, 1
    i, value = at, 0
    if word(i) in _UNITS and word(i + 1) in _HUNDRED:
        value, i = _UNITS[word(i)] * 100, i + 2
        if word(i) in _ZERO and word(i + 1) in _UNITS:
            return value + _UNITS[word(i + 1)], i + 2 - at
    if word(i) in _UNITS and word(i + 1) in _TENS:
        value, i = value + 10 * _UNITS[word(i)], i + 2
    elif word(i) in _TEN:
        value, i = value + 10, i + 1
    elif word(i) in _UNITS and (context or value):
        return value + _UNITS[word(i)], i + 1 - at
    else:
        return value, i - at
    if word(i) in _LATE_UNITS:
        value, i = value + _LATE_UNITS[word(i)], i + 1
    return value, i - at


class Span(NamedTuple):
    """Words ``start:end`` spell the number ``value``; ``context`` is the index of the word
    before it that numbers things (-1: none)."""

    start: int
    end: int
    value: int
    context: int


def number_spans(folded: list[str], keys: list[str]) -> list[Span]:
    """Return the spelled numbers (and Roman numerals after a context word) among words.

    Number words are looked up by their tone keys: a word typed without diacritics has its
    folded form as its tone key, and the tables hold both forms."""
    lookup = keys
    spans: list[Span] = []
    end = 0
    for at in compress(range(len(lookup)), map(ANCHORS.__contains__, lookup)):
        if at < end:
            continue
        word = lookup[at]
        if word in CONTEXT and at + 1 < len(lookup):
            roman = roman_value(folded[at + 1])
            if roman and lookup[at + 1] == folded[at + 1]:
                spans.append(Span(at + 1, at + 2, roman, at))
                end = at + 2
                continue
            value, used = _spelled(lookup, at + 1, True, word in ORDINAL)
            if used:
                spans.append(Span(at + 1, at + 1 + used, value, at))
                end = at + 1 + used
            continue
        unit_before = at > end and word not in _TEN and lookup[at - 1] in _UNITS
        start = at - 1 if unit_before else at
        value, used = _spelled(lookup, start, False, False)
        if used and (used > 1 or word in _TEN):
            spans.append(Span(start, start + used, value, -1))
            end = start + used
    return spans


def number_expansions(folded: list[str], keys: list[str]) -> list[str]:
    """Return the digit forms to index for the spelled and Roman numbers among the words:
    ``khoa 20``; ``thu 13`` and the word before ``thứ`` with the number (``hop 13``); a
    four-digit year that follows is kept (``quy 3 2019``); without a context word, the digits."""
    lines: dict[str, None] = {}
    for span in number_spans(folded, keys):
        digits = str(span.value)
        after = folded[span.end] if span.end < len(folded) else ""
        year = f" {after}" if len(after) == 4 and after.isdigit() else ""
        if span.context < 0:
            lines[digits] = None
            continue
        lines[f"{folded[span.context]} {digits}{year}"] = None
        if keys[span.context] in ORDINAL and span.context > 0:
            lines[f"{folded[span.context - 1]} {digits}"] = None
    return list(lines)
