"""Turn each public record type into a :class:`SearchDocument`; only published records.

One builder per indexed type names the text a citizen would search for and the facets
(type, year, session, body, status, area; and the council each record belongs to).  :func:`iter_documents` streams every published
record for ``search rebuild`` and ``search check``; :func:`documents_for` answers the
drainer for a batch of outbox keys.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.formatting import number, percent
from portal.models import (
    Area,
    BudgetFigure,
    Commitment,
    Document,
    LetterStats,
    Membership,
    Organization,
    Person,
    Petition,
    ReceptionStats,
    Resolution,
    Session,
    Supervision,
    VoterMeetingRound,
)
from portal.models.base import PublicRecord
from portal.records import searchable
from portal.search.base import SearchDocument
from portal.search.docnumbers import session_term
from portal.services import councils, queries

_MARKDOWN_RE = re.compile(r"<sup>\d+</sup>|\\(?=[*_#|-])|[*_#`>]+|^\s*\|?[-:| ]+\|?\s*$", re.M)


def plain_text(markdown: str | None) -> str:
    """Return markdown as readable text for indexing and snippets (marks and rulers removed)."""
    return _MARKDOWN_RE.sub("", markdown or "").replace("|", " ")


def _join(*parts: str | None) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def _slug(record) -> str | None:
    return getattr(record, "slug", None) if record is not None else None


@dataclass(frozen=True)
class Fields:
    """What a builder extracts from a record, before keys and versions are added."""

    title: str
    text: str
    date: date | None = None
    year: int | None = None
    number: str | None = None
    session: str | None = None
    body: str | None = None
    status: str | None = None
    area: str | None = None


def _resolution(r: Resolution) -> Fields:
    return Fields(
        r.title,
        _join(r.number, r.topic, plain_text(r.body_text)),
        r.adopted_on,
        r.year,
        r.number,
        _slug(r.session),
        _slug(r.council),
        r.validity,
    )


def _session(s: Session) -> Fields:
    return Fields(
        s.name,
        _join(s.summary, s.format_note),
        s.start_date,
        s.year,
        session_term(s.number),  # "kỳ họp thứ 11" puts it above the records that name it
        session=s.slug,
        body=_slug(s.council),
    )


def _supervision(s: Supervision) -> Fields:
    targets = [t.name for t in s.targets]
    recommendations = [rec.text for rec in queries.current_rows(s.recommendations)]
    area = next((t.area.slug for t in s.targets if t.area is not None), None)
    return Fields(
        s.subject,
        _join(s.period_text, *targets, s.targets_note, s.conclusion_text, *recommendations),
        year=s.year,
        body=_slug(s.body),
        area=area,
    )


def _petition(p: Petition) -> Fields:
    agency = p.responsible_agency.name if p.responsible_agency else None
    areas = p.area.all_names if p.area else []  # old and new names: found by either
    when = p.answered_on or p.round.start_date
    return Fields(
        p.title,
        _join(p.text, *areas, agency, p.response_text),
        when,
        when.year if when else None,
        session=_slug(p.round.session),
        body=_slug(p.responsible_agency),
        status=p.petition_status,
        area=_slug(p.area),
    )


def _round(r: VoterMeetingRound) -> Fields:
    areas = [name for a in r.in_person_areas for name in a.all_names]
    return Fields(
        r.name,
        _join(r.note, r.session.name if r.session else None, *areas),
        r.start_date,
        r.year,
        session=_slug(r.session),
        body=_slug(r.council),
    )


def _document(d: Document) -> Fields:
    attachments = [a.extracted_text for a in d.attachments]
    body = plain_text(d.body_text) if d.body_format == "markdown" else d.body_text
    return Fields(
        d.title,
        _join(d.number, body, d.note, *attachments),
        d.issued_on,
        d.year,
        d.number,
        body=_slug(d.issuer),
    )


def _person(p: Person) -> Fields:
    roles = [f"{m.role}, {m.organization.name}" for m in p.memberships]
    return Fields(p.name, _join(p.honorific, *roles))


def _organization(o: Organization) -> Fields:
    return Fields(
        o.name,
        _join(o.short_name, o.description, o.dissolution_note),
        body=o.slug,
        status="dissolved" if o.dissolved_on else "active",
        area=_slug(o.area),
    )


def _commitment(c: Commitment) -> Fields:
    updates = [u.text for u in c.updates]
    return Fields(
        c.title,
        _join(c.text, *updates),
        year=c.year,
        body=_slug(c.council),
        status=c.progress,
    )


# Figures as results: the text says each figure the way the page prints it (390.463 triệu đồng, 93,2%), next to
# the words the report uses for it, so "tổng chi 11 tháng" or "tiếp công dân 2020" reach /budget and /reception.
_BUDGET_PERIODS = {"11_months": "11 tháng", "full_year_estimate": "ước cả năm"}
_BUDGET_BASES = {  # basis -> (its wording column, the words when the report gives none)
    "province_estimate": ("province_estimate_wording", "dự toán tỉnh giao"),
    "council_estimate": ("council_estimate_wording", "dự toán HĐND thành phố giao"),
    "same_period_last_year": ("same_period_wording", "so với cùng kỳ năm trước"),
}
_RECEPTION_COUNTS = {
    "sessions_held": "buổi tiếp",
    "citizens": "lượt công dân",
    "items": "nội dung",
    "answered_directly": "trả lời trực tiếp",
    "forwarded": "chuyển cơ quan khác",
}
_LETTER_COUNTS = {
    "received": "đơn thư tiếp nhận",
    "complaints": "đơn khiếu nại",
    "denunciations": "đơn tố cáo",
    "requests": "đơn kiến nghị, phản ánh",
    "resolved": "đã giải quyết",
    "in_progress": "đang giải quyết",
    "forwarded": "chuyển cơ quan khác",
}


def _counts(record, names: dict[str, str]) -> list[str]:
    return [
        f"{number(getattr(record, n))} {label}"
        for n, label in names.items()
        if getattr(record, n, None) is not None
    ]


def _budget_figure(f: BudgetFigure) -> Fields:
    shares = [
        f"{percent(getattr(f, f'pct_of_{basis}'))} {getattr(f, wording) or words}"
        for basis, (wording, words) in _BUDGET_BASES.items()
        if getattr(f, f"pct_of_{basis}") is not None
    ]
    amount = f"{number(f.amount_million_vnd, 1 if f.amount_million_vnd % 1 else 0)} triệu đồng"
    period = _BUDGET_PERIODS.get(f.period, "")
    return Fields(
        f.label, _join(f"Ngân sách năm {f.year}, {period}: {amount}", "; ".join(shares), f.quote), year=f.year
    )


def _reception_stats(r: ReceptionStats) -> Fields:
    return Fields(
        r.label,
        _join(f"Tiếp công dân năm {r.year}: " + "; ".join(_counts(r, _RECEPTION_COUNTS)), r.note),
        year=r.year,
        body=_slug(r.body),
    )


def _letter_stats(r: LetterStats) -> Fields:
    return Fields(
        r.label,
        _join(
            f"Đơn thư khiếu nại, tố cáo, kiến nghị năm {r.year}: " + "; ".join(_counts(r, _LETTER_COUNTS)),
            r.forwarded_note,
        ),
        year=r.year,
        body=_slug(r.body),
    )


@dataclass(frozen=True)
class Indexed:
    """How one public type is loaded in bulk and turned into fields."""

    model: type[PublicRecord]
    build: Callable[[PublicRecord], Fields]
    options: tuple = ()


# One builder per searchable type, with what it reads loaded in bulk; portal/records points each type at its own.
RESOLUTIONS = Indexed(
    Resolution, _resolution, (selectinload(Resolution.session), selectinload(Resolution.council))
)
SESSIONS = Indexed(Session, _session, (selectinload(Session.council),))
SUPERVISIONS = Indexed(
    Supervision,
    _supervision,
    (
        selectinload(Supervision.targets).selectinload(Organization.area),
        selectinload(Supervision.recommendations),
        selectinload(Supervision.body),
    ),
)
PETITIONS = Indexed(
    Petition,
    _petition,
    (
        selectinload(Petition.round).selectinload(VoterMeetingRound.session),
        selectinload(Petition.area).selectinload(Area.other_names),
        selectinload(Petition.responsible_agency),
    ),
)
VOTER_MEETINGS = Indexed(
    VoterMeetingRound,
    _round,
    (
        selectinload(VoterMeetingRound.session),
        selectinload(VoterMeetingRound.council),
        selectinload(VoterMeetingRound.in_person_areas).selectinload(Area.other_names),
    ),
)
DOCUMENTS = Indexed(Document, _document, (selectinload(Document.attachments), selectinload(Document.issuer)))
PEOPLE = Indexed(Person, _person, (selectinload(Person.memberships).selectinload(Membership.organization),))
ORGANIZATIONS = Indexed(Organization, _organization, (selectinload(Organization.area),))
COMMITMENTS = Indexed(
    Commitment, _commitment, (selectinload(Commitment.council), selectinload(Commitment.updates))
)
BUDGET = Indexed(BudgetFigure, _budget_figure)
RECEPTION = Indexed(ReceptionStats, _reception_stats, (selectinload(ReceptionStats.body),))
LETTERS = Indexed(LetterStats, _letter_stats, (selectinload(LetterStats.body),))


@cache
def indexed() -> dict[str, Indexed]:
    """Record type key -> its builder, for the searchable types of portal/records."""
    return {t.key: t.indexed for t in searchable()}


def _version(fields: Fields, council: str | None) -> str:
    digest = hashlib.sha1(repr((fields, council)).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:16]


def council_slugs() -> dict[int, str]:
    """Council id -> slug, read once for a batch of documents (not once per record)."""
    return {council.id: council.slug for council in councils.all_councils()}


def to_document(
    record_type: str, record: PublicRecord, slugs: dict[int, str] | None = None
) -> SearchDocument | None:
    """Return the search document of a record, or None unless it is published and indexed.

    ``slugs`` is :func:`council_slugs`, for callers that build many documents."""
    spec = indexed().get(record_type)
    if spec is None or not queries.public(record):
        return None
    fields = spec.build(record)
    slugs = council_slugs() if slugs is None else slugs
    council = slugs.get(getattr(record, "council_id", None))  # the council the record belongs to
    facets = {
        "type": record_type,
        "year": str(fields.year) if fields.year else None,
        "session": fields.session,
        "body": fields.body,
        "status": fields.status,
        "area": fields.area,
        "council": council,
    }
    return SearchDocument(
        key=f"{record_type}:{record.id}",
        type=record_type,
        id=record.id,
        slug=record.slug,
        title=fields.title,
        text=_join(fields.title, fields.text),
        date=_iso(fields.date),
        number=fields.number or "",
        facets={name: value for name, value in facets.items() if value},
        version=_version(fields, council),
    )


def iter_documents(batch: int = 500) -> Iterator[SearchDocument]:
    """Yield the search document of every published record of every indexed type.

    Reads in keyset-paginated batches, each query consumed at once, so a long rebuild never
    keeps a read cursor open (on SQLite that would block writers).
    """
    slugs = council_slugs()
    for record_type, spec in indexed().items():
        last = 0
        while True:
            query = (
                queries.published(spec.model)
                .options(*spec.options)
                .where(spec.model.id > last)
                .order_by(spec.model.id)
                .limit(batch)
            )
            records = db.session.scalars(query).all()
            if not records:
                break
            for record in records:
                doc = to_document(record_type, record, slugs)
                if doc is not None:
                    yield doc
            last = records[-1].id


def documents_for(keys: Iterable[str]) -> tuple[list[SearchDocument], list[str]]:
    """Return (documents to write, keys to delete) for outbox keys, read from the database."""
    keys = list(keys)
    wanted: dict[str, set[int]] = {}
    for key in keys:
        record_type, _, raw_id = key.partition(":")
        wanted.setdefault(record_type, set()).add(int(raw_id))
    docs: list[SearchDocument] = []
    slugs = council_slugs()
    for record_type, ids in wanted.items():
        spec = indexed().get(record_type)
        if spec is None:
            continue
        query = queries.published(spec.model).options(*spec.options)
        for record in db.session.scalars(query.where(spec.model.id.in_(ids))):
            doc = to_document(record_type, record, slugs)
            if doc is not None:
                docs.append(doc)
    found = {doc.key for doc in docs}
    deleted = [key for key in keys if key not in found]
    return docs, deleted
