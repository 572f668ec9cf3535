"""A chart's table as CSV (UTF-8 with BOM, so Excel shows Vietnamese) and its figure as JSON."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from portal.charts.base import Chart, Table


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def table_csv(table: Table) -> bytes:
    """The table's rows as CSV: machine-readable numbers (dot decimal, no grouping), BOM first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell(row.get(c.key)) for c in table.columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def figure_json(chart: Chart) -> str:
    """The figure as JSON safe inside <script type="application/json"> (no '</script>' possible)."""
    return chart.figure.to_json().translate(_SCRIPT_SAFE)
