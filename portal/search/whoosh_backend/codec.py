"""Whoosh's codec, writing postings a block at a time.

Whoosh's field writer handles each posting through four Python calls with type checks (a
document of ~3,900 characters has some 1,100 postings over the analysed fields; this was half
of a commit).  :class:`PortalCodec` writes the same files: each term's postings are gathered
and cut into blocks of ``blocklimit``, which Whoosh's own postings writer pickles and
compresses as before.  It also skips the per-block length statistics: they read each
posting's field length back from disk and only serve Whoosh's block-skipping scorer, which
this backend does not use (:mod:`.arrays` scores on posting arrays).
"""

from __future__ import annotations

from array import array
from itertools import groupby
from operator import itemgetter

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.writing import SegmentWriter

_TERM = itemgetter(0, 1)


class _BlockFieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        """Write sorted (field, term bytes, docnum, weight, value) postings, term by term."""
        field = None
        for (fieldname, btext), group in groupby(items, key=_TERM):
            # docnum -1 marks a spelling word, not a posting (as Whoosh's writer skips them)
            postings = [(d, w, v or b"") for _, _, d, w, v in group if d != -1]
            if fieldname != field:
                if field is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                field = fieldname
            if postings:
                self.start_term(btext)
                _fill(self._postwriter, postings)
                self.finish_term()
        if field is not None:
            self.finish_field()


def _fill(writer, postings: list) -> None:
    """Buffer postings in a W3PostingsWriter as its add_posting would, a block at a time:
    full blocks are written, the last one stays buffered for finish_postings."""
    limit = writer._blocklimit
    for start in range(0, len(postings), limit):
        if start:
            writer._write_block()  # writes the full block and starts a new one
        chunk = postings[start : start + limit]
        writer._ids = array("I", [d for d, _, _ in chunk])
        writer._weights = array("f", [w for _, w, _ in chunk])
        writer._values = [v for _, _, v in chunk if v]
        writer._maxweight = max(0, max(writer._weights))
        writer._minlength, writer._maxlength = None, 0


class PortalCodec(W3Codec):
    """Whoosh's W3 codec with the block-at-a-time field writer and no length statistics."""

    length_stats = False

    def field_writer(self, storage, segment):
        return _BlockFieldWriter(self, storage, segment)


class BulkSegmentWriter(SegmentWriter):
    """Whoosh's segment writer, adding a document's postings to the pool a field at a time.

    ``SegmentWriter.add_document`` calls the pool once per posting (a type check, a size
    estimate, an append: some 1,100 times a document here); this adds the same tuples with
    one list extension per field and counts their size the same way."""

    def add_document(self, **fields):
        self._check_state()
        plain = getattr(self, "_plain", None)
        if plain is None:  # no term vectors or spelling fields: nothing but postings
            plain = self._plain = not any(
                field.vector or field.separate_spelling() for _, field in self.schema.items()
            )
        if not plain or any(name.startswith("_") for name in fields):  # boosts, custom stored
            return super().add_document(**fields)
        perdocwriter, schema, docnum, pool = self.perdocwriter, self.schema, self.docnum, self.pool
        fieldnames = sorted(fields)
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    items = list(field.index(value))
                    if field.scorable:
                        length = sum(freq for _, freq, _, _ in items)
                    if items:
                        pool.fieldnames.add(fieldname)
                        pool.current.extend(
                            [
                                (fieldname, tbytes, docnum, weight, vbytes)
                                for tbytes, _, weight, vbytes in items
                            ]  # fmt: skip
                        )
                        # PostingPool.add's estimate, summed
                        pool.currentsize += sum(
                            150 + len(fieldname) + 2 * len(tbytes) + len(vbytes or b"")
                            for tbytes, _, _, vbytes in items
                        )
                sv = value if field.stored else None
                perdocwriter.add_field(fieldname, field, sv, length)
                column = field.column_type
                if column:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        if pool.currentsize > pool.limit:
            pool.save()
        self._added = True
        self.docnum += 1
