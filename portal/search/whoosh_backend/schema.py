"""The Whoosh schema and the Vietnamese tokenizer that feeds it from the shared analysis."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from itertools import accumulate
from typing import NamedTuple

from whoosh.analysis import Composable, Token
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters, Frequency
from whoosh.system import pack_uint

from portal.search import analysis
from portal.search.abbreviations import abbreviation_expansions, place_expansions
from portal.search.base import FACETS, SearchDocument
from portal.search.dates import date_terms
from portal.search.docnumbers import doc_number_terms, own_number_terms
from portal.search.normalize import _CONTROL_RE, fold, repair
from portal.search.numbers import number_expansions
from portal.search.prepared import (
    _ASTRAL_RE,
    _FORMS,
    _TOKEN_RE,
    _bmp_token_re,
    _expansions,
    doc_number_matches,
    without_breaks,
)

CLAUSE_GAP = 8


class Analysed(NamedTuple):
    """A text's terms as the three analysed fields index them.

    ``places``: (folded term, position, start, end) of every token, positions with a gap of
    CLAUSE_GAP at each clause break so no phrase spans sentences; ``tonekeys``: the tone key
    of every word; ``bigrams``: folded ``a_b`` of adjacent words within a clause."""

    places: list[tuple[str, int, int, int]]
    tonekeys: list[str]
    bigrams: list[str]


@functools.lru_cache(maxsize=2)
def _splitter(astral: bool) -> re.Pattern[str]:
    """Return prepared's token pattern as one capturing group, for re.split."""
    pattern = _TOKEN_RE if astral else _bmp_token_re()
    return re.compile(f"({pattern.pattern})")


def _scan(text: str) -> tuple[Analysed, list[str], list[str], int]:
    """Return the terms of text as :func:`analysis.tokenize` finds them, its folded words,
    the pairs of every two adjacent words (clause breaks ignored) and its clause count - 1.

    One regex pass finds the words and clause breaks, their forms come from one cached map
    (both shared with :mod:`portal.search.prepared`), and the lists are built by C loops
    (map, zip, slices): no Python statement runs per word."""
    # Split around the tokens: separators and tokens alternate, and their running lengths
    # are the tokens' offsets (no Match object per token).
    parts = _splitter(bool(_ASTRAL_RE.search(text))).split(text)
    offsets = list(accumulate(map(len, parts), initial=0))
    forms, keys = _FORMS.forms(parts[1::2])
    starts, ends = offsets[1:-1:2], offsets[2::2]
    forms, (keys, starts, ends), clauses = without_breaks(forms, keys, starts, ends)
    positions: list[int] = []
    bounds = [0, *clauses, len(forms)]
    for clause, (first, last) in enumerate(zip(bounds, bounds[1:], strict=False)):
        positions += range(first + CLAUSE_GAP * clause, last + CLAUSE_GAP * clause)
    places = list(zip(forms, positions, starts, ends, strict=True))
    pairs = list(map("_".join, zip(forms, forms[1:], strict=False)))
    bigrams = pairs.copy()
    for at in reversed(clauses):  # no bigram joins two clauses
        del bigrams[at - 1]
    docnos = list(doc_number_matches(text))
    if docnos:
        word_at = dict(zip(starts, range(len(forms)), strict=True))
        found = [(word_at[m.start()], m) for m in docnos if m.start() in word_at]
        for index, match in reversed(found):
            places.insert(index + 1, (fold(repair(match.group())), positions[index], *match.span()))
    return Analysed(places, keys, bigrams), forms, pairs, len(clauses)


def analyse(text: str) -> Analysed:
    """Return the terms of text with its abbreviations expanded: exactly those of
    ``tokenize(index_text(text))`` (tested), the expansions found among the
    words already folded instead of folding the text again."""
    body, words, pairs, clause = _scan(text)
    # Folding deletes control characters (joining two words): then ask the function itself.
    control = _CONTROL_RE.search(text)
    extra = abbreviation_expansions(text) if control else _expansions(words, pairs)
    extra += number_expansions(words, body.tonekeys) + place_expansions(text)
    if not extra:
        return body
    tail, _, _, _ = _scan("\n".join(extra))
    # As if scanned after a line break: positions, clauses and offsets go on.
    shift = len(words) + (CLAUSE_GAP * (clause + 1) if words else 0)
    offset = len(text) + 1
    return Analysed(
        body.places + [(t, p + shift, s + offset, e + offset) for t, p, s, e in tail.places],
        body.tonekeys + tail.tonekeys,
        body.bigrams + tail.bigrams,
    )


class _Recent:
    """Analyse each text once for the fields that read it in turn (the body is read by
    three fields, with the title's field in between, so the last two texts are kept)."""

    def __init__(self) -> None:
        self._recent: dict[str, Analysed] = {}

    def __call__(self, text: str) -> Analysed:
        found = self._recent.get(text)
        if found is None:
            found = analyse(text)
            if len(self._recent) >= 2:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = found
        return found


_ANALYSED = _Recent()


class VietnameseTokenizer(Composable):
    """Whoosh tokenizer over :func:`analyse`: folded, tone-key or bigram terms."""

    is_tokenizer = True

    def __init__(self, form: str = "folded") -> None:
        self.form = form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VietnameseTokenizer) and other.form == self.form

    def __hash__(self) -> int:
        return hash(self.form)

    def words(self, value: str) -> list[str]:
        """Return the terms of this form, in order (repeated as they occur)."""
        found = _ANALYSED(value)
        if self.form == "bigram":
            return found.bigrams
        if self.form == "tonekey":
            return found.tonekeys
        return [term for term, _, _, _ in found.places]

    def terms(self, value: str) -> list[tuple[str, int, int, int]]:
        """Return (term, position, start, end) of this form (offsets of folded terms only)."""
        if self.form == "folded":
            return _ANALYSED(value).places
        return [(term, index, 0, 0) for index, term in enumerate(self.words(value))]

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self.terms(value):
            token.text, token.boost, token.stopped = text, 1.0, False
            token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


class AnalysedFrequency(Frequency):
    """Term frequencies counted straight from the analysis.

    Whoosh's own formats turn every token into a Token object and back (about a microsecond
    each, and a document has some 4,500 over three fields); these read the term lists of
    :class:`VietnameseTokenizer` and store the same postings."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, VietnameseTokenizer):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        counts = Counter(analyzer.words(value))
        return ((w, n, n * boost, pack_uint(n)) for w, n in counts.items())


class AnalysedCharacters(Characters):
    """Positions and character offsets collected straight from the analysis."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, VietnameseTokenizer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        seen: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for term, pos, start, end in analyzer.terms(value):
            seen[term].append((pos, start, end))
        boost = self.field_boost
        for term, places in seen.items():
            yield term, len(places), len(places) * boost, self.encode(places)


def _text(form: str, fmt) -> TEXT:
    field = TEXT(analyzer=VietnameseTokenizer(form), phrase=fmt is AnalysedCharacters,
                 chars=fmt is AnalysedCharacters)  # fmt: skip
    field.format = fmt(field_boost=field.format.field_boost)
    return field


def make_schema() -> Schema:
    """Return the index schema: stored fields, facets, and the three analysed forms."""
    facets = {f"f_{name}": ID() for name in FACETS}
    return Schema(
        key=ID(stored=True, unique=True),
        type=STORED,
        rid=STORED,
        slug=STORED,
        title=STORED,
        text=STORED,
        date=STORED,
        version=STORED,
        sort_date=ID(sortable=True),
        folded=_text("folded", AnalysedCharacters),
        title_folded=_text("folded", AnalysedFrequency),
        tonekey=_text("tonekey", AnalysedFrequency),
        bigram=_text("bigram", AnalysedFrequency),
        own_number=KEYWORD(lowercase=False),
        numbers=KEYWORD(lowercase=False),
        **facets,
    )


def document_fields(doc: SearchDocument) -> dict:
    """Return the Whoosh fields of a search document."""
    mentioned = {t for n in analysis.find_doc_numbers(doc.text) for t in doc_number_terms(n)}
    year = doc.facets.get("year", "")
    facets = {f"f_{name}": value for name, value in doc.facets.items() if name in FACETS}
    return {
        "key": doc.key,
        "type": doc.type,
        "rid": doc.id,
        "slug": doc.slug,
        "title": doc.title,
        "text": doc.text,
        "date": doc.date,
        "version": doc.version,
        "sort_date": doc.date or (f"{year}-00-00" if year else "0000"),
        # The analysed fields take the text itself: the analyser appends the abbreviations.
        "folded": doc.text,
        "title_folded": doc.title,
        "tonekey": doc.text,
        "bigram": doc.text,
        "own_number": " ".join(
            [*(own_number_terms(doc.number) if doc.number else ()), *date_terms(doc.date)]
        ),
        "numbers": " ".join(sorted(mentioned)),
        **facets,
    }
