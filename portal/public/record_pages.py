"""The list and detail pages of the record types that have both, served by one pair of views.

A type listed here names only its URL path, what its detail template calls the record and what else
that page shows; its endpoints (`page` and `section`), its model and its list spec come from its
declaration in portal/records, and its templates are `public/<section>/index.html`, `_results.html`
and `detail.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import render_template
from sqlalchemy import or_, select

from portal.extensions import db
from portal.models import Document, Membership, Petition, Resolution, Session, VoterMeetingRound
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.records import BY_KEY, PUBLIC_MODELS, RecordType
from portal.services import queries

CITING_LIMIT = 200


def records_citing(document: Document) -> list:
    """Published records whose source is this document, grouped in a stable order."""
    found = []
    for model in PUBLIC_MODELS.values():
        if model is Document:
            continue
        found.extend(
            db.session.scalars(
                queries.published(model)
                .where(model.source_document_id == document.id)
                .order_by(model.id)
                .limit(CITING_LIMIT)
            )
        )
    return found[:CITING_LIMIT]


def document_page(document: Document) -> dict[str, Any]:
    """A document's text and attachments, with the records and documents that cite it."""
    cited_documents = db.session.scalars(
        queries.published(Document)
        .where(Document.source_document_id == document.id)
        .order_by(Document.issued_on, Document.id)
    ).all()
    return {"citing": records_citing(document), "cited_documents": cited_documents}


def session_page(session: Session) -> dict[str, Any]:
    """A session with its voter meeting rounds, the personnel it changed and its documents."""
    rounds = db.session.scalars(
        queries.published(VoterMeetingRound)
        .where(VoterMeetingRound.session_id == session.id)
        .order_by(VoterMeetingRound.relation.desc(), VoterMeetingRound.id)
    ).all()
    personnel = db.session.scalars(
        select(Membership)
        .where(or_(Membership.start_session_id == session.id, Membership.end_session_id == session.id))
        .order_by(Membership.end_session_id.is_(None), Membership.id)
    ).all()
    documents = []
    for document in [session.source_document, *(r.response_document for r in rounds)]:
        if queries.shown(document) and document not in documents:
            documents.append(document)
    return {
        "rounds": rounds,
        "personnel": [m for m in personnel if m.person.is_public],
        "documents": documents,
    }


def voter_meeting_page(rnd: VoterMeetingRound) -> dict[str, Any]:
    """A voter meeting round with its published petitions."""
    petitions = db.session.scalars(
        queries.published(Petition).where(Petition.round_id == rnd.id).order_by(Petition.id)
    ).all()
    return {"petitions": petitions}


def resolution_page(resolution: Resolution) -> dict[str, Any]:
    """A resolution with the links to and from other resolutions the public may see."""
    outgoing = [
        link for link in resolution.links if link.to_resolution is None or queries.shown(link.to_resolution)
    ]
    incoming = [link for link in resolution.incoming_links if queries.shown(link.from_resolution)]
    return {"outgoing": outgoing, "incoming": incoming}


def nothing_more(_record) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class RecordPages:
    """The public list and detail pages of one record type."""

    type_key: str  # the RecordType declaring the model, list spec and endpoints
    path: str  # the list's URL; a record's is <path>/<slug>
    record_name: str  # what the detail template calls the record
    more: Callable[[Any], dict[str, Any]] = nothing_more  # the rest of the detail page's context

    @property
    def declaration(self) -> RecordType:
        return BY_KEY[self.type_key]

    def template(self, name: str) -> str:
        return f"public/{self.declaration.section.removeprefix('public.')}/{name}.html"


PAGES: tuple[RecordPages, ...] = (
    RecordPages("session", "/sessions", "session", session_page),
    RecordPages("resolution", "/resolutions", "resolution", resolution_page),
    RecordPages("supervision", "/supervision", "supervision"),
    RecordPages("voter_meeting_round", "/voter-meetings", "round", voter_meeting_page),
    RecordPages("document", "/documents", "document", document_page),
)


def add_routes(pages: RecordPages) -> None:
    """Serve the type's list at its path and each record's page below it."""

    def record_list():
        state = list_state(pages.declaration.listing.name)
        return render_list(state, pages.template("index"), pages.template("_results"))

    def record_detail(slug: str):
        record = get_or_404(pages.declaration.model, slug)  # drafts and unknown slugs are 404
        return render_template(pages.template("detail"), **{pages.record_name: record}, **pages.more(record))

    bp.add_url_rule(pages.path, pages.declaration.section.removeprefix("public."), record_list)
    bp.add_url_rule(f"{pages.path}/<slug>", pages.declaration.page.removeprefix("public."), record_detail)


for _pages in PAGES:
    add_routes(_pages)
