"""Citizen reception and letter handling, as yearly aggregates (never individual cases)."""

from __future__ import annotations

from collections import defaultdict

from flask import render_template
from sqlalchemy import select

from portal.extensions import db
from portal.models import LetterStats, ReceptionDay, ReceptionStats
from portal.public import bp
from portal.services import queries


def reception_by_year() -> list[dict]:
    """Reception stats, reception days and letter stats grouped by year, newest first."""
    years: dict[int, dict] = defaultdict(lambda: {"reception": [], "days": [], "letters": []})
    for stats in db.session.scalars(queries.published(ReceptionStats).order_by(ReceptionStats.id)):
        years[stats.year]["reception"].append(stats)
    for letters in db.session.scalars(queries.published(LetterStats).order_by(LetterStats.id)):
        years[letters.year]["letters"].append(letters)
    for day in db.session.scalars(select(ReceptionDay).order_by(ReceptionDay.on)):
        if day.stats is None or day.stats.is_public:
            years[day.on.year]["days"].append(day)
    return [{"year": year, **years[year]} for year in sorted(years, reverse=True)]


@bp.get("/reception")
def reception():
    return render_template("public/reception/index.html", years=reception_by_year())
