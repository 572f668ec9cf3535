"""What a parsed query asks of the Whoosh index, and its answer on the index's arrays.

The plan is the boolean query Whoosh would run (``And`` of clauses, ``Or`` of a clause's
alternatives, ``And`` of an alternative's bigrams, ``AndMaybe`` boosts, ``AndNot``
exclusions), flattened into terms; the functions below evaluate it, the filters and the
facet counts on the posting arrays of :mod:`.arrays`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from portal.search.analysis import Alternative, ParsedQuery
from portal.search.base import FACETS
from portal.search.whoosh_backend.arrays import IndexArrays

TITLE_BOOST, EXACT_BOOST, ADJACENT_BOOST = 1.5, 2.0, 1.5
OWN_NUMBER_BOOST, MENTION_BOOST = 40.0, 1.0

Term = tuple[str, str]  # (field, text)


@dataclass
class Plan:
    """``required``: clauses, each a list of alternatives, each a list of terms a document
    must all hold (score: the sum of those terms); ``excluded``: alternatives that drop a
    document; ``boosts``: optional (field, text, boost) terms that only add to the score."""

    required: list[list[list[Term]]] = field(default_factory=list)
    excluded: list[list[Term]] = field(default_factory=list)
    boosts: list[tuple[str, str, float]] = field(default_factory=list)


def alternative_terms(alt: Alternative) -> list[Term]:
    """Return one word as a folded term, several as their folded bigrams (all required).

    Bigram intersection instead of a positional phrase: exact for two syllables (most
    Vietnamese words), and for longer phrases it requires every adjacent pair within one
    clause, at a fraction of the cost of reading positions (see bench/)."""
    words = alt.folded
    if alt.source == "date":  # a typed date: the records dated on it
        return [("own_number", words[0])]
    if len(words) == 1:
        return [("folded", words[0])]
    return [("bigram", f"{a}_{b}") for a, b in zip(words, words[1:], strict=False)]


def _boosts(parsed: ParsedQuery, adjacent: bool) -> list[tuple[str, str, float]]:
    """Return the optional terms that order results: title, exact diacritics, adjacency,
    and the record's own document number above documents that only mention it."""
    alts = [alt for clause in parsed.must if not any(a.source == "docno" for a in clause) for alt in clause]
    boosts = [("title_folded", w, TITLE_BOOST) for a in alts for w in a.folded]
    if not adjacent:
        boosts += [("bigram", b, ADJACENT_BOOST) for b in parsed.bigrams]
    if parsed.has_diacritics:
        boosts += [("tonekey", k, EXACT_BOOST) for a in alts for k in a.tonekeys]
    for term in parsed.docno_terms:
        boosts += [("own_number", term, OWN_NUMBER_BOOST), ("numbers", term, MENTION_BOOST)]
    return boosts


def plan(parsed: ParsedQuery, adjacent: bool) -> Plan:
    """Return the plan of a parsed query (adjacent: bigrams of word runs required)."""
    required = [[alternative_terms(a) for a in clause] for clause in parsed.must]
    if adjacent:
        required += [[[("bigram", b)]] for b in parsed.bigrams]
    excluded = [alternative_terms(a) for clause in parsed.excluded for a in clause]
    return Plan(required, excluded, _boosts(parsed, adjacent))


def filter_mask(arrays: IndexArrays, filters: Mapping[str, str]) -> np.ndarray | None:
    """Return the mask of documents with every chosen facet value (None: no filter)."""
    chosen = None
    for name, value in filters.items():
        if name in FACETS and value:
            docs = arrays.facet_docs(f"f_{name}", str(value))
            if docs is None:
                docs = np.zeros(arrays.size, dtype=bool)
            chosen = docs if chosen is None else chosen & docs
    return chosen


def facet_counts(arrays: IndexArrays, matched: np.ndarray) -> dict[str, dict[str, int]]:
    """Return facet → value → number of matched documents, most frequent first."""
    counts = {}
    for name in FACETS:
        codes, values = arrays.facet(f"f_{name}")
        found = np.bincount(codes[matched] + 1, minlength=len(values) + 1)[1:]
        pairs = [(values[i], int(n)) for i, n in enumerate(found) if n]
        counts[name] = dict(sorted(pairs, key=lambda vc: -vc[1]))
    return counts


def _holding(arrays: IndexArrays, terms: list) -> np.ndarray:
    """Return the mask of documents holding every term of an alternative."""
    mask = arrays.mask(arrays.docs(*terms[0]))
    for term in terms[1:]:
        mask &= arrays.mask(arrays.docs(*term))
    return mask


def matching(arrays: IndexArrays, plan: Plan, allowed) -> np.ndarray:
    """Return the mask of every matching document: the plan's boolean query."""
    matched = arrays.live.copy() if allowed is None else allowed & arrays.live
    for clause in plan.required:
        either = _holding(arrays, clause[0])
        for alt in clause[1:]:
            either |= _holding(arrays, alt)
        matched &= either
    for alt in plan.excluded:
        matched &= ~_holding(arrays, alt)
    return matched


def score_all(arrays: IndexArrays, plan: Plan) -> np.ndarray:
    """Return every document's score: the BM25F of the required terms it holds (an
    alternative of several terms only where it holds them all) plus the boosts."""
    total = np.zeros(arrays.size, dtype=np.float64)
    for clause in plan.required:
        for alt in clause:
            if len(alt) == 1:
                arrays.add_score(total, *alt[0], 1.0)
                continue
            part = np.zeros(arrays.size, dtype=np.float64)
            for term in alt:
                arrays.add_score(part, *term, 1.0)
            part[~_holding(arrays, alt)] = 0.0
            total += part
    for name, text, boost in plan.boosts:
        arrays.add_score(total, name, text, boost)
    return total
