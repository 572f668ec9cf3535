"""Search as the site and the API use it: parse the request, run it, check it against the database.

:func:`execute` is backend-only (Telex/VNI retry, "did you mean"), so the contract suite runs
it against every backend.  :func:`search` adds what needs the database: every hit is
re-checked through the published-only query (a stale index never shows a withdrawn record),
given its public URL, and facet values get their Vietnamese labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import Integer, String, cast, literal, null, select, union_all

from portal.extensions import db
from portal.models import Organization, Session
from portal.models.organization import Area, area_label
from portal.public_urls import record_path
from portal.records import BY_KEY, RECORD_TYPES
from portal.search.analysis import MAX_QUERY_CHARS, ParsedQuery, analyze_query, tokenize
from portal.search.base import (
    FACETS,
    PER_PAGE,
    SORTS,
    IndexUnavailable,
    SearchBackend,
    SearchHit,
    SearchResult,
)
from portal.search.correct import correct
from portal.search.documents import indexed
from portal.search.indexer import indexer_for
from portal.search.registry import get_backend
from portal.search.relax import relax
from portal.search.segment import is_syllable
from portal.services import councils, queries
from portal.vocabulary import VOCABULARY, label

MAX_PAGE = 1000
FEW_RESULTS = 3

FACET_LABELS = {
    "type": "Loại",
    "year": "Năm",
    "session": "Kỳ họp",
    "body": "Cơ quan",
    "status": "Tình trạng",
    "area": "Phường, xã",
    "council": "Hội đồng nhân dân",
}


class SearchInputError(ValueError):
    """A search parameter the portal cannot use; the message is for the citizen."""


@dataclass(frozen=True)
class SearchRequest:
    """A validated search request."""

    q: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    exact: bool = False  # search as typed, without correcting (the "Tìm chính xác" link)


def parse_request(args: Mapping[str, str]) -> SearchRequest:
    """Validate query-string parameters (SearchInputError with a Vietnamese message)."""
    q = str(args.get("q") or "")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchInputError("Cách sắp xếp không hợp lệ: chọn “liên quan” hoặc “ngày”.")
    raw_page = args.get("page") or "1"
    if (
        not (raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= 6)
        or not 1 <= int(raw_page) <= MAX_PAGE
    ):
        raise SearchInputError(f"Số trang phải là số nguyên từ 1 đến {MAX_PAGE}.")
    filters = {name: args[name].strip()[:200] for name in FACETS if (args.get(name) or "").strip()}
    if "type" in filters and filters["type"] not in indexed():
        raise SearchInputError("Loại bản ghi không hợp lệ.")
    if "year" in filters and not (filters["year"].isdigit() and len(filters["year"]) == 4):
        raise SearchInputError("Năm phải là số có bốn chữ số, ví dụ 2020.")
    if (args.get("exact") or "") not in ("", "1"):
        raise SearchInputError("Tham số exact chỉ nhận giá trị 1 (tìm đúng như gõ).")
    return SearchRequest(q, filters, sort, int(raw_page), args.get("exact") == "1")


@dataclass
class Outcome:
    """What a backend answered, with the query actually run and any suggestion."""

    parsed: ParsedQuery
    result: SearchResult
    suggestion: str | None = None
    searched_instead: str | None = None
    correction: str | None = None  # why searched_instead was run: "telex" or "spelling"
    matched: tuple[int, int] | None = None  # (words required, words typed) when relaxed


def _did_you_mean(backend: SearchBackend, parsed: ParsedQuery) -> str | None:
    """Return the query with every word the index does not know replaced by the closest one."""
    text, parts, cursor, changed = parsed.text, [], 0, False
    words = [t for t in tokenize(text) if t.kind == "word"]
    for at, token in enumerate(words):
        # A well-formed syllable or a capitalised name the index lacks is simply absent
        # ("hiến máu", "Kon Tum"): only a malformed word gets the nearest indexed word.
        if (
            len(token.folded) < 4
            or not token.folded.isalpha()
            or is_syllable(token.folded)
            or token.text[:1].isupper()
            or backend.knows(token.folded)
        ):
            continue
        replacement = backend.suggest(token.folded)
        if replacement and _beside(backend, words, at, replacement):
            parts += [text[cursor : token.start], replacement]
            cursor, changed = token.end, True
    return "".join([*parts, text[cursor:]]) if changed else None


def _beside(backend: SearchBackend, words: list, at: int, replacement: str) -> bool:
    """Tell whether a replacement stands beside a typed neighbour in the index (or has none)."""
    left = at > 0 and backend.pair_count(words[at - 1].folded, replacement) > 0
    right = at + 1 < len(words) and backend.pair_count(replacement, words[at + 1].folded) > 0
    return len(words) == 1 or left or right


def execute(
    backend: SearchBackend,
    text: str,
    filters: Mapping[str, str] | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    correcting: bool = True,
) -> Outcome:
    """Run a query; when nothing matches, retry Telex/VNI typing converted or regional
    spelling confusions corrected (unless ``correcting`` is off); suggest corrections.

    The answer is kept per index version (portal/search/answers.py): asked again before the index
    changes, the same question is answered without searching."""
    filters = dict(filters or {})
    version = backend.version()
    if version is None:
        return _execute(backend, text, filters, sort, page, per_page, correcting)
    key = (version, text, tuple(sorted(filters.items())), sort, page, per_page, correcting)
    return backend.answers.get_or_compute(
        key,
        lambda: _execute(backend, text, filters, sort, page, per_page, correcting),
        _weight,
    )


def _weight(outcome: Outcome) -> int | None:
    """The facet values an answer holds; None for one cut short by the time limit (not to be kept)."""
    if outcome.result.timed_out:
        return None
    return sum(len(values) for values in outcome.result.facets.values())


def _execute(backend, text, filters, sort, page, per_page, correcting) -> Outcome:
    parsed = analyze_query(text)
    result = backend.search(parsed, filters or {}, sort, page, per_page)
    outcome = Outcome(parsed, result)
    if parsed.converted and parsed.converted != parsed.text:
        if result.total == 0:
            converted = analyze_query(parsed.converted)
            retry = backend.search(converted, filters or {}, sort, page, per_page)
            if retry.total:
                return Outcome(converted, retry, searched_instead=parsed.converted,
                               correction="telex")  # fmt: skip
        outcome.suggestion = parsed.converted
    elif (
        not parsed.is_empty
        and not parsed.doc_numbers
        and (result.total < FEW_RESULTS or _apart(backend, parsed))
    ):
        # Found little, or typed words the index never holds side by side: a respelling
        # that the index holds side by side is searched instead (the page links back).
        corrected = correct(backend, parsed.text) if correcting else None
        if corrected:
            fixed = analyze_query(corrected)
            retry = backend.search(fixed, filters or {}, sort, page, per_page)
            if retry.total:
                return Outcome(fixed, retry, searched_instead=corrected, correction="spelling")
        if result.total < FEW_RESULTS:
            outcome.suggestion = corrected or _did_you_mean(backend, parsed)
    if result.total < FEW_RESULTS and not parsed.is_empty and not parsed.doc_numbers:
        relaxed = relax(backend, parsed, filters or {}, sort, page, per_page, result.total)
        if relaxed:
            outcome = Outcome(relaxed.parsed, relaxed.result, outcome.suggestion,
                              matched=(relaxed.kept, relaxed.words))  # fmt: skip
    return outcome


def _apart(backend: SearchBackend, parsed: ParsedQuery) -> bool:
    """Tell whether some two words typed side by side never stand so in the index."""
    return any(backend.pair_count(*pair.split("_", 1)) == 0 for pair in parsed.bigrams)


@dataclass
class Item:
    """One result as pages and the API show it."""

    hit: SearchHit
    url: str
    type_label: str
    council: councils.Council | None = None  # the council the record belongs to

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.hit.date) if self.hit.date else None


@dataclass
class SearchPage:
    """Everything the search page, its fragment, the feed and the API render."""

    request: SearchRequest
    outcome: Outcome | None = None
    items: list[Item] = field(default_factory=list)
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    facets_left_out: dict[str, int] = field(default_factory=dict)  # values not listed, per facet
    error: str | None = None

    @property
    def total(self) -> int:
        return self.outcome.result.total if self.outcome else 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))

    @property
    def truncated(self) -> bool:
        return bool(self.outcome and self.outcome.parsed.truncated)


# The columns a record's address may read (portal/records: address_columns), with their SQL types.
_ADDRESS_COLUMNS = {"slug": String(200), "year": Integer(), "number": Integer()}


def _address_row(record_type: str, ids: list[int]):
    """Select (type, id, address columns) of the published records of a type among ids."""
    declared = BY_KEY[record_type]
    model = declared.model
    columns = [
        cast(getattr(model, name) if name in declared.address_columns else null(), kind).label(name)
        for name, kind in _ADDRESS_COLUMNS.items()
    ]
    return queries.published_rows(
        model, cast(literal(record_type), String(40)).label("type"), model.id, model.council_id, *columns
    ).where(model.id.in_(ids))


def _published_items(hits: list[SearchHit]) -> list[Item]:
    """Keep hits whose record is still published, in order, with their URLs.

    One statement whatever the hits: the published-only re-check of every type on the page is a
    UNION ALL of (type, id, address columns) rows, which is all a URL needs."""
    by_type: dict[str, list[int]] = {}
    for hit in hits:
        by_type.setdefault(hit.type, []).append(hit.id)
    parts = [_address_row(record_type, ids) for record_type, ids in by_type.items() if record_type in BY_KEY]
    records = {}
    if parts:
        for row in db.session.execute(union_all(*parts)):
            records[(row.type, row.id)] = SimpleNamespace(
                public_type=row.type,
                id=row.id,
                slug=row.slug,
                year=row.year,
                number=row.number,
                council_id=row.council_id,
            )
    return [
        Item(
            hit,
            record_path(record),
            BY_KEY[hit.type].title,
            councils.by_id(record.council_id),
        )
        for hit in hits
        if (record := records.get((hit.type, hit.id))) is not None
    ]


def _names(columns, label, slugs) -> dict[str, str]:
    """Return slug → label of the rows with those slugs (columns: slug first; plain rows,
    not ORM objects: this runs for every search and its facets list many values)."""
    # Run even without values (an empty IN), so a search page's statements never depend on its hits.
    rows = db.session.execute(select(*columns).where(columns[0].in_(list(slugs or ()))))
    return {row[0]: label(row) for row in rows}


def status_labels() -> dict[str, str]:
    """Return status facet value -> label, from the vocabulary group each searchable type declares.

    Types share some values ("in_progress" is a petition's and a commitment's): their labels are joined."""
    labels: dict[str, list[str]] = {}
    for declared in RECORD_TYPES:
        if declared.search and declared.status_vocabulary:
            for value in VOCABULARY[declared.status_vocabulary]:
                text = label(declared.status_vocabulary, value)
                if text not in labels.setdefault(value, []):
                    labels[value].append(text)
    return {value: " / ".join(texts) for value, texts in labels.items()}


def facet_labels(counts: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, str]]:
    """Return facet name → value → Vietnamese label for the values shown (others as they are)."""
    return {
        "type": {t.key: t.title for t in RECORD_TYPES if t.search},
        "status": status_labels(),
        "session": _names((Session.slug, Session.name), lambda s: s.name, counts.get("session")),
        "body": _names(
            (Organization.slug, Organization.short_name, Organization.name),
            lambda o: o.short_name or o.name,
            counts.get("body"),
        ),  # fmt: skip
        "area": _names(
            (Area.slug, Area.kind, Area.name), lambda a: area_label(a.kind, a.name), counts.get("area")
        ),  # fmt: skip
        "council": {c.slug: c.name for c in councils.all_councils()},
    }


def _shown(name: str, values: dict[str, int], chosen: str | None, limit: int | None) -> dict[str, int]:
    """The facet values to label and list: all, or the ``limit`` most frequent plus the chosen one."""
    if name == "year":
        return dict(sorted(values.items(), reverse=True))
    if limit is None or len(values) <= limit:
        return values
    top = dict(sorted(values.items(), key=lambda item: -item[1])[:limit])
    if chosen in values and chosen not in top:
        top[chosen] = values[chosen]
    return top


def _labelled(
    counts: dict[str, dict[str, int]],
    chosen: Mapping[str, str] | None = None,
    limit: int | None = None,
    labelled: bool = True,
) -> tuple[dict[str, list[tuple[str, str, int]]], dict[str, int]]:
    """Facet name → (value, label, count) in display order, and how many values each left out."""
    chosen = chosen or {}
    shown = {name: _shown(name, counts.get(name) or {}, chosen.get(name), limit) for name in FACETS}
    labels = facet_labels(shown) if labelled else {}
    ordered = {
        name: [(v, labels.get(name, {}).get(v, v), n) for v, n in shown[name].items()] for name in FACETS
    }
    hidden = {name: len(counts.get(name) or {}) - len(shown[name]) for name in FACETS}
    return ordered, {name: n for name, n in hidden.items() if n > 0}


def search(
    request: SearchRequest,
    backend: SearchBackend | None = None,
    per_page: int = PER_PAGE,
    facet_limit: int | None = None,
    label_facets: bool = True,
) -> SearchPage:
    """Run a validated request for the site: published-only hits with URLs, labelled facets (each
    cut to its ``facet_limit`` most frequent values, when given; the API, which gives values and
    counts only, asks for no labels and so reads no names)."""
    page = SearchPage(request)
    if not request.q.strip():
        return page
    try:
        outcome = execute(
            backend or get_backend(),
            request.q,
            request.filters,
            request.sort,
            request.page,
            per_page,
            correcting=not request.exact,
        )
    except IndexUnavailable as exc:
        page.error = str(exc)
        found = indexer_for(current_app)
        if found is not None:
            found.wake()
        return page
    page.outcome = outcome
    page.items = _published_items(outcome.result.hits)
    page.facets, page.facets_left_out = _labelled(
        outcome.result.facets, request.filters, facet_limit, label_facets
    )
    return page


__all__ = [
    "MAX_QUERY_CHARS",
    "SearchInputError",
    "SearchPage",
    "SearchRequest",
    "execute",
    "search",
]
