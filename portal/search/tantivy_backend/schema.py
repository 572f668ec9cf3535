"""The tantivy schema, fed the pre-analysed forms of :mod:`portal.search.prepared`.

Analysed fields use a whitespace tokenizer with no filter: every term is exactly a term the
shared analysis produced (folded syllables, tone keys, bigrams, document-number terms), so
the index holds the same terms as the Whoosh index and needs no Rust-side folding.  Facets
and the key are raw fast fields; what a hit shows is stored in one JSON text field whose
analyzer keeps no token (stored only: tantivy-py takes a bytes value element by element,
about 45 µs for a 5 kB document, a string at once).  Generations built when that field
was a bytes field are still read and written (:func:`stores_bytes`).
"""

from __future__ import annotations

import json
from pathlib import Path

import tantivy

from portal.search.base import FACETS, SearchDocument
from portal.search.prepared import prepare, sort_date

TOKENIZER = "prepared"
STORED_ONLY = "stored_only"
ANALYSED = ("folded", "title_folded", "tonekey", "bigram", "own_number", "numbers")


def make_schema() -> tantivy.Schema:
    """Return the schema: key, stored display fields, analysed forms, facets, sort date."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, fast=True, tokenizer_name="raw",
                           index_option="basic")  # fmt: skip
    builder.add_text_field("version", stored=True, fast=True, tokenizer_name="raw",
                           index_option="basic")  # fmt: skip
    builder.add_text_field("shown", stored=True, tokenizer_name=STORED_ONLY,
                           index_option="basic")  # fmt: skip
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


def register_tokenizers(ix: tantivy.Index) -> None:
    """Register the analyzers the schema names (tantivy keeps only their names)."""
    ix.register_tokenizer(TOKENIZER, analyzer())
    stored_only = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw())
    ix.register_tokenizer(STORED_ONLY, stored_only.filter(tantivy.Filter.remove_long(0)).build())


def stores_bytes(directory: Path) -> bool:
    """Tell whether a generation keeps the shown fields in a bytes field (built before)."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return any(
        field.get("name") == "shown" and field.get("type") == "bytes" for field in meta.get("schema", [])
    )


Analysed = tuple[list[tuple[str, str]], str, int]


def analyse(doc: SearchDocument) -> tuple[Analysed, set[str]]:
    """Return the text fields, stored JSON and sort date of a document (picklable, so a
    rebuild can analyse in worker processes), and its distinct folded words."""
    prepared = prepare(doc.text, doc.title, doc.number, doc.date)
    folded = prepared.folded
    shown = [doc.type, doc.id, doc.slug, doc.title, doc.text, doc.date]
    texts = [
        ("key", doc.key),
        ("version", doc.version),
        ("folded", " ".join(folded)),
        ("title_folded", " ".join(prepared.title)),
        ("tonekey", " ".join(prepared.tonekeys)),
        ("bigram", " ".join(prepared.bigrams)),
        ("own_number", " ".join(prepared.own_number)),
        ("numbers", " ".join(prepared.numbers)),
    ]
    texts += [(f"f_{name}", str(value)) for name, value in doc.facets.items() if name in FACETS and value]
    stored = json.dumps(shown, ensure_ascii=False)
    date = sort_date(doc.date, str(doc.facets.get("year", "")))
    return (texts, stored, date), set(folded)


def fields(doc: SearchDocument) -> Analysed:
    """Return :func:`analyse` without the words."""
    return analyse(doc)[0]


def to_document(analysed: Analysed, shown_as_bytes: bool = False) -> tantivy.Document:
    """Return the tantivy document of :func:`fields`' output."""
    texts, stored, date = analysed
    out = tantivy.Document()
    for name, value in texts:
        out.add_text(name, value)
    if shown_as_bytes:
        out.add_bytes("shown", stored.encode("utf-8"))
    else:
        out.add_text("shown", stored)
    out.add_integer("sort_date", date)
    return out


def shown_fields(stored: tantivy.Document) -> dict:
    """Return the stored display fields of a hit (a JSON string, or bytes in older indexes)."""
    record_type, rid, slug, title, text, date = json.loads(stored["shown"][0])
    return {"type": record_type, "id": rid, "slug": slug, "title": title, "text": text,
            "date": date}  # fmt: skip
