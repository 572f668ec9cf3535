"""Whoosh queries built from a ParsedQuery, and the collector that filters under a deadline."""

from __future__ import annotations

import time

from whoosh.collectors import FilterCollector
from whoosh.query import And, AndMaybe, AndNot, Or, Query, Term
from whoosh.searching import TimeLimit

from portal.search.analysis import Alternative, ParsedQuery

TITLE_BOOST, EXACT_BOOST, ADJACENT_BOOST = 1.5, 2.0, 1.5
OWN_NUMBER_BOOST, MENTION_BOOST = 40.0, 1.0


class FilteredUntil(FilterCollector):
    """Keep only allowed docnums and stop at a deadline (TimeLimitCollector would skip the
    filter of a FilterCollector it wraps, and uses signals or timer threads)."""

    def __init__(self, child, allowed: frozenset[int] | None, deadline: float) -> None:
        super().__init__(child, allow=set(allowed) if allowed else None)
        self.allowed, self.deadline = allowed, deadline

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self._allow = self.allow

    def collect_matches(self):
        child, allowed, offset = self.child, self._allow, self.offset
        for count, sub_docnum in enumerate(child.matches()):
            if count % 256 == 0 and time.monotonic() > self.deadline:
                raise TimeLimit
            if allowed is None or offset + sub_docnum in allowed:
                child.collect(sub_docnum)


def _alternative_query(alt: Alternative) -> Query:
    """Return one word as a term, several as their folded bigrams (all required).

    Bigram intersection instead of a positional phrase: exact for two syllables (most
    Vietnamese words), and for longer phrases it requires every adjacent pair within one
    clause, at a fraction of the cost of reading positions (see bench/)."""
    words = alt.folded
    if len(words) == 1:
        return Term("folded", words[0])
    return And([Term("bigram", f"{a}_{b}") for a, b in zip(words, words[1:])])


def _or(queries: list[Query]) -> Query:
    return queries[0] if len(queries) == 1 else Or(queries)


def _boosts(parsed: ParsedQuery, adjacent: bool) -> list[Query]:
    """Return the optional queries that order results: title, exact diacritics, adjacency,
    and the record's own document number above documents that only mention it."""
    alts = [
        alt
        for clause in parsed.must
        if not any(a.source == "docno" for a in clause)
        for alt in clause
    ]
    boosts: list[Query] = [
        Term("title_folded", w, boost=TITLE_BOOST) for a in alts for w in a.folded
    ]
    if not adjacent:
        boosts += [Term("bigram", b, boost=ADJACENT_BOOST) for b in parsed.bigrams]
    if parsed.has_diacritics:
        boosts += [
            Term("tonekey", k, boost=EXACT_BOOST) for a in alts for k in a.tonekeys
        ]
    for term in parsed.docno_terms:
        boosts += [
            Term("own_number", term, boost=OWN_NUMBER_BOOST),
            Term("numbers", term, boost=MENTION_BOOST),
        ]
    return boosts


def build_query(parsed: ParsedQuery, adjacent: bool) -> Query:
    """Return the Whoosh query of a parsed query (adjacent: bigrams of word runs required)."""
    required = [_or([_alternative_query(a) for a in clause]) for clause in parsed.must]
    if adjacent:
        required += [Term("bigram", b) for b in parsed.bigrams]
    query: Query = required[0] if len(required) == 1 else And(required)
    boosts = _boosts(parsed, adjacent)
    if boosts:
        query = AndMaybe(query, Or(boosts))
    excluded = [_alternative_query(a) for clause in parsed.excluded for a in clause]
    if excluded:
        query = AndNot(query, _or(excluded))
    return query
