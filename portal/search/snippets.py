"""Snippets: escaped excerpts of a hit's text with ``<mark>`` around the query's words.

:func:`make_snippet` works from character offsets (Whoosh stores them).  :func:`snippet` finds
them in the original text for the engines that store none: the words whose folded form is a
query term, with a pattern that accepts every spelling of it (any case, any diacritics, NFC,
NFD or tone-first), so nothing is re-tokenised and no offsets need storing."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from portal.search.normalize import COMBINING, fold, word_forms
from portal.search.parse import ParsedQuery

SNIPPET_CHARS = 240
# Between two syllables of one word: spaces on one line (a line break ends a clause).
_SAME_WORD_GAP = re.compile(r"[^\S\n]+")


def whole_phrases(
    text: str, spans: Iterable[tuple[int, int]], phrases: Sequence[Sequence[str]],
    alone: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:  # fmt: skip
    """Drop the marks of syllables that the query only has inside longer words, where the
    text has them on their own: for ``HĐND`` (also ``hội đồng nhân dân``) the ``động`` of
    ``hoạt động`` or the ``dẫn`` of ``hướng dẫn`` stay unmarked.

    ``phrases`` are the query's words of several syllables (folded), ``alone`` its words of
    one; a span is kept when its syllable is in ``alone``, is in no phrase, or starts a run
    of spans that spells a whole phrase with only spaces between its syllables."""
    spans = sorted(spans)
    phrases = [tuple(p) for p in phrases if len(p) > 1]
    inside = {word for phrase in phrases for word in phrase} - alone
    if not phrases or not inside:
        return spans
    words = [word_forms(text[start:end])[0] for start, end in spans]
    keep = [word not in inside for word in words]
    for phrase in phrases:
        size = len(phrase)
        for first in range(len(spans) - size + 1):
            if tuple(words[first : first + size]) == phrase and all(
                _SAME_WORD_GAP.fullmatch(text, spans[i][1], spans[i + 1][0])
                for i in range(first, first + size - 1)
            ):
                keep[first : first + size] = [True] * size
    return [span for span, kept in zip(spans, keep, strict=True) if kept]


def _window(spans: list[tuple[int, int]], width: int) -> int:
    """Return the start offset of the window of ``width`` holding the most spans."""
    best_start, best_count, first = spans[0][0], 0, 0
    for last, (start, _) in enumerate(spans):
        while start - spans[first][0] > width:
            first += 1
        if last - first + 1 > best_count:
            best_count, best_start = last - first + 1, spans[first][0]
    return best_start


def _word_start(text: str, index: int, floor: int) -> int:
    """Move index back to the start of a word, at most to floor."""
    while index > floor and not text[index - 1].isspace():
        index -= 1
    return index


def _merge(spans: Iterable[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """Return spans inside text, sorted, overlapping ones merged."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if 0 <= s[0] < s[1] <= limit):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(
    text: str, spans: Iterable[tuple[int, int]], width: int = SNIPPET_CHARS,
    phrases: Sequence[Sequence[str]] = (), alone: frozenset[str] = frozenset(),
) -> Markup:  # fmt: skip
    """Return an escaped excerpt of text around the densest matches, each in ``<mark>``.

    Spans are (start, end) character offsets into ``text`` (those outside it, such as
    offsets of appended abbreviation expansions, are ignored).  Without spans the excerpt
    starts after the first line (the title), when there is more.  With ``phrases``,
    syllables the query only has inside longer words are marked only inside those words
    (:func:`whole_phrases`).
    """
    marks = _merge(whole_phrases(text, spans, phrases, alone), len(text))
    if marks:
        start = _word_start(text, max(0, _window(marks, width // 2) - width // 3), 0)
    else:
        newline = text.find("\n")
        start = newline + 1 if 0 <= newline < len(text) - 1 else 0
    end = min(len(text), start + width)
    if end < len(text):
        end = _word_start(text, end, start + width // 2) or end
    parts = [Markup("…")] if start > 0 else []
    cursor = start
    for mark_start, mark_end in marks:
        if mark_end <= start or mark_start >= end:
            continue
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        parts.append(escape(text[cursor:mark_start]))
        parts.append(Markup("<mark>%s</mark>") % text[mark_start:mark_end])
        cursor = mark_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(Markup("…"))
    return Markup("").join(parts)


@dataclass(frozen=True)
class Highlight:
    """What snippets mark for a query: folded terms, and the words of several syllables
    whose syllables are marked only together (see :func:`snippets.whole_phrases`)."""

    terms: frozenset[str]
    phrases: tuple[tuple[str, ...], ...] = ()
    alone: frozenset[str] = frozenset()


def highlight_terms(query: ParsedQuery) -> Highlight:
    """Return what to mark in snippets (as the Whoosh backend marks it)."""
    alternatives = [tuple(alt.folded) for clause in query.must for alt in clause]
    numbers = {t for t in query.docno_terms if "/" in t}
    return Highlight(
        query.highlight_terms | numbers,
        tuple(dict.fromkeys(words for words in alternatives if len(words) > 1)),
        frozenset(words[0] for words in alternatives if len(words) == 1) | numbers,
    )


@functools.lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Return folded letter → a character class of every letter that folds to it."""
    by_base: dict[str, set[str]] = {}
    for code in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250),
                 *range(0x1E00, 0x1F00)]:  # fmt: skip
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded.isascii() and folded.isalpha():
            by_base.setdefault(folded, set()).add(char)
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in by_base.items()}


_MARKS = f"[{COMBINING}]*"
# A word's letters stop at a letter or mark, a number's digits at a digit (the tokenizer
# cuts ``8.338,4ha`` into ``8338.4`` and ``ha``, ``covid19`` into ``covid`` and ``19``).  The
# patterns lead with the terms, so the matcher skips ahead to their first letters; what stands
# before a match is checked by :func:`_spans` (a lookbehind in front would be tried at every
# character of the text, which made a 30,000-character report take twice as long).
_LETTER_AFTER = f"(?![^\\W\\d_]|[{COMBINING}])"
_DIGIT_AFTER = "(?![.,]?\\d)"
_LETTER_BEFORE = re.compile(f"[^\\W\\d_]|[{COMBINING}]")
_DIGIT_BEFORE = re.compile(r"\d[.,]?\Z")


def _number_spelling(term: str) -> str | None:
    """Return a pattern of every way a normal number term is written (``8338.4``:
    ``8.338,4``, ``8338,4``, ``8338.4``; ``5``: ``05``), or None if term is no number."""
    whole, _, part = term.partition(".")
    if not whole.isdigit() or not whole.isascii() or (part and not part.isdigit()):
        return None
    spelled = "0*" + "[.,]?".join(whole)
    return spelled + (f"[.,]{part}0*" if part else "")


@dataclass(frozen=True)
class _TermPattern:
    """The terms as one pattern (words in group ``word``, numbers in ``number``) and the
    numbers alone, for a number that starts where a rejected word match started."""

    both: re.Pattern[str]
    numbers: re.Pattern[str] | None


@functools.lru_cache(maxsize=256)
def _term_pattern(terms: frozenset[str]) -> _TermPattern | None:
    """Return the patterns matching any spelling of any term (see :func:`_spans`)."""
    classes = _spellings()
    ordered = sorted((term for term in terms if term), key=len, reverse=True)
    numbers = [n for n in map(_number_spelling, ordered) if n]
    words = [
        "".join(classes.get(char, re.escape(char)) + _MARKS for char in term)
        for term in ordered
        if _number_spelling(term) is None
    ]
    parts = [f"(?P<word>{'|'.join(words)}){_LETTER_AFTER}"] if words else []
    number = f"(?P<number>{'|'.join(numbers)}){_DIGIT_AFTER}" if numbers else None
    parts += [number] if number else []
    if not parts:
        return None
    return _TermPattern(
        re.compile("|".join(parts), re.IGNORECASE), re.compile(number) if number and words else None
    )


def _starts_token(text: str, start: int, kind: str | None) -> bool:
    """Tell whether a match at start begins a token: no letter or mark before a word, no
    digit (nor digit and separator) before a number."""
    if kind == "word":
        return start == 0 or _LETTER_BEFORE.match(text, start - 1) is None
    return _DIGIT_BEFORE.search(text, max(0, start - 2), start) is None


def _spans(found: _TermPattern, text: str) -> list[tuple[int, int]]:
    """Return the spans of the terms in text, each a whole token (as a lookbehind would: a
    rejected match moves the search on by one character, not past the match)."""
    spans: list[tuple[int, int]] = []
    at, length = 0, len(text)
    while at <= length:
        for match in found.both.finditer(text, at):
            start = match.start()
            if _starts_token(text, start, match.lastgroup):
                spans.append(match.span())
                continue
            number = found.numbers.match(text, start) if found.numbers and match.lastgroup == "word" else None
            if number is not None and _starts_token(text, start, "number"):
                spans.append(number.span())
                at = number.end()
            else:
                at = start + 1
            break
        else:
            break
    return spans


def snippet(text: str, terms: Highlight | Iterable[str]) -> str:
    """Return the snippet of text with every spelling of the folded terms marked."""
    found = terms if isinstance(terms, Highlight) else Highlight(frozenset(terms))
    pattern = _term_pattern(found.terms)
    spans = _spans(pattern, text) if pattern else []
    return str(make_snippet(text, spans, phrases=found.phrases, alone=found.alone))
