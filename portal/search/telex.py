"""Words typed in Telex or VNI without an input method, turned back into Vietnamese.

``nghij quyeets`` → ``nghị quyết``, ``ddaauf tuw`` → ``đầu tư`` (Telex) and ``nghi5 quye6t1``
→ ``nghị quyết`` (VNI).  A word is converted only when it carries a marker that makes
sense (a Telex tone letter after the first vowel, a doubled vowel, ``dd`` or ``w``; a VNI digit) and the
result is a valid Vietnamese syllable (onset + vowel nucleus + coda, checked below), so
plain words (``ngan``, ``sach``, ``covid``, ``the``, ``data``) are left alone.
"""

from __future__ import annotations

import re
import unicodedata

from portal.search.docnumbers import DOC_NUMBER_RE

_TELEX_TONES = {
    "s": "\u0301",
    "f": "\u0300",
    "r": "\u0309",
    "x": "\u0303",
    "j": "\u0323",
}
_VNI_TONES = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
_BREVE = {"a": "ă"}
_VOWELS = "aăâeêioôơuưy"
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})
_ONSETS = [
    "ngh",
    "ng",
    "gh",
    "gi",
    "qu",
    "ch",
    "kh",
    "nh",
    "ph",
    "th",
    "tr",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "x",
] + [""]
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
# Vowel nuclei (with their glide) that end the syllable, that need a consonant coda,
# and that can do either.
_OPEN_ONLY = frozenset(
    [
        "ai",
        "ao",
        "au",
        "ay",
        "âu",
        "ây",
        "eo",
        "êu",
        "ia",
        "iu",
        "iêu",
        "yêu",
        "oai",
        "oay",
        "oeo",
        "oi",
        "ôi",
        "ơi",
        "ua",
        "ui",
        "uôi",
        "uơ",
        "ưa",
        "ưi",
        "ưu",
        "ươi",
        "ươu",
        "uya",
        "uyu",
        "uây",
    ]
)
_CODA_ONLY = frozenset(["ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"])
_EITHER = frozenset(["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy"])
_FRONT = frozenset("eêiy")
# Plain English words that happen to look like Telex.
_NOT_TELEX = frozenset(["as", "bus", "car", "has", "his", "is", "its", "was", "yes", "us", "test",
                        "best", "post", "host", "cost", "list", "fast", "last", "sex", "max",
                        "fax", "tax", "box", "mix", "fix", "six"])  # fmt: skip
_ASCII_WORD_RE = re.compile(r"(?<![\w/.])[A-Za-z][A-Za-z0-9]*(?![\w/])")


def split_syllable(word: str, onsets, valid) -> tuple[str, str, str] | None:
    """Split a word into the first (onset, nucleus, coda) that valid(onset, nucleus, coda) accepts."""
    for onset in onsets:
        if not word.startswith(onset):
            continue
        rest = word[len(onset) :]
        for coda in _CODAS:
            nucleus = rest[: len(rest) - len(coda)] if coda else rest
            if rest.endswith(coda) and nucleus and valid(onset, nucleus, coda):
                return onset, nucleus, coda
    return None


def _split(word: str) -> tuple[str, str, str] | None:
    """Split an unmarked Vietnamese syllable into a valid (onset, nucleus, coda)."""
    return split_syllable(word, _ONSETS, _valid)


def _valid(onset: str, nucleus: str, coda: str) -> bool:
    """Tell whether onset + nucleus + coda is a possible Vietnamese syllable."""
    if any(char not in _VOWELS for char in nucleus):
        return False
    allowed = _EITHER | (_CODA_ONLY if coda else _OPEN_ONLY)
    if nucleus not in allowed:
        return False
    front = nucleus[0] in _FRONT
    if onset in ("k", "gh", "ngh") and not front:
        return False
    if (onset in ("c", "ng") and front) or (onset == "g" and nucleus[0] in "eê"):
        return False
    return not (onset == "qu" and nucleus[0] in "uưo")


def _tone_index(nucleus: str, coda: str) -> int:
    """Return the index of the nucleus vowel that carries the tone (old-style placement)."""
    shaped = [i for i, char in enumerate(nucleus) if char in "ăâêôơư"]
    if shaped:
        return shaped[-1]
    if coda or len(nucleus) == 1:
        return len(nucleus) - 1
    return 1 if len(nucleus) == 3 else 0


def _compose(letters: str, tone: str) -> str | None:
    """Return letters with the tone placed, or None if they are not a valid syllable."""
    parts = _split(letters)
    if parts is None:
        return None
    onset, nucleus, coda = parts
    if coda in _STOP_CODAS and tone not in ("\u0301", "\u0323"):
        return None
    index = _tone_index(nucleus, coda)
    nucleus = nucleus[: index + 1] + tone + nucleus[index + 1 :]
    return unicodedata.normalize("NFC", onset + nucleus + coda)


def _last_vowel(letters: list[str], table: dict[str, str]) -> int:
    """Return the index of the last vowel in letters, or -1; -2 if it can't be shaped."""
    for index in range(len(letters) - 1, -1, -1):
        if letters[index] in _VOWELS:
            return index if letters[index] in table else -2
    return -1


def _apply_horn(letters: list[str]) -> bool:
    """Put a horn on the last u/o (both of ``uo``) or a breve on a; tell if it applied."""
    index = _last_vowel(letters, {**_HORN, **_BREVE, "ư": "ư"})
    if index < 0:
        return False
    if letters[index] == "o" and index and letters[index - 1] in "uư":
        letters[index - 1] = "ư"
    letters[index] = {**_HORN, **_BREVE, "ư": "ư"}[letters[index]]
    return True


def _with_case(original: str, converted: str | None) -> str | None:
    """Give converted the capitalisation of original (all upper or first letter)."""
    if converted is None or not original[:1].isupper():
        return converted
    return converted.upper() if original.isupper() and len(original) > 1 else converted.capitalize()


def telex_to_vietnamese(word: str) -> str | None:
    """Return the Vietnamese syllable a Telex word spells, or None if it is not Telex."""
    lower = word.lower()
    if not lower.isascii() or not lower.isalpha() or lower in _NOT_TELEX:
        return None
    tone, marked = "", False
    # The tone key may come anywhere after the first vowel, as Unikey accepts ("tieesp",
    # "Hoafng"): no Vietnamese coda is s/f/r/x/j, so there it can only be a tone key.
    first = next((i for i, char in enumerate(lower) if char in "aeiouy"), len(lower))
    keys = [i for i in range(first + 1, len(lower)) if lower[i] in _TELEX_TONES]
    if len(keys) > 1:
        return None
    if keys:
        at = keys[0]
        tone, lower, marked = _TELEX_TONES[lower[at]], lower[:at] + lower[at + 1 :], True
    letters: list[str] = []
    for char in lower:
        if char == "d" and letters == ["d"]:
            letters[0], marked = "đ", True
        elif char in _CIRCUMFLEX and letters and letters[-1] == char:
            letters[-1], marked = _CIRCUMFLEX[char], True
        elif char == "w" and _apply_horn(letters):
            marked = True
        elif char == "w" and not any(letter in _VOWELS for letter in letters):
            letters.append("ư")
            marked = True
        else:
            letters.append(char)
    return _with_case(word, _compose("".join(letters), tone)) if marked else None


def _vni_shape(letters: list[str], digit: str) -> bool:
    """Apply VNI digit 6 (circumflex), 7 (horn), 8 (breve) or 9 (đ); tell if it applied."""
    if digit == "9":
        if letters[:1] != ["d"]:
            return False
        letters[0] = "đ"
        return True
    if digit == "7":
        return _apply_horn(letters) if _last_vowel(letters, _HORN) >= 0 else False
    if digit not in "68":
        return False
    table = _CIRCUMFLEX if digit == "6" else _BREVE
    index = _last_vowel(letters, table)
    if index < 0:
        return False
    letters[index] = table[letters[index]]
    return True


def vni_to_vietnamese(word: str) -> str | None:
    """Return the Vietnamese syllable a VNI word spells, or None if it is not VNI."""
    lower = word.lower()
    if not lower.isascii() or not lower.isalnum() or not lower[:1].isalpha():
        return None
    if lower.isalpha():
        return None
    tone = ""
    letters: list[str] = []
    for char in lower:
        if char in _VNI_TONES:
            if tone:
                return None
            tone = _VNI_TONES[char]
        elif char.isdigit():
            if not _vni_shape(letters, char):
                return None
        else:
            letters.append(char)
    return _with_case(word, _compose("".join(letters), tone))


def convert_word(word: str) -> str | None:
    """Return the Telex or VNI conversion of one ASCII word, or None."""
    if word in ("AND", "OR", "NOT") or (word.isupper() and len(word) > 1):
        return None
    if any(char.isdigit() for char in word):
        return vni_to_vietnamese(word)
    return telex_to_vietnamese(word)


def convert_typed_query(query: str) -> str | None:
    """Return the query with every Telex/VNI word converted, or None if none changed.

    Only whole ASCII words are looked at; document numbers (``45-CT/TW``), all-capital
    abbreviations (``HDND``) and the operators ``AND``/``OR``/``NOT`` are left alone.
    """
    protected = [match.span() for match in DOC_NUMBER_RE.finditer(query)]
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        if any(start <= match.start() < end for start, end in protected):
            return match.group()
        converted = convert_word(match.group())
        changed = changed or converted is not None
        return converted or match.group()

    result = _ASCII_WORD_RE.sub(replace, query)
    return result if changed else None
