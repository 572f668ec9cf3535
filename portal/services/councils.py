"""Councils as the scope of the public site (SPEC §12): which councils exist, which one a request reads.

A request reads one council's section (`/<council-slug>/...`, or the single council of a deployment
with PORTAL_COUNCIL) or the whole portal (the portal home, portal-wide search, the API without
?council=). The web layer puts the council it reads in ``g.council``; services/queries.py applies it
in the one visibility rule, so every list, detail, chart, feed and API answer of a council's section
is limited to that council's records without any consumer filtering by itself.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from flask import current_app, g, has_app_context
from slugify import slugify
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import aliased
from sqlalchemy.orm.attributes import set_committed_value

from portal.extensions import db
from portal.models import Document, Organization, organization_successors
from portal.services.data_version import per_version


class Basis(NamedTuple):
    """The document a council's end rests on: what to call it and where its page is."""

    label: str  # its number, or its title when it has none
    slug: str
    council_id: int | None  # the council whose section shows it

    public_type = "document"  # so public_urls.record_path gives its page


class Council(NamedTuple):
    """What every page of a council's section needs to know about it, as plain data (cached)."""

    id: int
    slug: str
    name: str
    short_name: str | None
    parent_id: int | None
    founded_on: date | None
    dissolved_on: date | None
    dissolution_note: str | None
    successor_ids: tuple[int, ...]  # the councils that took over its work, by name
    predecessor_ids: tuple[int, ...]
    is_sample: bool
    # the cited document of the dissolution, when the data names one (never an unsourced sentence)
    basis: Basis | None

    @property
    def ended(self) -> bool:
        return self.dissolved_on is not None

    @property
    def label(self) -> str:
        return self.name


def _basis(council: Organization, documents: dict[int, Document]) -> Basis | None:
    document = documents.get(council.dissolution_document_id)
    if document is None:
        return None
    return Basis(document.number or document.title, document.slug, document.council_id)


def _takeovers(ids: set[int]) -> list[tuple[int, int]]:
    """(ended council, council that took over) pairs among the visible councils, successors by name."""
    successor = aliased(Organization)
    rows = db.session.execute(
        select(organization_successors.c.organization_id, organization_successors.c.successor_id)
        .join(successor, successor.id == organization_successors.c.successor_id)
        # by the primary key's first column: the ended councils only, never the whole table
        .where(organization_successors.c.organization_id.in_(sorted(ids)), successor.kind == "council")
        .order_by(successor.name)
    )
    return [(old, new) for old, new in rows if old in ids and new in ids]


@per_version("councils", by_council=False)
def all_councils() -> tuple[Council, ...]:
    """Every council the public may see, province first, then by name."""
    from portal.services import queries

    rows = db.session.scalars(
        queries.visible(Organization, council=None)
        .where(Organization.kind == "council")
        .order_by(Organization.parent_id.is_not(None), Organization.name)
    ).all()
    ids = {r.id for r in rows}
    successors: dict[int, list[int]] = {}
    predecessors: dict[int, list[int]] = {}
    for old, new in _takeovers(ids):
        successors.setdefault(old, []).append(new)
        predecessors.setdefault(new, []).append(old)
    wanted = {r.dissolution_document_id for r in rows if r.dissolution_document_id}
    documents = {}
    if wanted:  # a published document only: a draft or withdrawn basis is not cited
        documents = {
            d.id: d
            for d in db.session.scalars(
                queries.published(Document, council=None).where(Document.id.in_(wanted))
            )
        }
    return tuple(
        Council(
            r.id,
            r.slug,
            r.name,
            r.short_name,
            r.parent_id,
            r.founded_on,
            r.dissolved_on,
            r.dissolution_note,
            tuple(successors.get(r.id, ())),
            tuple(predecessors.get(r.id, ())),
            bool(r.is_sample),
            _basis(r, documents),
        )
        for r in rows
    )


def by_slug(slug: str) -> Council | None:
    """The council a URL segment names, or None."""
    return next((c for c in all_councils() if c.slug == slug), None)


def by_id(council_id: int | None) -> Council | None:
    """The council of a record's council_id, or None."""
    return next((c for c in all_councils() if c.id == council_id), None)


def by_former_slug(slug: str) -> Council | None:
    """The council whose page had this address before councils took the slugs of SPEC §12 (the slug of
    its name), so that address keeps answering."""
    return next(
        (c for c in all_councils() if c.slug != slug and slugify(c.name, max_length=80) == slug), None
    )


def single_slug() -> str | None:
    """The council of a single-council site: PORTAL_COUNCIL, or the only council the database holds."""
    configured = current_app.config.get("PORTAL_COUNCIL")
    if configured:
        return configured
    every = all_councils()
    return every[0].slug if len(every) == 1 else None


def matching(query: str) -> tuple[Council, ...]:
    """The councils whose name (or short name) has a word starting with each word typed, with or
    without diacritics ("lang son" finds "Lạng Sơn"; "xa mau 2" finds "xã Mẫu 2", not "xã Mẫu 12")."""
    from portal.search.normalize import fold  # the search's own folding

    typed = re.findall(r"\w+", fold(query))
    found = []
    for council in all_councils():
        words = re.findall(r"\w+", fold(f"{council.name} {council.short_name or ''}"))
        if all(any(word.startswith(t) for word in words) for t in typed):
            found.append(council)
    return tuple(found)


def current() -> Council | None:
    """The council whose section the request reads, or None for the whole portal."""
    return g.get("council") if has_app_context() else None


def current_id() -> int | None:
    council = current()
    return council.id if council is not None else None


def _configured_council_id(session: OrmSession) -> int | None:
    slug = current_app.config.get("PORTAL_COUNCIL") if has_app_context() else None
    if not slug:
        return None
    with session.no_autoflush:
        return session.scalar(select(Organization.id).where(Organization.slug == slug))


def _place_new_records(session: OrmSession, flush_context, instances) -> None:
    from portal.services import office_scope  # the one rule of which council a record belongs to

    configured = None
    for record in session.new:
        if getattr(type(record), "council_id", None) is None or not hasattr(record, "public_type"):
            continue
        if record.council_id is not None or getattr(record, "council", None) is not None:
            continue
        if isinstance(record, Organization) and record.kind == "council":
            session.info.setdefault(_NEW_COUNCILS, []).append(record)  # its own, once it has an id
            continue
        council_id = office_scope.council_of(record)
        if council_id is None:
            # A single-council deployment: what the office adds belongs to its one council.
            configured = configured if configured is not None else (_configured_council_id(session) or 0)
            council_id = configured or None
        record.council_id = council_id


def _place_new_councils(session: OrmSession, flush_context) -> None:
    for council in session.info.pop(_NEW_COUNCILS, []):
        if council.id is not None and council.council_id is None:
            table = Organization.__table__
            session.connection().execute(
                update(table).where(table.c.id == council.id).values(council_id=council.id)
            )
            set_committed_value(council, "council_id", council.id)


_NEW_COUNCILS = "portal_new_councils"
_installed = False


def install() -> None:
    """Give every new public record a council when its creator did not name one, once per process."""
    global _installed
    if not _installed:
        event.listen(OrmSession, "before_flush", _place_new_records)
        event.listen(OrmSession, "after_flush", _place_new_councils)
        _installed = True
