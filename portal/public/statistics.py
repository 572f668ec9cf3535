"""Activity charts (/statistics) and every chart as a lazily loaded fragment with its CSV."""

from __future__ import annotations

from flask import Response, abort, render_template
from markupsafe import Markup

from portal.charts import TITLES
from portal.charts.export import table_csv
from portal.htmx import render_page_or_fragment
from portal.public import bp
from portal.services import chart_catalogue


def chart_or_404(name: str):
    chart = chart_catalogue.build(name)
    if chart is None:
        abort(404)
    return chart


@bp.app_template_global()
def chart_json(chart) -> Markup:
    """The chart's figure JSON for a <script type="application/json"> block (already escaped)."""
    return Markup(chart_catalogue.chart_json(chart.name))


@bp.get("/statistics")
def statistics():
    sections = chart_catalogue.PAGES["statistics"]
    first = sections[0][1][0]
    return render_template(
        "public/statistics/index.html",
        sections=sections,
        titles=TITLES,
        first=chart_or_404(first),
    )


@bp.get("/statistics/charts/<name>")
def chart_fragment(name: str):
    chart = chart_or_404(name)
    return render_page_or_fragment(
        "public/charts/page.html",
        "public/charts/_chart.html",
        chart=chart,
        parent=chart_catalogue.page_of(name),
    )


@bp.get("/statistics/charts/<name>.csv")
def chart_csv(name: str):
    chart = chart_or_404(name)
    return Response(
        table_csv(chart.table),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="bieu-do-{name}.csv"'},
    )


@bp.app_template_global("chart_title")
def chart_title(name: str) -> str:
    """The title of a chart, for pages that embed it lazily."""
    return TITLES[name]
