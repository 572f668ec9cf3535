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


def to_document(doc: SearchDocument) -> tuple[tantivy.Document, list[str]]:
    """Return the tantivy document of a search document and its folded tokens."""
    prepared = prepare(doc.text, doc.title, doc.number)
    shown = [doc.type, doc.id, doc.slug, doc.title, doc.text, doc.date]
    out = tantivy.Document()
    out.add_text("key", doc.key)
    out.add_text("version", doc.version)
    out.add_bytes("shown", json.dumps(shown, ensure_ascii=False).encode("utf-8"))
    out.add_text("folded", " ".join(prepared.folded))
    out.add_text("title_folded", " ".join(prepared.title))
    out.add_text("tonekey", " ".join(prepared.tonekeys))
    out.add_text("bigram", " ".join(prepared.bigrams))
    out.add_text("own_number", " ".join(prepared.own_number))
    out.add_text("numbers", " ".join(prepared.numbers))
    for name, value in doc.facets.items():
        if name in FACETS and value:
            out.add_text(f"f_{name}", str(value))
    out.add_integer("sort_date", sort_date(doc.date, str(doc.facets.get("year", ""))))
    return out, prepared.folded


def shown_fields(stored: tantivy.Document) -> dict:
    """Return the stored display fields of a hit."""
    record_type, rid, slug, title, text, date = json.loads(stored["shown"][0])
    return {"type": record_type, "id": rid, "slug": slug, "title": title, "text": text,
            "date": date}  # fmt: skip
