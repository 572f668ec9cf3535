"""Council sessions: the list with filters, and a session with its stats, questioning and resolutions."""

from __future__ import annotations

from flask import render_template
from sqlalchemy import or_, select

from portal.extensions import db
from portal.models import Membership, Session, VoterMeetingRound
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.services import queries


@bp.get("/sessions")
def sessions():
    state = list_state("sessions")
    return render_list(state, "public/sessions/index.html", "public/sessions/_results.html")


@bp.get("/sessions/<slug>")
def session_detail(slug: str):
    session = get_or_404(Session, slug)
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
    return render_template(
        "public/sessions/detail.html",
        session=session,
        rounds=rounds,
        personnel=[m for m in personnel if m.person.is_public],
        documents=documents,
    )
