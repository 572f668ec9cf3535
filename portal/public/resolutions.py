"""Resolutions: the filtered list, and a resolution with its text, links and validity."""

from __future__ import annotations

from flask import render_template

from portal.models import Resolution
from portal.public import bp
from portal.public.lists import get_or_404, list_state, render_list
from portal.services import queries


@bp.get("/resolutions")
def resolutions():
    state = list_state("resolutions")
    return render_list(state, "public/resolutions/index.html", "public/resolutions/_results.html")


@bp.get("/resolutions/<slug>")
def resolution_detail(slug: str):
    resolution = get_or_404(Resolution, slug)
    outgoing = [
        link for link in resolution.links if link.to_resolution is None or queries.shown(link.to_resolution)
    ]
    incoming = [link for link in resolution.incoming_links if queries.shown(link.from_resolution)]
    return render_template(
        "public/resolutions/detail.html", resolution=resolution, outgoing=outgoing, incoming=incoming
    )
