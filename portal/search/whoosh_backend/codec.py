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
