"""What a parsed query asks of the Whoosh index: required term groups, exclusions and boosts.

The plan is the boolean query Whoosh would run (``And`` of clauses, ``Or`` of a clause's
alternatives, ``And`` of an alternative's bigrams, ``AndMaybe`` boosts, ``AndNot``
exclusions), flattened into terms so :mod:`.arrays` can evaluate it on posting arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.search.analysis import Alternative, ParsedQuery

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
    if len(words) == 1:
        return [("folded", words[0])]
    return [("bigram", f"{a}_{b}") for a, b in zip(words, words[1:], strict=False)]


def _boosts(parsed: ParsedQuery, adjacent: bool) -> list[tuple[str, str, float]]:
    """Return the optional terms that order results: title, exact diacritics, adjacency,
    and the record's own document number above documents that only mention it."""
    alts = [
        alt
        for clause in parsed.must
        if not any(a.source == "docno" for a in clause)
        for alt in clause
    ]
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
