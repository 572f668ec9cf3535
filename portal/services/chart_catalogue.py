"""Assemble charts: fetch published rows (services.chart_queries), hand them to the pure chart functions."""

from __future__ import annotations

from collections.abc import Callable

from portal.charts import activity, reception, voters
from portal.charts import budget as budget_charts
from portal.charts import councils as council_charts
from portal.charts.base import Chart
from portal.charts.export import figure_json
from portal.charts.svg import WIDTHS, render
from portal.charts.words import current
from portal.services import budget, chart_queries
from portal.services.data_version import per_version
from portal.vocabulary import N_, translate

BUILDERS: dict[str, Callable[[], Chart]] = {
    "sessions": lambda: activity.sessions(chart_queries.session_rows()),
    "questioning": lambda: activity.questioning(
        chart_queries.session_rows(),
        chart_queries.activity_rows(("questioning", "clarification")),
    ),
    "supervision": lambda: activity.supervision(
        chart_queries.activity_rows(chart_queries.SUPERVISION_SUBJECTS)
    ),
    "supervision_listed": lambda: activity.supervision_listed(chart_queries.supervision_rows()),
    "voter_funnel": lambda: voters.voter_funnel(chart_queries.round_rows()),
    "petition_outcomes": lambda: voters.petition_outcomes(chart_queries.outcome_rows()),
    "reception": lambda: reception.reception(chart_queries.reception_rows()),
    "letters": lambda: reception.letters(chart_queries.letter_rows()),
    "budget_amounts": lambda: budget_charts.budget_amounts(chart_queries.budget_rows()),
    "budget_percentages": lambda: budget_charts.budget_percentages(chart_queries.budget_rows()),
    "budget_bases": lambda: _budget_bases(),
    "councils": lambda: _councils(),
}

# Which page each chart belongs to, in page order (the first of a page is drawn above the fold).
PAGES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "statistics": (
        (N_("Kỳ họp"), ("sessions", "questioning")),
        (N_("Giám sát, kiểm tra"), ("supervision", "supervision_listed")),
        (N_("Tiếp xúc cử tri và kiến nghị"), ("voter_funnel", "petition_outcomes")),
        (N_("Tiếp công dân và đơn thư"), ("letters", "reception")),
    ),
    "budget": ((N_("Ngân sách"), ("budget_amounts", "budget_percentages", "budget_bases")),),
    "voter_meetings": ((N_("Tiếp xúc cử tri"), ("voter_funnel", "petition_outcomes")),),
    "reception": ((N_("Tiếp công dân"), ("letters", "reception")),),
}


def _councils() -> Chart:
    from portal.services.council_figures import chart_rows  # it reads the councils, which read queries

    return council_charts.councils_compared(chart_rows())


def _budget_bases() -> Chart:
    rows = chart_queries.budget_rows()
    return budget_charts.budget_bases(rows, budget.check_bases(rows))


@per_version("chart", by_language=True)
def build(name: str) -> Chart | None:
    """Build one chart from the published data, or None for an unknown name (cached per data version)."""
    builder = BUILDERS.get(name)
    return builder() if builder else None


@per_version("chart_json", by_language=True)
def chart_json(name: str) -> str:
    """The figure JSON of a built chart, safe inside a script element (cached per data version)."""
    return figure_json(build(name))


@per_version("chart_svg", by_language=True)
def chart_svg(name: str) -> str:
    """The chart drawn on the server at a phone's width and a wide one (cached per data version)."""
    chart = build(name)
    words = current()
    description = translate(N_("Số liệu ở bảng bên dưới."))
    return "".join(
        render(
            chart.plot, width, f"svg-{name}-{variant}", translate(chart.title), description, words, variant
        )
        for variant, width in WIDTHS.items()
    )


def page_of(name: str) -> str:
    """The page that shows a chart (statistics unless only the budget page does)."""
    return "budget" if name.startswith("budget") else "statistics"
