"""The backend's own tables and the rows it writes, from the shared analysis.

The backend creates its tables itself (``search rebuild`` or ``search migrate``), like the
other engines create their index directories: the search table is derived data, exists only
on PostgreSQL, and is rebuilt whole beside the live one and swapped in by renaming, so the
app's Alembic migrations stay the same on every database.

``terms`` is one ``tsvector`` built from pre-analysed lexemes, never by a text-search parser
(so no configuration, ``unaccent`` or stemming is involved): folded words (weight D), folded
bigrams (C), tone keys prefixed ``~`` (B), title words prefixed ``^`` (A), folded document
numbers as one lexeme each, and document-number terms of mentioned numbers prefixed ``#``.
"""

from __future__ import annotations

from collections import defaultdict

from portal.search.base import FACETS, SearchDocument
from portal.search.prepared import prepare, sort_date
from portal.search.spelling import is_vocabulary_word

TABLE, WORDS, META = "search_documents", "search_words", "search_meta"
MAX_POSITION = 16383
MAX_POSITIONS = 255
MAX_LITERAL = 900_000  # tsvector values are limited to 1 MB
PLAIN = ("key", "type", "slug", "date", "version", *(f"f_{name}" for name in FACETS),
         "own_numbers")  # fmt: skip
COLUMNS = ("key", "type", "rid", "slug", "title", "body", "date", "sort_date", "version",
           *(f"f_{name}" for name in FACETS), "own_numbers", "terms")  # fmt: skip


def table_sql(table: str, words: str) -> list[str]:
    """Return the statements creating a documents table and a words table."""
    facets = ", ".join(f"f_{name} text" for name in FACETS)
    return [
        f"CREATE TABLE {table} (key text PRIMARY KEY, type text NOT NULL, rid integer NOT NULL,"
        f" slug text NOT NULL, title text NOT NULL, body text NOT NULL, date text NOT NULL,"
        f" sort_date integer NOT NULL, version text NOT NULL, {facets},"
        f" own_numbers text[] NOT NULL, terms tsvector NOT NULL)"
        " WITH (toast_tuple_target = 128)",
        # The heap row keeps only short columns (the big ones are moved to TOAST), but
        # those it reads for every match stay in it: a row target of 128 bytes would
        # otherwise move facet values out of line too, and counting facets would detoast.
        *(f"ALTER TABLE {table} ALTER COLUMN {column} SET STORAGE PLAIN" for column in PLAIN),
        f"ALTER TABLE {table} ALTER COLUMN title SET STORAGE MAIN",
        f"CREATE TABLE {words} (word text PRIMARY KEY)",
    ]


def index_sql(table: str, suffix: str, rum: bool) -> list[str]:
    """Return the statement creating the text index (after a bulk load: faster).

    Deliberately the only index besides the key: matches are always found through it (its
    answer to ``@@`` is exact, so the tsvectors in TOAST are never read), and facet values
    and dates are then read from the narrow heap rows.  A B-tree on a facet or the date
    would tempt the planner into plans that test ``@@`` row by row, detoasting each vector
    (measured: filtered queries at 100k went from 0.5 s p95 to ... without them)."""
    method = "rum (terms rum_tsvector_ops)" if rum else "gin (terms)"
    return [f"CREATE INDEX {table}_terms_{suffix} ON {table} USING {method}"]


def quote(lexeme: str) -> str:
    """Return a lexeme quoted for tsvector and tsquery input."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _literal(lexemes: dict[str, list[str]], positions: bool) -> str:
    if not positions:
        return " ".join(quote(lexeme) for lexeme in lexemes)
    return " ".join(f"{quote(lexeme)}:{','.join(found[:MAX_POSITIONS])}" for lexeme, found in lexemes.items())


def terms_literal(doc: SearchDocument) -> tuple[str, list[str], set[str]]:
    """Return the tsvector literal, own-number terms and vocabulary words of a document."""
    prepared = prepare(doc.text, doc.title, doc.number, doc.date)
    lexemes: dict[str, list[str]] = defaultdict(list)
    words: set[str] = set()
    for position, folded, key, bigram in prepared.positioned():
        at = str(min(position + 1, MAX_POSITION))
        lexemes[folded].append(at)
        lexemes["~" + key].append(at + "B")
        if bigram:
            lexemes[bigram].append(at + "C")
        words.add(folded)
    for docno in prepared.docnos:
        lexemes[docno].append("1")
    for index, word in enumerate(prepared.title):
        lexemes["^" + word].append(f"{min(index + 1, MAX_POSITION)}A")
    for term in prepared.numbers + prepared.dates:
        lexemes["#" + term].append("1")
    literal = _literal(lexemes, positions=True)
    if len(literal) > MAX_LITERAL:
        literal = _literal(lexemes, positions=False)
    return literal, prepared.own_number, {w for w in words if is_vocabulary_word(w)}


def row(doc: SearchDocument) -> tuple[tuple, set[str]]:
    """Return the table row of a document (in COLUMNS order) and its vocabulary words."""
    literal, own, words = terms_literal(doc)
    facets = [doc.facets.get(name) or None for name in FACETS]
    year = str(doc.facets.get("year", ""))
    values = (doc.key, doc.type, doc.id, doc.slug, doc.title, doc.text, doc.date,
              sort_date(doc.date, year), doc.version, *facets, own, literal)  # fmt: skip
    return values, words
