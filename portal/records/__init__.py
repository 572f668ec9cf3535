"""The public record types, each declared once; every audience derives its tables from `RECORD_TYPES`.

A `RecordType` holds what the portal knows about one type: its model and key, its name (a Babel
message id, translated where shown), the public page that shows a record and how to address it, the
section it belongs to, and pointers to the objects each audience uses - its list spec
(services/list_specs.py: filters, order; also the API resource name), its API serializer
(api/serializers.py), its search-document builder (search/documents.py), its office form spec
(admin/registry.py) - plus the names of its Atom feed and sitemap files. Models, services/queries,
public pages, the API, feeds, sitemap, search and the office read this registry and nothing else to
learn which types exist (tests/test_record_registry.py checks that each of them knows every type).

Adding a record type:
1. the model (portal/models/<aggregate>.py, a `PublicRecord` with `public_type`) and its migration;
2. its pieces beside the machinery that uses them, as module constants: a `ListSpec` in
   services/list_specs.py, a `Serializer` in api/serializers.py, an `Indexed` builder in
   search/documents.py, a `TypeSpec` in admin/registry.py (only those it needs);
3. ONE `RecordType(...)` below pointing at them (`pieces(NAME)` where they share one name), with its
   label marked `N_` (English in translations/en/LC_MESSAGES/messages.po); a `sitemap` name when each
   record has its own page;
4. its templates: `public/<section>/index.html`, `_results.html` and `detail.html` and one `RecordPages`
   line in public/record_pages.py when it has a list and a page per record (the routes follow), else its
   own view in public/.
Routes under /api/v1, OpenAPI, office forms and lists, search, feeds, sitemap and the "last updated"
line follow from the declaration.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

from portal import models as m
from portal.models.base import PublicRecord
from portal.vocabulary import N_, translate


def by_slug(record) -> dict[str, Any]:
    return {"slug": record.slug}


def _resolve(pointer: str | None) -> Any:
    # Pointers are "module:attribute" strings so this module imports no audience module: each of them
    # imports the registry, and the registry would otherwise import them back.
    if pointer is None:
        return None
    module, _, name = pointer.partition(":")
    return getattr(importlib.import_module(module), name)


def _resolved(pointer_field: str) -> cached_property:
    """The object a pointer field names, imported the first time it is asked for."""
    return cached_property(lambda self: _resolve(getattr(self, pointer_field)))


@dataclass(frozen=True, eq=False)
class RecordType:
    key: str  # the model's public_type: search documents, outbox keys, feeds' entry ids
    model: type[PublicRecord]
    label: str  # N_ message id: what the type is called in search results, facets, the API, feeds
    page: str  # endpoint of the public page that shows a record
    address: Callable[[Any], dict[str, Any]] = by_slug  # url_for values of `page` for a record
    address_columns: tuple[str, ...] = ("slug",)  # the columns `address` reads (search hits carry only these)
    section: str | None = None  # endpoint of the section page that lists the type (feeds link to it)
    list_spec: str | None = None  # services/list_specs ListSpec: filters and order; its name is the API's
    serializer: str | None = None  # api/serializers Serializer (with list_spec: an /api/v1 resource)
    api_description: str = ""
    search: str | None = None  # search/documents Indexed: the type is searchable
    status_vocabulary: str | None = None  # vocabulary group labelling its search "status" facet values
    feed: str | None = None  # /feeds/<feed>.atom
    sitemap: str | None = None  # /sitemap-<sitemap>-<n>.xml: the type's records have their own page
    admin: str | None = None  # admin/registry TypeSpec: the office edits the type

    @property
    def own_page(self) -> bool:
        """Whether `page` is the record's own page (those are the pages the sitemap lists)."""
        return self.sitemap is not None

    @property
    def title(self) -> str:
        """The type's name, translated when a request chose a language."""
        return translate(self.label)

    listing = _resolved("list_spec")
    api = _resolved("serializer")
    indexed = _resolved("search")
    form = _resolved("admin")


# Where each audience keeps its piece of a type: a module constant, named alike in all of them.
AUDIENCE_MODULES = (
    ("list_spec", "portal.services.list_specs"),
    ("serializer", "portal.api.serializers"),
    ("search", "portal.search.documents"),
    ("admin", "portal.admin.registry"),
)


def pieces(name: str, *audiences: str, **elsewhere: str) -> dict[str, str]:
    """The pointers to a type's pieces called `name` in the audiences given (all four by default)."""
    chosen = audiences or [audience for audience, _ in AUDIENCE_MODULES]
    return {a: f"{module}:{name}" for a, module in AUDIENCE_MODULES if a in chosen} | elsewhere


def _petition(record) -> dict[str, Any]:
    return {"petition_id": record.id}


def _year_anchor(record) -> dict[str, Any]:
    return {"_anchor": f"nam-{record.year}"}


# (address, address_columns) of the types shown as a year's block of a page, or by a whole page.
YEAR_ANCHOR = (_year_anchor, ("year",))
WHOLE_PAGE = (lambda _record: {}, ())


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        "session",
        m.Session,
        N_("Kỳ họp"),
        "public.session_detail",
        section="public.sessions",
        **pieces("SESSIONS"),
        api_description=N_("Kỳ họp HĐND: thời gian, hình thức, chất vấn, giải trình."),
        feed="sessions",
        sitemap="sessions",
    ),
    RecordType(
        "resolution",
        m.Resolution,
        N_("Nghị quyết"),
        "public.resolution_detail",
        section="public.resolutions",
        **pieces("RESOLUTIONS"),
        api_description=N_("Nghị quyết HĐND thông qua tại các kỳ họp."),
        status_vocabulary="validity",
        feed="resolutions",
        sitemap="resolutions",
    ),
    RecordType(
        "supervision",
        m.Supervision,
        N_("Giám sát"),
        "public.supervision_detail",
        section="public.supervision",
        **pieces("SUPERVISIONS"),
        api_description=N_(
            "Giám sát chuyên đề, thường xuyên, tại kỳ họp; kiểm tra, khảo sát; kiến nghị sau giám sát."
        ),
        feed="supervision",
        sitemap="supervision",
    ),
    RecordType(
        "petition",
        m.Petition,
        N_("Kiến nghị cử tri"),
        "public.petition_detail",
        _petition,
        ("id",),
        section="public.petitions",
        **pieces("PETITIONS"),
        api_description=N_(
            "Từng ý kiến, kiến nghị của cử tri và kết quả giải quyết (không có thông tin cá nhân)."
        ),
        status_vocabulary="petition_status",
        feed="petitions",
        sitemap="petitions",
    ),
    RecordType(
        "voter_meeting_round",
        m.VoterMeetingRound,
        N_("Tiếp xúc cử tri"),
        "public.voter_meeting_detail",
        section="public.voter_meetings",
        **pieces("VOTER_MEETINGS"),
        api_description=N_("Các đợt tiếp xúc cử tri trước và sau kỳ họp, số cử tri, số ý kiến và kết quả."),
        feed="voter-meetings",
        sitemap="voter-meetings",
    ),
    RecordType(
        "document",
        m.Document,
        N_("Văn bản"),
        "public.document_detail",
        section="public.documents",
        **pieces("DOCUMENTS"),
        api_description=N_("Báo cáo, thông báo, văn bản nguồn của mọi số liệu."),
        feed="documents",
        sitemap="documents",
    ),
    RecordType(
        "organization",
        m.Organization,
        N_("Cơ quan, tổ chức"),
        "public.organization_detail",
        section="public.people",
        **pieces("ORGANIZATIONS"),
        api_description=N_("HĐND, Thường trực, các Ban, Tổ đại biểu, UBND và các cơ quan liên quan."),
        status_vocabulary="organization_state",
        sitemap="organizations",
    ),
    RecordType(
        # The people list is paginated: /people/<slug> sends the reader to the page and line that show them.
        "person",
        m.Person,
        N_("Nhân sự"),
        "public.person",
        section="public.people",
        **pieces("PEOPLE"),
        api_description=N_("Người giữ chức danh và thay đổi nhân sự."),
    ),
    RecordType(
        "budget_figure",
        m.BudgetFigure,
        N_("Ngân sách"),
        "public.budget",
        lambda r: {"_anchor": r.slug},  # each line of /budget carries its slug as id
        section="public.budget",
        **pieces("BUDGET"),
        api_description=N_("Thu, chi ngân sách so với dự toán tỉnh giao, dự toán HĐND giao và cùng kỳ."),
    ),
    RecordType(
        "reception_stats",
        m.ReceptionStats,
        N_("Tiếp công dân"),
        "public.reception",
        *YEAR_ANCHOR,
        section="public.reception",
        **pieces("RECEPTION"),
        api_description=N_("Số liệu tổng hợp tiếp công dân."),
    ),
    RecordType(
        "letter_stats",
        m.LetterStats,
        N_("Đơn thư"),
        "public.reception",
        *YEAR_ANCHOR,
        section="public.reception",
        **pieces("LETTERS"),
        api_description=N_("Số liệu tổng hợp đơn thư khiếu nại, tố cáo, kiến nghị."),
    ),
    RecordType(
        "commitment",
        m.Commitment,
        N_("Chương trình hoạt động"),
        "public.programme",
        lambda c: {"year": c.year, "_anchor": f"cam-ket-{c.number}"},
        ("year", "number"),
        **pieces(
            "PROGRAMME", "list_spec", "serializer", "admin", search="portal.search.documents:COMMITMENTS"
        ),
        api_description=N_("Nhiệm vụ trong chương trình hoạt động năm."),
        status_vocabulary="commitment_progress",
    ),
    RecordType(
        "petition_outcome",
        m.PetitionOutcome,
        N_("Kết quả giải quyết kiến nghị"),
        "public.petitions",
        lambda _record: {"_anchor": "ket-qua-tong-hop"},
        (),
        section="public.petitions",
        **pieces("PETITION_OUTCOMES", "admin"),
    ),
    RecordType(
        "activity_count",
        m.ActivityCount,
        N_("Số liệu hoạt động"),
        "public.statistics",
        *WHOLE_PAGE,
        section="public.statistics",
        **pieces("ACTIVITY_COUNTS", "admin"),
    ),
)

BY_KEY: dict[str, RecordType] = {t.key: t for t in RECORD_TYPES}
PUBLIC_MODELS: dict[str, type[PublicRecord]] = {t.key: t.model for t in RECORD_TYPES}


@cache
def lists() -> dict[str, RecordType]:
    """List name (URL segment, API resource name) -> type, for the types with a public list."""
    return {t.listing.name: t for t in RECORD_TYPES if t.list_spec}


# The site's sections, in menu order: each type's `section` is one of them (statistics and the glossary
# show figures and terms, not one type).
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("public.sessions", N_("Kỳ họp")),
    ("public.resolutions", N_("Nghị quyết")),
    ("public.supervision", N_("Giám sát")),
    ("public.petitions", N_("Kiến nghị cử tri")),
    ("public.voter_meetings", N_("Tiếp xúc cử tri")),
    ("public.reception", N_("Tiếp công dân")),
    ("public.budget", N_("Ngân sách")),
    ("public.statistics", N_("Thống kê")),
    ("public.documents", N_("Văn bản")),
    ("public.people", N_("Tổ chức, nhân sự")),
    ("public.glossary", N_("Thuật ngữ")),
)


def record_type(record_or_key) -> RecordType:
    """The declaration of a record (or of a type key)."""
    key = record_or_key if isinstance(record_or_key, str) else record_or_key.public_type
    return BY_KEY[key]


def searchable() -> Iterator[RecordType]:
    return (t for t in RECORD_TYPES if t.search)


def with_own_page() -> Iterator[RecordType]:
    return (t for t in RECORD_TYPES if t.own_page)
