"""The tantivy schema, fed the pre-analysed forms of :mod:`portal.search.prepared`.

Analysed fields use a whitespace tokenizer with no filter: every term is exactly a term the
shared analysis produced (folded syllables, tone keys, bigrams, document-number terms), so
the index holds the same terms as the Whoosh index and needs no Rust-side folding.  Facets
and the key are raw fast fields; what a hit shows is stored in one JSON field.
"""

from __future__ import annotations

import json

import tantivy

from portal.search.base import FACETS, SearchDocument
from portal.search.prepared import prepare, sort_date

TOKENIZER = "prepared"
ANALYSED = ("folded", "title_folded", "tonekey", "bigram", "own_number", "numbers")


def make_schema() -> tantivy.Schema:
    """Return the schema: key, stored display fields, analysed forms, facets, sort date."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, fast=True, tokenizer_name="raw",
                           index_option="basic")  # fmt: skip
    builder.add_text_field("version", stored=True, fast=True, tokenizer_name="raw",
                           index_option="basic")  # fmt: skip
    builder.add_bytes_field("shown", stored=True)
    for name in ANALYSED:
        builder.add_text_field(name, tokenizer_name=TOKENIZER, index_option="freq")
    for name in FACETS:
        builder.add_text_field(f"f_{name}", fast=True, tokenizer_name="raw",
                               index_option="basic")  # fmt: skip
    builder.add_integer_field("sort_date", fast=True)
    return builder.build()


def analyzer() -> tantivy.TextAnalyzer:
    """Return the analyzer of the analysed fields: split on spaces, nothing else."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()


def fields(doc: SearchDocument) -> tuple[list[tuple[str, str]], bytes, int]:
    """Return the text fields, stored bytes and sort date of a document (picklable, so a
    rebuild can analyse in worker processes)."""
    prepared = prepare(doc.text, doc.title, doc.number)
    shown = [doc.type, doc.id, doc.slug, doc.title, doc.text, doc.date]
    texts = [
        ("key", doc.key),
        ("version", doc.version),
        ("folded", " ".join(prepared.folded)),
        ("title_folded", " ".join(prepared.title)),
        ("tonekey", " ".join(prepared.tonekeys)),
        ("bigram", " ".join(prepared.bigrams)),
        ("own_number", " ".join(prepared.own_number)),
        ("numbers", " ".join(prepared.numbers)),
    ]
    texts += [
        (f"f_{name}", str(value))
        for name, value in doc.facets.items()
        if name in FACETS and value
    ]
    stored = json.dumps(shown, ensure_ascii=False).encode("utf-8")
    return texts, stored, sort_date(doc.date, str(doc.facets.get("year", "")))


def to_document(analysed: tuple[list[tuple[str, str]], bytes, int]) -> tantivy.Document:
    """Return the tantivy document of :func:`fields`' output."""
    texts, stored, date = analysed
    out = tantivy.Document()
    for name, value in texts:
        out.add_text(name, value)
    out.add_bytes("shown", stored)
    out.add_integer("sort_date", date)
    return out


def folded_words(analysed: tuple[list[tuple[str, str]], bytes, int]) -> set[str]:
    """Return the distinct folded words of :func:`fields`' output (for the vocabulary)."""
    return set(analysed[0][2][1].split())


def shown_fields(stored: tantivy.Document) -> dict:
    """Return the stored display fields of a hit."""
    record_type, rid, slug, title, text, date = json.loads(stored["shown"][0])
    return {"type": record_type, "id": rid, "slug": slug, "title": title, "text": text,
            "date": date}  # fmt: skip
