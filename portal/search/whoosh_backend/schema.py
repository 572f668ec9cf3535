"""The Whoosh schema and the Vietnamese tokenizer that feeds it from the shared analysis."""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Composable, Token
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from portal.search import analysis
from portal.search.base import FACETS, SearchDocument
from portal.search.docnumbers import doc_number_terms

CLAUSE_GAP = 8


class _Tokens:
    """Tokenize each text once for the analysers that read it in turn (the body is read by
    three fields, with the title's field in between, so the last two texts are kept)."""

    def __init__(self) -> None:
        self._recent: dict[str, list[analysis.Token]] = {}

    def __call__(self, text: str) -> list[analysis.Token]:
        tokens = self._recent.get(text)
        if tokens is None:
            tokens = analysis.tokenize(text)
            if len(self._recent) >= 2:
                self._recent.pop(next(iter(self._recent)))
            self._recent[text] = tokens
        return tokens


_TOKENS = _Tokens()


class VietnameseTokenizer(Composable):
    """Whoosh tokenizer over :func:`analysis.tokenize`: folded, tone-key or bigram terms."""

    is_tokenizer = True

    def __init__(self, form: str = "folded") -> None:
        self.form = form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VietnameseTokenizer) and other.form == self.form

    def __hash__(self) -> int:
        return hash(self.form)

    def _terms(self, value: str) -> Iterator[tuple[str, int, int, int]]:
        tokens = _TOKENS(value)
        if self.form == "bigram":
            for index, term in enumerate(analysis.bigrams(tokens)):
                yield term, index, 0, 0
        elif self.form == "tonekey":
            for t in tokens:
                if t.kind == "word":
                    yield t.tonekey, t.pos, t.start, t.end
        else:
            # A gap at every clause break, so no phrase matches across sentences.
            for t in tokens:
                yield t.folded, t.pos + CLAUSE_GAP * t.clause, t.start, t.end

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):  # fmt: skip
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self._terms(value):
            token.text, token.boost, token.stopped = text, 1.0, False
            token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def make_schema() -> Schema:
    """Return the index schema: stored fields, facets, and the three analysed forms."""
    facets = {f"f_{name}": ID() for name in FACETS}
    return Schema(
        key=ID(stored=True, unique=True),
        type=STORED,
        rid=STORED,
        slug=STORED,
        title=STORED,
        text=STORED,
        date=STORED,
        version=STORED,
        sort_date=ID(sortable=True),
        folded=TEXT(analyzer=VietnameseTokenizer("folded"), phrase=True, chars=True),
        title_folded=TEXT(analyzer=VietnameseTokenizer("folded"), phrase=False),
        tonekey=TEXT(analyzer=VietnameseTokenizer("tonekey"), phrase=False),
        bigram=TEXT(analyzer=VietnameseTokenizer("bigram"), phrase=False),
        own_number=KEYWORD(lowercase=False),
        numbers=KEYWORD(lowercase=False),
        **facets,
    )


def document_fields(doc: SearchDocument) -> dict:
    """Return the Whoosh fields of a search document."""
    indexed = analysis.expand_abbreviations(doc.text)
    mentioned = {
        t for n in analysis.find_doc_numbers(doc.text) for t in doc_number_terms(n)
    }
    year = doc.facets.get("year", "")
    facets = {
        f"f_{name}": value for name, value in doc.facets.items() if name in FACETS
    }
    return {
        "key": doc.key,
        "type": doc.type,
        "rid": doc.id,
        "slug": doc.slug,
        "title": doc.title,
        "text": doc.text,
        "date": doc.date,
        "version": doc.version,
        "sort_date": doc.date or (f"{year}-00-00" if year else "0000"),
        "folded": indexed,
        "title_folded": analysis.expand_abbreviations(doc.title),
        "tonekey": indexed,
        "bigram": indexed,
        "own_number": " ".join(doc_number_terms(doc.number)) if doc.number else "",
        "numbers": " ".join(sorted(mentioned)),
        **facets,
    }
