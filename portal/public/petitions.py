"""Voter petitions: the filtered list, grouped by responsible agency on request, and the timeline."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext

from portal.extensions import db
from portal.models import Petition, PetitionOutcome
from portal.public import bp
from portal.public.lists import list_state, render_list
from portal.services import queries
from portal.services.listing import filtered_query
from portal.services.petition_accountability import agency_accountability, local_today

VIEWS = ("list", "agency")


@bp.get("/petitions")
def petitions():
    view = request.args.get("view", "list")
    state = list_state("petitions", extra_args=("view",))
    if view not in VIEWS:
        state.errors["view"] = gettext("Cách xem không hợp lệ: chỉ có danh sách hoặc theo cơ quan.")
        view = "list"
    today = local_today()
    groups = []
    if view == "agency" and not state.errors:
        groups = agency_accountability(filtered_query(state.spec, state.values), today)
    outcomes = db.session.scalars(
        queries.published(PetitionOutcome).order_by(PetitionOutcome.reported_on.desc(), PetitionOutcome.id)
    ).all()
    return render_list(
        state,
        "public/petitions/index.html",
        "public/petitions/_results.html",
        view=view,
        groups=groups,
        outcomes=outcomes,
        today=today,
    )


@bp.get("/petitions/<int:petition_id>")
def petition_detail(petition_id: int):
    petition = db.session.scalar(queries.visible(Petition).where(Petition.id == petition_id))
    if petition is None:
        abort(404)
    return render_template("public/petitions/detail.html", petition=petition, today=local_today())
