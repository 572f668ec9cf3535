"""The query side of the Vietnamese analysis: :func:`analyze_query` parses words, "phrases",
``-exclusions``, ``OR``, document numbers, dates, numbers and abbreviations into a
:class:`ParsedQuery` (see its docstring for how a backend builds its query from it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from portal.search.abbreviations import (
    abbreviation_table,
    expand_places,
    folded_words,
    longest_abbreviations,
)
from portal.search.dates import QueryDate, find_dates, without_dates
from portal.search.docnumbers import DOC_NUMBER_RE, SESSION_TERM_RE, session_term
from portal.search.normalize import fold, repair
from portal.search.numbers import number_spans, roman_value
from portal.search.segment import split_typed
from portal.search.telex import convert_typed_query, convert_word
from portal.search.tokens import Token, tokenize

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32


class Alternative(NamedTuple):
    """One way to satisfy a clause: a sequence of folded syllables.

    Several syllables must match adjacently (a phrase: use a phrase query on the folded
    field, or the bigrams of ``folded``).  ``tonekeys`` (same length as ``folded``) holds the
    user's exact diacritics for the boost field; it is empty for generated alternatives.
    ``source`` says where it came from: ``"word"``, ``"phrase"`` (quoted), ``"abbreviation"``
    (the other form of an abbreviation), ``"docno"`` (one folded document-number term,
    matching the folded ``"docno"`` token) or ``"date"`` (one ``date:…`` term of a typed
    date, matching the record's own-number field: see :mod:`portal.search.dates`).
    """

    folded: tuple[str, ...]
    tonekeys: tuple[str, ...]
    source: str


Clause = tuple[Alternative, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed search query: what a backend needs to build its own query.

    * ``must``: every clause must match; a clause matches when any of its alternatives does
      (``OR`` and abbreviation expansions are alternatives; quoted phrases are clauses too).
    * ``excluded``: documents matching any alternative of any of these clauses are dropped.
    * ``phrases``: the folded quoted phrases (already in ``must``; for highlighting).
    * ``runs``: runs of two or more consecutive plain words.  "Adjacent first": first search
      with ``must`` plus every bigram of ``bigrams`` (or a phrase per run); when that finds
      fewer than ten, search ``must`` alone (loose AND).
    * ``has_diacritics``: the user typed diacritics: boost matches of the alternatives'
      ``tonekeys`` on the tone-key field (``False``: folded only, no boost).
    * ``doc_numbers``: document numbers typed (repaired); ``docno_terms``: optional boost
      terms for a document-number keyword field (see :func:`doc_number_terms`).
    * ``converted``: the query with Telex/VNI words converted (run it too, or suggest it).
    * ``text``: the repaired query actually parsed; ``truncated``: input or terms were cut.
    """

    text: str
    must: tuple[Clause, ...] = ()
    excluded: tuple[Clause, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    runs: tuple[tuple[str, ...], ...] = ()
    has_diacritics: bool = False
    doc_numbers: tuple[str, ...] = ()
    docno_terms: tuple[str, ...] = ()
    converted: str | None = None
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        """Tell whether nothing positive is left to search for."""
        return not self.must

    @property
    def bigrams(self) -> list[str]:
        """Return the folded bigrams of the plain-word runs (for adjacency)."""
        return [f"{a}_{b}" for run in self.runs for a, b in zip(run, run[1:], strict=False)]

    @property
    def highlight_terms(self) -> frozenset[str]:
        """Return every folded syllable a match may contain (for snippets)."""
        return frozenset(word for clause in self.must for alt in clause for word in alt.folded)


# Query lexer: an optionally negated "phrase" (closing quote optional) or a word chunk.
_LEX_RE = re.compile(r'(?P<neg>-?)"(?P<phrase>[^"]*)"?|(?P<neg2>-?)(?P<chunk>[^\s"]+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_PUNCT = ".,;:!?()[]{}'’*"


@dataclass
class _Item:
    """One lexed query element before clauses are built."""

    kind: str  # "word", "phrase", "docno", "number" (alternative forms of words) or "or"
    alternatives: list[Alternative]
    negated: bool = False
    surface: str = ""


def _alternative(text: str, source: str) -> Alternative:
    """Return the alternative of typed text: its folded syllables and tone keys."""
    words = [t for t in tokenize(text) if t.kind == "word"]
    return Alternative(tuple(t.folded for t in words), tuple(t.tonekey for t in words), source)


def _expanded(alt: Alternative) -> list[Alternative]:
    """Return alt followed by the other forms if it is exactly an abbreviation/full form."""
    forms = abbreviation_table().get(alt.folded, ())
    return [
        alt,
        *(Alternative(folded_words(form), (), "abbreviation") for form in forms),
    ]


def _lex(text: str) -> list[_Item]:
    """Split the repaired query into word, phrase, document-number and OR items."""
    items: list[_Item] = []
    for match in _LEX_RE.finditer(text):
        if match.group("phrase") is not None:
            alt = _alternative(match.group("phrase"), "phrase")
            if alt.folded:
                items.append(_Item("phrase", _expanded(alt), bool(match.group("neg"))))
            continue
        chunk, negated = match.group("chunk"), bool(match.group("neg2"))
        if chunk in ("OR", "AND") and not negated:
            items.extend([_Item("or", [])] if chunk == "OR" else [])
        elif DOC_NUMBER_RE.fullmatch(chunk.strip(_PUNCT)):
            items.append(_docno_item(chunk.strip(_PUNCT), negated))
        elif negated:
            alt = _alternative(chunk, "word")
            items.extend([_Item("phrase", _expanded(alt), True)] if alt.folded else [])
        else:
            items.extend(item for t in tokenize(chunk) if t.kind == "word" for item in _word_items(t))
    return _numbered(items)


def _word_items(token: Token) -> list[_Item]:
    """Return the items of one typed word: itself, or the syllables of words typed together.

    ``nghịquyết`` (diacritics: certainly Vietnamese) becomes the words ``nghị`` ``quyết``;
    ``ngansach`` (could be a foreign word) a clause of itself or its cuts."""
    alt = Alternative((token.folded,), (token.tonekey,), "word")
    # Capitals are an abbreviation or a Roman numeral, and Telex (coong, daan) is retried
    # converted: neither is words typed together.
    plain = not token.text.isupper() and convert_word(token.text) is None
    cuts = split_typed(token.text, token.folded) if plain else []
    if not cuts:
        return [_Item("word", [alt], surface=token.text)]
    if len(cuts) == 1 and token.tonekey != token.folded:
        folded, keys = cuts[0]
        return [
            _Item("word", [Alternative((f,), (k,), "word")], surface=f)
            for f, k in zip(folded, keys, strict=True)
        ]
    return [_Item("number", [alt, *(Alternative(f, k, "split") for f, k in cuts)])]


def _numbered(items: list[_Item]) -> list[_Item]:
    """Write the spelled numbers and Roman numerals of each run of words in digits."""
    found: list[_Item] = []
    run: list[_Item] = []
    for item in [*items, None]:
        if item is not None and item.kind == "word":
            run.append(item)
            continue
        found.extend(_number_run(run) if run else [])
        run = []
        if item is not None:
            found.append(item)
    return found


def _number_run(run: list[_Item]) -> list[_Item]:
    """Return a run of word items with its numbers in digits: after a word that numbers
    things (``khóa XX``, ``kỳ họp thứ Mười ba``) the digits alone (the index holds them
    there, :func:`numbers.number_expansions`), so the run stays adjacent; elsewhere a clause
    of the words as typed or the digits (``mười ba``, ``XIII`` typed in capitals)."""
    folded = [item.alternatives[0].folded[0] for item in run]
    keys = [item.alternatives[0].tonekeys[0] for item in run]
    spans = {span.start: span for span in number_spans(folded, keys)}
    found: list[_Item] = []
    index = 0
    while index < len(run):
        span, item = spans.get(index), run[index]
        roman = roman_value(folded[index]) if len(item.surface) > 1 and item.surface.isupper() else None
        if span is None and roman is None:
            found.append(item)
            index += 1
            continue
        digits = str(span.value if span else roman)
        end = span.end if span else index + 1
        if span and span.context >= 0:
            found.append(_Item("word", [Alternative((digits,), (digits,), "word")], surface=digits))
        else:
            typed = Alternative(tuple(folded[index:end]), tuple(keys[index:end]), "word")
            found.append(_Item("number", [typed, Alternative((digits,), (), "number")]))
        index = end
    return found


def _docno_item(number: str, negated: bool) -> _Item:
    """Return the item of a typed document number: its folded term or its syllables."""
    repaired = repair(number)
    term = Alternative((fold(repaired),), (repaired.lower(),), "docno")
    return _Item("docno", [term, _alternative(repaired, "phrase")], negated, repaired)


def _group(items: list[_Item]) -> tuple[list[list[_Item]], list[_Item]]:
    """Merge ``a OR b`` into one group; return the positive groups and the negated items."""
    groups: list[list[_Item]] = []
    excluded: list[_Item] = []
    pending_or = False
    for item in items:
        if item.kind == "or":
            pending_or = bool(groups)
        elif item.negated:
            excluded.append(item)
            pending_or = False
        else:
            if pending_or:
                groups[-1].append(item)
            else:
                groups.append([item])
            pending_or = False
    return groups, excluded


def _plain(group: list[_Item]) -> bool:
    """Tell whether a group is one plain word (part of a run)."""
    return len(group) == 1 and group[0].kind == "word"


def _run_clauses(run: list[Alternative]) -> tuple[list[Clause], list[tuple[str, ...]]]:
    """Return the clauses of a run of plain words and its sub-runs left for adjacency."""
    words = [alt.folded[0] for alt in run]
    clauses: list[Clause] = []
    runs: list[tuple[str, ...]] = []
    index = 0
    for start, end, _ in [*longest_abbreviations(words), (len(words), len(words), ())]:
        clauses.extend((alt,) for alt in run[index:start])
        runs.append(tuple(words[index:start]))
        if start < end:
            typed = run[start:end]
            alt = Alternative(tuple(words[start:end]), sum((a.tonekeys for a in typed), ()), "word")
            clauses.append(tuple(_expanded(alt)))
        index = end
    return clauses, [r for r in runs if len(r) > 1]


def _clauses(groups: list[list[_Item]]) -> tuple[list[Clause], list[tuple[str, ...]]]:
    """Turn groups into clauses, with abbreviation handling on plain-word runs."""
    clauses: list[Clause] = []
    runs: list[tuple[str, ...]] = []
    run: list[Alternative] = []
    for group in [*groups, []]:
        if group and _plain(group):
            run.append(group[0].alternatives[0])
            continue
        run_clauses, run_runs = _run_clauses(run)
        clauses.extend(run_clauses)
        runs.extend(run_runs)
        run = []
        if group:
            alts = [alt for item in group for alt in item.alternatives]
            alts = [a for alt in alts for a in (_expanded(alt) if alt.source == "word" else [alt])]
            clauses.append(tuple(dict.fromkeys(alts)))
    return clauses, runs


def _cap_terms(items: list[_Item]) -> tuple[list[_Item], bool]:
    """Keep items while their syllables total at most MAX_QUERY_TERMS."""
    kept, count = [], 0
    for item in items:
        count += max((len(alt.folded) for alt in item.alternatives[:2]), default=0)
        if count > MAX_QUERY_TERMS:
            return kept, True
        kept.append(item)
    return kept, False


def _docno_terms(items: list[_Item]) -> list[str]:
    """Return the boost terms for a document-number field: folded numbers, bare numbers."""
    terms = []
    for item in items:
        first = item.alternatives[0] if item.alternatives else None
        if item.kind == "docno" and first:
            terms.append(first.folded[0])
        elif item.kind == "word" and first and first.folded[0].isdigit():
            terms.append(f"docno:{first.folded[0]}")
    return list(dict.fromkeys(terms))


def _session_terms(items: list[_Item]) -> list[str]:
    """Return the own-number term of the session a query starts by naming ("kỳ họp thứ 11",
    "ky hop 11", "kỳ họp thứ Mười một"), so that session comes before the records that name
    it ("Tiếp xúc cử tri sau kỳ họp thứ Mười một"); a query naming it later asks for
    something else ("thông báo nội dung kỳ họp thứ 14")."""
    words = [word for item in items[:4] if item.alternatives for word in item.alternatives[0].folded]
    if words[:2] != ["ky", "hop"]:
        return []
    rest = words[3:4] if words[2:3] == ["thu"] else words[2:3]
    number = rest[0] if rest else ""
    term = session_term(int(number)) if number.isascii() and number.isdigit() else ""
    return [term] if SESSION_TERM_RE.fullmatch(term) else []  # the terms a session's document holds


def _date_clause(typed: QueryDate) -> Clause:
    """Return the clause of a typed date: the records dated on it (their own-number field
    holds the date term) or whose text writes it in digits or in words."""
    written = (
        Alternative(tuple(t.folded for t in tokenize(form) if t.kind == "word"), (), "phrase")
        for form in typed.written
    )
    return (Alternative((typed.term,), (), "date"), *written)


def analyze_query(query: str) -> ParsedQuery:
    """Parse a user query tolerantly into a :class:`ParsedQuery`; never raise.

    Syntax: words (AND), ``"quoted phrases"`` (closing quote optional), ``-word`` and
    ``-"phrase"`` exclusions, ``OR`` (upper case) between two elements; ``AND`` is ignored,
    as are stray operators, ``*`` and punctuation.  Input is cut to MAX_QUERY_CHARS and to
    MAX_QUERY_TERMS syllables (``truncated`` says so).  Unquoted words that form an
    abbreviation or its full form become one clause with both forms (the full form as an
    adjacent sequence).
    """
    raw = query if isinstance(query, str) else ""
    text = expand_places(repair(raw[:MAX_QUERY_CHARS].translate(_QUOTES)))
    dates = find_dates(text)
    items, cut = _cap_terms(_lex(without_dates(text, dates)))
    groups, excluded = _group(items)
    must, runs = _clauses(groups)
    must += map(_date_clause, dates)
    positive = [item for group in groups for item in group]
    typed = [alt for item in positive for alt in item.alternatives if alt.tonekeys]
    return ParsedQuery(
        text=text,
        must=tuple(must),
        excluded=tuple(tuple(dict.fromkeys(item.alternatives)) for item in excluded),
        phrases=tuple(item.alternatives[0].folded for item in positive if item.kind == "phrase"),
        runs=tuple(runs),
        has_diacritics=any(alt.tonekeys != alt.folded for alt in typed),
        doc_numbers=tuple(item.surface for item in positive if item.kind == "docno"),
        docno_terms=(*_docno_terms(positive), *_session_terms(positive), *(typed.term for typed in dates)),
        converted=convert_typed_query(text),
        truncated=cut or len(raw) > MAX_QUERY_CHARS,
    )
