"""Activity charts (/statistics), and every chart as its own page or fragment with its CSV and figure."""

from __future__ import annotations

from flask import Response, abort, render_template
from markupsafe import Markup

from portal.charts import TITLES
from portal.charts.export import table_csv
from portal.downloads import file_download
from portal.htmx import render_page_or_fragment
from portal.public import bp
from portal.services import chart_catalogue


def chart_or_404(name: str):
    chart = chart_catalogue.build(name)
    if chart is None:
        abort(404)
    return chart


@bp.app_template_global()
def chart_svg(chart) -> Markup:
    """The chart drawn on the server as SVG, a phone and a wide drawing (already escaped)."""
    return Markup(chart_catalogue.chart_svg(chart.name))


@bp.app_template_global("chart_named")
def chart_named(name: str):
    """A chart of the catalogue, for pages that show it inline."""
    return chart_or_404(name)


@bp.get("/statistics")
def statistics():
    sections = chart_catalogue.PAGES["statistics"]
    # The first chart is drawn in the page; the others come in as the reader scrolls (the page's weight).
    return render_template(
        "public/statistics/index.html", sections=sections, titles=TITLES, first=sections[0][1][0]
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


@bp.get("/statistics/charts/<name>.json")
def chart_figure(name: str):
    """The interactive figure of a chart, fetched when a reader points at, taps or focuses the drawing."""
    chart_or_404(name)
    return Response(chart_catalogue.chart_json(name), mimetype="application/json")


@bp.get("/statistics/charts/<name>.csv")
def chart_csv(name: str):
    chart = chart_or_404(name)
    return file_download(table_csv(chart.table), f"bieu-do-{name}.csv")


@bp.app_template_global("chart_title")
def chart_title(name: str) -> str:
    """The title of a chart, for pages that embed it lazily."""
    return TITLES[name]
