"""The Vietnamese analysis every search backend (Whoosh, tantivy, PostgreSQL) shares.

Index side: :func:`tokenize` gives syllable tokens, each with three forms: ``text`` (the
original surface, for highlighting by offsets), ``folded`` (no diacritics, ``đ``→``d``:
the recall field) and ``tonekey`` (old/new tone placement made equal: the exact field to
boost when the query has diacritics).  Document numbers come out as extra tokens of kind
``"docno"``.  :func:`bigrams` gives folded syllable pairs (a cheap compound-word index) and
:func:`expand_abbreviations` appends the other form of every abbreviation before indexing.

Query side: :func:`analyze_query` parses words, "phrases", ``-exclusions`` and ``OR`` into a
:class:`ParsedQuery` (see its docstring for how a backend builds its query from it).

The two sides live in :mod:`portal.search.tokens` and :mod:`portal.search.parse`; this module
is the one every backend imports them from.
"""

from __future__ import annotations

from portal.search.abbreviations import abbreviation_expansions, expand_abbreviations
from portal.search.docnumbers import doc_number_terms, find_doc_numbers, is_doc_number_query
from portal.search.normalize import fold, has_diacritics, repair, tone_key
from portal.search.parse import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    Alternative,
    Clause,
    ParsedQuery,
    analyze_query,
)
from portal.search.telex import convert_typed_query, telex_to_vietnamese, vni_to_vietnamese
from portal.search.tokens import _BREAK_RE, _WORD_RE, Token, bigrams, index_text, tokenize

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "_BREAK_RE",
    "_WORD_RE",
    "Alternative",
    "Clause",
    "ParsedQuery",
    "Token",
    "abbreviation_expansions",
    "analyze_query",
    "bigrams",
    "convert_typed_query",
    "doc_number_terms",
    "expand_abbreviations",
    "index_text",
    "find_doc_numbers",
    "fold",
    "has_diacritics",
    "is_doc_number_query",
    "repair",
    "telex_to_vietnamese",
    "tokenize",
    "tone_key",
    "vni_to_vietnamese",
]
