"""Source documents: the filtered list, and a document with its text, attachments and what cites it."""

from __future__ import annotations

from flask import render_template

from portal.extensions import db
from portal.models import Document
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.records import PUBLIC_MODELS
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


@bp.get("/documents")
def documents():
    state = list_state("documents")
    return render_list(state, "public/documents/index.html", "public/documents/_results.html")


@bp.get("/documents/<slug>")
def document_detail(slug: str):
    document = get_or_404(Document, slug)
    cited_documents = db.session.scalars(
        queries.published(Document)
        .where(Document.source_document_id == document.id)
        .order_by(Document.issued_on, Document.id)
    ).all()
    return render_template(
        "public/documents/detail.html",
        document=document,
        citing=records_citing(document),
        cited_documents=cited_documents,
    )
