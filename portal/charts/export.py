"""A chart's table as CSV (UTF-8 with BOM, so Excel shows Vietnamese) and its figure as JSON."""

from __future__ import annotations

from portal import csvfile
from portal.charts.base import Chart, Table
from portal.charts.plot import Day, Join, Lower, Msg
from portal.charts.words import VIETNAMESE


def table_csv(table: Table) -> bytes:
    """The table's rows as CSV through the site's one writer (neutralised text, plain numbers); in Vietnamese
    whatever the page's language, so the open data's columns never change."""
    return csvfile.document(
        [VIETNAMESE.text(c.label) for c in table.columns],
        ([_cell(row.get(c.key)) for c in table.columns] for row in table.rows),
    )


def _cell(value):
    return VIETNAMESE.text(value) if isinstance(value, Msg | Join | Lower | Day) else value


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def figure_json(chart: Chart) -> str:
    """The figure as JSON safe inside <script type="application/json"> (no '</script>' possible)."""
    return chart.figure.to_json().translate(_SCRIPT_SAFE)
