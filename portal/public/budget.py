"""Budget performance (/budget): amounts, percentages, and the estimates they imply (SPEC §6.3)."""

from __future__ import annotations

from flask import render_template

from portal.charts import TITLES
from portal.charts.budget import BASIS_LABELS, LINES, lower_first
from portal.public import bp
from portal.services import budget as budget_service
from portal.services import chart_catalogue, chart_queries


@bp.get("/budget")
def budget():
    rows = chart_queries.budget_rows()
    return render_template(
        "public/budget/index.html",
        first=chart_catalogue.build("budget_amounts"),
        rows=rows,
        checks=budget_service.check_bases(rows),
        more=("budget_percentages", "budget_bases"),
        titles=TITLES,
        lines=LINES,
        basis_labels=BASIS_LABELS,
        lower_first=lower_first,
    )
