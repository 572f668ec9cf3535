"""A search document analysed once for the engines fed pre-tokenised text (tantivy, PostgreSQL).

The forms are exactly those the Whoosh schema derives through its tokenizer, so every engine
indexes the same terms: ``folded`` (every token of the text with its abbreviation expansions,
document numbers included), ``tonekeys`` (word tokens), ``bigrams`` (adjacent folded words
within a clause), ``title`` (folded title tokens), ``own_number`` and ``numbers`` (document
number terms of the record's own number and of every number it mentions).

Snippets come from the original text: the folded tokens are stored in order with the
character offsets of each (``spans``, a packed array), and :func:`snippet` marks the tokens
that match the query, so no engine re-tokenises a document to show it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from portal.search import analysis
from portal.search.analysis import ParsedQuery
from portal.search.docnumbers import doc_number_terms
from portal.search.snippets import make_snippet

CLAUSE_GAP = 8  # as the Whoosh schema: no phrase spans a clause break


@dataclass(frozen=True)
class Prepared:
    """The analysed forms of one document, each a list of terms (with positions where kept)."""

    folded: list[str]
    positions: list[int]
    spans: bytes
    tonekeys: list[tuple[str, int]]
    bigrams: list[tuple[str, int]]
    title: list[str]
    own_number: list[str]
    numbers: list[str]

    @property
    def folded_text(self) -> str:
        """Return the folded tokens joined by spaces (no token holds whitespace)."""
        return " ".join(self.folded)


def _bigrams(tokens: list[analysis.Token]) -> list[tuple[str, int]]:
    """Return (bigram, position) pairs; the same terms as :func:`analysis.bigrams`."""
    words = [token for token in tokens if token.kind == "word"]
    return [
        (f"{a.folded}_{b.folded}", a.pos + CLAUSE_GAP * a.clause)
        for a, b in zip(words, words[1:])
        if a.clause == b.clause and b.pos == a.pos + 1
    ]


def prepare(text: str, title: str, number: str = "") -> Prepared:
    """Analyse a document's text, title and own number into the forms every engine indexes."""
    tokens = analysis.tokenize(analysis.expand_abbreviations(text))
    offsets = array("I")
    for token in tokens:
        offsets.append(token.start)
        offsets.append(token.end)
    mentioned = {
        term
        for found in analysis.find_doc_numbers(text)
        for term in doc_number_terms(found)
    }
    return Prepared(
        folded=[t.folded for t in tokens],
        positions=[t.pos + CLAUSE_GAP * t.clause for t in tokens],
        spans=offsets.tobytes(),
        tonekeys=[
            (t.tonekey, t.pos + CLAUSE_GAP * t.clause)
            for t in tokens
            if t.kind == "word"
        ],
        bigrams=_bigrams(tokens),
        title=[
            t.folded for t in analysis.tokenize(analysis.expand_abbreviations(title))
        ],
        own_number=doc_number_terms(number) if number else [],
        numbers=sorted(mentioned),
    )


def sort_date(date: str, year: str) -> int:
    """Return the date as an integer YYYYMMDD for sorting (a year alone sorts as YYYY0000)."""
    if date:
        return int(date[:10].replace("-", ""))
    return int(year) * 10_000 if year.isdigit() else 0


def highlight_terms(query: ParsedQuery) -> frozenset[str]:
    """Return the folded terms to mark in snippets (as the Whoosh backend marks them)."""
    return query.highlight_terms | {t for t in query.docno_terms if "/" in t}


def snippet(text: str, folded_text: str, spans: bytes, terms: Iterable[str]) -> str:
    """Return the snippet of text marking its tokens whose folded form is one of terms."""
    wanted = set(terms)
    offsets = array("I")
    offsets.frombytes(spans)
    marks = [
        (offsets[2 * i], offsets[2 * i + 1])
        for i, word in enumerate(folded_text.split(" "))
        if word in wanted
    ]
    return str(make_snippet(text, marks))
