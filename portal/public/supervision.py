"""Supervision and inspections: the filtered list, and one with its recommendations and follow-up."""

from __future__ import annotations

from flask import render_template

from portal.models import Supervision
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list


@bp.get("/supervision")
def supervision():
    state = list_state("supervisions")
    return render_list(state, "public/supervision/index.html", "public/supervision/_results.html")


@bp.get("/supervision/<slug>")
def supervision_detail(slug: str):
    record = get_or_404(Supervision, slug)
    return render_template("public/supervision/detail.html", supervision=record)
