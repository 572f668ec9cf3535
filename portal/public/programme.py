"""The activity programme of a year: commitments and their progress updates."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from sqlalchemy import func

from portal.extensions import db
from portal.models import Commitment
from portal.public import bp
from portal.services import loading, queries


@bp.get("/programme")
def programme_latest():
    year = db.session.scalar(queries.published_rows(Commitment, func.max(Commitment.year)))
    if year is None:  # the footer links here on every council's pages: say there is none yet, not 404
        return render_template("public/programme/none.html")
    return redirect(url_for("public.programme", year=year))


@bp.get("/programme/<int:year>")
def programme(year: int):
    commitments = db.session.scalars(
        queries.visible(Commitment)
        .where(Commitment.year == year)
        .options(*loading.row_options(Commitment))
        .order_by(Commitment.number)
    ).all()
    if not commitments:
        abort(404)
    years = db.session.scalars(
        queries.published_rows(Commitment, Commitment.year).distinct().order_by(Commitment.year)
    ).all()
    return render_template("public/programme/index.html", year=year, commitments=commitments, years=years)
