"""A search document analysed once for the engines fed pre-tokenised text (tantivy, PostgreSQL).

The terms are exactly those the Whoosh schema derives through :func:`analysis.tokenize`:
``folded`` (every word of the text and of its abbreviation expansions, plus the folded
document-number tokens), ``tonekeys`` (word tokens), ``bigrams`` (adjacent folded words within
a clause), ``title`` (folded title tokens), ``own_number`` and ``numbers`` (document-number
terms of the record's own number, with the ``date:…`` terms of its date, and of every number
the text mentions).

:func:`prepare` gets there several times faster than building :class:`analysis.Token`
objects, with per-word work done by C loops rather than Python ones: one regex pass finds
the words and clause breaks (the tokenizer's own patterns), a dict maps each to its forms
(:func:`normalize.word_forms`, computed once per distinct word), clause breaks are removed
by index, abbreviations are tried only where a set lookup finds a key's first words, and
document numbers only near a digit followed by ``/`` or ``-``.  ``tests/search/
test_backends.py`` checks that both ways give the same terms.

Snippets are made from the original text by :mod:`portal.search.snippets`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress

from portal.search import analysis
from portal.search.abbreviations import _lengths_by_first, abbreviation_table, place_expansions
from portal.search.analysis import _WORD_RE
from portal.search.dates import date_terms
from portal.search.docnumbers import DOC_NUMBER_RE, own_number_terms
from portal.search.normalize import _CONTROL_RE, COMBINING, fold, repair, word_forms
from portal.search.numbers import NUMBER_PATTERN, number_expansions

CLAUSE_GAP = 8  # as the Whoosh schema: no phrase spans a clause break
# One pass finds the tokenizer's words (its own word pattern, written as runs so the C
# matcher loops per class) and its clause breaks (its own break pattern, "\n" folded into
# the first class): the two never share a character, so the words and breaks come out
# exactly as ``_BREAK_RE.split`` then ``_WORD_RE.findall`` per part would give them.  Words
# come first: they are most of the matches, and no two alternatives start with the same character.
_BREAKS = "[;!?…\\n]|[.:][\"'”’)\\]]*\\s"
_TOKEN_RE = re.compile(f"(?:[^\\W\\d_]+|[{COMBINING}]+)+|{NUMBER_PATTERN}|{_BREAKS}")
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
BREAK = "\n"  # what a clause break's token maps to
# Where a document number can start: its number (not preceded by a letter, digit, / or -),
# an optional /year, then / or -.  Led by the digit, so the matcher skips to digits.
_DOCNO_START_RE = re.compile(r"\d(?<![\w/-]\d)\d{0,5}(?:/\d{4})?[/-]")


@functools.lru_cache(maxsize=1)
def _bmp_token_re() -> re.Pattern[str]:
    """Return _TOKEN_RE for text without astral characters, its word class spelled out.

    ``[^\\W\\d_]`` costs the matcher several Unicode-database lookups per character; the
    same set written as ranges (every BMP character that is alphanumeric, as ``\\w``
    defines it: ``str.isalnum``, but not a decimal digit, or a combining mark) is one
    bitmap lookup."""
    marks, digit = re.compile(f"[{COMBINING}]"), re.compile(r"\d")
    ranges, start = [], None
    for code in range(0x10000):
        char = chr(code)
        inside = not 0xD800 <= code <= 0xDFFF and (
            (char.isalnum() and digit.match(char) is None) or marks.match(char) is not None
        )
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append((start, code - 1))
            start = None
    if start is not None:
        ranges.append((start, 0xFFFF))
    spelled = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )
    return re.compile(f"[{spelled}]+|{NUMBER_PATTERN}|{_BREAKS}")


def _tokens(text: str) -> list[str]:
    """Return the words and clause-break tokens of text, in order."""
    pattern = _TOKEN_RE if _ASTRAL_RE.search(text) else _bmp_token_re()
    return pattern.findall(text)


class _FormCache:
    """Token → folded form and token → tone key, in plain dicts so that a whole text is
    looked up by map().  A clause break maps to BREAK in both.  The dicts are replaced
    when they grow past LIMIT (a reader keeps the pair it took: no lock needed; a key is
    written before its folded form, and looked up after it)."""

    LIMIT = 300_000

    def __init__(self) -> None:
        self.tables: tuple[dict[str, str], dict[str, str]] = ({}, {})

    def forms(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        folded, keys = self.tables
        try:
            found = list(map(folded.__getitem__, tokens))
        except KeyError:
            folded, keys = self._learn(tokens)
            found = list(map(folded.__getitem__, tokens))
        return found, list(map(keys.__getitem__, tokens))

    def _learn(self, tokens: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        folded, keys = self.tables
        missing = set(tokens).difference(folded)
        if len(folded) + len(missing) > self.LIMIT:
            folded, keys = self.tables = ({}, {})
            missing = set(tokens)
        for token in missing:
            if _WORD_RE.fullmatch(token) is None:
                keys[token] = folded[token] = BREAK
            else:
                form, keys[token] = word_forms(token)
                folded[token] = form
        return folded, keys


_FORMS = _FormCache()


@dataclass(frozen=True)
class Prepared:
    """The analysed forms of one document.

    ``words`` and ``keys`` hold the folded form and tone key of every word, in order;
    ``breaks`` the indices of the words that start a new clause; ``pairs`` the ``a_b``
    pairs of every two adjacent words, clause breaks ignored; ``docnos`` the folded
    document-number tokens; ``dates`` the terms of the record's date (also in ``own_number``).
    """

    words: list[str]
    keys: list[str]
    breaks: list[int]
    pairs: list[str]
    docnos: list[str]
    title: list[str]
    own_number: list[str]
    numbers: list[str]
    dates: list[str] = field(default_factory=list)

    @property
    def folded(self) -> list[str]:
        """Return every folded token: the words, then the document numbers."""
        return self.words + self.docnos

    @property
    def tonekeys(self) -> list[str]:
        return self.keys

    @property
    def bigrams(self) -> list[str]:
        """Return the ``a_b`` pairs of adjacent words within one clause."""
        pairs = self.pairs.copy()
        for start in reversed(self.breaks):
            del pairs[start - 1]
        return pairs

    @property
    def clauses(self) -> list[list[tuple[str, str]]]:
        """Return per clause the (folded, tone key) of each word."""
        bounds = [0, *self.breaks, len(self.words)]
        pairs = list(zip(self.words, self.keys, strict=True))
        return [pairs[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]

    def positioned(self) -> Iterator[tuple[int, str, str, str | None]]:
        """Yield (position, folded, tone key, bigram starting here or None) per word.

        Positions are word counts plus CLAUSE_GAP per clause break, as Whoosh stores them.
        """
        index = 0
        for number, clause in enumerate(self.clauses):
            for i, (folded, key) in enumerate(clause):
                following = clause[i + 1][0] if i + 1 < len(clause) else None
                bigram = f"{folded}_{following}" if following else None
                yield index + CLAUSE_GAP * number, folded, key, bigram
                index += 1


def without_breaks(forms: list[str], *beside: list) -> tuple[list[str], list[list], list[int]]:
    """Drop the tokens that fold to nothing (words of marks only: tokenize skips them) and
    the clause breaks from the forms of a text's tokens and from the lists beside them
    (same length; the lists are changed in place); return the forms, the lists, and the
    indices of the words that start a clause (several breaks in a row count once; none
    before the first word or after the last)."""
    lists = list(beside)
    if "" in forms:
        kept = list(map(bool, forms))
        forms, lists = list(compress(forms, kept)), [list(compress(x, kept)) for x in lists]
    at, found = -1, []
    for _ in range(forms.count(BREAK)):
        at = forms.index(BREAK, at + 1)
        found.append(at)
    for at in reversed(found):
        del forms[at]
        for values in lists:
            del values[at]
    starts = (at - seen for seen, at in enumerate(found))
    return forms, lists, list(dict.fromkeys(s for s in starts if 0 < s < len(forms)))


def _words(text: str) -> tuple[list[str], list[str], list[int]]:
    """Return the folded words, tone keys and clause starts of text, as tokenize finds them."""
    folded, (keys,), breaks = without_breaks(*_FORMS.forms(_tokens(text)))
    return folded, keys, breaks


@functools.lru_cache(maxsize=4096)
def _repaired(number: str) -> str:
    return repair(number)


def doc_number_matches(text: str) -> Iterator[re.Match[str]]:
    """Yield the same matches as ``DOC_NUMBER_RE.finditer(text)``, faster.

    Every match starts where _DOCNO_START_RE matches (and no such match can span the start
    of another, as the character before a number is never a digit, / or -), so only there
    is it tried.
    """
    end = 0
    for start in _DOCNO_START_RE.finditer(text):
        if start.start() >= end and (match := DOC_NUMBER_RE.match(text, start.start())):
            yield match
            end = match.end()


def _doc_numbers(text: str) -> list[str]:
    """Return the document numbers of text, repaired (one token each, as tokenize adds)."""
    return [_repaired(match.group()) for match in doc_number_matches(text)]


@functools.lru_cache(maxsize=1)
def _key_starts() -> tuple[frozenset[str], frozenset[str]]:
    """Return the one-word abbreviation keys and the ``a_b`` first pairs of longer keys."""
    keys = abbreviation_table()
    return (
        frozenset(key[0] for key in keys if len(key) == 1),
        frozenset("_".join(key[:2]) for key in keys if len(key) > 1),
    )


def _expansions(words: list[str], pairs: list[str]) -> list[str]:
    """Return the other forms of every abbreviation and full form among the words.

    ``pairs`` are the ``a_b`` pairs of every two adjacent words: a key can start only
    where its first word (one-word keys) or first two words (longer keys) are found, so
    only those places (found by C-level set lookups) are tried, in order, as
    :func:`abbreviations.find_abbreviations` tries every place."""
    table, lengths = abbreviation_table(), _lengths_by_first()
    singles, firsts = _key_starts()
    starts = sorted(
        {
            *compress(range(len(words)), map(singles.__contains__, words)),
            *compress(range(len(pairs)), map(firsts.__contains__, pairs)),
        }
    )
    forms: dict[str, None] = {}
    for start in starts:
        for length in lengths[words[start]]:
            for form in table.get(tuple(words[start : start + length]), ()):
                forms[form] = None
    return list(forms)


def _pairs(words: list[str]) -> list[str]:
    """Return ``a_b`` for every two adjacent words (clause breaks not considered)."""
    return list(map("_".join, zip(words, words[1:], strict=False)))


@functools.lru_cache(maxsize=4096)
def _number_terms(number: str) -> tuple[str, ...]:
    return tuple(own_number_terms(number))


@functools.lru_cache(maxsize=4096)
def _folded_number(number: str) -> str:
    return fold(number)


@dataclass
class _Analysed:
    """The words of a text with the forms appended for its abbreviations, numbers and places."""

    words: list[str]
    keys: list[str]
    breaks: list[int]
    pairs: list[str]
    numbers: list[str]  # the document numbers the text itself writes
    docnos: list[str]  # the folded document-number tokens, of the appended forms too


def _analyse(text: str) -> _Analysed:
    """Find the words of text and append the other forms of its abbreviations, spelled and
    Roman numbers and place prefixes, as :func:`analysis.index_text` appends them.

    Abbreviations are found among the words as :func:`analysis.abbreviation_expansions`
    finds them on the folded text, unless a control character (which folding deletes,
    joining two words) makes the two differ: then that function is asked.
    """
    words, keys, breaks = _words(text)
    pairs = _pairs(words)
    numbers = _doc_numbers(text)
    controls = _CONTROL_RE.search(text)  # folding deletes them: ask the function itself
    extra = (
        (analysis.abbreviation_expansions(text) if controls else _expansions(words, pairs))
        + number_expansions(words, keys)
        + place_expansions(text)
    )
    docnos = list(map(_folded_number, numbers))
    if extra:
        appended = "\n".join(extra)
        more, more_keys, more_breaks = _words(appended)
        if more:
            if words:
                breaks.append(len(words))
                pairs.append(f"{words[-1]}_{more[0]}")
            breaks += [len(words) + b for b in more_breaks]
            pairs += _pairs(more)
            words, keys = words + more, keys + more_keys
        docnos += map(_folded_number, _doc_numbers(appended))
    return _Analysed(words, keys, breaks, pairs, numbers, docnos)


def prepare(text: str, title: str, number: str = "", day: str = "") -> Prepared:
    """Analyse a document's text, title and own number into the forms every engine indexes.

    The title's terms are those of its text as the Whoosh schema tokenises it (the same
    multiset; document numbers after the words)."""
    found = _analyse(text)
    named = _analyse(title) if title else None
    return Prepared(
        words=found.words,
        keys=found.keys,
        breaks=found.breaks,
        pairs=found.pairs,
        docnos=found.docnos,
        title=named.words + named.docnos if named else [],
        own_number=[*(_number_terms(number) if number else ()), *date_terms(day)],
        numbers=sorted({t for one in found.numbers for t in _number_terms(one)}),
        dates=date_terms(day),
    )


def sort_date(date: str, year: str) -> int:
    """Return the date as an integer YYYYMMDD for sorting (a year alone sorts as YYYY0000)."""
    if date:
        return int(date[:10].replace("-", ""))
    return int(year) * 10_000 if year.isdigit() else 0
