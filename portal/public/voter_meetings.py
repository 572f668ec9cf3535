"""Voter meeting rounds: attendance and outcome counts, each round with its petitions."""

from __future__ import annotations

from flask import render_template

from portal.extensions import db
from portal.models import Petition, VoterMeetingRound
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.services import queries


@bp.get("/voter-meetings")
def voter_meetings():
    state = list_state("voter-meetings")
    return render_list(state, "public/voter_meetings/index.html", "public/voter_meetings/_results.html")


@bp.get("/voter-meetings/<slug>")
def voter_meeting_detail(slug: str):
    rnd = get_or_404(VoterMeetingRound, slug)
    petitions = db.session.scalars(
        queries.published(Petition).where(Petition.round_id == rnd.id).order_by(Petition.id)
    ).all()
    return render_template("public/voter_meetings/detail.html", round=rnd, petitions=petitions)
