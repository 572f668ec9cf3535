"""tsquery text and SQL built from a ParsedQuery: the same boolean query as the other engines.

Lexemes are written as quoted tsquery literals (never parsed by a text-search
configuration).  Ranking reads a bounded window of candidates: with RUM, the window is the
first matches in the index's own rank order; without it, the newest matches (an index on
``sort_date``).  Either way the record whose own number was typed is always a candidate,
and the window is ranked by ``ts_rank`` over the boost lexemes (title A, tone key B,
bigram C, word D) plus a large bonus for the own number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.search.analysis import Alternative, ParsedQuery
from portal.search.base import FACETS
from portal.search.postgres_backend.schema import TABLE, quote

OWN_NUMBER_BONUS = 40.0
# ts_rank divided by 1 + log(distinct lexemes), with the weights below: the same first hit
# as Whoosh for all 27 agreement queries (without normalisation long reports come first).
NORMALIZATION = 16
# Weights of D (word), C (bigram), B (tone key), A (title): Whoosh's 1 : 1.5 : 2 : 1.5.
WEIGHTS = "{0.1, 0.15, 0.2, 0.15}"
OWN_CANDIDATES = 50


def _alternative(alt: Alternative) -> str:
    words = alt.folded
    if alt.source == "date":  # a typed date: the records dated on it (see schema.terms_literal)
        return quote("#" + words[0])
    if len(words) == 1:
        return quote(words[0])
    return "(" + " & ".join(quote(f"{a}_{b}") for a, b in zip(words, words[1:], strict=False)) + ")"


def _clause(clause) -> str:
    return "(" + " | ".join(_alternative(a) for a in clause) + ")"


def match_query(parsed: ParsedQuery, adjacent: bool) -> str:
    """Return the tsquery every match satisfies (required clauses, adjacency, exclusions)."""
    parts = [_clause(clause) for clause in parsed.must]
    if adjacent:
        parts += [quote(b) for b in parsed.bigrams]
    parts += ["!" + _clause(clause) for clause in parsed.excluded]
    return " & ".join(parts)


def near_query(parsed: ParsedQuery) -> str:
    """Return the tsquery of records holding typed words adjacently: every typed word pair,
    or with three pairs or more, any two of them (the candidates a window must not miss)."""
    pairs = [quote(b) for b in dict.fromkeys(parsed.bigrams)]
    if len(pairs) < 3:
        return " & ".join(pairs)
    return " | ".join(f"({a} & {b})" for i, a in enumerate(pairs) for b in pairs[i + 1 :])


def rank_query(parsed: ParsedQuery, adjacent: bool) -> str:
    """Return the OR of every lexeme that orders results (what Whoosh scores and boosts)."""
    lexemes: dict[str, None] = {}
    for clause in parsed.must:
        docno = any(a.source == "docno" for a in clause)
        for alt in clause:
            words = alt.folded
            lexemes.update(dict.fromkeys(words if len(words) == 1 else
                                         [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]))  # fmt: skip
            if not docno:
                lexemes.update(dict.fromkeys("^" + w for w in words))
                if parsed.has_diacritics:
                    lexemes.update(dict.fromkeys("~" + k for k in alt.tonekeys))
    lexemes.update(dict.fromkeys(parsed.bigrams))
    lexemes.update(dict.fromkeys("#" + t for t in parsed.docno_terms))
    return " | ".join(quote(lexeme) for lexeme in lexemes)


@dataclass
class Where:
    """A WHERE clause with its bound parameters."""

    sql: str
    params: dict


def where(parsed: ParsedQuery, adjacent: bool, filters: Mapping[str, str]) -> Where:
    """Return the match condition with facet filters."""
    sql = ["terms @@ CAST(:match AS tsquery)"]
    params: dict = {"match": match_query(parsed, adjacent)}
    for name, value in filters.items():
        if name in FACETS and value:
            sql.append(f"f_{name} = :f_{name}")
            params[f"f_{name}"] = str(value)
    return Where(" AND ".join(sql), params)


def totals_sql(condition: Where) -> str:
    """Return one scan counting every match and every facet value among them."""
    columns = ", ".join(f"f_{name}" for name in FACETS)
    sets = ", ".join(f"(f_{name})" for name in FACETS)
    return (
        f"SELECT {columns}, GROUPING({columns}) AS grouped, count(*) AS n FROM {TABLE}"
        f" WHERE {condition.sql} GROUP BY GROUPING SETS ({sets}, ())"
    )


def _order(rum: bool) -> str:
    """Return the window order: RUM's own distance (served by the index alone, so nothing
    may follow it), or newest first with the key to break ties."""
    return "terms <=> CAST(:rank AS tsquery)" if rum else "sort_date DESC, key"


def ranked_sql(condition: Where, rum: bool, own: bool, adjacent: bool) -> str:
    """Return the query ranking a window of candidates (params: rank, own, adjacent,
    window, limit, offset).  Besides the window, the records whose own number was typed
    and those holding typed words adjacently (:func:`near_query`) are always candidates."""
    window = f"(SELECT key FROM {TABLE} WHERE {condition.sql} ORDER BY {_order(rum)} LIMIT :window)"
    extra = []
    if own:
        extra.append("own_numbers && CAST(:own AS text[])")
    if adjacent:
        extra.append("terms @@ CAST(:adjacent AS tsquery)")
    for sql in extra:
        window = (
            f"(SELECT key FROM {TABLE} WHERE {condition.sql} AND {sql} LIMIT {OWN_CANDIDATES}) UNION {window}"
        )
    return (
        f"SELECT d.key, ts_rank('{WEIGHTS}', d.terms, CAST(:rank AS tsquery), {NORMALIZATION})"
        f" + {OWN_NUMBER_BONUS} * (d.own_numbers && CAST(:own AS text[]))::int AS score"
        f" FROM {TABLE} d JOIN ({window}) candidates USING (key)"
        " ORDER BY score DESC, d.sort_date DESC, d.key LIMIT :limit OFFSET :offset"
    )


def tail_sql(condition: Where, rum: bool, own: bool) -> str:
    """Return the matches after the ranked window, in the window's own order (pages past
    the window: params limit, offset, and rank/own as for :func:`ranked_sql`)."""
    skip = " AND NOT own_numbers && CAST(:own AS text[])" if own else ""
    return (
        f"SELECT key, 0.0 AS score FROM {TABLE} WHERE {condition.sql}{skip}"
        f" ORDER BY {_order(rum)} LIMIT :limit OFFSET :offset"
    )


def dated_sql(condition: Where) -> str:
    """Return the query of one page of matches, newest first (exact: no window needed)."""
    return (
        f"SELECT key, 0.0 AS score FROM {TABLE} WHERE {condition.sql}"
        " ORDER BY sort_date DESC, key LIMIT :limit OFFSET :offset"
    )
