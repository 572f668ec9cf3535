"""A search document analysed once for the engines fed pre-tokenised text (tantivy, PostgreSQL).

The terms are exactly those the Whoosh schema derives through :func:`analysis.tokenize`:
``folded`` (every word of the text and of its abbreviation expansions, plus the folded
document-number tokens), ``tonekeys`` (word tokens), ``bigrams`` (adjacent folded words within
a clause), ``title`` (folded title tokens), ``own_number`` and ``numbers`` (document-number
terms of the record's own number and of every number the text mentions).

:func:`prepare` gets there about five times faster than building :class:`analysis.Token`
objects: clauses are split with the tokenizer's own break pattern and words found with its
own word pattern (both in C), and each word's forms come from the cached
:func:`normalize.word_forms`.  ``tests/search/test_backends.py`` checks that both ways give
the same terms.

Snippets come from the original text: :func:`snippet` finds the words whose folded form is a
query term with a pattern that accepts every spelling of it (any case, any diacritics, NFC,
NFD or tone-first), so nothing is re-tokenised and no offsets need storing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from portal.search import analysis
from portal.search.abbreviations import _lengths_by_first, abbreviation_table
from portal.search.analysis import _BREAK_RE, _WORD_RE, ParsedQuery
from portal.search.docnumbers import DOC_NUMBER_RE, doc_number_terms
from portal.search.normalize import _CONTROL_RE, COMBINING, fold, repair, word_forms
from portal.search.snippets import make_snippet

CLAUSE_GAP = 8  # as the Whoosh schema: no phrase spans a clause break


@dataclass(frozen=True)
class Prepared:
    """The analysed forms of one document.

    ``clauses`` holds, per clause with words, the (folded, tone key) pairs of its words;
    ``docnos`` the folded document-number tokens.
    """

    clauses: list[list[tuple[str, str]]]
    docnos: list[str]
    title: list[str]
    own_number: list[str]
    numbers: list[str]

    @property
    def folded(self) -> list[str]:
        """Return every folded token: the words, then the document numbers."""
        return [f for clause in self.clauses for f, _ in clause] + self.docnos

    @property
    def tonekeys(self) -> list[str]:
        return [k for clause in self.clauses for _, k in clause]

    @property
    def bigrams(self) -> list[str]:
        return [
            f"{a[0]}_{b[0]}"
            for clause in self.clauses
            for a, b in zip(clause, clause[1:])
        ]

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


def _clauses(text: str) -> list[list[tuple[str, str]]]:
    """Return per clause the (folded, tone key) of each word, as tokenize finds them."""
    clauses = []
    for part in _BREAK_RE.split(text):
        forms = [forms for forms in map(word_forms, _WORD_RE.findall(part)) if forms[0]]
        if forms:
            clauses.append(forms)
    return clauses


def _doc_numbers(text: str) -> list[str]:
    """Return the document numbers of text, repaired (one token each, as tokenize adds)."""
    return [repair(match.group()) for match in DOC_NUMBER_RE.finditer(text)]


def _expansions(words: list[str]) -> list[str]:
    """Return the other forms of every abbreviation and full form among the words."""
    table, lengths = abbreviation_table(), _lengths_by_first()
    firsts = lengths.keys() & set(words)
    forms: dict[str, None] = {}
    for start, word in enumerate(words):
        if word in firsts:
            for length in lengths[word]:
                for form in table.get(tuple(words[start : start + length]), ()):
                    forms[form] = None
    return list(forms)


def prepare(text: str, title: str, number: str = "") -> Prepared:
    """Analyse a document's text, title and own number into the forms every engine indexes.

    Abbreviations are found among the words as :func:`analysis.abbreviation_expansions`
    finds them on the folded text, unless a control character (which folding deletes,
    joining two words) makes the two differ: then that function is asked.
    """
    clauses = _clauses(text)
    numbers = _doc_numbers(text)
    if _CONTROL_RE.search(text):
        extra = analysis.abbreviation_expansions(text)
    else:
        extra = _expansions([f for clause in clauses for f, _ in clause])
    docnos = [fold(n) for n in numbers]
    if extra:
        appended = "\n".join(extra)
        clauses += _clauses(appended)
        docnos += [fold(n) for n in _doc_numbers(appended)]
    return Prepared(
        clauses=clauses,
        docnos=docnos,
        title=[
            t.folded for t in analysis.tokenize(analysis.expand_abbreviations(title))
        ],
        own_number=doc_number_terms(number) if number else [],
        numbers=sorted({t for found in numbers for t in doc_number_terms(found)}),
    )


def sort_date(date: str, year: str) -> int:
    """Return the date as an integer YYYYMMDD for sorting (a year alone sorts as YYYY0000)."""
    if date:
        return int(date[:10].replace("-", ""))
    return int(year) * 10_000 if year.isdigit() else 0


def highlight_terms(query: ParsedQuery) -> frozenset[str]:
    """Return the folded terms to mark in snippets (as the Whoosh backend marks them)."""
    return query.highlight_terms | {t for t in query.docno_terms if "/" in t}


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
_EDGE = f"(?:[^\\W_]|[{COMBINING}])"


@functools.lru_cache(maxsize=256)
def _term_pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Return a pattern matching any spelling of any term as a whole token."""
    classes = _spellings()
    spelled = [
        "".join(classes.get(char, re.escape(char)) + _MARKS for char in term)
        for term in sorted(terms, key=len, reverse=True)
        if term
    ]
    if not spelled:
        return None
    return re.compile(f"(?<!{_EDGE})(?:{'|'.join(spelled)})(?!{_EDGE})", re.IGNORECASE)


def snippet(text: str, terms: Iterable[str]) -> str:
    """Return the snippet of text with every spelling of the folded terms marked."""
    pattern = _term_pattern(frozenset(terms))
    spans = [m.span() for m in pattern.finditer(text)] if pattern else []
    return str(make_snippet(text, spans))
