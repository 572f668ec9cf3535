"""Snippets from stored character offsets: escaped text with ``<mark>`` around matches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from portal.search.normalize import word_forms

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
