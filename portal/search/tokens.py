"""The index side of the Vietnamese analysis: syllable tokens with their folded and tone-key
forms, document-number tokens, the text every engine indexes and its syllable bigrams."""

from __future__ import annotations

import re
from typing import NamedTuple

from portal.search.abbreviations import abbreviation_expansions, place_expansions
from portal.search.docnumbers import DOC_NUMBER_RE
from portal.search.normalize import COMBINING, fold, repair, word_forms
from portal.search.numbers import NUMBER_PATTERN, number_expansions

# A syllable: letters of the original text with any combining marks (NFD input), or a
# number with its separators (``8.338,4``): digits are cut from letters (``8.338,4ha``,
# ``DT746``, ``covid19``), so a unit or a code's letters are words of their own.
_WORD_RE = re.compile(f"{NUMBER_PATTERN}|(?:[^\\W\\d_]|[{COMBINING}])+")
# Between two tokens: sentence punctuation followed by a space, or a line break.
_BREAK_RE = re.compile("[;!?…]|[.:][\"'”’)\\]]*\\s|\n")


class Token(NamedTuple):
    """One token of a text.

    ``text`` is ``original[start:end]`` exactly (NFD, tone-first or odd case included);
    ``folded`` and ``tonekey`` are computed from its repaired form.  ``pos`` counts
    ``"word"`` tokens from 0; a ``"docno"`` token (``1107/TB-HĐND``, folded
    ``1107/tb-hdnd``, tonekey = verbatim lower-cased) shares the ``pos`` of its first
    syllable, like a synonym.  ``clause`` grows at ``.``/``;``/``:``/``!``/``?`` followed by
    a space and at line breaks, so bigrams do not join sentences.
    """

    text: str
    folded: str
    tonekey: str
    start: int
    end: int
    pos: int
    kind: str = "word"
    clause: int = 0


def _docno_token(match: re.Match[str], pos: int, clause: int) -> Token:
    """Return the extra token of a document number that starts at a word token."""
    repaired = repair(match.group())
    return Token(
        match.group(),
        fold(repaired),
        repaired.lower(),
        *match.span(),
        pos,
        "docno",
        clause,
    )


def tokenize(text: str) -> list[Token]:
    """Split text into syllable tokens (and document-number tokens) with original offsets.

    Works on NFC, NFD and tone-first input: tokens are found on the original string (marks
    included) and each surface is repaired before folding, so ``text[t.start:t.end] ==
    t.text`` always.  Control and format characters separate tokens.
    """
    docnos = {match.start(): match for match in DOC_NUMBER_RE.finditer(text)}
    tokens: list[Token] = []
    pos = clause = last_end = 0
    for match in _WORD_RE.finditer(text):
        surface, (start, end) = match.group(), match.span()
        folded, key = word_forms(surface)
        if not folded:
            continue
        if tokens and _BREAK_RE.search(text, last_end, start):
            clause += 1
        tokens.append(Token(surface, folded, key, start, end, pos, "word", clause))
        if start in docnos:
            tokens.append(_docno_token(docnos[start], pos, clause))
        pos, last_end = pos + 1, end
    return tokens


def index_text(text: str) -> str:
    """Return text as every engine indexes it: with the other form of each abbreviation and
    the digits of each spelled or Roman number appended, each on its own line (see
    :func:`expand_abbreviations`; the numbers: :func:`numbers.number_expansions`)."""
    words = [t for t in tokenize(text) if t.kind == "word"]
    extra = [
        *abbreviation_expansions(text),
        *number_expansions([t.folded for t in words], [t.tonekey for t in words]),
        *place_expansions(text),
    ]
    return "\n".join([text, *extra]) if extra else text


def bigrams(tokens: list[Token]) -> list[str]:
    """Return ``a_b`` folded bigrams of adjacent word tokens within one clause."""
    words = [token for token in tokens if token.kind == "word"]
    return [
        f"{first.folded}_{second.folded}"
        for first, second in zip(words, words[1:], strict=False)
        if first.clause == second.clause and second.pos == first.pos + 1
    ]
