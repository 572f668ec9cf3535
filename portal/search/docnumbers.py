"""Vietnamese official document numbers (số ký hiệu văn bản) such as ``1107/TB-HĐND``.

Two shapes are recognised:

* ``{số}/{loại}-{cơ quan}``: ``1107/TB-HĐND``, ``113/BC-UBND``, ``12/2023/NQ-HĐND`` (an
  optional year after the number), ``15/QĐ-UBND-VX`` (several issuer parts);
* ``{số}-{loại}/{cơ quan}``: ``45-CT/TW``, ``24-NQ/TW`` (Party documents).
"""

from __future__ import annotations

import re

from portal.search.normalize import COMBINING, fold, repair

# A run of letters; combining marks are allowed so that NFD input still matches.
_L = f"(?:[^\\W\\d_][{COMBINING}]*)+"
_STATE = f"(?P<num>\\d{{1,6}})(?:/(?P<year>\\d{{4}}))?/(?P<kind>{_L})-(?P<org>{_L}(?:-{_L})*)"
_PARTY = f"(?P<num2>\\d{{1,6}})-(?P<kind2>{_L})/(?P<org2>{_L}(?:-{_L})*)"
DOC_NUMBER_RE = re.compile(f"(?<![\\w/-])(?:{_STATE}|{_PARTY})(?![\\w{COMBINING}])")
_BARE_NUMBER_RE = re.compile(r"(?:số\s*)?(\d{1,6})(?:/(?:\d{4}/)?[^\W\d_]*)?", re.IGNORECASE)
_TRAILING = ".,;:!?)]}\"'”’"


def find_doc_numbers(text: str) -> list[str]:
    """Return the document numbers in text, repaired, in order of appearance."""
    return [repair(match.group()) for match in DOC_NUMBER_RE.finditer(text)]


SESSION_TERM_RE = re.compile(r"session:[1-9]\d{0,3}")


def _parts(number: str) -> tuple[str, str]:
    """Return the folded (number, kind) of one document number."""
    match = DOC_NUMBER_RE.fullmatch(repair(number))
    if match is None:
        return "", ""
    if match.group("num"):
        return match.group("num"), fold(match.group("kind"))
    return match.group("num2"), fold(match.group("kind2"))


def doc_number_terms(number: str) -> list[str]:
    """Return the index terms of one document number, most specific first.

    ``1107/TB-HĐND`` gives ``["1107/tb-hđnd", "1107/tb-hdnd", "docno:1107:tb",
    "docno:1107", "1107"]``: the verbatim form lower-cased, the folded form, the number
    with its kind, the number tagged as a document number, and the bare number.  A query
    typed with or without diacritics matches the folded form; a bare ``1107`` matches the
    last two.  Text that is not a document number gives ``[]``.
    """
    num, kind = _parts(number)
    if not num:
        return []
    verbatim = repair(number).lower()
    terms = [verbatim, fold(number), f"docno:{num}:{kind}", f"docno:{num}", num]
    return list(dict.fromkeys(terms))


def own_number_terms(number: str) -> list[str]:
    """Return the own-number terms of a record: a document number's (:func:`doc_number_terms`),
    or a session's ``session:11`` as it is (a query that names the session asks for it, see
    :func:`portal.search.parse.analyze_query`)."""
    if SESSION_TERM_RE.fullmatch(number):
        return [number]
    return doc_number_terms(number)


def session_term(number: int) -> str:
    """Return the own-number term of the session with that number (in its term of office)."""
    return f"session:{number}"


def is_doc_number_query(query: str) -> bool:
    """Tell whether the whole query looks like a document number or a bare number.

    True for ``1107/TB-HĐND``, ``45-CT/TW``, ``1107``, ``số 1107`` and ``1107/TB``;
    False for words, and for text around a document number (``báo cáo 113/BC-UBND``).
    """
    text = repair(query).strip(_TRAILING + " ")
    if DOC_NUMBER_RE.fullmatch(text):
        return True
    return _BARE_NUMBER_RE.fullmatch(text) is not None
