"""tantivy queries built from a ParsedQuery: the same boolean query and boosts as Whoosh's."""

from __future__ import annotations

from collections.abc import Mapping

import tantivy
from tantivy import Occur, Query

from portal.search.analysis import Alternative, ParsedQuery
from portal.search.base import FACETS

TITLE_BOOST, EXACT_BOOST, ADJACENT_BOOST = 1.5, 2.0, 1.5
OWN_NUMBER_BOOST, MENTION_BOOST = 40.0, 1.0


class Builder:
    """Build queries against one schema."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def term(self, field: str, text: str, boost: float = 1.0) -> Query:
        query = Query.term_query(self.schema, field, text, index_option="freq")
        return query if boost == 1.0 else Query.boost_query(query, boost)

    def _all(self, queries: list[Query]) -> Query:
        if len(queries) == 1:
            return queries[0]
        return Query.boolean_query([(Occur.Must, q) for q in queries])

    def _any(self, queries: list[Query]) -> Query:
        if len(queries) == 1:
            return queries[0]
        return Query.boolean_query([(Occur.Should, q) for q in queries])

    def alternative(self, alt: Alternative) -> Query:
        """One word as a folded term; several as their folded bigrams, all required."""
        words = alt.folded
        if alt.source == "date":  # a typed date: the records dated on it
            return self.term("own_number", words[0])
        if len(words) == 1:
            return self.term("folded", words[0])
        return self._all([self.term("bigram", f"{a}_{b}") for a, b in zip(words, words[1:], strict=False)])

    def _boosts(self, parsed: ParsedQuery, adjacent: bool) -> list[Query]:
        alts = [
            alt for clause in parsed.must if not any(a.source == "docno" for a in clause) for alt in clause
        ]
        boosts = [self.term("title_folded", w, TITLE_BOOST) for a in alts for w in a.folded]
        if not adjacent:
            boosts += [self.term("bigram", b, ADJACENT_BOOST) for b in parsed.bigrams]
        if parsed.has_diacritics:
            boosts += [self.term("tonekey", k, EXACT_BOOST) for a in alts for k in a.tonekeys]
        for term in parsed.docno_terms:
            boosts += [
                self.term("own_number", term, OWN_NUMBER_BOOST),
                self.term("numbers", term, MENTION_BOOST),
            ]
        return boosts

    def filters(self, filters: Mapping[str, str]) -> list[Query]:
        """Return unscored facet-value queries (a value the index lacks matches nothing)."""
        return [
            Query.const_score_query(
                Query.term_query(self.schema, f"f_{name}", str(value), index_option="basic"),
                0.0,
            )
            for name, value in filters.items()
            if name in FACETS and value
        ]

    def build(self, parsed: ParsedQuery, adjacent: bool, filters: Mapping[str, str]) -> Query:
        """Return the query: required clauses, adjacency, filters, boosts, exclusions."""
        parts = [(Occur.Must, self._any([self.alternative(a) for a in clause])) for clause in parsed.must]
        if adjacent:
            parts += [(Occur.Must, self.term("bigram", b)) for b in parsed.bigrams]
        parts += [(Occur.Must, q) for q in self.filters(filters)]
        boosts = self._boosts(parsed, adjacent)
        if boosts:
            parts.append((Occur.Should, self._any(boosts)))
        parts += [(Occur.MustNot, self.alternative(a)) for clause in parsed.excluded for a in clause]
        return Query.boolean_query(parts)
