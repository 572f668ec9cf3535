"""Unicode repair, diacritic folding and tone keys for Vietnamese text.

Everything here works on plain strings; :mod:`portal.search.analysis` builds tokens and
queries on top of it and re-exports the public names.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from portal.search.numbers import normal_number

# Vowel-shape modifiers: circumflex, breve, horn.
MODIFIERS = frozenset("\u0302\u0306\u031b")
# Tone marks mapped to their tone-key digit: sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5.
TONE_DIGITS = {
    "\u0301": "1",
    "\u0300": "2",
    "\u0309": "3",
    "\u0303": "4",
    "\u0323": "5",
}
# Combining marks (the blocks that can appear in Latin text).
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMBINING_RE = re.compile(f"[{COMBINING}]+")
# Control (Cc) and format (Cf) characters that are not whitespace, lone surrogates and
# non-characters.  \x1c-\x1f and \x85 are whitespace to Python, so they are folded instead.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff"
    "\ud800-\udfff\U000e0001\U000e0020-\U000e007f]"
)
_SPACE_RE = re.compile(r"\s+")
# A base character followed by its combining marks.
_CLUSTER_RE = re.compile(f"[^{COMBINING}]?[{COMBINING}]+")
_MODIFIED_KEYS = {
    ("a", "\u0302"): "aa",
    ("a", "\u0306"): "aw",
    ("e", "\u0302"): "ee",
    ("o", "\u0302"): "oo",
    ("o", "\u031b"): "ow",
    ("u", "\u031b"): "uw",
}


def _mark_order(mark: str) -> int:
    """Sort vowel modifiers before tone marks; keep other marks among the modifiers."""
    return 1 if mark in TONE_DIGITS else 0


def _reorder_cluster(match: re.Match[str]) -> str:
    """Move the vowel modifiers of one base-plus-marks cluster before its tone marks."""
    cluster = match.group()
    start = 0 if unicodedata.combining(cluster[0]) else 1
    marks = sorted(cluster[start:], key=_mark_order)
    return cluster[:start] + "".join(marks)


@functools.lru_cache(maxsize=65536)
def repair_word(word: str) -> str:
    """Return one whitespace-free string in NFC with modifiers composed before tones."""
    decomposed = unicodedata.normalize("NFD", word)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", _CLUSTER_RE.sub(_reorder_cluster, decomposed))


def repair(text: str) -> str:
    """Return text in NFC with tone-first input fixed, controls dropped, spaces folded.

    NFC alone leaves ``e`` + U+0301 + U+0302 as ``é`` + U+0302 (both marks have combining
    class 230), so the text is decomposed, U+0302/U+0306/U+031B are moved before the tone
    marks of the same letter, and it is recomposed: the example becomes ``ế``.  Control and
    format characters (other than whitespace) are removed, runs of whitespace become one
    space, and leading/trailing whitespace is dropped.
    """
    text = _SPACE_RE.sub(" ", _CONTROL_RE.sub("", text)).strip()
    return " ".join(repair_word(part) for part in text.split(" ")) if text else ""


def _strip_marks(text: str) -> str:
    """Remove every combining mark from NFC text and map đ to d."""
    bare = _COMBINING_RE.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", bare.replace("đ", "d"))


def fold(text: str) -> str:
    """Return text repaired, lower-cased, without diacritics and with đ/Đ mapped to d."""
    return _strip_marks(repair(text).lower())


@functools.lru_cache(maxsize=65536)
def _syllable_key(syllable: str) -> str:
    """Return the tone key of one whitespace-free, repaired, lower-cased string."""
    letters: list[str] = []
    tone = ""
    for char in unicodedata.normalize("NFD", syllable):
        if char in TONE_DIGITS:
            tone = TONE_DIGITS[char]
        elif char in MODIFIERS and letters and (letters[-1], char) in _MODIFIED_KEYS:
            letters[-1] = _MODIFIED_KEYS[letters[-1], char]
        else:
            letters.append("dd" if char == "đ" else char)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


@functools.lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, str]:
    """Return (folded, tone key) of one whitespace-free string (the tokenizer's hot path);
    a number token's are both its normal form (``8.338,4`` → ``8338.4``)."""
    lower = repair_word(word).lower()
    if lower[:1].isdigit():
        number = normal_number(lower)
        return number, number
    return _strip_marks(lower), _syllable_key(lower)


def tone_key(syllable: str) -> str:
    """Return the tone key of a syllable: Telex-like letters and one trailing tone digit.

    Scheme: the text is repaired and lower-cased; vowel shapes are spelled with two ASCII
    letters (``â``→``aa``, ``ă``→``aw``, ``ê``→``ee``, ``ô``→``oo``, ``ơ``→``ow``,
    ``ư``→``uw``, ``đ``→``dd``); the tone mark, wherever it sat, is removed and appended as
    one digit (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng; none for ngang).  So ``hòa`` and
    ``hoà`` → ``hoa2``, ``hội`` → ``hooi5``, ``hỏi`` → ``hoi3``, ``đường`` → ``dduwowng2``.
    Other marks (not Vietnamese) are kept composed.  Known collision: loanwords spelled
    with a real double ``oo`` (``xoong``) share a key with ``xông``.  Several
    whitespace-separated syllables are keyed one by one and joined by single spaces.
    """
    return " ".join(_syllable_key(part) for part in repair(syllable).lower().split(" ") if part)


def has_diacritics(text: str) -> bool:
    """Tell whether text carries any diacritic (tone, vowel shape or đ)."""
    return fold(text) != repair(text).lower()
